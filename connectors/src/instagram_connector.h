// The Instagram connector (Instagram Graph API, business/creator accounts). See connector.h.
//
// Feeds (IG_USER_ID: the numeric Instagram user id of the business account):
//   "account:IG_USER_ID"  top-level comments on the account's 25 most recent media:
//       GET /v21.0/IG_USER_ID/media?fields=id,permalink,timestamp,comments_count&limit=25, then
//       for each media with comments: GET /v21.0/MEDIA_ID/comments?fields=id,text,timestamp,
//       username,from,like_count,parent_id&limit=L (newest first, cursors.after).
//   "mentions:IG_USER_ID" media the account is tagged in:
//       GET /v21.0/IG_USER_ID/tags?fields=id,caption,permalink,timestamp,username,media_type&
//       limit=L (newest first, cursors.after).
//
// Checkpoint (graph::HighWater, shared with facebook): "v1:<unix second>:<ids>" — the timestamp
// second of the newest item delivered and the ids delivered at that second. Instagram has no
// `since` on these edges and lists newest first, so each FetchPage walks every list from the
// newest item back until it reaches an item strictly older than the checkpoint second (or the
// list ends), merges what it read, and delivers the oldest page_limit items past the mark. Why
// this neither skips nor duplicates across restarts:
//  - every item at or after the checkpoint second is read (the walk only stops below it), so
//    the merged set holds all undelivered items and the oldest come first;
//  - items at the checkpoint second already delivered are recognised by id;
//  - the checkpoint advances only over delivered items (skipped/orderable-malformed included)
//    and is stored with them in one transaction.
// A page that is not in newest-first order never stops the walk early (it is read to the end).
// A list that hands back the cursor it was sent (a stale page) is asked again; three times in a
// row stop that list with an item_error. A list's first request answered with a later page
// (paging.previous set: a stale page) fails the fetch with kDataLoss rather than let the
// oldest-first take move the mark past the unread newest items. Walks are bounded at 10 pages per
// list; when a walk hits the bound before reaching the checkpoint the older part of that list may
// be missed: an item_error says so (on a first run this is the backfill bound and is not reported).
// Known limits (documented, by API design): replies inside comment threads are not read (they
// are listed per comment with no `since`; use the `comments` webhook); comments on media older
// than the 25 most recent are not read; @mentions in other people's captions/comments are only
// delivered by the `mentions` webhook (mentioned_comment / mentioned_media need the ids it
// sends), so the mentions feed reads the /tags edge, which polling can reach.
//
// Replies: account feed: POST /v21.0/COMMENT_ID/replies (form message=...); mentions feed:
// POST /v21.0/IG_USER_ID/mentions (form media_id=MEDIA_ID&message=...). No idempotency key
// exists, so a failed POST is not retried by the transport. At most 2200 characters. The reply's
// url is the media permalink (Instagram comments have none).
//
// Auth, errors and usage headers as the facebook connector: Bearer token (never in URLs or
// messages), Graph error envelope, usage >= 100% on a read is kResourceExhausted.
#pragma once

#include <memory>
#include <string>

#include "heed/connectors/connector.h"
#include "instagram_parse.h"

namespace heed::connectors {

namespace graph {
struct HighWater;
}  // namespace graph

class InstagramConnector final : public Connector {
 public:
  // kInvalidArgument for an unknown feed, a non-numeric IG user id or a bad base_url.
  static Result<std::unique_ptr<InstagramConnector>> Create(const ConnectorConfig& config,
                                                            HttpTransport& transport, Clock& clock);

  const std::string& name() const override { return config_.name; }
  const std::string& platform() const override { return platform_; }
  Capabilities capabilities() const override;

  Result<Page> FetchPage(const std::string& checkpoint) override;
  Result<PostedReply> PostReply(const ReplyRequest& request) override;

 private:
  enum class FeedKind { kAccount, kMentions };

  InstagramConnector(ConnectorConfig config, FeedKind kind, std::string user_id,
                     HttpTransport& transport);

  Result<HttpResponse> Send(const HttpRequest& request, bool is_read) const;
  HttpRequest NewRequest(std::string method, std::string url) const;
  std::string Context(const HttpRequest& request) const;
  std::string Url(const std::string& node, const std::string& edge_and_query) const;

  // Walks one newest-first list starting at first_url (cursor appended as &after=...), adding
  // orderable items to *items and unorderable ones (and walk warnings) to page->item_errors.
  // Sets *cursor_repeated when the list's cursor stopped moving. Errors: the request's.
  template <typename Parse>
  Status Walk(const std::string& first_url, const graph::HighWater& mark, Parse parse,
              std::vector<instagram::Item>* items, Page* page, bool* cursor_repeated) const;

  const std::string platform_ = "instagram";
  ConnectorConfig config_;
  FeedKind kind_;
  std::string user_id_;
  int limit_;
  HttpTransport& transport_;
};

}  // namespace heed::connectors
