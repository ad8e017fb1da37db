// The Trustpilot emulator (service reviews), served under /trustpilot:
//
//   GET  /v1/business-units/{BUID}/reviews   public: "apikey" header (or ?apikey=); orderBy
//        createdat.desc (default) | createdat.asc, perPage 1..100 (default 20), page >= 1
//        (past the end: an empty list); {"reviews":[...], "links":[{href,method,rel}]} with
//        rel "next-page"/"prev-page" as Trustpilot sends them
//   POST /v1/private/reviews/{reviewId}/reply  private: Bearer token; {"message"[,
//        "authorBusinessUserId"]}; 201 Created with an empty body. A review has one company
//        reply: posting again replaces it.
//
// Every business unit id serves the same reviews: one per corpus mention post (24-hex ids),
// stars from the text's tone, about one in four already carrying a companyReply.
// Missing credentials answer Apigee-style 401 faults ({"fault":{"faultstring","detail":
// {"errorcode"}}}), as Trustpilot's gateway does; application errors are {"message","details"}.
// Rate limit: context.rate_limit requests per 5 minutes per key; past it, 429 with Retry-After
// (seconds) and a quota fault. POST .../report and .../hide paths are refused as moderation.
//
// Thread safety: Handle/IsForbidden lock mu_.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "emulator.h"
#include "platforms/app_store_trustpilot_common.h"
#include "rate_limiter.h"

namespace heed::sandbox {

class TrustpilotEmulator final : public PlatformEmulator {
 public:
  static constexpr size_t kMaxReplyLength = 2048;

  explicit TrustpilotEmulator(const EmulatorContext& context);

  ApiResponse Handle(const ApiRequest& request, std::string_view sub_path) override;
  bool IsForbidden(const ApiRequest& request, std::string_view sub_path) const override;

 private:
  struct Reply {
    std::string text;
    TimePoint created;
    std::optional<TimePoint> updated;
  };
  struct Review {
    std::string id;
    std::string consumer_id;
    review_sites::ReviewSeed seed;
  };

  ApiResponse HandleUnguarded(const ApiRequest& request, std::string_view sub_path);
  ApiResponse ListReviews(const ApiRequest& request, const std::string& business_unit);
  ApiResponse PostReply(const ApiRequest& request, const std::string& review_id);

  const EmulatorContext context_;
  RateLimiter limiter_;
  std::vector<Review> reviews_;  // newest first: createdAt desc, then id desc

  mutable std::mutex mu_;
  std::map<std::string, Reply> replies_;  // guarded by mu_; review id -> its company reply
};

}  // namespace heed::sandbox
