// Pieces shared by the Google review emulators (google_business, google_play): Google's error
// envelope, the bearer-token + per-token quota gate, page-size parsing, the JSON reply body
// check, star ratings from a text's tone and the brand mention dropped from review text.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api_types.h"
#include "emulator.h"
#include "emulator_kit.h"
#include "heed/core/clock.h"
#include "query.h"
#include "rate_limiter.h"

namespace heed::sandbox::google_emulator {

// {"error": {"code", "message", "status"[, "details": [ErrorInfo, RetryInfo]]}} with that HTTP
// status.
ApiResponse GoogleError(int http_status, std::string_view status, std::string_view message,
                        std::optional<std::chrono::seconds> retry_delay = std::nullopt);
// 401 UNAUTHENTICATED as Google answers a request without credentials.
ApiResponse MissingCredentials();
// 500 INTERNAL "heed sandbox internal error[: what]".
ApiResponse InternalError(const char* what);

// nullopt when the request has a bearer token within its quota (one request counted against
// "token:<token>"); else MissingCredentials or 429 RESOURCE_EXHAUSTED with quota_message and a
// RetryInfo delay.
std::optional<ApiResponse> Admit(const ApiRequest& request, RateLimiter& limiter,
                                 const Clock& clock, std::string_view quota_message);

// The page size parameter `key` (strtol syntax): absent, empty or 0 gives default_size; larger
// than max_size gives max_size; nullopt when malformed or negative.
std::optional<int> PageSize(const Params& query, std::string_view key, int default_size,
                            int max_size);

// How ReadReplyText reports each problem (all 400 INVALID_ARGUMENT).
struct ReplyRules {
  const char* field;          // the JSON member holding the text
  size_t max_code_points;     // longer is refused
  std::string_view missing;   // member absent or not a string
  std::string_view empty;     // blank or invalid UTF-8
  std::string_view too_long;  // past max_code_points
};
// Stores the text of a {"<field>": "..."} body in *text, or returns the error response (also
// "Invalid JSON payload received." when the body is not a JSON object).
std::optional<ApiResponse> ReadReplyText(std::string_view body, const ReplyRules& rules,
                                         std::string* text);

// 1..5 stars from the tone of text (English and Italian cue words), nudged by salt.
int StarsFromTone(std::string_view text, uint64_t salt);
// text without "@brand" mentions, whitespace runs collapsed and trimmed.
std::string WithoutBrandMention(std::string_view text, std::string_view brand);

// What both Google review emulators are made of: the context, a per-token limiter over
// `window`, the reviews (Review has a `review_id`) and the exception guard around
// HandleUnguarded. Thread safety: reviews_ is guarded by mu_.
template <typename Review>
class ReviewEmulator : public PlatformEmulator {
 public:
  ApiResponse Handle(const ApiRequest& request, std::string_view sub_path) final {
    return Guarded([&] { return HandleUnguarded(request, sub_path); }, InternalError);
  }

 protected:
  ReviewEmulator(const EmulatorContext& context, std::chrono::seconds window)
      : context_(context), limiter_(context.rate_limit, window) {}

  virtual ApiResponse HandleUnguarded(const ApiRequest& request, std::string_view sub_path) = 0;
  // One review's JSON. REQUIRES: mu_ held.
  virtual void WriteReview(JsonWriter& w, const Review& review) const = 0;

  // See google_emulator::Admit.
  std::optional<ApiResponse> Admit(const ApiRequest& request, std::string_view quota_message) {
    return google_emulator::Admit(request, limiter_, *context_.clock, quota_message);
  }

  // REQUIRES: mu_ held.
  Review* FindLocked(const std::string& review_id) {
    for (Review& r : reviews_) {
      if (r.review_id == review_id) return &r;
    }
    return nullptr;
  }

  // 200 with the review, or 404 NOT_FOUND `not_found`.
  ApiResponse Get(const std::string& review_id, std::string_view not_found) {
    std::lock_guard lock(mu_);
    Review* r = FindLocked(review_id);
    if (r == nullptr) return GoogleError(404, "NOT_FOUND", not_found);
    return JsonResponse(200, BuildJson([&](JsonWriter& w) { WriteReview(w, *r); }));
  }

  const EmulatorContext context_;
  RateLimiter limiter_;
  mutable std::mutex mu_;
  std::vector<Review> reviews_;  // guarded by mu_ (replies change)
};

}  // namespace heed::sandbox::google_emulator
