// Mastodon-style request budget: `limit` requests per fixed window (5 minutes) per key (the
// access token, or the client IP when unauthenticated). Windows are aligned to the epoch, and
// the reset time keeps the request's sub-second part, as rack-attack reports it.
//
// Thread safety: safe for concurrent use.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "heed/core/clock.h"

namespace heed::sandbox {

class RateLimiter {
 public:
  struct Decision {
    bool allowed = true;
    int limit = 0;
    int remaining = 0;
    TimePoint reset;
  };

  RateLimiter(int limit, std::chrono::seconds window) : limit_(limit), window_(window) {}

  // Counts one request for `key` at `now`.
  Decision Consume(const std::string& key, TimePoint now);

 private:
  struct Bucket {
    int64_t window_index = -1;
    int count = 0;
  };
  const int limit_;
  const std::chrono::seconds window_;
  std::mutex mu_;
  std::map<std::string, Bucket> buckets_;  // guarded by mu_
};

}  // namespace heed::sandbox
