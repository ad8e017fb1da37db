#include "google_play_parse.h"

#include <utility>

#include "connector_errors.h"
#include "connector_text.h"
#include "heed/core/clock.h"
#include "heed/core/text.h"
#include "json_util.h"

namespace heed::connectors::google_play {
namespace {

using google::IntMember;
using json::Member;
using json::StringMember;
using rapidjson::Value;

constexpr size_t kMaxItemsPerPage = 1000;
constexpr size_t kMaxComments = 100;
constexpr int64_t kNanosPerSecond = 1000000000;
// lastModified.seconds above this would overflow the nanosecond key (year 2262).
constexpr int64_t kMaxSeconds = 9000000000LL;

// {seconds: "123" | 123, nanos: 0..999999999} -> nanoseconds since the epoch.
std::optional<int64_t> TimestampNanos(const Value* v) {
  if (v == nullptr || !v->IsObject()) return std::nullopt;
  auto seconds = IntMember(*v, "seconds");
  if (!seconds || *seconds < 0 || *seconds > kMaxSeconds) return std::nullopt;
  int64_t nanos = 0;
  if (const Value* n = Member(*v, "nanos"); n != nullptr && !n->IsNull()) {
    auto parsed = IntMember(*v, "nanos");
    if (!parsed || *parsed < 0 || *parsed >= kNanosPerSecond) return std::nullopt;
    nanos = *parsed;
  }
  return *seconds * kNanosPerSecond + nanos;
}

google::PageItem ParseReview(const Value& v, size_t index, const ParseOptions& options) {
  google::PageItem item;
  std::string review_id = TrimWhitespace(StringMember(v, "reviewId").value_or(""));
  ItemContext ctx("google_play review", index, ForTerminal(review_id.substr(0, 200)));
  if (!v.IsObject()) {
    item.mention = ctx.Error("review is not an object");
    return item;
  }
  if (review_id.empty() || review_id.size() > 512) {
    item.mention = ctx.Error("field 'reviewId' missing or not a string");
    return item;
  }
  const Value* comments = Member(v, "comments");
  if (comments == nullptr || !comments->IsArray() || comments->Size() > kMaxComments) {
    item.mention = ctx.Error("field 'comments' missing or not an array");
    return item;
  }
  const Value* user = nullptr;
  const Value* developer = nullptr;
  for (const Value& c : comments->GetArray()) {
    if (const Value* u = Member(c, "userComment"); u != nullptr && u->IsObject() && !user) {
      user = u;
    }
    if (const Value* d = Member(c, "developerComment"); d != nullptr && d->IsObject()) {
      developer = d;
    }
  }
  if (user == nullptr) {
    item.mention = ctx.Error("no comments[].userComment object");
    return item;
  }
  std::optional<int64_t> key = TimestampNanos(Member(*user, "lastModified"));
  if (!key) {
    item.mention = ctx.Error("field 'userComment.lastModified' missing or malformed");
    return item;
  }
  item.id = review_id;
  item.key = key;

  Mention m;
  m.platform = kPlatform;
  m.remote_id = review_id;
  m.created_at = FromUnixMillis(*key / 1000000);

  const Value* text = Member(*user, "text");
  if (text != nullptr && !text->IsNull() && !text->IsString()) {
    item.mention = ctx.Error("field 'userComment.text' is not a string");
    return item;
  }
  std::string original = TrimWhitespace(StringMember(*user, "originalText").value_or(""));
  m.text = original.empty() ? TrimWhitespace(StringMember(*user, "text").value_or("")) : original;

  if (auto stars = IntMember(*user, "starRating"); stars && *stars >= 1 && *stars <= 5) {
    m.rating = static_cast<int>(*stars);
  }
  m.language = LanguageOf(StringMember(*user, "reviewerLanguage").value_or(""));

  std::string author = TrimWhitespace(StringMember(v, "authorName").value_or(""));
  m.author.display_name = author;
  m.author.handle = author;

  if (developer != nullptr)
    m.owner_reply = TrimWhitespace(StringMember(*developer, "text").value_or(""));

  m.url = "https://play.google.com/store/apps/details?id=" + UrlEncode(options.package_name) +
          "&reviewId=" + UrlEncode(review_id);
  m.raw_json = json::Serialize(v);
  item.mention = std::move(m);
  return item;
}

Status ErrorInBody(const Value& doc, std::string_view body) {
  const Value* error = Member(doc, "error");
  if (error == nullptr || !error->IsObject()) return Status::Ok();
  return google::StatusFromGoogleError(200, google::ParseGoogleError(body), "google_play response",
                                       std::nullopt);
}

}  // namespace

std::string LanguageOf(std::string_view tag) {
  size_t end = tag.find_first_of("_-");
  std::string_view primary = tag.substr(0, end);
  if (primary.size() < 2 || primary.size() > 3) return "";
  std::string out;
  for (char c : primary) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c < 'a' || c > 'z') return "";
    out.push_back(c);
  }
  return out;
}

