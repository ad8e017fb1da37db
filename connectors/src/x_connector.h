// The X (Twitter) API v2 connector. See connector.h for the contract.
//
// Feeds (both request tweet.fields=created_at,lang,author_id,conversation_id,
// in_reply_to_user_id,referenced_tweets,note_tweet&expansions=author_id&user.fields=username,name):
//   "search:QUERY" GET /2/tweets/search/recent?query=QUERY&max_results=N (N clamped to 10..100)
//                  [&since_id=S][&next_token=T | &until_id=U]
//   "mentions"     GET /2/users/:id/mentions?max_results=N (N clamped to 5..100)
//                  [&since_id=S][&pagination_token=T | &until_id=U]
//                  :id is ConnectorConfig::account: the numeric user id, or a username ("acme" or
//                  "@acme") that is resolved once per connector with GET /2/users/by/username/:u.
// Auth: "Authorization: Bearer <token>" (an app-only bearer token reads; replying needs a user
// context token). The token is only ever put in that header and is scrubbed from every message.
//
// Checkpoint (opaque to callers; "since=S&top=N&until=U&token=T", every part optional; a bare
// decimal id is read as since=id):
//   since  every tweet with id <= S is stored (the newest id of the last completed walk);
//   top    the newest id seen by the walk in progress (becomes `since` when it completes);
//   until  the oldest id stored by the walk in progress;
//   token  X's next_token for the rest of the walk in progress.
// A "walk" reads the result set {id > S} newest first: the first request carries only since_id,
// later ones the same since_id plus the token X returned (X requires the other parameters to stay
// identical while paginating). When a page has no next_token the walk is complete and since
// becomes top.
// Why it cannot skip: X ids are time-ordered snowflakes and pages are strictly newest first, so
// after a stored page every unread tweet of the walk has an id in (S, until); the stored token
// (or, when the token is unusable, until_id=U with the same since_id) names exactly that
// remainder, and tweets posted during the walk have ids > top and are read by the next walk.
// Why it cannot duplicate across restarts: each page's checkpoint is stored in the same
// transaction as its mentions, so a restart resumes after the last stored page; ids <= S or >= U
// that a misbehaving server sends again are dropped (reported once as an item error).
// Robustness: a next_token equal to the one just used ends the run (has_more=false, one item
// error) and the walk continues next run by until_id; a 400 for a request that carried a token
// (expired token) drops the token and resumes by until_id; a 400 naming since_id (older than the
// 7-day search window) restarts from the newest tweets. Limitation (inherent to since_id
// polling): a tweet that X's search index exposes only after newer tweets were polled is missed.
// First run (no since): the walk reads back through the history X serves (7 days for search),
// Capabilities::backfill_pages pages per run, resuming across runs.
//
// Rate limits: 429 -> kResourceExhausted with retry_after from Retry-After or x-rate-limit-reset
// (epoch seconds). A usage cap (problem type .../usage-capped) is also kResourceExhausted.
#pragma once

#include <memory>
#include <string>

#include "heed/connectors/connector.h"
#include "x_parse.h"

namespace heed::connectors {

class XConnector final : public Connector {
 public:
  // Validates config.feed (kInvalidArgument for an unknown kind, an empty query or a mentions
  // feed without a usable account) and config.base_url. transport and clock must outlive it.
  static Result<std::unique_ptr<XConnector>> Create(const ConnectorConfig& config,
                                                    HttpTransport& transport, Clock& clock);

  const std::string& name() const override { return config_.name; }
  const std::string& platform() const override { return platform_; }
  Capabilities capabilities() const override;

  Result<Page> FetchPage(const std::string& checkpoint) override;

  // POST /2/tweets {"text", "reply": {"in_reply_to_tweet_id": remote_id}}. X has no idempotency
  // key, so request.idempotency_key is not sent (X itself refuses an identical text as duplicate
  // content with 403). kInvalidArgument for a non-decimal remote_id or blank text.
  Result<PostedReply> PostReply(const ReplyRequest& request) override;

  // The parsed checkpoint; exposed for tests.
  struct Checkpoint {
    std::string since;
    std::string top;
    std::string until;
    std::string token;
    bool operator==(const Checkpoint&) const = default;
  };
  // kInvalidArgument when text is not a checkpoint this connector wrote.
  static Result<Checkpoint> ParseCheckpoint(const std::string& text);
  static std::string FormatCheckpoint(const Checkpoint& checkpoint);

 private:
  enum class FeedKind { kSearch, kMentions };

  XConnector(ConnectorConfig config, FeedKind kind, std::string feed_arg, HttpTransport& transport,
             Clock& clock);

  // The mentions feed's numeric user id, resolving a username on first use.
  Result<std::string> UserId();
  std::string PageUrl(const std::string& user_id, const Checkpoint& cp) const;
  HttpRequest NewRequest(std::string method, std::string url) const;
  std::string Context(const HttpRequest& request) const;
  Status ErrorFromResponse(const HttpRequest& request, const HttpResponse& response) const;
  Status TransportError(const HttpRequest& request, const Status& status) const;
  Status Scrub(Status status) const;

  const std::string platform_ = "x";
  ConnectorConfig config_;
  FeedKind kind_;
  std::string feed_arg_;  // the search query
  std::string user_id_;   // mentions: numeric id, empty until resolved
  int limit_;
  HttpTransport& transport_;
  Clock& clock_;
};

}  // namespace heed::connectors
