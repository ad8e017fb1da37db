// The Facebook Page comments connector (Graph API). See connector.h for the contract.
//
// Feed "page:PAGE_ID" (PAGE_ID: the numeric Page id): the comments, replies included, on the
// Page's most recent posts. Each FetchPage:
//   1. GET /v21.0/PAGE_ID/feed?fields=id,updated_time&limit=25 — the 25 most recent posts;
//   2. for each post whose updated_time (bumped by every new comment) is not older than the
//      checkpoint second - 1: GET /v21.0/POST_ID/comments?fields=id,message,created_time,
//      from{id,name},permalink_url,parent{id},is_hidden (read, never set),comment_count&
//      filter=stream&
//      order=chronological&limit=L&since=<checkpoint second - 1>, following cursors.after until
//      the post has yielded `page_limit` new comments, has no next page, or 4 pages were read;
//   3. merges the new comments of all posts, oldest (created_time, id) first, and returns the
//      first page_limit of them.
// Requests per FetchPage: at most 1 + 25 * 4, typically 1 + the posts with new activity.
//
// Checkpoint (graph::HighWater): "v1:<unix second>:<ids>" — the created_time second of the
// newest comment delivered and the ids delivered at that second. Why it neither skips nor
// duplicates across restarts:
//  - `since` = second - 1 makes the server return every comment created at or after the
//    checkpoint second whether Graph treats since as inclusive or exclusive; comments at the
//    checkpoint second already delivered are recognised by id and dropped.
//  - order=chronological + filter=stream returns each post's comments (replies flattened in)
//    oldest first, so the first page_limit new comments of each post include the post's share
//    of the globally oldest page_limit; a post cut short (page bound or a repeating cursor)
//    bounds the merge: nothing newer than the last comment read from it is taken this time.
//  - the checkpoint advances only over delivered comments (skipped and malformed-but-orderable
//    ones included) and is stored with them in one transaction, so a restart resumes exactly
//    after the last stored comment.
// order=chronological is used instead of reverse_chronological on purpose: newest-first pages
// cannot be checkpointed part-way without losing the older comments of the same window.
// First run (empty checkpoint): no `since`, history is read oldest first; the scanner bounds
// it with Capabilities::backfill_pages.
// Known limits: comments on posts older than the 25 most recent are not seen (Meta recommends
// the `feed` webhook for those); comments with no id or created_time cannot be ordered and are
// reported as item errors each time they are listed; a cursor that repeats stops that post and
// is reported (has_more=false when nothing could be taken).
//
// Auth: the Page access token in "Authorization: Bearer"; it never appears in URLs, and is
// scrubbed from every message. Errors: the Graph envelope {"error": {code, ...}} on any HTTP
// status (see graph::StatusFromGraph); an X-App-Usage / X-Business-Use-Case-Usage percentage of
// 100 or more on a read is kResourceExhausted with the estimated time to regain access.
#pragma once

#include <memory>
#include <string>

#include "facebook_parse.h"
#include "heed/connectors/connector.h"

namespace heed::connectors {

class FacebookConnector final : public Connector {
 public:
  // kInvalidArgument for a feed other than "page:<digits>" or a bad base_url.
  static Result<std::unique_ptr<FacebookConnector>> Create(const ConnectorConfig& config,
                                                           HttpTransport& transport, Clock& clock);

  const std::string& name() const override { return config_.name; }
  const std::string& platform() const override { return platform_; }
  Capabilities capabilities() const override;

  Result<Page> FetchPage(const std::string& checkpoint) override;

  // POST /v21.0/<remote_id>/comments?fields=id,permalink_url with form body message=<text>.
  // Graph has no idempotency key, so the POST is never retried by the transport (a retry could
  // double-post); kInvalidArgument for empty text, more than 8000 characters or a remote_id that
  // is not a Graph id. Replying to a reply attaches to its top-level comment (one level deep).
  Result<PostedReply> PostReply(const ReplyRequest& request) override;

 private:
  FacebookConnector(ConnectorConfig config, std::string page_id, HttpTransport& transport,
                    Clock& clock);

  // Sends request; a transport error, a non-2xx response or (for reads) an exhausted usage
  // header becomes the mapped Status.
  Result<HttpResponse> Send(const HttpRequest& request, bool is_read) const;
  HttpRequest NewRequest(std::string method, std::string url) const;
  std::string Context(const HttpRequest& request) const;
  std::string CommentsUrl(const std::string& post_id, int64_t since, int limit,
                          const std::string& after) const;

  const std::string platform_ = "facebook";
  ConnectorConfig config_;
  std::string page_id_;
  int limit_;
  HttpTransport& transport_;
  Clock& clock_;
};

}  // namespace heed::connectors
