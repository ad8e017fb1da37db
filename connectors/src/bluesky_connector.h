// The Bluesky connector (AT Protocol XRPC via the account's PDS, e.g. https://bsky.social).
// See connector.h for the contract.
//
// Auth: config.account is the handle (or DID / email) and config.token an app password.
// POST /xrpc/com.atproto.server.createSession {identifier, password} gives an accessJwt that is
// cached and sent as "Authorization: Bearer <jwt>"; when a call answers ExpiredToken or
// InvalidToken (400/401) the session is created again once and the call repeated.
// (createSession is rate limited hard, 30/5 min, so the session is reused for the connector's
// lifetime.) Neither the app password nor the jwt ever appears in a returned message.
//
// Feeds:
//   "mentions"      GET /xrpc/app.bsky.notification.listNotifications?limit=N
//                   &reasons=mention&reasons=reply&reasons=quote[&cursor=C]
//                   Other reasons are skipped client-side as well (older servers ignore
//                   `reasons`). Order: indexedAt, newest first.
//   "search:QUERY"  GET /xrpc/app.bsky.feed.searchPosts?q=QUERY&sort=latest&limit=N[&cursor=C]
//                   Order: sortAt = min(createdAt, indexedAt), newest first. Best effort in the
//                   way search is (the index may lag), and Bluesky asks bulk monitors to use
//                   the firehose instead.
//
// Checkpoint: the walk described in newest_first_walk.h (newest page first, follow the cursor to
// older items until the previous walk's newest (indexedAt|sortAt, uri) is passed; a walk
// interrupted by a crash resumes from its stored cursor; the first walk reads at most
// capabilities().backfill_pages pages). remote_id is the post's at:// uri.
//
// Errors: XRPC envelope {"error","message"} mapped with StatusFromHttp; 429 uses Retry-After,
// else RateLimit-Reset (epoch seconds). An HTML or truncated 200 is kDataLoss.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "bluesky_parse.h"
#include "heed/connectors/connector.h"

namespace heed::connectors {

class BlueskyConnector final : public Connector {
 public:
  // kInvalidArgument for an unknown feed (lists the supported ones), an empty search query, a
  // missing account or app password, or a bad base_url.
  static Result<std::unique_ptr<BlueskyConnector>> Create(const ConnectorConfig& config,
                                                          HttpTransport& transport, Clock& clock);

  const std::string& name() const override { return config_.name; }
  const std::string& platform() const override { return platform_; }
  Capabilities capabilities() const override;

  Result<Page> FetchPage(const std::string& checkpoint) override;

  // POST /xrpc/com.atproto.repo.createRecord: an app.bsky.feed.post with reply{root, parent}
  // built from in_reply_to.raw_json (uri + cid; root from record.reply.root). Text at most 300
  // graphemes (kInvalidArgument otherwise, also for empty text). Idempotency: the record key is
  // a TID derived from request.idempotency_key (and the mention's time), so a retried send
  // names the same record; a PDS answer "already exists" is taken as success.
  Result<PostedReply> PostReply(const ReplyRequest& request) override;

 private:
  enum class FeedKind { kMentions, kSearch };

  BlueskyConnector(ConnectorConfig config, FeedKind kind, std::string query,
                   HttpTransport& transport, Clock& clock);

  std::string PageUrl(const std::string& cursor) const;
  HttpRequest NewRequest(std::string method, std::string url) const;
  std::string Context(const HttpRequest& request) const;
  Status ErrorFromResponse(const HttpRequest& request, const HttpResponse& response) const;
  Status TransportError(const HttpRequest& request, const Status& status) const;
  Status Scrub(Status status) const;
  // Creates the session when none is cached.
  Status EnsureSession();
  // Sends with the session's bearer token; re-creates the session once on an expired/invalid
  // token. The returned response may still be an HTTP error.
  Result<HttpResponse> SendAuthed(HttpRequest& request);

  const std::string platform_ = "bluesky";
  ConnectorConfig config_;
  FeedKind kind_;
  std::string query_;
  int limit_;
  HttpTransport& transport_;
  Clock& clock_;
  std::optional<bluesky::Session> session_;
};

}  // namespace heed::connectors
