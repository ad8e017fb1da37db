// The Google Business Profile reviews connector (My Business API v4). See connector.h for the
// contract and google_business_parse.h for how a review becomes a Mention.
//
// Feed: "location:accounts/ACCOUNT_ID/locations/LOCATION_ID"
//   GET {base}/v4/accounts/A/locations/L/reviews?pageSize=N&orderBy=updateTime%20desc
//       [&pageToken=T]          (N = page_limit clamped to 1..50; base defaults to
//                                https://mybusiness.googleapis.com)
//
// Checkpoint (google_api.h, "newest-first pass"): the API has no "since" filter, so each run
// walks the reviews from the most recently updated down and stops at the first one already
// seen. The floor is the newest updateTime emitted by the last completed pass (milliseconds)
// plus the review names at exactly that time; a multi-page pass also stores its page token and
// top. Why no gap: the list is ordered by updateTime desc, so everything below the first
// already-seen review is older and was emitted by an earlier pass; reviews created or edited
// during a pass rank above the pass's top and are read by the next pass. Why no duplicate across
// restarts: the floor only moves when a pass ends, in the same transaction as its last page,
// and a resumed pass continues from its stored token. An edited review (new updateTime) comes
// back as the same remote_id with the new text, on purpose. A rejected (expired) page token
// restarts the pass from the top with the same floor (re-read items are duplicates the store
// absorbs; an item_error says so). A repeating page token ends the pass (has_more=false plus an
// item_error). First run: at most backfill_pages pages of history.
// Caveat (real API): if Google's page tokens were plain offsets, a review edited in the middle of
// a multi-page pass could shift an older one across a page boundary; passes are a few seconds
// long, so this is unlikely, and the sandbox's tokens do not shift.
//
// Replies: PUT {base}/v4/{review name}/reply {"comment"} creates or REPLACES the one public
// owner reply (max 4096 characters). Without request.replace_existing the connector refuses
// (kFailedPrecondition, nothing sent) when in_reply_to.owner_reply is non-empty, and otherwise
// first GETs the review and refuses if a reply appeared since heed stored it. The PUT is an
// idempotent upsert, so a retried send cannot double-post; the idempotency key is not needed.
//
// Auth: "Authorization: Bearer <OAuth token>"; the token is scrubbed from every message.
// There is no delete/hide call here (deleteReply is deliberately not implemented).
#pragma once

#include <memory>
#include <string>

#include "google_api.h"
#include "google_business_parse.h"
#include "heed/connectors/connector.h"

namespace heed::connectors {

class GoogleBusinessConnector final : public Connector {
 public:
  // kInvalidArgument for a bad feed or base_url. transport and clock must outlive the connector.
  static Result<std::unique_ptr<GoogleBusinessConnector>> Create(const ConnectorConfig& config,
                                                                 HttpTransport& transport,
                                                                 Clock& clock);

  const std::string& name() const override { return config_.name; }
  const std::string& platform() const override { return platform_; }
  Capabilities capabilities() const override;

  // kInvalidArgument for a checkpoint this connector did not write.
  Result<Page> FetchPage(const std::string& checkpoint) override;

  // kInvalidArgument: not a review name, blank or too long text. kFailedPrecondition: a reply
  // exists and replace_existing is false. Otherwise the mapped HTTP error or the posted reply
  // (remote_id "<review name>/reply", url the review's url).
  Result<PostedReply> PostReply(const ReplyRequest& request) override;

 private:
  GoogleBusinessConnector(ConnectorConfig config, std::string location, HttpTransport& transport,
                          Clock& clock);

  std::string PageUrl(const std::string& page_token) const;
  HttpRequest NewRequest(std::string method, std::string url) const;
  std::string Context(const HttpRequest& request) const;
  // Sends; a transport failure or non-2xx answer becomes a Status (scrubbed, with context).
  Result<HttpResponse> Send(const HttpRequest& request);
  Status Refusal(const std::string& review, const std::string& existing) const;

  const std::string platform_ = google_business::kPlatform;
  ConnectorConfig config_;
  std::string location_;  // "accounts/A/locations/L"
  int limit_;
  google_business::ParseOptions parse_options_;
  HttpTransport& transport_;
  Clock& clock_;
};

}  // namespace heed::connectors
