#include "instagram_parse.h"

#include <utility>

#include "connector_errors.h"
#include "graph_api.h"
#include "heed/core/text.h"
#include "json_util.h"

namespace heed::connectors::instagram {
namespace {

using graph::GraphErrorOf;
using graph::IsGraphId;
using graph::Paging;
using graph::PagingOf;
using graph::ParseGraphTime;
using graph::StatusFromGraph;
using graph::Usage;
using json::Member;
using json::Serialize;
using json::StringMember;
using rapidjson::Value;

constexpr std::string_view kProfileHost = "https://www.instagram.com/";

Status ItemError(std::string_view kind, size_t index, const std::string& id,
                 std::string_view what) {
  return ItemDataLoss("instagram " + std::string(kind), index, IdDetail(id), what);
}

Status EnvelopeError(const Value& doc) {
  std::optional<graph::GraphError> error = GraphErrorOf(doc);
  if (!error) return Status::Ok();
  return StatusFromGraph(200, "error in a 200 response", &*error, Usage{});
}

Result<const Value*> DataArray(const Value& doc, std::string_view what) {
  HEED_RETURN_IF_ERROR(EnvelopeError(doc));
  const Value* data = Member(doc, "data");
  if (data == nullptr || !data->IsArray()) {
    return Status::DataLoss(std::string(what) + " response is not an object with a 'data' array");
  }
  return data;
}

bool IsPlainId(std::string_view id) {
  return IsGraphId(id) && id.find('_') == std::string_view::npos;
}

// A handle is kept only when it looks like an Instagram username.
bool IsUsername(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

// Fills the key fields (id, timestamp) shared by comments and media. On failure item.mention
// holds the error and false is returned.
bool ParseKey(const Value& v, std::string_view kind, size_t index, Item* item, TimePoint* when) {
  if (!v.IsObject()) {
    item->mention = ItemError(kind, index, "", std::string(kind) + " is not an object");
    return false;
  }
  std::string id = StringMember(v, "id").value_or("");
  if (!IsPlainId(id)) {
    item->mention = ItemError(kind, index, "", "field 'id' missing or not a numeric id");
    return false;
  }
  auto stamp = StringMember(v, "timestamp");
  if (!stamp) {
    item->mention = ItemError(kind, index, id, "field 'timestamp' missing or not a string");
    return false;
  }
  Result<TimePoint> t = ParseGraphTime(*stamp);
  if (!t.ok() || ToUnixMillis(*t) < 1000) {
    item->mention = ItemError(
        kind, index, id,
        "field 'timestamp' is not a valid time: \"" + ForTerminal(stamp->substr(0, 40)) + "\"");
    return false;
  }
  item->id = id;
  item->seconds = ToUnixMillis(*t) / 1000;
  *when = *t;
  return true;
}

std::optional<std::string> TextField(const Value& v, const char* name, bool* bad) {
  const Value* f = Member(v, name);
  if (f == nullptr || f->IsNull()) return std::nullopt;
  if (!f->IsString()) {
    *bad = true;
    return std::nullopt;
  }
  return StringMember(v, name);
}

Item ParseComment(const Value& v, size_t index, const ParseOptions& options) {
  Item item;
  TimePoint when;
  if (!ParseKey(v, "comment", index, &item, &when)) return item;
  Mention m;
  m.platform = "instagram";
  m.remote_id = item.id;
  m.created_at = when;
  bool bad = false;
  m.text = TextField(v, "text", &bad).value_or("");
  if (bad) {
    item.mention = ItemError("comment", index, item.id, "field 'text' is not a string");
    return item;
  }
  const Value* from = Member(v, "from");
  const Value* user = Member(v, "user");
  std::string author_id = from != nullptr ? StringMember(*from, "id").value_or("") : "";
  std::string own_id = user != nullptr ? StringMember(*user, "id").value_or("") : "";
  if (!options.account_id.empty() &&
      (author_id == options.account_id || own_id == options.account_id)) {
    item.skipped = true;
    return item;
  }
  std::string username = StringMember(v, "username").value_or("");
  if (username.empty() && from != nullptr) username = StringMember(*from, "username").value_or("");
  m.author.id = author_id;
  if (IsUsername(username)) {
    m.author.handle = username;
    m.author.profile_url = std::string(kProfileHost) + username + "/";
  }
  std::string media_id = options.media_id;
  if (media_id.empty()) {
    const Value* media = Member(v, "media");
    if (media != nullptr) media_id = StringMember(*media, "id").value_or("");
  }
  m.thread_id = media_id;
  std::string parent = StringMember(v, "parent_id").value_or("");
  m.parent_id = parent.empty() ? media_id : parent;
  m.url = options.permalink;
  m.raw_json = Serialize(v);
  item.mention = std::move(m);
  return item;
}

Item ParseTaggedMedia(const Value& v, size_t index, const ParseOptions&) {
  Item item;
  TimePoint when;
  if (!ParseKey(v, "media", index, &item, &when)) return item;
  Mention m;
  m.platform = "instagram";
  m.remote_id = item.id;
  m.created_at = when;
  bool bad = false;
  m.text = TextField(v, "caption", &bad).value_or("");
  if (bad) {
    item.mention = ItemError("media", index, item.id, "field 'caption' is not a string");
    return item;
  }
  std::string username = StringMember(v, "username").value_or("");
  if (IsUsername(username)) {
    m.author.handle = username;
    m.author.profile_url = std::string(kProfileHost) + username + "/";
  }
  m.url = StringMember(v, "permalink").value_or("");
  // Without a permalink the owner's profile is the closest public page.
  if (m.url.empty())
    m.url = m.author.profile_url.empty() ? std::string(kProfileHost) : m.author.profile_url;
  m.raw_json = Serialize(v);
  item.mention = std::move(m);
  return item;
}

template <typename ParseOne>
Result<ItemPage> ParseItems(std::string_view body, std::string_view what,
                            const ParseOptions& options, ParseOne parse_one) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
  HEED_ASSIGN_OR_RETURN(const Value* data, DataArray(doc, what));
  ItemPage page;
  page.items.reserve(data->Size());
  for (rapidjson::SizeType i = 0; i < data->Size(); ++i) {
    page.items.push_back(parse_one((*data)[i], i, options));
  }
  Paging paging = PagingOf(doc);
  page.after = paging.after;
  page.has_next = paging.has_next;
  page.has_previous = paging.has_previous;
  return page;
}

}  // namespace

Result<MediaPage> ParseMediaList(std::string_view body) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
  HEED_ASSIGN_OR_RETURN(const Value* data, DataArray(doc, "media"));
  MediaPage page;
  for (const Value& v : data->GetArray()) {
    std::string id = StringMember(v, "id").value_or("");
    if (!IsPlainId(id)) {
      ++page.dropped;
      continue;
    }
    Media media{id, StringMember(v, "permalink").value_or(""), std::nullopt};
    const Value* count = Member(v, "comments_count");
    if (count != nullptr && count->IsInt()) media.comments_count = count->GetInt();
    page.media.push_back(std::move(media));
  }
  return page;
}

Result<ItemPage> ParseComments(std::string_view body, const ParseOptions& options) {
  return ParseItems(body, "comments", options, ParseComment);
}

Result<ItemPage> ParseTags(std::string_view body, const ParseOptions& options) {
  return ParseItems(body, "tags", options, ParseTaggedMedia);
}

Result<PostedReply> ParseCreated(std::string_view body, std::string url) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
  HEED_RETURN_IF_ERROR(EnvelopeError(doc));
  if (!doc.IsObject()) return Status::DataLoss("created comment is not a JSON object");
  auto id = StringMember(doc, "id");
  if (!id || !IsPlainId(*id)) return Status::DataLoss("created comment has no numeric 'id'");
  return PostedReply{*id, std::move(url)};
}

}  // namespace heed::connectors::instagram
