// The App Store Connect connector (customer reviews). See connector.h for the contract.
//
// Feed: "app:APP_ID" (the numeric Apple app id)
//   GET /v1/apps/{APP_ID}/customerReviews?sort=-createdDate&limit=N&include=response
//       &fields[customerReviews]=...&fields[customerReviewResponses]=...[&cursor=C]
//   newest first, max 200 per page, continued by the opaque `cursor` of links.next. The cursor
//   is taken out of links.next and sent to the configured base_url (the bearer token never
//   follows a URL to another host).
//
// Checkpoint: the review-walk state of app_store_trustpilot_walk.h (floor/top/low createdDate +
// ids at the boundary instant, the cursor to continue from). The listing is newest first, so each
// scan walks down from the newest review until it reaches the floor of the previous completed
// walk; the floor only moves when a walk completes, and reviews that slide to later pages while
// walking are recognised by the low boundary. That header explains why this cannot skip or
// duplicate across restarts, and its two limits (a review deleted mid-walk can make one review
// cross an already-read page boundary; a review published late with an old createdDate is not
// seen). The first run reads at most backfill_pages pages of history.
//
// Auth: an ES256 JWT (app_store_jwt.h) minted from config.account "ISSUER_ID:KEY_ID" and
// config.token (the .p8 PEM), cached and re-minted before its 20 minutes run out. Neither the
// key nor the JWT appears in any message.
//
// Replies: POST /v1/customerReviewResponses. A review has at most one response and a new one
// replaces it (capabilities().reply_replaces_existing): PostReply refuses with
// kFailedPrecondition, without sending, when in_reply_to.owner_reply is non-empty and
// replace_existing is false. Apple has no idempotency key; a retried POST can only replace the
// same review's response again, never add a second one.
//
// Rate limit: X-Rate-Limit "user-hour-lim:3600;user-hour-rem:N;" (rolling hour, no reset time);
// a 429 uses Retry-After when present, else kRateLimitFallback.
#pragma once

#include <memory>
#include <string>

#include "app_store_jwt.h"
#include "heed/connectors/connector.h"

namespace heed::connectors {

class AppStoreConnector final : public Connector {
 public:
  static constexpr int kMaxReplyLength = 5970;
  static constexpr int kMaxPageLimit = 200;
  static constexpr int kBackfillPages = 10;
  static constexpr Millis kRateLimitFallback{60000};

  // kInvalidArgument for a bad feed, base_url, account or key (the key is never quoted).
  static Result<std::unique_ptr<AppStoreConnector>> Create(const ConnectorConfig& config,
                                                           HttpTransport& transport, Clock& clock);

  const std::string& name() const override { return config_.name; }
  const std::string& platform() const override { return platform_; }
  Capabilities capabilities() const override;
  Result<Page> FetchPage(const std::string& checkpoint) override;
  Result<PostedReply> PostReply(const ReplyRequest& request) override;

 private:
  AppStoreConnector(ConnectorConfig config, std::string app_id, std::unique_ptr<AppStoreJwt> jwt,
                    HttpTransport& transport, Clock& clock);

  std::string PageUrl(const std::string& cursor) const;
  Result<HttpRequest> NewRequest(std::string method, std::string url);
  std::string Context(const HttpRequest& request) const;
  Status ErrorFromResponse(const HttpRequest& request, const HttpResponse& response) const;
  Status TransportError(const HttpRequest& request, const Status& status) const;
  Status Scrub(Status status) const;

  const std::string platform_ = "app_store";
  ConnectorConfig config_;
  std::string app_id_;
  int limit_;
  std::unique_ptr<AppStoreJwt> jwt_;
  std::string last_jwt_;  // for Scrub
  HttpTransport& transport_;
  Clock& clock_;
};

}  // namespace heed::connectors
