// heed sandbox: a real local HTTP server that speaks platform APIs (Mastodon for now) with a
// deterministic stream of realistic English and Italian posts. Tests, the demo and benchmarks
// point connectors at it, so nothing leaves the machine.
//
// It records every request. Any DELETE, and any hide/mute/block/moderation call, is answered
// with an error and recorded as a violation: heed must never make one.
//
// Emulated Mastodon endpoints (see sandbox/src/mastodon_api.h for the full list): mention
// notifications (auth), the #brand tag timeline, v2 search, status lookup and POST
// /api/v1/statuses (auth, Idempotency-Key). Responses carry Mastodon's JSON shapes, X-RateLimit-*
// headers and RFC 8288 Link pagination headers. GET /_sandbox/requests, /_sandbox/violations,
// /_sandbox/replies and /_sandbox/faults return the records below as JSON for the CLI and demo;
// they are not recorded and never fail on purpose.
//
// Content is generated at Start from options.seed: post_count mention notifications (type
// "mention", each wrapping a status that mentions @brand) and post_count #brand statuses, about
// half English and half Italian, timestamped over the ~18 hours before the clock's time at Start.
//
// Thread safety: all methods are safe to call while the server handles requests.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "heed/core/clock.h"
#include "heed/core/result.h"

namespace heed::sandbox {

// The share of platform requests that fail on purpose, each in [0, 1], adding up to at most 1.
struct FaultRates {
  double rate_limited = 0;  // 429 with Retry-After
  double server_error = 0;  // 503
  double timeout = 0;       // no answer for fault_delay, then 504
  double malformed = 0;     // 200 with broken JSON and invalid UTF-8
  double truncated = 0;     // 200 with the body cut in half
  double html = 0;          // 200 with an HTML maintenance page where JSON was expected
  // The request takes effect and the real answer comes after fault_delay: a slow network, the
  // case where a client may give up (or die) after the platform already acted.
  double slow = 0;
  // A read answered with the last page served for the same path, whatever its cursor: a
  // pagination loop (the client must notice it is going in circles).
  double loop = 0;
  // 200 with well-formed JSON whose longer text values carry invalid UTF-8 bytes: the page must
  // still be stored, the text repaired (U+FFFD), nothing lost.
  double bad_utf8 = 0;
  // Which requests may fail: all, reads (GET) or writes (POST, PUT, PATCH).
  enum class Scope { kAll, kReads, kWrites } scope = Scope::kAll;
  bool any() const {
    return rate_limited + server_error + timeout + malformed + truncated + html + slow + loop +
               bad_utf8 >
           0;
  }
};

// Parses "KIND[:RATE],...", KIND one of 429, 500, timeout, malformed, truncate, html, slow, loop,
// utf8; a kind without a rate gets 0.1. kInvalidArgument naming the bad part.
Result<FaultRates> ParseFaultSpec(std::string_view spec);

// How many faults of each kind the sandbox injected: a snapshot. Kinds are named as in --faults.
struct FaultCounts {
  static constexpr std::array<std::string_view, 9> kKinds = {
      "429", "500", "timeout", "malformed", "truncate", "html", "slow", "loop", "utf8"};
  std::array<uint64_t, kKinds.size()> counts{};  // counts[i] is for kKinds[i]

  // 0 for a name that is not a kind.
  uint64_t Get(std::string_view kind) const;
  uint64_t Total() const;
  // How many kinds were injected at least once.
  int KindsSeen() const;
  // "429 x12, 500 x9, ..." over the kinds injected at least once, in kKinds order; "none".
  std::string Summary() const;
  // {"total":N,"429":12,"500":9,...}, every kind present.
  std::string Json() const;
};

struct SandboxOptions {
  std::string host = "127.0.0.1";  // loopback only
  uint16_t port = 0;               // 0: pick a free port
  uint64_t seed = 1;               // same seed, same posts
  int post_count = 60;             // posts on each feed (mentions and the tag timeline), <= 100000
  std::string brand = "acme";      // brand handle and hashtag: [A-Za-z0-9_], 1-30 characters
  // Post timestamps are spread over the hours before the clock's time at start, so deadlines
  // computed from them are realistic. The clock must outlive the sandbox.
  Clock* clock = nullptr;  // nullptr: RealClock()
  // How far back the generated posts go (the newest is two minutes old).
  Millis history_span{std::chrono::hours(18)};
  // Requests allowed per 5-minute window per access token (or client IP when unauthenticated),
  // as Mastodon's default; past it, 429. Tests lower it to reach the limit quickly.
  int rate_limit = 300;
  // Deterministic fault injection (same seed, same faults for the same request sequence).
  FaultRates faults;
  Millis fault_delay{std::chrono::seconds(20)};  // how long a "timeout" fault stalls
};

struct RecordedRequest {
  std::string method;
  std::string path;         // path only
  std::string query;        // raw query string, without '?'
  std::string body;         // as received
  bool authorized = false;  // carried "Authorization: Bearer ..."
};

struct RecordedReply {
  std::string platform;        // "mastodon", "bluesky", ...
  std::string id;              // the status id the sandbox assigned
  std::string in_reply_to_id;  // empty for a status that answers nothing
  std::string text;
  std::string idempotency_key;
};

class Sandbox {
 public:
  // Starts listening on options.host (loopback only, else kInvalidArgument). Port 0 picks a free
  // port (retrying if another process takes it first). kUnavailable when it cannot bind.
  static Result<std::unique_ptr<Sandbox>> Start(const SandboxOptions& options);
  virtual ~Sandbox() = default;  // stops the server

  virtual uint16_t port() const = 0;
  virtual std::string base_url() const = 0;  // "http://127.0.0.1:PORT"

  virtual std::vector<RecordedRequest> Requests() const = 0;
  // Requests that tried to delete, hide or moderate content.
  virtual std::vector<RecordedRequest> Violations() const = 0;
  virtual std::vector<RecordedReply> Replies() const = 0;
  // How many responses were faults injected on purpose (FaultsInjectedByKind().Total()).
  virtual uint64_t FaultsInjected() const = 0;
  virtual FaultCounts FaultsInjectedByKind() const = 0;
  // "http://127.0.0.1:PORT/<platform>": where a connector for that platform points (Mastodon is
  // also served at the root). The platform names are those of connector configs.
  std::string PlatformUrl(std::string_view platform) const {
    return platform == "mastodon" ? base_url() : base_url() + "/" + std::string(platform);
  }
};

}  // namespace heed::sandbox
