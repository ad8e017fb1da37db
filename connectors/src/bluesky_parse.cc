#include "bluesky_parse.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <utility>

#include "connector_errors.h"
#include "heed/core/text.h"
#include "json_util.h"

namespace heed::connectors::bluesky {
namespace {

using json::Member;
using json::ObjectMember;
using json::Serialize;
using json::StringMember;
using json::Writer;
using rapidjson::Value;

constexpr std::string_view kPostCollection = "app.bsky.feed.post";

Status ItemError(size_t index, const std::string& uri, std::string_view what) {
  return ItemDataLoss("bluesky item", index, uri.substr(0, 200), what);
}

// "at://<did>/app.bsky.feed.post/<rkey>" -> rkey; empty when not a post uri.
std::string PostRkey(std::string_view uri) {
  if (!uri.starts_with("at://")) return "";
  std::string_view rest = uri.substr(5);
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos || slash == 0) return "";
  rest.remove_prefix(slash + 1);
  if (!rest.starts_with(kPostCollection) || rest.size() <= kPostCollection.size() + 1 ||
      rest[kPostCollection.size()] != '/') {
    return "";
  }
  std::string_view rkey = rest.substr(kPostCollection.size() + 1);
  if (rkey.find_first_of("/?#") != std::string_view::npos) return "";
  return std::string(rkey);
}

// Shared by notifications and postViews: both carry uri, cid, author, record, indexedAt.
// use_sort_at selects searchPosts' ordering (min(createdAt, indexedAt)).
Item ParsePostLike(const Value& v, size_t index, bool use_sort_at) {
  Item item;
  if (!v.IsObject()) {
    item.mention = ItemError(index, "", "item is not an object");
    return item;
  }
  std::string uri = StringMember(v, "uri").value_or("");
  std::optional<TimePoint> indexed_at = json::IsoTimeMember(v, "indexedAt");
  const Value* record = ObjectMember(v, "record");
  std::optional<TimePoint> created_at;
  if (record != nullptr) created_at = json::IsoTimeMember(*record, "createdAt");
  if (!uri.empty() && indexed_at) {
    TimePoint sort = *indexed_at;
    if (use_sort_at && created_at && *created_at < sort) sort = *created_at;
    item.key = walk::Key{walk::SortKeyFromMillis(ToUnixMillis(sort)), uri};
  }
  if (uri.empty()) {
    item.mention = ItemError(index, uri, "field 'uri' missing or not a string");
    return item;
  }
  if (!indexed_at) {
    item.mention = ItemError(index, uri, "field 'indexedAt' missing or not ISO-8601");
    return item;
  }
  std::string rkey = PostRkey(uri);
  if (rkey.empty()) {
    item.mention = ItemError(index, uri, "field 'uri' is not an app.bsky.feed.post at:// uri");
    return item;
  }
  if (!StringMember(v, "cid").has_value()) {
    item.mention = ItemError(index, uri, "field 'cid' missing or not a string");
    return item;
  }
  if (record == nullptr) {
    item.mention = ItemError(index, uri, "field 'record' missing or not an object");
    return item;
  }
  auto text = StringMember(*record, "text");
  if (!text) {
    item.mention = ItemError(index, uri, "field 'record.text' missing or not a string");
    return item;
  }
  const Value* author = ObjectMember(v, "author");
  if (author == nullptr) {
    item.mention = ItemError(index, uri, "field 'author' missing or not an object");
    return item;
  }
  auto did = StringMember(*author, "did");
  if (!did || did->empty()) {
    item.mention = ItemError(index, uri, "field 'author.did' missing or not a string");
    return item;
  }
  Mention m;
  m.platform = "bluesky";
  m.remote_id = uri;
  m.author.id = *did;
  m.author.handle = StringMember(*author, "handle").value_or("");
  if (m.author.handle.empty() || m.author.handle == "handle.invalid") m.author.handle = *did;
  m.author.display_name = StringMember(*author, "displayName").value_or("");
  m.author.profile_url = "https://bsky.app/profile/" + m.author.handle;
  m.text = std::move(*text);
  if (const Value* langs = Member(*record, "langs"); langs && langs->IsArray()) {
    if (langs->Size() > 0 && (*langs)[0].IsString()) {
      m.language =
          SanitizeUtf8(std::string_view((*langs)[0].GetString(), (*langs)[0].GetStringLength()));
    }
  }
  m.url = PostPermalink(m.author.handle, uri);
  m.created_at = created_at ? *created_at : *indexed_at;
  if (const Value* reply = ObjectMember(*record, "reply")) {
    if (const Value* parent = ObjectMember(*reply, "parent")) {
      m.parent_id = StringMember(*parent, "uri").value_or("");
    }
    if (const Value* root = ObjectMember(*reply, "root")) {
      m.thread_id = StringMember(*root, "uri").value_or("");
    }
  }
  m.raw_json = Serialize(v);
  item.mention = std::move(m);
  return item;
}

Item ParseNotification(const Value& v, size_t index) {
  Item item = ParsePostLike(v, index, /*use_sort_at=*/false);
  auto reason = StringMember(v, "reason");
  if (v.IsObject() && reason && *reason != "mention" && *reason != "reply" && *reason != "quote") {
    item.skipped = true;
    return item;
  }
  if (item.mention.ok() && !reason) {
    item.mention = ItemError(index, item.mention->remote_id, "field 'reason' missing");
  }
  return item;
}

std::string CursorOf(const Value& doc) {
  auto cursor = StringMember(doc, "cursor");
  return cursor.value_or("");
}

}  // namespace

