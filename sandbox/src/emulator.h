// A platform emulator: one platform's API, served under its own path prefix on the sandbox's
// port. A request to http://127.0.0.1:PORT/<prefix>/<real path> reaches the emulator with
// sub_path = "/<real path>", so a connector pointed at base_url http://127.0.0.1:PORT/<prefix>
// uses the platform's real paths. (Mastodon is served at the root, see mastodon_api.h.)
//
// The router (router.h) records every request, refuses and records forbidden ones (any DELETE,
// the generic hide/moderation paths of policy.h, and whatever IsForbidden adds), injects faults,
// and only then calls Handle. Emulators record the replies they accept in context.log.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api_types.h"
#include "content.h"
#include "heed/core/clock.h"
#include "request_log.h"

namespace heed::sandbox {

struct EmulatorContext {
  std::string base_url;  // "http://127.0.0.1:PORT/<prefix>", no trailing slash
  std::string brand;     // e.g. "acme"
  const Corpus* corpus;  // deterministic EN/IT posts and authors; immutable, outlives the emulator
  Clock* clock;          // never null
  RequestLog* log;       // never null; RecordReply for every reply the emulator accepts
  uint64_t seed = 1;
  int rate_limit = 300;  // requests per window, as the platform counts them
};

// Thread safety: Handle and IsForbidden are called concurrently; implementations lock.
class PlatformEmulator {
 public:
  virtual ~PlatformEmulator() = default;

  // Serves one request. sub_path starts with '/' and is still percent-encoded; the query is in
  // request.query. Never throws (the router turns an escaped exception into a 500 anyway).
  virtual ApiResponse Handle(const ApiRequest& request, std::string_view sub_path) = 0;

  // Platform-specific ways to delete, hide or moderate that the generic policy cannot see
  // (e.g. Graph API "POST /{comment-id}" with is_hidden=true). DELETE is already refused.
  virtual bool IsForbidden(const ApiRequest& request, std::string_view sub_path) const {
    (void)request;
    (void)sub_path;
    return false;
  }
};

using EmulatorFactory = std::unique_ptr<PlatformEmulator> (*)(const EmulatorContext& context);

struct EmulatorEntry {
  std::string_view prefix;  // first path segment, e.g. "bluesky"
  EmulatorFactory make;     // nullptr result: the platform is left out (answered 404)
};

// Every emulated platform besides Mastodon (platforms/registry.cc).
const std::vector<EmulatorEntry>& EmulatorRegistry();

}  // namespace heed::sandbox
