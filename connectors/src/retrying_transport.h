// RetryingTransport: an HttpTransport decorator adding retries with backoff and rate-limit
// handling. All waiting goes through the injected Clock (SimulatedClock in tests never sleeps).
//
// Policy, per Send:
//  - kUnavailable from the inner transport and HTTP 5xx (except 501) are retried with
//    exponential backoff and jitter, up to max_attempts in total; then Send gives up with
//    kUnavailable "... giving up after N attempts: <last error>". kDeadlineExceeded and other
//    errors are returned at once.
//  - Only requests safe to repeat are retried on kUnavailable/5xx: GET, PUT, and POST/PATCH that
//    carry an Idempotency-Key header. Others get the first result back unchanged.
//  - HTTP 429: waits for Retry-After (seconds or HTTP-date), else X-RateLimit-Reset (Mastodon's
//    ISO-8601 timestamp), when that is within max_rate_limit_wait, and resends (counts as an
//    attempt). Without a hint it backs off like a 5xx. When the wait is too long or attempts run
//    out: kResourceExhausted with retry_after set when known.
//  - Every response's X-RateLimit-Remaining/-Reset is remembered per host: once Remaining is 0,
//    the next request to that host first waits until the reset (if within max_rate_limit_wait),
//    else fails fast with kResourceExhausted without sending.
//
// Thread-safe (the inner transport must be too). inner and clock must outlive this object.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <random>
#include <string>

#include "heed/core/clock.h"
#include "heed/core/http.h"

namespace heed::connectors {

struct RetryOptions {
  int max_attempts = 4;  // total sends per request, >= 1
  Millis initial_backoff{500};
  Millis max_backoff{8000};
  Millis max_rate_limit_wait{60000};
  uint64_t seed = 0x68656564;  // jitter RNG seed: runs are deterministic for a given seed
};

class RetryingTransport final : public HttpTransport {
 public:
  RetryingTransport(HttpTransport& inner, Clock& clock, RetryOptions options = {});

  Result<HttpResponse> Send(const HttpRequest& request) override;

  // The jittered delay before retry number `retry` (1-based): a uniformly random value in
  // [d/2, d] where d = min(max_backoff, initial_backoff * 2^(retry-1)).
  Millis Backoff(int retry);

 private:
  // Waits for a remembered exhausted budget of host; an error when the wait is too long.
  Status WaitForBudget(const std::string& host, const std::string& redacted_url);
  void RememberBudget(const std::string& host, const HttpResponse& response);

  HttpTransport& inner_;
  Clock& clock_;
  const RetryOptions options_;
  std::mutex mu_;
  std::mt19937_64 rng_;                               // guarded by mu_
  std::map<std::string, TimePoint> exhausted_until_;  // guarded by mu_
};

}  // namespace heed::connectors
