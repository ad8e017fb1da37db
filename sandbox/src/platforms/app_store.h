// The App Store Connect emulator (customer reviews), served under /app_store:
//
//   GET  /v1/apps/{APP_ID}/customerReviews   sort=-createdDate|createdDate, limit (default 50,
//        max 200; more is a 400), include=response, cursor (opaque, from links.next);
//        JSON:API {data[], included[], links{self, next?}, meta{paging{total, limit}}}
//   POST /v1/customerReviewResponses         creates the review's response, replacing any
//        existing one (one response per review); 201 with the resource (state PENDING_PUBLISH)
//
// Every numeric APP_ID serves the same reviews: one per corpus mention post, rating from the
// text's tone, about one in four already answered. createdDate is rendered with a -07:00 offset
// and second precision, so equal timestamps occur.
//
// Auth: "Authorization: Bearer <jwt>" must be three base64url parts whose header is JSON with
// "alg":"ES256"; anything else is a 401 NOT_AUTHORIZED. The signature is NOT verified (the
// sandbox has no key). Rate limit: context.rate_limit requests per rolling hour per token,
// reported as "X-Rate-Limit: user-hour-lim:L;user-hour-rem:R;"; past it, 429
// RATE_LIMIT_EXCEEDED. Errors use Apple's {"errors":[{id,status,code,title,detail}]} shape;
// validation failures are 409 ENTITY_ERROR.* as Apple sends them. PATCH/PUT anywhere are
// refused as moderation attempts (DELETE is refused by the router).
//
// Thread safety: Handle/IsForbidden lock mu_.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "emulator.h"
#include "emulator_kit.h"
#include "platforms/app_store_trustpilot_common.h"
#include "rate_limiter.h"

namespace heed::sandbox {

class AppStoreEmulator final : public PlatformEmulator {
 public:
  explicit AppStoreEmulator(const EmulatorContext& context);

  ApiResponse Handle(const ApiRequest& request, std::string_view sub_path) override;
  bool IsForbidden(const ApiRequest& request, std::string_view sub_path) const override;

 private:
  struct Review {
    std::string id;
    TimePoint created;  // second precision
    review_sites::ReviewSeed seed;
  };
  struct Response {
    std::string id;
    std::string body;
    TimePoint modified;
    std::string state;
  };

  ApiResponse HandleUnguarded(const ApiRequest& request, std::string_view sub_path);
  ApiResponse ListReviews(const ApiRequest& request, const std::string& app_id);
  ApiResponse PostResponse(const ApiRequest& request);
  // The customerReviewResponses resource object of `response` (answering review_id).
  void WriteResponseResource(JsonWriter& w, const Response& response,
                             const std::string& review_id) const;

  const EmulatorContext context_;
  RateLimiter limiter_;
  std::vector<Review> reviews_;  // newest first: createdDate desc, then id desc

  mutable std::mutex mu_;
  std::map<std::string, Response> responses_;  // guarded by mu_; review id -> its response
  uint64_t next_response_ = 1;                 // guarded by mu_
};

}  // namespace heed::sandbox
