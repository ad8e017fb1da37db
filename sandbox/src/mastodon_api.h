// The Mastodon API emulation, independent of the HTTP server: MastodonApi::Handle maps one
// request to one response. Routing, auth, rate limiting, the violation policy and request
// recording all happen here; sandbox.cc only moves bytes between cpprestsdk and this class.
//
// Routes (Mastodon semantics; see paging.h for max_id/since_id/min_id):
//   GET  /api/v1/notifications            auth; types[]/exclude_types[]; limit 40 (max 80)
//   GET  /api/v1/notifications/:id        auth
//   GET  /api/v1/timelines/tag/:hashtag   public; case-insensitive tag; limit 20 (max 40)
//   GET  /api/v2/search                   q, type, limit 20 (max 40), min_id/max_id, offset
//   GET  /api/v1/statuses/:id             public
//   POST /api/v1/statuses                 auth; form or JSON; Idempotency-Key
//   GET  /api/v1/accounts/verify_credentials  auth; the brand's account
//   GET  /api/v1/accounts/:id             public
//   GET  /_sandbox/{requests,violations,replies}  inspection; not recorded, not rate limited
//        (GET /_sandbox/faults, the fault counts, is answered by the router, which keeps them)
// Forbidden calls (policy.h) get 403 and are recorded as violations; unknown routes get 404.
//
// Thread safety: Handle may be called concurrently.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "api_types.h"
#include "content.h"
#include "heed/core/clock.h"
#include "heed/core/http.h"
#include "mastodon_json.h"
#include "query.h"
#include "rate_limiter.h"
#include "request_log.h"

namespace heed::sandbox {

struct ApiOptions {
  std::string base_url;
  std::string brand;
  int rate_limit = 300;    // per 5-minute window per token (or IP)
  Clock* clock = nullptr;  // required
};

class MastodonApi {
 public:
  MastodonApi(ApiOptions options, Corpus corpus);

  // Never throws: failures become a 500 JSON error.
  ApiResponse Handle(const ApiRequest& request);

  const RequestLog& log() const { return log_; }
  // The sandbox's one request log, shared with the platform emulators and the router.
  RequestLog& mutable_log() { return log_; }

 private:
  struct Call {
    const ApiRequest& request;
    std::vector<std::string> segments;  // decoded path segments
    Params query;
    std::optional<std::string> token;
  };

  ApiResponse HandleUnguarded(const ApiRequest& request);
  ApiResponse Inspect(const std::vector<std::string>& segments) const;
  ApiResponse Route(const Call& call);
  ApiResponse Notifications(const Call& call) const;
  ApiResponse OneNotification(const std::string& id) const;
  ApiResponse TagTimeline(const Call& call, const std::string& tag) const;
  ApiResponse Search(const Call& call) const;
  ApiResponse GetStatus(const std::string& id) const;
  ApiResponse GetAccount(const std::string& id) const;
  ApiResponse PostStatus(const Call& call);  // post_status.cc

  // Renders posts_ entries (by id, in the given order) as a JSON array. REQUIRES: mu_ held.
  std::string StatusArrayLocked(const std::vector<uint64_t>& ids) const;
  // One status as JSON. REQUIRES: mu_ held, id present.
  std::string StatusJsonLocked(uint64_t id) const;
  ApiResponse Paged(const Call& call, std::string body,
                    const std::vector<uint64_t>& page_ids) const;
  // Adds a status with an id above every existing one. REQUIRES: mu_ held.
  void InsertLocked(Post post);
  RenderContext Context() const { return RenderContext{accounts_, options_.base_url, today_}; }

  const ApiOptions options_;
  Clock& clock_;
  RequestLog log_;
  RateLimiter limiter_;
  const std::vector<Account> accounts_;  // [0] is the brand
  const std::vector<Notification> notifications_;
  std::vector<uint64_t> notification_ids_;  // ascending, parallel to notifications_
  std::string today_;

  mutable std::mutex mu_;
  std::map<uint64_t, Post> posts_;    // guarded by mu_; every status
  std::vector<uint64_t> status_ids_;  // guarded by mu_; ascending
  // guarded by mu_; lower-case tag -> ascending ids of the public statuses carrying it
  std::map<std::string, std::vector<uint64_t>> tag_index_;
  std::map<std::string, uint64_t> idempotency_;  // guarded by mu_; key -> created status id
  uint64_t last_id_ = 0;                         // guarded by mu_
};

}  // namespace heed::sandbox
