// The Trustpilot connector (service reviews of one business unit). See connector.h for the
// contract.
//
// Feed: "business:BUSINESS_UNIT_ID"
//   GET /v1/business-units/{BUID}/reviews?orderBy=createdat.desc&perPage=N&page=P
//   (the public endpoint; header "apikey: API_KEY"), newest first, perPage at most 100, pages
//   numbered from 1; links[] carries rel "next-page" while more pages exist.
//
// Credentials: config.token is "API_KEY" (read only) or "API_KEY:ACCESS_TOKEN", where
// ACCESS_TOKEN is a business-user OAuth token for the private reply endpoint. config.account,
// when set, is the business user id sent as authorBusinessUserId. Neither secret appears in any
// message.
//
// Checkpoint: the review-walk state of app_store_trustpilot_walk.h (floor/top/low createdAt +
// ids at the boundary instant, the next page number). Page numbers shift when reviews arrive:
// a review that slides from page P to P+1 while the walk is between pages is recognised by the
// low boundary and not emitted twice; new reviews are newer than the walk's top and are read by
// the next walk, because floor moves (to top) only when a walk completes. That header explains
// why this cannot skip or duplicate across restarts, and its two limits (a review deleted
// mid-walk can make one review cross an already-read page boundary; a review published late with
// an old createdAt is not seen). The first run reads at most backfill_pages pages of history.
//
// Replies: POST /v1/private/reviews/{id}/reply {"message"} with the bearer token; 201 Created.
// Trustpilot keeps one company reply per review (companyReply is a single object with its own
// updatedAt) and posting again replaces it, so capabilities().reply_replaces_existing is true:
// PostReply refuses with kFailedPrecondition, without sending, when in_reply_to.owner_reply is
// non-empty and replace_existing is false. There is no idempotency key; a retried POST can only
// replace the same review's reply again. The length limit is not documented; kMaxReplyLength
// is a conservative assumption.
#pragma once

#include <memory>
#include <string>

#include "heed/connectors/connector.h"

namespace heed::connectors {

class TrustpilotConnector final : public Connector {
 public:
  static constexpr int kMaxReplyLength = 2048;
  static constexpr int kMaxPerPage = 100;
  static constexpr int kBackfillPages = 25;

  // kInvalidArgument for a bad feed, base_url or missing API key.
  static Result<std::unique_ptr<TrustpilotConnector>> Create(const ConnectorConfig& config,
                                                             HttpTransport& transport,
                                                             Clock& clock);

  const std::string& name() const override { return config_.name; }
  const std::string& platform() const override { return platform_; }
  Capabilities capabilities() const override;
  Result<Page> FetchPage(const std::string& checkpoint) override;
  Result<PostedReply> PostReply(const ReplyRequest& request) override;

 private:
  TrustpilotConnector(ConnectorConfig config, std::string business_unit, std::string api_key,
                      std::string access_token, HttpTransport& transport, Clock& clock);

  std::string PageUrl(int page) const;
  HttpRequest NewRequest(std::string method, std::string url) const;
  std::string Context(const HttpRequest& request) const;
  Status ErrorFromResponse(const HttpRequest& request, const HttpResponse& response) const;
  Status TransportError(const HttpRequest& request, const Status& status) const;
  Status Scrub(Status status) const;

  const std::string platform_ = "trustpilot";
  ConnectorConfig config_;
  std::string business_unit_;
  std::string api_key_;
  std::string access_token_;  // empty: read only
  int limit_;
  HttpTransport& transport_;
  Clock& clock_;
};

}  // namespace heed::connectors
