#include "rate_limiter.h"

#include <algorithm>

namespace heed::sandbox {

RateLimiter::Decision RateLimiter::Consume(const std::string& key, TimePoint now) {
  int64_t window_s = std::max<int64_t>(1, window_.count());
  int64_t now_ms = ToUnixMillis(now);
  int64_t now_s = now_ms >= 0 ? now_ms / 1000 : (now_ms - 999) / 1000;
  int64_t index = now_s >= 0 ? now_s / window_s : (now_s - window_s + 1) / window_s;
  int64_t into_window = now_s - index * window_s;

  std::lock_guard lock(mu_);
  Bucket& bucket = buckets_[key];
  if (bucket.window_index != index) {
    bucket.window_index = index;
    bucket.count = 0;
  }
  ++bucket.count;
  Decision d;
  d.limit = limit_;
  d.allowed = bucket.count <= limit_;
  d.remaining = std::max(0, limit_ - bucket.count);
  d.reset = now + std::chrono::seconds(window_s - into_window);
  return d;
}

}  // namespace heed::sandbox
