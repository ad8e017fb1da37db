// The sandbox's front door: every request goes through Router::Handle, which sends it to the
// platform emulator named by its first path segment (/bluesky/..., /reddit/...) or to the
// Mastodon API at the root. For emulated platforms the router records the request, refuses
// and records delete/hide calls, and injects the configured faults; the Mastodon API does its
// own recording and policing, and the router only injects faults in front of it. The router
// counts the faults it injects by kind and answers GET /_sandbox/faults with them (not recorded,
// never faulted).
//
// Thread safety: Handle is called concurrently.
#pragma once

#include <array>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "emulator.h"
#include "faults.h"
#include "heed/sandbox/sandbox.h"
#include "mastodon_api.h"

namespace heed::sandbox {

class Router {
 public:
  // corpus is what the emulators read; the router keeps it alive for in-flight requests.
  Router(std::shared_ptr<const Corpus> corpus, std::shared_ptr<MastodonApi> mastodon,
         std::map<std::string, std::unique_ptr<PlatformEmulator>> emulators, RequestLog& log,
         FaultRates faults, Millis fault_delay, uint64_t seed);

  // Never throws.
  ApiResponse Handle(const ApiRequest& request);

  // Snapshots of the faults injected so far (each kind read atomically, not all at once).
  FaultCounts faults_injected_by_kind() const;
  uint64_t faults_injected() const { return faults_injected_by_kind().Total(); }

 private:
  ApiResponse HandleEmulated(PlatformEmulator& emulator, const ApiRequest& request,
                             std::string_view sub_path);
  // Applies the next fault, if any, to what `serve` would answer.
  template <typename Serve>
  ApiResponse WithFaults(const ApiRequest& request, Serve&& serve);
  // Counts one injected fault (not kNone).
  void CountFault(Fault fault);

  std::shared_ptr<const Corpus> corpus_;
  std::shared_ptr<MastodonApi> mastodon_;
  std::map<std::string, std::unique_ptr<PlatformEmulator>> emulators_;
  RequestLog& log_;
  const FaultRates faults_;
  const Millis fault_delay_;
  const uint64_t seed_;
  std::atomic<uint64_t> request_count_{0};
  std::array<std::atomic<uint64_t>, FaultCounts::kKinds.size()> faults_by_kind_{};
  // The last good answer per GET path (query left out): what a "loop" fault serves again, as a
  // platform whose pagination hands back a page the client already has.
  std::mutex pages_mu_;
  std::map<std::string, ApiResponse> last_page_;  // guarded by pages_mu_
};

}  // namespace heed::sandbox
