// The YouTube Data API v3 connector for comment threads. See connector.h for the contract.
//
// Feeds:
//   "channel:CHANNEL_ID"  GET /youtube/v3/commentThreads?part=snippet,replies
//                         &allThreadsRelatedToChannelId=ID&order=time&maxResults=N[&pageToken=T]
//   "video:VIDEO_ID"      the same with videoId=ID.
// N is config.page_limit clamped to 1..100. Auth: "Authorization: Bearer <OAuth token>" (also
// needed to reply); the token is only put in that header and scrubbed from every message.
//
// Checkpoint (opaque; "hw=MS&ids=A,B&top=MS&tids=C&token=T", every part optional):
//   hw, ids    the high-water mark: every thread published before hw (ms since the epoch) is
//              stored, and so are the threads published exactly at hw whose ids are listed;
//   top, tids  the newest publishedAt seen by the walk in progress and the ids at that instant;
//   token      YouTube's nextPageToken for the rest of the walk in progress.
// YouTube has no "since" parameter. With order=time, threads come newest first, so a walk reads
// from the newest thread down until it meets a thread published before hw (or the last page);
// threads at exactly hw are recognised by id (publishedAt has one-second resolution, so several
// threads can share it). When the walk ends, the mark moves to (top, tids).
// Why it cannot skip: the mark only moves once a walk has read every thread newer than it, and
// pages are stored one transaction at a time with the token for the rest, so a restart continues
// the same walk; a thread published during a walk is newer than top and is read by the next walk.
// Why it cannot duplicate: threads at or below the mark are recognised (older by time, equal by
// id) and dropped, and so are threads at `top` that this walk already stored.
// Robustness: a nextPageToken equal to the one just used ends the run with an item error and
// restarts the walk from the newest thread next run (re-reading only what the store already has,
// never skipping); a 400 for a request that carried a token (expired token) does the same.
// Assumption (documented by YouTube for order=time, not verifiable offline): the order is by the
// top-level comment's publish time. Replies are not separate mentions.
// First run: no mark, so the walk reads the whole history, Capabilities::backfill_pages pages
// per run, resuming across runs.
//
// Errors: the Google envelope's reason decides: quotaExceeded/dailyLimitExceeded ->
// kResourceExhausted until the next midnight Pacific time (computed as UTC-8, never early);
// rateLimitExceeded/userRateLimitExceeded (403 or 429) -> kResourceExhausted, retry in 60 s or as
// Retry-After says; commentsDisabled -> kFailedPrecondition; keyInvalid/authError ->
// kUnauthenticated; everything else by HTTP status (StatusFromHttp).
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>

#include "heed/connectors/connector.h"
#include "youtube_parse.h"

namespace heed::connectors {

class YoutubeConnector final : public Connector {
 public:
  // Validates config.feed (kInvalidArgument for an unknown kind or a bad id) and base_url.
  static Result<std::unique_ptr<YoutubeConnector>> Create(const ConnectorConfig& config,
                                                          HttpTransport& transport, Clock& clock);

  const std::string& name() const override { return config_.name; }
  const std::string& platform() const override { return platform_; }
  Capabilities capabilities() const override;

  Result<Page> FetchPage(const std::string& checkpoint) override;

  // POST /youtube/v3/comments?part=snippet {"snippet": {"parentId": remote_id, "textOriginal"}}.
  // YouTube has no idempotency key; request.idempotency_key is not sent. The returned url is the
  // mention's url with lc= pointing at the new reply.
  Result<PostedReply> PostReply(const ReplyRequest& request) override;

  struct Checkpoint {
    std::optional<int64_t> hw;  // ms since the epoch
    std::set<std::string> ids;
    std::optional<int64_t> top;
    std::set<std::string> tids;
    std::string token;
    bool operator==(const Checkpoint&) const = default;
  };
  // kInvalidArgument when text is not a checkpoint this connector wrote.
  static Result<Checkpoint> ParseCheckpoint(const std::string& text);
  static std::string FormatCheckpoint(const Checkpoint& checkpoint);

 private:
  YoutubeConnector(ConnectorConfig config, std::string filter, HttpTransport& transport,
                   Clock& clock);

  std::string PageUrl(const std::string& token) const;
  HttpRequest NewRequest(std::string method, std::string url) const;
  std::string Context(const HttpRequest& request) const;
  Status ErrorFromResponse(const HttpRequest& request, const HttpResponse& response) const;
  Status TransportError(const HttpRequest& request, const Status& status) const;
  Status Scrub(Status status) const;

  const std::string platform_ = "youtube";
  ConnectorConfig config_;
  std::string filter_;  // "allThreadsRelatedToChannelId=ID" or "videoId=ID"
  int limit_;
  HttpTransport& transport_;
  Clock& clock_;
};

}  // namespace heed::connectors
