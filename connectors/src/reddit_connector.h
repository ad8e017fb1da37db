// The Reddit connector (OAuth API, base_url https://oauth.reddit.com). See connector.h.
//
// Auth: config.token is an OAuth2 bearer token (obtained outside heed); sent as
// "Authorization: bearer <token>" with a descriptive User-Agent ("server:heed:0.1 (by /u/
// <account>)"), as Reddit requires. The token never appears in a returned message.
//
// Feeds (all newest first, `after=<fullname>` goes older; raw_json=1 so text is unescaped):
//   "mentions"        GET /message/mentions?limit=N&raw_json=1[&after=F]   (t1 comments)
//   "search:QUERY"    GET /search?q=QUERY&sort=new&type=link&limit=N&raw_json=1[&after=F]
//                     (Reddit search returns submissions, t3, never comments)
//   "subreddit:NAME"  GET /r/NAME/comments?limit=N&raw_json=1[&after=F]  (newest comments)
//
// Checkpoint: the walk of newest_first_walk.h with sort key = the base-36 id (Reddit ids are
// allocated in increasing order, so a newer item always has a greater id) and cursor = the
// listing's `after`. The alternative, polling with before=<newest fullname> as PRAW streams
// do, stalls forever when that item is deleted or removed (Reddit then answers an empty
// listing); comparing ids instead never depends on one item still existing.
//
// Errors: {"message","error"} bodies through StatusFromHttp; 429 waits for x-ratelimit-reset
// (seconds from now). POST /api/comment reports failures inside a 200 body
// (reddit_parse.h: ParseCommentResponse). An HTML or truncated 200 is kDataLoss.
#pragma once

#include <memory>
#include <string>

#include "heed/connectors/connector.h"
#include "reddit_parse.h"

namespace heed::connectors {

class RedditConnector final : public Connector {
 public:
  // kInvalidArgument for an unknown feed (lists the supported ones), an empty query, a bad
  // subreddit name, a missing token or a bad base_url.
  static Result<std::unique_ptr<RedditConnector>> Create(const ConnectorConfig& config,
                                                         HttpTransport& transport, Clock& clock);

  const std::string& name() const override { return config_.name; }
  const std::string& platform() const override { return platform_; }
  Capabilities capabilities() const override;

  Result<Page> FetchPage(const std::string& checkpoint) override;

  // POST /api/comment (form: api_type=json, raw_json=1, thing_id=<remote_id>, text). Reddit has
  // no idempotency key, so the request is not marked safe to retry (a retried POST could
  // double-post). Text must be non-empty and at most 10000 characters (kInvalidArgument).
  Result<PostedReply> PostReply(const ReplyRequest& request) override;

 private:
  enum class FeedKind { kMentions, kSearch, kSubreddit };

  RedditConnector(ConnectorConfig config, FeedKind kind, std::string arg, HttpTransport& transport,
                  Clock& clock);

  std::string PageUrl(const std::string& after) const;
  HttpRequest NewRequest(std::string method, std::string url) const;
  std::string Context(const HttpRequest& request) const;
  Status ErrorFromResponse(const HttpRequest& request, const HttpResponse& response) const;
  Status TransportError(const HttpRequest& request, const Status& status) const;
  Status Scrub(Status status) const;

  const std::string platform_ = "reddit";
  ConnectorConfig config_;
  FeedKind kind_;
  std::string arg_;  // query or subreddit name
  int limit_;
  HttpTransport& transport_;
  Clock& clock_;
};

}  // namespace heed::connectors
