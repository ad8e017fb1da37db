// Bluesky (AT Protocol XRPC) JSON <-> heed values. The only code that touches RapidJSON for
// Bluesky. All input is untrusted: every type is checked before use; a malformed item becomes a
// per-item kDataLoss, a body that is not the expected JSON (HTML, truncated, wrong top-level
// type, nested deeper than 64) is kDataLoss for the page. Never throws or asserts.
//
// Mapping of a notification (listNotifications) or a postView (searchPosts) to a Mention:
//  - remote_id = uri ("at://<did>/app.bsky.feed.post/<rkey>"); the cid stays in raw_json, which
//    PostReply reads back (ReplyRefsFromRaw) to build the reply's strong refs.
//  - parent_id = record.reply.parent.uri, thread_id = record.reply.root.uri (both empty for a
//    root post).
//  - author = {did, handle, displayName, https://bsky.app/profile/<handle>}.
//  - text = record.text (plain text already); language = record.langs[0] (empty when absent).
//  - url = https://bsky.app/profile/<handle>/post/<rkey> (the did replaces a "handle.invalid").
//  - created_at = record.createdAt, else indexedAt (kDataLoss when neither is ISO-8601).
//  - raw_json = the whole item re-serialised, ill-formed UTF-8 replaced by U+FFFD.
//  - Notifications whose reason is not mention/reply/quote (likes, follows, reposts) are
//    skipped, not errors; they still have a key and move the walk.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heed/connectors/connector.h"
#include "heed/core/clock.h"
#include "heed/core/mention.h"
#include "heed/core/result.h"
#include "newest_first_walk.h"

namespace heed::connectors::bluesky {

struct Item {
  // The item's place in the listing's order: sort = indexedAt (notifications) or sortAt =
  // min(createdAt, indexedAt) (searchPosts, as the AppView sorts "latest") as 16-digit unix
  // millis; id = uri. nullopt when the uri or indexedAt is unusable.
  std::optional<walk::Key> key;
  bool skipped = false;  // a notification of another reason; neither a mention nor an error
  Result<Mention> mention = Status::DataLoss("item not parsed");
};

struct ListPage {
  std::vector<Item> items;
  std::string cursor;  // "" when the response has no (string) cursor
};

// GET app.bsky.notification.listNotifications: {notifications: [...], cursor?}.
Result<ListPage> ParseNotifications(std::string_view body);
// GET app.bsky.feed.searchPosts: {posts: [postView...], cursor?, hitsTotal?}.
Result<ListPage> ParseSearchPosts(std::string_view body);

// The XRPC error envelope {"error": "Name", "message": "..."}; both empty when the body is not
// one. Sanitised for terminals, message capped at 300 bytes.
struct XrpcError {
  std::string error;
  std::string message;
  std::string ToString() const;  // "Name: message", "Name", "message" or ""
};
XrpcError ParseXrpcError(std::string_view body);

// com.atproto.server.createSession.
std::string BuildCreateSessionBody(std::string_view identifier, std::string_view password);
struct Session {
  std::string access_jwt;
  std::string did;
  std::string handle;
};
// kDataLoss when accessJwt or did is missing.
Result<Session> ParseSession(std::string_view body);

struct StrongRef {
  std::string uri;
  std::string cid;
};
struct ReplyRefs {
  StrongRef root;
  StrongRef parent;
};
// From a Mention::raw_json written by this parser: parent = the item's {uri, cid}; root =
// record.reply.root when the item is itself a reply, else the parent. kInvalidArgument when the
// JSON lacks a uri or cid.
Result<ReplyRefs> ReplyRefsFromRaw(std::string_view raw_json);

// com.atproto.repo.createRecord body for a public reply post. language omitted when empty.
std::string BuildReplyRecordBody(std::string_view repo_did, std::string_view rkey,
                                 std::string_view text, std::string_view created_at,
                                 std::string_view language, const ReplyRefs& refs);
// createRecord output {uri, cid, ...}: kDataLoss without a string uri.
Result<StrongRef> ParseCreatedRecord(std::string_view body);

// "https://bsky.app/profile/<handle or did>/post/<rkey>" for an app.bsky.feed.post uri; empty
// when the uri is not one.
std::string PostPermalink(std::string_view handle, std::string_view uri);

}  // namespace heed::connectors::bluesky
