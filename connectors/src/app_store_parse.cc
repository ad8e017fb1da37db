#include "app_store_parse.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <map>
#include <utility>

#include "connector_errors.h"
#include "heed/core/clock.h"
#include "heed/core/text.h"
#include "http_errors.h"
#include "json_util.h"
#include "link_header.h"

namespace heed::connectors::app_store {
namespace {

using json::Member;
using json::Serialize;
using json::StringMember;
using rapidjson::Value;

constexpr size_t kMaxIdBytes = 200;
constexpr size_t kMaxCursorBytes = 2048;

bool UsableId(const std::optional<std::string>& id) {
  if (!id || id->empty() || id->size() > kMaxIdBytes) return false;
  for (unsigned char c : *id) {
    if (c < 0x21 || c == 0x7f) return false;
  }
  return true;
}

// data.id of a to-one relationship object ({"data":{"type","id"}}), if any.
std::optional<std::string> RelatedId(const Value& resource, const char* relationship) {
  const Value* rels = Member(resource, "relationships");
  const Value* rel = rels ? Member(*rels, relationship) : nullptr;
  const Value* data = rel ? Member(*rel, "data") : nullptr;
  if (data == nullptr || !data->IsObject()) return std::nullopt;
  return StringMember(*data, "id");
}

Status ItemError(size_t index, const std::string& id, std::string_view what) {
  return ItemDataLoss("app_store review", index, IdDetail(id), what);
}

// response id -> responseBody, and review id -> responseBody, from "included".
struct Responses {
  std::map<std::string, std::string> by_id;
  std::map<std::string, std::string> by_review;
};

Responses IndexResponses(const Value& doc) {
  Responses out;
  const Value* included = Member(doc, "included");
  if (included == nullptr || !included->IsArray()) return out;
  for (const Value& r : included->GetArray()) {
    if (StringMember(r, "type").value_or("") != "customerReviewResponses") continue;
    const Value* attributes = Member(r, "attributes");
    if (attributes == nullptr) continue;
    auto body = StringMember(*attributes, "responseBody");
    if (!body) continue;
    if (auto id = StringMember(r, "id")) out.by_id[*id] = *body;
    if (auto review = RelatedId(r, "review")) out.by_review[*review] = *body;
  }
  return out;
}

review_walk::Item ParseReview(const Value& v, size_t index, std::string_view app_id,
                              const Responses& responses) {
  review_walk::Item item;
  auto id = StringMember(v, "id");
  std::string shown = UsableId(id) ? *id : "";
  auto fail = [&](std::string_view what) {
    item.mention = ItemError(index, shown, what);
    return std::move(item);
  };
  if (!v.IsObject()) return fail("resource is not an object");
  if (shown.empty()) return fail("field 'id' missing or not a usable id");
  const Value* attributes = Member(v, "attributes");
  if (attributes == nullptr || !attributes->IsObject()) {
    return fail("field 'attributes' missing or not an object");
  }
  auto created = StringMember(*attributes, "createdDate");
  if (!created) return fail("field 'attributes.createdDate' missing or not a string");
  Result<TimePoint> created_at = ParseIso8601(*created);
  if (!created_at.ok())
    return fail("field 'attributes.createdDate': " + created_at.status().message());
  item.key_ok = true;
  item.id = shown;
  item.created_at = *created_at;

  if (StringMember(v, "type").value_or("") != "customerReviews") {
    return fail("field 'type' is not \"customerReviews\"");
  }
  const Value* rating = Member(*attributes, "rating");
  if (rating == nullptr || !rating->IsInt() || rating->GetInt() < 1 || rating->GetInt() > 5) {
    return fail("field 'attributes.rating' missing or not an integer 1..5");
  }
  Mention m;
  m.platform = "app_store";
  m.remote_id = shown;
  m.created_at = *created_at;
  m.rating = rating->GetInt();
  std::string title = StringMember(*attributes, "title").value_or("");
  std::string body = StringMember(*attributes, "body").value_or("");
  m.text = title.empty() ? body : (body.empty() ? title : title + "\n" + body);
  std::string nickname = StringMember(*attributes, "reviewerNickname").value_or("");
  m.author.id = nickname;
  m.author.handle = nickname;
  m.author.display_name = nickname;
  m.url = AppReviewsUrl(app_id);
  if (auto response = RelatedId(v, "response")) {
    if (auto it = responses.by_id.find(*response); it != responses.by_id.end()) {
      m.owner_reply = it->second;
    }
  }
  if (m.owner_reply.empty()) {
    if (auto it = responses.by_review.find(shown); it != responses.by_review.end()) {
      m.owner_reply = it->second;
    }
  }
  m.raw_json = Serialize(v);
  item.mention = std::move(m);
  return item;
}

// The raw value of the `cursor` query parameter of url; nullopt when absent or unusable.
std::optional<std::string> CursorOf(std::string_view url) {
  std::optional<std::string> value = QueryParam(url, "cursor");
  if (!value || value->empty() || value->size() > kMaxCursorBytes) return std::nullopt;
  for (char c : *value) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.' || c == '~' || c == '%' || c == '+' || c == '=';
    if (!ok) return std::nullopt;
  }
  return value;
}

ApiError ErrorFrom(const Value& doc) {
  ApiError e;
  const Value* errors = Member(doc, "errors");
  if (errors == nullptr || !errors->IsArray() || errors->Empty()) return e;
  const Value& first = (*errors)[0];
  std::string status = StringMember(first, "status").value_or("");
  if (status.size() == 3 && status.find_first_not_of("0123456789") == std::string::npos) {
    e.status = std::stoi(status);
  }
  e.code = StringMember(first, "code").value_or("");
  std::string message = e.code;
  for (const char* field : {"title", "detail"}) {
    std::string part = StringMember(first, field).value_or("");
    if (part.empty()) continue;
    message += message.empty() ? part : ": " + part;
  }
  e.message = json::ClipMessage(std::move(message));
  return e;
}

}  // namespace

