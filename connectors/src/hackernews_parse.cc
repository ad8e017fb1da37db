#include "hackernews_parse.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <limits>
#include <utility>

#include "heed/core/clock.h"
#include "heed/core/text.h"
#include "html_text.h"
#include "http_errors.h"
#include "ids.h"
#include "json_util.h"

namespace heed::connectors::hackernews {
namespace {

using json::Member;
using json::Serialize;
using json::StringMember;
using rapidjson::Value;

constexpr size_t kMaxBodyBytes = 32 * 1024 * 1024;
constexpr char kItemUrl[] = "https://news.ycombinator.com/item?id=";
constexpr char kUserUrl[] = "https://news.ycombinator.com/user?id=";

Result<rapidjson::Document> ParseJson(std::string_view body) {
  if (body.size() > kMaxBodyBytes) {
    return Status::DataLoss("response larger than " + std::to_string(kMaxBodyBytes) + " bytes");
  }
  return json::Parse(body);
}

// An integer member, also accepted as a decimal string (objectID is a string, parent_id a
// number). nullopt when missing, not integral, or negative.
std::optional<int64_t> IntegerMember(const Value& object, const char* name) {
  const Value* v = Member(object, name);
  if (v == nullptr) return std::nullopt;
  if (v->IsInt64()) {
    int64_t n = v->GetInt64();
    return n >= 0 ? std::optional<int64_t>(n) : std::nullopt;
  }
  if (v->IsUint64()) return std::nullopt;  // past int64
  if (v->IsDouble()) {
    double d = v->GetDouble();
    if (d >= 0 && d < 9e15 && std::floor(d) == d) return static_cast<int64_t>(d);
    return std::nullopt;
  }
  if (v->IsString()) {
    std::string_view s(v->GetString(), v->GetStringLength());
    if (!IsDecimalId(s) || s.size() > 18) return std::nullopt;
    return std::stoll(std::string(s));
  }
  return std::nullopt;
}

// The id member as a decimal string, whether sent as a string or a number.
std::string IdMember(const Value& object, const char* name) {
  std::optional<int64_t> n = IntegerMember(object, name);
  return n ? std::to_string(*n) : "";
}

bool HasTag(const Value& hit, std::string_view tag) {
  const Value* tags = Member(hit, "_tags");
  if (tags == nullptr || !tags->IsArray()) return false;
  for (const Value& t : tags->GetArray()) {
    if (t.IsString() && std::string_view(t.GetString(), t.GetStringLength()) == tag) return true;
  }
  return false;
}

bool IsRemovedMarker(std::string_view text) {
  return text == "[deleted]" || text == "[dead]" || text == "[flagged]";
}

Hit ParseHit(const Value& v, size_t index) {
  Hit hit;
  hit.object_id = IdMember(v, "objectID");
  auto error = [&](std::string_view what) {
    std::string m = "hackernews hit " + std::to_string(index);
    if (!hit.object_id.empty()) m += " (objectID " + hit.object_id + ")";
    return Status::DataLoss(m + ": " + std::string(what));
  };
  if (!v.IsObject()) {
    hit.mention = error("hit is not an object");
    return hit;
  }
  // The timestamp first: it places the hit in the walk even when the rest is unusable.
  Mention m;
  std::optional<int64_t> epoch = IntegerMember(v, "created_at_i");
  // TimePoint counts milliseconds: seconds past +-INT64_MAX / 1000 would overflow. Not a time.
  constexpr int64_t kMaxEpochSeconds = std::numeric_limits<int64_t>::max() / 1000;
  if (epoch && (*epoch > kMaxEpochSeconds || *epoch < -kMaxEpochSeconds)) epoch.reset();
  std::optional<std::string> iso = StringMember(v, "created_at");
  std::optional<TimePoint> created;
  if (iso) {
    Result<TimePoint> parsed = ParseIso8601(*iso);
    if (parsed.ok()) created = *parsed;
  }
  if (!created && epoch) created = TimePoint(std::chrono::seconds(*epoch));
  if (created) {
    hit.created_at_i =
        epoch
            ? *epoch
            : std::chrono::duration_cast<std::chrono::seconds>(created->time_since_epoch()).count();
  }
  if (hit.object_id.empty()) {
    hit.mention = error("field 'objectID' missing or not a decimal id");
    return hit;
  }
  if (!created) {
    hit.mention = error("fields 'created_at'/'created_at_i' missing or not a timestamp");
    return hit;
  }
  m.platform = "hackernews";
  m.remote_id = hit.object_id;
  m.created_at = *created;
  m.url = kItemUrl + hit.object_id;

  auto author = StringMember(v, "author");
  if (!author || author->empty()) {
    hit.mention = error("field 'author' missing or not a string");
    return hit;
  }
  m.author.id = *author;
  m.author.handle = *author;
  m.author.profile_url = kUserUrl + *author;

  auto comment_text = StringMember(v, "comment_text");
  if (comment_text || HasTag(v, "comment")) {
    if (!comment_text) {
      hit.mention = error("comment without a string 'comment_text'");
      return hit;
    }
    m.text = HtmlToText(*comment_text);
    m.parent_id = IdMember(v, "parent_id");
    m.thread_id = IdMember(v, "story_id");
  } else {
    auto title = StringMember(v, "title");
    if (!title) {
      hit.mention = error("story without a string 'title' or 'comment_text'");
      return hit;
    }
    // Algolia sends titles as plain text; HtmlToText only decodes entities and trims here.
    std::string text = HtmlToText(*title);
    std::string link = StringMember(v, "url").value_or("");
    if (!link.empty()) text += "\n" + link;
    std::string body = HtmlToText(StringMember(v, "story_text").value_or(""));
    if (!body.empty()) text += "\n\n" + body;
    m.text = std::move(text);
  }
  m.removed_at_source = IsRemovedMarker(m.text);
  m.raw_json = Serialize(v);
  hit.mention = std::move(m);
  return hit;
}

int IntOr(const Value& doc, const char* name, int fallback) {
  std::optional<int64_t> n = IntegerMember(doc, name);
  return n && *n <= 1000000000 ? static_cast<int>(*n) : fallback;
}

}  // namespace

Result<SearchPage> ParseSearch(std::string_view body) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, ParseJson(body));
  if (!doc.IsObject()) return Status::DataLoss("search response is not a JSON object");
  const Value* hits = Member(doc, "hits");
  if (hits == nullptr || !hits->IsArray()) {
    auto message = StringMember(doc, "message");
    std::optional<int64_t> status = IntegerMember(doc, "status");
    if (message && status && *status >= 400 && *status <= 599) {
      return StatusFromHttp(static_cast<int>(*status), "hackernews search (error in a 200 body)",
                            ParseErrorMessage(body), std::nullopt);
    }
    return Status::DataLoss("search response has no 'hits' array");
  }
  SearchPage page;
  page.page = IntOr(doc, "page", 0);
  page.nb_pages = IntOr(doc, "nbPages", -1);
  page.hits_per_page = IntOr(doc, "hitsPerPage", -1);
  page.hits.reserve(hits->Size());
  for (rapidjson::SizeType i = 0; i < hits->Size(); ++i) {
    page.hits.push_back(ParseHit((*hits)[i], i));
  }
  return page;
}

std::string ParseErrorMessage(std::string_view body) {
  return json::ErrorBodyMessage(body, "message");
}

}  // namespace heed::connectors::hackernews
