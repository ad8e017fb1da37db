#include "mastodon_json.h"

namespace heed::sandbox {
namespace {

// {"automatic":[...],"manual":[],"current_user":"..."} as on quote_approval/feature_approval.
void WriteApproval(JsonWriter& w, std::string_view key, bool automatic_public,
                   std::string_view current_user) {
  WriteKey(w, key);
  w.StartObject();
  WriteKey(w, "automatic");
  w.StartArray();
  if (automatic_public) w.String("public");
  w.EndArray();
  WriteEmptyArray(w, "manual");
  WriteString(w, "current_user", current_user);
  w.EndObject();
}

}  // namespace

void WriteAccount(JsonWriter& w, const Account& a, const RenderContext& ctx) {
  w.StartObject();
  WriteString(w, "id", a.id);
  WriteString(w, "username", a.username);
  WriteString(w, "acct", a.acct);
  WriteString(w, "display_name", a.display_name);
  WriteBool(w, "locked", false);
  WriteBool(w, "bot", false);
  WriteBool(w, "discoverable", true);
  WriteBool(w, "indexable", true);
  WriteBool(w, "group", false);
  WriteString(w, "created_at", FormatIso8601(a.created_at));
  WriteString(w, "note", a.note);
  WriteString(w, "url", a.url);
  WriteString(w, "uri", a.uri);
  WriteString(w, "avatar", a.avatar);
  WriteString(w, "avatar_static", a.avatar);
  WriteString(w, "avatar_description", "");
  WriteString(w, "header", a.header);
  WriteString(w, "header_static", a.header);
  WriteString(w, "header_description", "");
  WriteInt(w, "followers_count", a.followers_count);
  WriteInt(w, "following_count", a.following_count);
  WriteInt(w, "statuses_count", a.statuses_count);
  WriteString(w, "last_status_at", ctx.today);
  WriteNull(w, "hide_collections");
  WriteBool(w, "show_media", true);
  WriteBool(w, "show_media_replies", true);
  WriteBool(w, "show_featured", true);
  WriteBool(w, "noindex", false);
  WriteApproval(w, "feature_approval", false, "denied");
  WriteEmptyArray(w, "emojis");
  if (a.local) WriteEmptyArray(w, "roles");  // Mastodon lists roles for local accounts only
  WriteEmptyArray(w, "fields");
  w.EndObject();
}

void WriteStatus(JsonWriter& w, const Post& p, const RenderContext& ctx) {
  w.StartObject();
  WriteString(w, "id", std::to_string(p.id));
  WriteString(w, "created_at", FormatIso8601(p.created_at));
  if (p.in_reply_to_id) {
    WriteString(w, "in_reply_to_id", std::to_string(*p.in_reply_to_id));
  } else {
    WriteNull(w, "in_reply_to_id");
  }
  WriteOptionalString(w, "in_reply_to_account_id", p.in_reply_to_account_id);
  WriteBool(w, "sensitive", p.sensitive);
  WriteString(w, "spoiler_text", p.spoiler_text);
  WriteString(w, "visibility", p.visibility);
  WriteOptionalString(w, "language", p.language);
  WriteString(w, "uri", p.uri);
  WriteString(w, "url", p.url);
  WriteInt(w, "replies_count", p.replies_count);
  WriteInt(w, "reblogs_count", p.reblogs_count);
  WriteInt(w, "favourites_count", p.favourites_count);
  WriteInt(w, "quotes_count", 0);
  WriteNull(w, "edited_at");
  WriteBool(w, "favourited", false);
  WriteBool(w, "reblogged", false);
  WriteBool(w, "muted", false);
  WriteBool(w, "bookmarked", false);
  if (p.account == kBrandAccount) WriteBool(w, "pinned", false);
  WriteString(w, "content", p.content);
  WriteEmptyArray(w, "filtered");
  WriteNull(w, "reblog");
  if (p.application) {
    WriteKey(w, "application");
    w.StartObject();
    WriteString(w, "name", *p.application);
    WriteNull(w, "website");
    w.EndObject();
  }
  WriteKey(w, "account");
  WriteAccount(w, ctx.accounts[p.account], ctx);
  WriteEmptyArray(w, "media_attachments");
  WriteKey(w, "mentions");
  w.StartArray();
  for (size_t index : p.mentions) {
    const Account& m = ctx.accounts[index];
    w.StartObject();
    WriteString(w, "id", m.id);
    WriteString(w, "username", m.username);
    WriteString(w, "url", m.url);
    WriteString(w, "acct", m.acct);
    w.EndObject();
  }
  w.EndArray();
  WriteKey(w, "tags");
  w.StartArray();
  for (const std::string& tag : p.tags) {
    w.StartObject();
    WriteString(w, "name", tag);
    WriteString(w, "url", ctx.base_url + "/tags/" + tag);
    w.EndObject();
  }
  w.EndArray();
  WriteEmptyArray(w, "emojis");
  WriteEmptyArray(w, "tagged_collections");
  WriteNull(w, "quote");
  WriteNull(w, "card");
  WriteNull(w, "poll");
  WriteApproval(w, "quote_approval", true, "automatic");
  w.EndObject();
}

void WriteNotification(JsonWriter& w, const Notification& n, const Post& status,
                       const RenderContext& ctx) {
  std::string id = std::to_string(n.id);
  w.StartObject();
  WriteString(w, "id", id);
  WriteString(w, "type", "mention");
  WriteString(w, "created_at", FormatIso8601(n.created_at));
  WriteString(w, "group_key", "ungrouped-" + id);
  WriteKey(w, "account");
  WriteAccount(w, ctx.accounts[n.account], ctx);
  WriteKey(w, "status");
  WriteStatus(w, status, ctx);
  w.EndObject();
}

std::string ErrorJson(std::string_view message) {
  return BuildJson([&](JsonWriter& w) {
    w.StartObject();
    WriteString(w, "error", message);
    w.EndObject();
  });
}

}  // namespace heed::sandbox
