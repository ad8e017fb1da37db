#include "google_business_parse.h"

#include <utility>

#include "connector_errors.h"
#include "connector_text.h"
#include "heed/core/clock.h"
#include "heed/core/text.h"
#include "json_util.h"

namespace heed::connectors::google_business {
namespace {

using google::IntMember;
using json::Member;
using json::StringMember;
using rapidjson::Value;

constexpr size_t kMaxItemsPerPage = 1000;
constexpr std::string_view kTranslated = "(Translated by Google)";
constexpr std::string_view kOriginal = "(Original)";

bool IsIdSegment(std::string_view s) {
  if (s.empty() || s.size() > 256) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// Splits "a/b/c" into segments; matches against want ("*" = an id segment).
bool MatchesPattern(std::string_view name, std::initializer_list<std::string_view> want) {
  size_t start = 0;
  size_t i = 0;
  for (std::string_view w : want) {
    if (start > name.size()) return false;
    size_t slash = name.find('/', start);
    std::string_view seg = name.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (w == "*" ? !IsIdSegment(seg) : seg != w) return false;
    ++i;
    start = slash == std::string_view::npos ? name.size() + 1 : slash + 1;
    if (i == want.size()) return slash == std::string_view::npos;
  }
  return false;
}

// "accounts/A/locations/L/reviews/R" -> "L" and "R" (the 4th and 6th segments).
std::string Segment(std::string_view name, int index) {
  size_t start = 0;
  for (int i = 0; i < index; ++i) {
    size_t slash = name.find('/', start);
    if (slash == std::string_view::npos) return {};
    start = slash + 1;
  }
  size_t end = name.find('/', start);
  return std::string(name.substr(start, end == std::string_view::npos ? end : end - start));
}

// A time member as a TimePoint; nullopt when absent; an error when present but not ISO-8601.
Result<std::optional<TimePoint>> TimeMember(const Value& v, const char* name,
                                            const ItemContext& ctx) {
  const Value* m = Member(v, name);
  if (m == nullptr || m->IsNull()) return std::optional<TimePoint>();
  auto s = StringMember(v, name);
  if (!s) return ctx.Error(std::string("field '") + name + "' is not a string");
  Result<TimePoint> t = ParseIso8601(*s);
  if (!t.ok()) return ctx.Error(std::string("field '") + name + "': " + t.status().message());
  return std::optional<TimePoint>(*t);
}

google::PageItem ParseReview(const Value& v, size_t index, const ParseOptions& options) {
  google::PageItem item;
  std::string name = StringMember(v, "name").value_or("");
  std::string review_id = StringMember(v, "reviewId").value_or("");
  if (name.empty() && IsIdSegment(review_id) && IsLocationName(options.location_name)) {
    name = options.location_name + "/reviews/" + review_id;
  }
  ItemContext ctx("google_business review", index, ForTerminal(name.substr(0, 200)));
  if (!v.IsObject()) {
    item.mention = ctx.Error("review is not an object");
    return item;
  }
  if (!IsReviewName(name)) {
    item.mention = ctx.Error("field 'name' missing or not accounts/A/locations/L/reviews/R");
    return item;
  }
  Result<std::optional<TimePoint>> created = TimeMember(v, "createTime", ctx);
  Result<std::optional<TimePoint>> updated = TimeMember(v, "updateTime", ctx);
  if (!created.ok() || !updated.ok()) {
    item.mention = created.ok() ? updated.status() : created.status();
    return item;
  }
  std::optional<TimePoint> update_time = updated->has_value() ? *updated : *created;
  if (!update_time) {
    item.mention = ctx.Error("fields 'createTime' and 'updateTime' both missing");
    return item;
  }
  item.id = name;
  item.key = ToUnixMillis(*update_time);

  Mention m;
  m.platform = kPlatform;
  m.remote_id = name;
  m.created_at = created->has_value() ? **created : *update_time;

  const Value* comment = Member(v, "comment");
  if (comment != nullptr && !comment->IsNull() && !comment->IsString()) {
    item.mention = ctx.Error("field 'comment' is not a string");
    return item;
  }
  m.text = OriginalText(StringMember(v, "comment").value_or(""));

  const Value* stars = Member(v, "starRating");
  if (stars != nullptr && !stars->IsNull()) {
    auto s = StringMember(v, "starRating");
    if (!s) {
      item.mention = ctx.Error("field 'starRating' is not a string");
      return item;
    }
    m.rating = StarRatingValue(*s);  // STAR_RATING_UNSPECIFIED: no rating
  }

  const Value* reviewer = Member(v, "reviewer");
  if (reviewer != nullptr && !reviewer->IsNull() && !reviewer->IsObject()) {
    item.mention = ctx.Error("field 'reviewer' is not an object");
    return item;
  }
  bool anonymous = false;
  if (reviewer != nullptr && reviewer->IsObject()) {
    m.author.display_name = TrimWhitespace(StringMember(*reviewer, "displayName").value_or(""));
    const Value* anon = Member(*reviewer, "isAnonymous");
    anonymous = anon != nullptr && anon->IsBool() && anon->GetBool();
  }
  m.author.handle =
      anonymous || m.author.display_name.empty() ? "anonymous" : m.author.display_name;

  const Value* reply = Member(v, "reviewReply");
  if (reply != nullptr && !reply->IsNull()) {
    if (!reply->IsObject()) {
      item.mention = ctx.Error("field 'reviewReply' is not an object");
      return item;
    }
    m.owner_reply = TrimWhitespace(StringMember(*reply, "comment").value_or(""));
  }

  m.url = "https://business.google.com/reviews?location=" + UrlEncode(Segment(name, 3)) +
          "&review=" + UrlEncode(Segment(name, 5));
  m.raw_json = json::Serialize(v);
  item.mention = std::move(m);
  return item;
}

// A Google error envelope in a 2xx body, mapped; OK when doc is not one.
Status ErrorInBody(const Value& doc, std::string_view body) {
  const Value* error = Member(doc, "error");
  if (error == nullptr || !error->IsObject()) return Status::Ok();
  return google::StatusFromGoogleError(200, google::ParseGoogleError(body),
                                       "google_business response", std::nullopt);
}

}  // namespace

bool IsReviewName(std::string_view name) {
  return MatchesPattern(name, {"accounts", "*", "locations", "*", "reviews", "*"});
}

bool IsLocationName(std::string_view name) {
  return MatchesPattern(name, {"accounts", "*", "locations", "*"});
}

std::optional<int> StarRatingValue(std::string_view rating) {
  static constexpr std::string_view kNames[] = {"ONE", "TWO", "THREE", "FOUR", "FIVE"};
  for (int i = 0; i < 5; ++i) {
    if (rating == kNames[i]) return i + 1;
  }
  return std::nullopt;
}

std::string OriginalText(std::string_view comment) {
  size_t translated = comment.find(kTranslated);
  if (translated == std::string_view::npos) return TrimWhitespace(comment);
  size_t original = comment.find(kOriginal, translated);
  if (original != std::string_view::npos) {
    return TrimWhitespace(comment.substr(original + kOriginal.size()));
  }
  if (translated > 0) return TrimWhitespace(comment.substr(0, translated));
  // Only the translation is there: keep it rather than lose the review's words.
  return TrimWhitespace(comment.substr(kTranslated.size()));
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
  const Value* token = Member(doc, "nextPageToken");
  if (token != nullptr && !token->IsNull() && !token->IsString()) {
    return Status::DataLoss("reviews response: 'nextPageToken' is not a string");
  }
  page.next_page_token = StringMember(doc, "nextPageToken").value_or("");
  return page;
}

Result<std::string> ParseCurrentReply(std::string_view body) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
  if (!doc.IsObject()) return Status::DataLoss("review response is not a JSON object");
  HEED_RETURN_IF_ERROR(ErrorInBody(doc, body));
  const Value* reply = Member(doc, "reviewReply");
  if (reply == nullptr || reply->IsNull()) return std::string();
  if (!reply->IsObject()) return Status::DataLoss("review response: 'reviewReply' is malformed");
  return TrimWhitespace(StringMember(*reply, "comment").value_or(""));
}

Status ParseReplyResponse(std::string_view body) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
  if (!doc.IsObject()) return Status::DataLoss("reply response is not a JSON object");
  HEED_RETURN_IF_ERROR(ErrorInBody(doc, body));
  // ReviewReply {comment, updateTime}; any JSON object in a 2xx answer means the reply was
  // accepted (calling it a failure would invite a second send).
  return Status::Ok();
}

std::string BuildReplyBody(std::string_view text) {
  return json::ObjectWithString("comment", text);
}

}  // namespace heed::connectors::google_business
