// Fault injection for the sandbox (`heed sandbox --faults ...`): a deterministic share of
// platform requests fail the way real platforms fail, so connectors, scans and the demo are
// exercised against rate limits, outages, timeouts and garbage.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "api_types.h"
#include "heed/core/result.h"
#include "heed/sandbox/sandbox.h"

namespace heed::sandbox {

// After kNone, in the order of FaultCounts::kKinds (FaultKindIndex relies on it).
enum class Fault {
  kNone,
  kRateLimited,
  kServerError,
  kTimeout,
  kMalformed,
  kTruncated,
  kHtml,
  kSlow,
  kLoop,
  kBadUtf8
};

// Picks the fault for the n-th platform request: the same (seed, n) always gives the same fault.
Fault PickFault(const FaultRates& rates, uint64_t seed, uint64_t n);

// The response a fault produces. Delays are the caller's job: kTimeout waits, then 504;
// kSlow serves the request, waits, then answers normally.
// kMalformed, kTruncated and kBadUtf8 corrupt `good`, the response the platform would have sent.
ApiResponse FaultResponse(Fault fault, const ApiResponse& good);

// The --faults kind name ("429", "utf8", ...); "none" for kNone.
std::string_view FaultName(Fault fault);

// Where `fault` (not kNone) is counted in FaultCounts::counts.
size_t FaultKindIndex(Fault fault);

}  // namespace heed::sandbox
