// The Google Play Developer API reviews connector (androidpublisher v3). See connector.h for the
// contract and google_play_parse.h for how a review becomes a Mention.
//
// Feed: "app:PACKAGE_NAME"
//   GET {base}/androidpublisher/v3/applications/PKG/reviews?maxResults=N[&token=T]
//       (N = page_limit clamped to 1..100; base defaults to
//       https://androidpublisher.googleapis.com)
// Play only returns reviews created or modified in the last 7 days, newest first, so heed must
// poll at least daily; older history is only in Play Console exports.
//
// Checkpoint (google_api.h, "newest-first pass"): there is no "since" filter, so each run walks
// the reviews from the most recently modified down and stops at the first one already seen. The
// floor is the newest userComment.lastModified emitted by the last completed pass (nanoseconds)
// plus the review ids at exactly that instant; a multi-page pass also stores its page token and
// top. Why no gap: the list is newest first, so everything below the first already-seen review
// is older and was emitted by an earlier pass; reviews written or edited during a pass rank
// above the pass's top and are read by the next pass. Why no duplicate across restarts: the
// floor only moves when a pass ends, in the same transaction as its last page, and a resumed
// pass continues from its stored token. An edited review (new lastModified) comes back as the
// same remote_id with the new text, on purpose. A rejected (expired) page token restarts the
// pass from the top with the same floor (re-read items are duplicates the store absorbs; an
// item_error says so). A repeating token ends the pass (has_more=false plus an item_error).
// First run: at most backfill_pages pages.
//
// Replies: POST {base}/androidpublisher/v3/applications/PKG/reviews/{reviewId}:reply
// {"replyText"} (max 350 characters) creates or REPLACES the one developer reply. Without
// request.replace_existing the connector refuses (kFailedPrecondition, nothing sent) when
// in_reply_to.owner_reply is non-empty, and otherwise first GETs the review and refuses if a
// reply appeared since heed stored it. Re-sending replaces the reply with the same text, so a
// retried send cannot double-post; Play has no idempotency key.
//
// Auth: "Authorization: Bearer <OAuth token>"; the token is scrubbed from every message.
// There is no delete/hide call here.
#pragma once

#include <memory>
#include <string>

#include "google_api.h"
#include "google_play_parse.h"
#include "heed/connectors/connector.h"

namespace heed::connectors {

class GooglePlayConnector final : public Connector {
 public:
  // kInvalidArgument for a bad feed or base_url. transport and clock must outlive the connector.
  static Result<std::unique_ptr<GooglePlayConnector>> Create(const ConnectorConfig& config,
                                                             HttpTransport& transport,
                                                             Clock& clock);

  const std::string& name() const override { return config_.name; }
  const std::string& platform() const override { return platform_; }
  Capabilities capabilities() const override;

  // kInvalidArgument for a checkpoint this connector did not write.
  Result<Page> FetchPage(const std::string& checkpoint) override;

  // kInvalidArgument: empty review id, blank or too long text. kFailedPrecondition: a reply
  // exists and replace_existing is false. Otherwise the mapped HTTP error or the posted reply
  // (remote_id "<reviewId>/reply", url the review's url).
  Result<PostedReply> PostReply(const ReplyRequest& request) override;

 private:
  GooglePlayConnector(ConnectorConfig config, std::string package, HttpTransport& transport,
                      Clock& clock);

  std::string ReviewsUrl() const;
  std::string PageUrl(const std::string& page_token) const;
  HttpRequest NewRequest(std::string method, std::string url) const;
  std::string Context(const HttpRequest& request) const;
  // Sends; a transport failure or non-2xx answer becomes a Status (scrubbed, with context).
  Result<HttpResponse> Send(const HttpRequest& request);
  Status Refusal(const std::string& review, const std::string& existing) const;

  const std::string platform_ = google_play::kPlatform;
  ConnectorConfig config_;
  std::string package_;
  int limit_;
  google_play::ParseOptions parse_options_;
  HttpTransport& transport_;
  Clock& clock_;
};

}  // namespace heed::connectors