bool IsPackageName(std::string_view name) {
  if (name.empty() || name.size() > 255 || name.front() == '.' || name.back() == '.') {
    return false;
  }
  char previous = '.';
  for (char c : name) {
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    bool digit = c >= '0' && c <= '9';
    if (!(letter || digit || c == '_' || c == '.')) return false;
    if (c == '.' && previous == '.') return false;
    if (previous == '.' && digit) return false;  // each part starts with a letter or '_'
    previous = c;
  }
  return true;
}

Result<ReviewsPage> ParseReviewsPage(std::string_view body, const ParseOptions& options) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
  if (!doc.IsObject()) return Status::DataLoss("reviews response is not a JSON object");
  HEED_RETURN_IF_ERROR(ErrorInBody(doc, body));
  ReviewsPage page;
  const Value* reviews = Member(doc, "reviews");
  if (reviews != nullptr && !reviews->IsNull()) {
    if (!reviews->IsArray()) return Status::DataLoss("reviews response: 'reviews' is not an array");
    if (reviews->Size() > kMaxItemsPerPage) {
      return Status::DataLoss("reviews response has " + std::to_string(reviews->Size()) +
                              " reviews, more than the " + std::to_string(kMaxItemsPerPage) +
                              " accepted per page");
    }
    for (rapidjson::SizeType i = 0; i < reviews->Size(); ++i) {
      page.items.push_back(ParseReview((*reviews)[i], i, options));
    }
  }
  const Value* paging = Member(doc, "tokenPagination");
  if (paging != nullptr && !paging->IsNull()) {
    if (!paging->IsObject()) {
      return Status::DataLoss("reviews response: 'tokenPagination' is not an object");
    }
    const Value* token = Member(*paging, "nextPageToken");
    if (token != nullptr && !token->IsNull() && !token->IsString()) {
      return Status::DataLoss("reviews response: 'nextPageToken' is not a string");
    }
    page.next_page_token = StringMember(*paging, "nextPageToken").value_or("");
  }
  return page;
}

Result<std::string> ParseCurrentReply(std::string_view body) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
  if (!doc.IsObject()) return Status::DataLoss("review response is not a JSON object");
  HEED_RETURN_IF_ERROR(ErrorInBody(doc, body));
  google::PageItem item = ParseReview(doc, 0, ParseOptions{});
  if (!item.mention.ok()) return item.mention.status();
  return item.mention->owner_reply;
}

Status ParseReplyResponse(std::string_view body) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
  if (!doc.IsObject()) return Status::DataLoss("reply response is not a JSON object");
  HEED_RETURN_IF_ERROR(ErrorInBody(doc, body));
  // The documented answer is {"result": {"replyText", "lastEdited"}}, but the shape is not
  // certain: any JSON object in a 2xx answer means the reply was accepted, and calling it a
  // failure would invite a second send.
  return Status::Ok();
}

std::string BuildReplyBody(std::string_view text) {
  return json::ObjectWithString("replyText", text);
}

}  // namespace heed::connectors::google_play
