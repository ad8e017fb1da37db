#include "router.h"

#include <thread>

#include "faults.h"
#include "policy.h"
#include "query.h"

namespace heed::sandbox {
namespace {

// "/bluesky/xrpc/x" -> {"bluesky", "/xrpc/x"}; "/api/v1" -> {"api", "/v1"}.
std::pair<std::string, std::string_view> FirstSegment(std::string_view path) {
  if (path.empty() || path[0] != '/') return {"", path};
  size_t end = path.find('/', 1);
  if (end == std::string_view::npos) return {std::string(path.substr(1)), "/"};
  return {std::string(path.substr(1, end - 1)), path.substr(end)};
}

}  // namespace

Router::Router(std::shared_ptr<const Corpus> corpus, std::shared_ptr<MastodonApi> mastodon,
               std::map<std::string, std::unique_ptr<PlatformEmulator>> emulators, RequestLog& log,
               FaultRates faults, Millis fault_delay, uint64_t seed)
    : corpus_(std::move(corpus)),
      mastodon_(std::move(mastodon)),
      emulators_(std::move(emulators)),
      log_(log),
      faults_(faults),
      fault_delay_(fault_delay),
      seed_(seed) {}

void Router::CountFault(Fault fault) {
  faults_by_kind_[FaultKindIndex(fault)].fetch_add(1, std::memory_order_relaxed);
}

FaultCounts Router::faults_injected_by_kind() const {
  FaultCounts counts;
  for (size_t i = 0; i < counts.counts.size(); ++i) {
    counts.counts[i] = faults_by_kind_[i].load(std::memory_order_relaxed);
  }
  return counts;
}

template <typename Serve>
ApiResponse Router::WithFaults(const ApiRequest& request, Serve&& serve) {
  using Scope = FaultRates::Scope;
  const bool read = request.method == "GET";
  if (!faults_.any() || (faults_.scope == Scope::kReads && !read) ||
      (faults_.scope == Scope::kWrites && read)) {
    return serve();
  }
  Fault fault = PickFault(faults_, seed_, request_count_++);
  if (fault == Fault::kLoop) {
    std::lock_guard<std::mutex> lock(pages_mu_);
    auto it = last_page_.find(request.raw_path);
    if (read && it != last_page_.end()) {
      CountFault(fault);
      return it->second;
    }
    fault = Fault::kNone;  // nothing to loop back to yet
  }
  if (fault == Fault::kNone) {
    ApiResponse served = serve();
    if (read && served.status == 200 && faults_.loop > 0) {
      std::lock_guard<std::mutex> lock(pages_mu_);
      last_page_[request.raw_path] = served;
    }
    return served;
  }
  CountFault(fault);
  if (fault == Fault::kSlow) {
    ApiResponse served = serve();  // the platform acts now; the answer is late
    std::this_thread::sleep_for(fault_delay_);
    return served;
  }
  if (fault == Fault::kTimeout) std::this_thread::sleep_for(fault_delay_);
  // Corrupting faults need the real answer to corrupt; the others replace it unseen.
  bool corrupts =
      fault == Fault::kMalformed || fault == Fault::kTruncated || fault == Fault::kBadUtf8;
  return FaultResponse(fault, corrupts ? serve() : ApiResponse{});
}

ApiResponse Router::Handle(const ApiRequest& request) {
  try {
    auto [first, rest] = FirstSegment(request.raw_path);
    auto it = emulators_.find(first);
    if (it != emulators_.end()) return HandleEmulated(*it->second, request, rest);
    if (first == "_sandbox" && rest == "/faults" && request.method == "GET") {
      return JsonResponse(200, faults_injected_by_kind().Json());  // inspection: not recorded
    }
    if (first == "_sandbox" ||
        IsForbidden(request.method, PercentDecode(request.raw_path, false))) {
      return mastodon_->Handle(request);  // inspection, or a violation it records
    }
    return WithFaults(request, [&] { return mastodon_->Handle(request); });
  } catch (...) {
    return ErrorResponse(500, "heed sandbox internal error");
  }
}

ApiResponse Router::HandleEmulated(PlatformEmulator& emulator, const ApiRequest& request,
                                   std::string_view sub_path) {
  RecordedRequest record{request.method, request.raw_path, request.query, request.body,
                         FindHeader(request.headers, "Authorization").has_value()};
  log_.Record(record);
  std::string decoded = PercentDecode(sub_path, false);
  if (IsForbidden(request.method, decoded) || emulator.IsForbidden(request, sub_path)) {
    log_.RecordViolation(std::move(record));
    return ErrorResponse(403, "heed sandbox: deleting or hiding content is forbidden");
  }
  return WithFaults(request, [&] { return emulator.Handle(request, sub_path); });
}

}  // namespace heed::sandbox
