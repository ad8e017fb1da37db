// heed sandbox: a real local HTTP server that speaks platform APIs (Mastodon for now) with a
// deterministic stream of realistic English and Italian posts. Tests, the demo and benchmarks
// point connectors at it, so nothing leaves the machine.
//
// It records every request. Any DELETE, and any hide/mute/block/moderation call, is answered
// with an error and recorded as a violation: heed must never make one.
//
// Thread safety: all methods are safe to call while the server handles requests.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "heed/core/clock.h"
#include "heed/core/result.h"

namespace heed::sandbox {

struct SandboxOptions {
  std::string host = "127.0.0.1";  // loopback only
  uint16_t port = 0;               // 0: pick a free port
  uint64_t seed = 1;               // same seed, same posts
  int post_count = 60;             // posts on each feed (mentions and the tag timeline)
  std::string brand = "acme";      // brand handle and hashtag the posts mention
  // Post timestamps are spread over the hours before the clock's time at start, so deadlines
  // computed from them are realistic. The clock must outlive the sandbox.
  Clock* clock = nullptr;          // nullptr: RealClock()
};

struct RecordedRequest {
  std::string method;
  std::string path;   // path only
  std::string query;  // raw query string, without '?'
  std::string body;
  bool authorized = false;  // carried "Authorization: Bearer ..."
};

struct RecordedReply {
  std::string id;              // the status id the sandbox assigned
  std::string in_reply_to_id;
  std::string text;
  std::string idempotency_key;
};

class Sandbox {
 public:
  // Starts listening. kUnavailable when the port cannot be bound.
  static Result<std::unique_ptr<Sandbox>> Start(const SandboxOptions& options);
  virtual ~Sandbox() = default;  // stops the server

  virtual uint16_t port() const = 0;
  virtual std::string base_url() const = 0;  // "http://127.0.0.1:PORT"

  virtual std::vector<RecordedRequest> Requests() const = 0;
  // Requests that tried to delete, hide or moderate content.
  virtual std::vector<RecordedRequest> Violations() const = 0;
  virtual std::vector<RecordedReply> Replies() const = 0;
};

}  // namespace heed::sandbox
