#include "trustpilot_parse.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <utility>

#include "connector_errors.h"
#include "heed/core/clock.h"
#include "heed/core/text.h"
#include "json_util.h"
#include "link_header.h"

namespace heed::connectors::trustpilot {
namespace {

using json::Member;
using json::Serialize;
using json::StringMember;
using rapidjson::Value;

bool IsLanguageTag(std::string_view tag) {
  if (tag.empty() || tag.size() > 16) return false;
  for (char c : tag) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

Status ItemError(size_t index, const std::string& id, std::string_view what) {
  return ItemDataLoss("trustpilot review", index, IdDetail(id), what);
}

review_walk::Item ParseReview(const Value& v, size_t index) {
  review_walk::Item item;
  auto id = StringMember(v, "id");
  std::string shown = id && IsReviewId(*id) ? *id : "";
  auto fail = [&](std::string_view what) {
    item.mention = ItemError(index, shown, what);
    return std::move(item);
  };
  if (!v.IsObject()) return fail("review is not an object");
  if (shown.empty()) return fail("field 'id' missing or not a review id");
  auto created = StringMember(v, "createdAt");
  if (!created) return fail("field 'createdAt' missing or not a string");
  Result<TimePoint> created_at = ParseIso8601(*created);
  if (!created_at.ok()) return fail("field 'createdAt': " + created_at.status().message());
  item.key_ok = true;
  item.id = shown;
  item.created_at = *created_at;

  const Value* stars = Member(v, "stars");
  if (stars == nullptr || !stars->IsInt() || stars->GetInt() < 1 || stars->GetInt() > 5) {
    return fail("field 'stars' missing or not an integer 1..5");
  }
  const Value* consumer = Member(v, "consumer");
  if (consumer == nullptr || !consumer->IsObject()) {
    return fail("field 'consumer' missing or not an object");
  }
  Mention m;
  m.platform = "trustpilot";
  m.remote_id = shown;
  m.created_at = *created_at;
  m.rating = stars->GetInt();
  std::string title = StringMember(v, "title").value_or("");
  std::string text = StringMember(v, "text").value_or("");
  m.text = title.empty() ? text : (text.empty() ? title : title + "\n" + text);
  std::string language = StringMember(v, "language").value_or("");
  if (IsLanguageTag(language)) m.language = language;
  m.author.id = StringMember(*consumer, "id").value_or("");
  m.author.display_name = StringMember(*consumer, "displayName").value_or("");
  m.author.handle = m.author.display_name;
  if (IsReviewId(m.author.id)) {
    m.author.profile_url = "https://www.trustpilot.com/users/" + m.author.id;
  }
  m.url = ReviewUrl(shown);
  if (const Value* reply = Member(v, "companyReply"); reply != nullptr && reply->IsObject()) {
    m.owner_reply = StringMember(*reply, "text").value_or("");
  }
  m.raw_json = Serialize(v);
  item.mention = std::move(m);
  return item;
}

// (message, error code) of an error document; both empty when it is not one.
std::pair<std::string, std::string> ErrorOf(const Value& doc) {
  if (!doc.IsObject()) return {};
  if (const Value* fault = Member(doc, "fault"); fault != nullptr && fault->IsObject()) {
    std::string code;
    if (const Value* detail = Member(*fault, "detail")) {
      code = StringMember(*detail, "errorcode").value_or("");
    }
    std::string message = StringMember(*fault, "faultstring").value_or("");
    if (!code.empty()) message += message.empty() ? code : " (" + code + ")";
    return {json::ClipMessage(message), code};
  }
  if (const Value* errors = Member(doc, "errors"); errors != nullptr && errors->IsArray()) {
    for (const Value& e : errors->GetArray()) {
      if (auto m = StringMember(e, "message")) return {json::ClipMessage(*m), ""};
    }
  }
  std::string message = StringMember(doc, "message").value_or("");
  if (auto details = StringMember(doc, "details"); details && !details->empty()) {
    message += message.empty() ? *details : ": " + *details;
  }
  if (message.empty()) {
    message = StringMember(doc, "error_description").value_or("");
    if (message.empty()) message = StringMember(doc, "error").value_or("");
  }
  return {json::ClipMessage(message), ""};
}

// The `page` query parameter of href (1..10^7); nullopt when absent or not such a number.
std::optional<int> PageParam(std::string_view href) {
  const std::optional<std::string> digits = QueryParam(href, "page");
  if (!digits || digits->empty() || digits->size() > 7 ||
      digits->find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  int page = 0;
  for (char c : *digits) page = page * 10 + (c - '0');
  if (page < 1) return std::nullopt;
  return page;
}

}  // namespace

bool IsReviewId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

std::string ReviewUrl(std::string_view review_id) {
  return "https://www.trustpilot.com/reviews/" + std::string(review_id);
}

Result<ReviewsPage> ParseReviewsPage(std::string_view body, std::string_view context) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
  if (!doc.IsObject()) return Status::DataLoss("reviews response is not a JSON object");
  const Value* reviews = Member(doc, "reviews");
  if (reviews == nullptr || !reviews->IsArray()) {
    auto [message, code] = ErrorOf(doc);
    if (!message.empty()) {
      std::string full = std::string(context) + ": error in a 200 response: " + message;
      std::string lower = AsciiLower(code + " " + message);
      if (lower.find("apikey") != std::string::npos || lower.find("token") != std::string::npos ||
          lower.find("oauth") != std::string::npos) {
        return Status::Unauthenticated(std::move(full));
      }
      if (lower.find("quota") != std::string::npos || lower.find("spike") != std::string::npos ||
          lower.find("rate") != std::string::npos) {
        return Status::ResourceExhausted(std::move(full));
      }
      return Status::DataLoss(std::move(full));
    }
    return Status::DataLoss("reviews response has no 'reviews' array");
  }
  ReviewsPage page;
  page.items.reserve(reviews->Size());
  for (rapidjson::SizeType i = 0; i < reviews->Size(); ++i) {
    page.items.push_back(ParseReview((*reviews)[i], i));
  }
  if (const Value* links = Member(doc, "links"); links != nullptr && links->IsArray()) {
    bool next = false;
    std::optional<int> self, after_next, before_prev;
    for (const Value& link : links->GetArray()) {
      std::string rel = StringMember(link, "rel").value_or("");
      if (rel == "next-page") next = true;
      std::optional<int> linked = PageParam(StringMember(link, "href").value_or(""));
      if (!linked) continue;
      if (rel == "self") self = *linked;
      if (rel == "next-page") after_next = *linked - 1;
      if (rel == "prev-page") before_prev = *linked + 1;
    }
    page.has_next_link = next;
    page.linked_page = self ? self : after_next ? after_next : before_prev;
  }
  return page;
}

std::string ParseErrorMessage(std::string_view body) {
  if (body.size() > 64 * 1024) return "";
  Result<rapidjson::Document> doc = json::Parse(body);
  if (!doc.ok()) return "";
  return ErrorOf(*doc).first;
}

std::string BuildReplyBody(std::string_view text, std::string_view author_business_user_id) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  if (!author_business_user_id.empty()) {
    w.Key("authorBusinessUserId");
    json::PutString(w, author_business_user_id);
  }
  w.Key("message");
  json::PutString(w, text);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace heed::connectors::trustpilot