std::string AppReviewsUrl(std::string_view app_id) {
  return "https://apps.apple.com/app/id" + std::string(app_id) + "?see-all=reviews";
}

Result<ReviewsPage> ParseReviewsPage(std::string_view body, std::string_view app_id,
                                     std::string_view context) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
  if (!doc.IsObject()) return Status::DataLoss("customerReviews response is not a JSON object");
  const Value* data = Member(doc, "data");
  if (data == nullptr || !data->IsArray()) {
    ApiError error = ErrorFrom(doc);
    if (!error.message.empty()) {
      return StatusFromHttp(error.status >= 400 ? error.status : 500, context, error.message,
                            std::nullopt);
    }
    return Status::DataLoss("customerReviews response has no 'data' array");
  }
  ReviewsPage page;
  const Responses responses = IndexResponses(doc);
  page.items.reserve(data->Size());
  for (rapidjson::SizeType i = 0; i < data->Size(); ++i) {
    page.items.push_back(ParseReview((*data)[i], i, app_id, responses));
  }
  const Value* links = Member(doc, "links");
  const Value* next = links ? Member(*links, "next") : nullptr;
  if (next != nullptr && !next->IsNull()) {
    if (!next->IsString()) return Status::DataLoss("customerReviews 'links.next' is not a string");
    page.next_cursor = CursorOf(std::string_view(next->GetString(), next->GetStringLength()));
    if (!page.next_cursor) {
      return Status::DataLoss("customerReviews 'links.next' carries no usable cursor");
    }
  }
  return page;
}

ApiError ParseError(std::string_view body) {
  if (body.size() > 64 * 1024) return {};
  Result<rapidjson::Document> doc = json::Parse(body);
  if (!doc.ok()) return {};
  return ErrorFrom(*doc);
}

std::string BuildReplyBody(std::string_view review_id, std::string_view text) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  w.Key("data");
  w.StartObject();
  w.Key("type");
  w.String("customerReviewResponses");
  w.Key("attributes");
  w.StartObject();
  w.Key("responseBody");
  json::PutString(w, text);
  w.EndObject();
  w.Key("relationships");
  w.StartObject();
  w.Key("review");
  w.StartObject();
  w.Key("data");
  w.StartObject();
  w.Key("type");
  w.String("customerReviews");
  w.Key("id");
  json::PutString(w, review_id);
  w.EndObject();
  w.EndObject();
  w.EndObject();
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

Result<std::string> ParsePostedResponse(std::string_view body) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
  const Value* data = Member(doc, "data");
  if (data == nullptr || !data->IsObject()) {
    return Status::DataLoss("customerReviewResponses answer has no 'data' object");
  }
  auto id = StringMember(*data, "id");
  if (!UsableId(id)) return Status::DataLoss("customerReviewResponses answer has no usable 'id'");
  return *id;
}

}  // namespace heed::connectors::app_store