Result<ListPage> ParseNotifications(std::string_view body) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
  const Value* list = Member(doc, "notifications");
  if (list == nullptr || !list->IsArray()) {
    return Status::DataLoss(
        "listNotifications response is not an object with a "
        "'notifications' array");
  }
  ListPage page;
  page.cursor = CursorOf(doc);
  for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
    page.items.push_back(ParseNotification((*list)[i], i));
  }
  return page;
}

Result<ListPage> ParseSearchPosts(std::string_view body) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
  const Value* list = Member(doc, "posts");
  if (list == nullptr || !list->IsArray()) {
    return Status::DataLoss("searchPosts response is not an object with a 'posts' array");
  }
  ListPage page;
  page.cursor = CursorOf(doc);
  for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
    page.items.push_back(ParsePostLike((*list)[i], i, /*use_sort_at=*/true));
  }
  return page;
}

std::string XrpcError::ToString() const {
  if (error.empty()) return message;
  if (message.empty()) return error;
  return error + ": " + message;
}

XrpcError ParseXrpcError(std::string_view body) {
  XrpcError e;
  if (body.size() > 64 * 1024) return e;
  Result<rapidjson::Document> doc = json::Parse(body);
  if (!doc.ok() || !doc->IsObject()) return e;
  e.error = json::ClipMessage(StringMember(*doc, "error").value_or(""));
  e.message = json::ClipMessage(StringMember(*doc, "message").value_or(""));
  return e;
}

std::string BuildCreateSessionBody(std::string_view identifier, std::string_view password) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("identifier");
  json::PutString(w, identifier);
  w.Key("password");
  json::PutString(w, password);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

Result<Session> ParseSession(std::string_view body) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
  Session s;
  s.access_jwt = StringMember(doc, "accessJwt").value_or("");
  s.did = StringMember(doc, "did").value_or("");
  s.handle = StringMember(doc, "handle").value_or("");
  if (s.access_jwt.empty() || s.did.empty()) {
    return Status::DataLoss("createSession response has no string 'accessJwt' and 'did'");
  }
  return s;
}

Result<ReplyRefs> ReplyRefsFromRaw(std::string_view raw_json) {
  Result<rapidjson::Document> doc = json::Parse(raw_json);
  if (!doc.ok() || !doc->IsObject()) {
    return Status::InvalidArgument("the stored raw_json is not a Bluesky item object");
  }
  ReplyRefs refs;
  refs.parent.uri = StringMember(*doc, "uri").value_or("");
  refs.parent.cid = StringMember(*doc, "cid").value_or("");
  if (refs.parent.uri.empty() || refs.parent.cid.empty()) {
    return Status::InvalidArgument("the stored raw_json has no 'uri' and 'cid' to reply to");
  }
  refs.root = refs.parent;
  if (const Value* record = ObjectMember(*doc, "record")) {
    if (const Value* reply = ObjectMember(*record, "reply")) {
      if (const Value* root = ObjectMember(*reply, "root")) {
        auto uri = StringMember(*root, "uri");
        auto cid = StringMember(*root, "cid");
        if (uri && cid && !uri->empty() && !cid->empty()) refs.root = {*uri, *cid};
      }
    }
  }
  return refs;
}

std::string BuildReplyRecordBody(std::string_view repo_did, std::string_view rkey,
                                 std::string_view text, std::string_view created_at,
                                 std::string_view language, const ReplyRefs& refs) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  auto ref = [&](const char* name, const StrongRef& r) {
    w.Key(name);
    w.StartObject();
    w.Key("uri");
    json::PutString(w, r.uri);
    w.Key("cid");
    json::PutString(w, r.cid);
    w.EndObject();
  };
  w.StartObject();
  w.Key("repo");
  json::PutString(w, repo_did);
  w.Key("collection");
  json::PutString(w, kPostCollection);
  if (!rkey.empty()) {
    w.Key("rkey");
    json::PutString(w, rkey);
  }
  w.Key("record");
  w.StartObject();
  w.Key("$type");
  json::PutString(w, kPostCollection);
  w.Key("text");
  json::PutString(w, text);
  w.Key("createdAt");
  json::PutString(w, created_at);
  if (!language.empty()) {
    w.Key("langs");
    w.StartArray();
    json::PutString(w, language);
    w.EndArray();
  }
  w.Key("reply");
  w.StartObject();
  ref("root", refs.root);
  ref("parent", refs.parent);
  w.EndObject();
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

Result<StrongRef> ParseCreatedRecord(std::string_view body) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
  StrongRef ref;
  ref.uri = StringMember(doc, "uri").value_or("");
  ref.cid = StringMember(doc, "cid").value_or("");
  if (ref.uri.empty()) return Status::DataLoss("createRecord response has no string 'uri'");
  return ref;
}

std::string PostPermalink(std::string_view handle, std::string_view uri) {
  std::string rkey = PostRkey(uri);
  if (rkey.empty()) return "";
  std::string who(handle);
  if (who.empty()) {
    std::string_view rest = uri.substr(5);
    who = std::string(rest.substr(0, rest.find('/')));
  }
  return "https://bsky.app/profile/" + who + "/post/" + rkey;
}

}  // namespace heed::connectors::bluesky
