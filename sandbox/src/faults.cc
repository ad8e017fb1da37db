#include "faults.h"

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "prng.h"

namespace heed::sandbox {

namespace {

// Puts an ill-formed sequence (a lone continuation byte, then a truncated 3-byte lead) after the
// first space of every JSON string value of 40 bytes or more: the texts of posts and reviews,
// never the short ids, cursors and timestamps, so the page still parses and pages correctly.
std::string CorruptLongStrings(const std::string& json) {
  constexpr size_t kMinLength = 40;
  constexpr std::string_view kIllFormed = "\x80\xE2\x28";
  std::string out;
  out.reserve(json.size() + json.size() / 8);
  size_t i = 0;
  while (i < json.size()) {
    if (json[i] != '"') {
      out.push_back(json[i++]);
      continue;
    }
    size_t end = i + 1;
    while (end < json.size() && json[end] != '"') end += json[end] == '\\' ? 2 : 1;
    std::string value = json.substr(i, std::min(end + 1, json.size()) - i);
    const size_t space = value.find(' ');
    if (value.size() >= kMinLength + 2 && space != std::string::npos) {
      value.insert(space + 1, kIllFormed);
    }
    out += value;
    i = end + 1;
  }
  return out;
}

}  // namespace

Result<FaultRates> ParseFaultSpec(std::string_view spec) {
  FaultRates rates;
  constexpr double kDefaultRate = 0.1;
  while (!spec.empty()) {
    size_t comma = spec.find(',');
    std::string_view part = spec.substr(0, comma);
    spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
    if (part.empty()) continue;
    size_t colon = part.find(':');
    std::string kind(part.substr(0, colon));
    double rate = kDefaultRate;
    if (colon != std::string_view::npos) {
      std::string text(part.substr(colon + 1));
      char* end = nullptr;
      rate = std::strtod(text.c_str(), &end);
      if (text.empty() || end != text.c_str() + text.size() || !(rate >= 0 && rate <= 1)) {
        return Status::InvalidArgument("fault rate \"" + text + "\" in \"" + std::string(part) +
                                       "\" must be a number from 0 to 1");
      }
    }
    double* slot = kind == "429"         ? &rates.rate_limited
                   : kind == "500"       ? &rates.server_error
                   : kind == "timeout"   ? &rates.timeout
                   : kind == "malformed" ? &rates.malformed
                   : kind == "truncate"  ? &rates.truncated
                   : kind == "html"      ? &rates.html
                   : kind == "slow"      ? &rates.slow
                   : kind == "loop"      ? &rates.loop
                   : kind == "utf8"      ? &rates.bad_utf8
                                         : nullptr;
    if (slot == nullptr) {
      return Status::InvalidArgument(
          "unknown fault \"" + kind +
          "\" (known: 429, 500, timeout, malformed, truncate, html, slow, loop, utf8)");
    }
    *slot = rate;
  }
  double total = rates.rate_limited + rates.server_error + rates.timeout + rates.malformed +
                 rates.truncated + rates.html + rates.slow + rates.loop + rates.bad_utf8;
  if (total > 1.0 + 1e-9) {
    return Status::InvalidArgument("fault rates add up to more than 1");
  }
  return rates;
}

Fault PickFault(const FaultRates& r, uint64_t seed, uint64_t n) {
  Prng rng(seed * 0x9e3779b97f4a7c15ULL + n);
  double x = static_cast<double>(rng.Next() >> 11) / static_cast<double>(1ULL << 53);
  const std::pair<double, Fault> table[] = {{r.rate_limited, Fault::kRateLimited},
                                            {r.server_error, Fault::kServerError},
                                            {r.timeout, Fault::kTimeout},
                                            {r.malformed, Fault::kMalformed},
                                            {r.truncated, Fault::kTruncated},
                                            {r.html, Fault::kHtml},
                                            {r.slow, Fault::kSlow},
                                            {r.loop, Fault::kLoop},
                                            {r.bad_utf8, Fault::kBadUtf8}};
  for (const auto& [rate, fault] : table) {
    if (x < rate) return fault;
    x -= rate;
  }
  return Fault::kNone;
}

ApiResponse FaultResponse(Fault fault, const ApiResponse& good) {
  ApiResponse r;
  switch (fault) {
    case Fault::kNone:
    case Fault::kSlow:
    case Fault::kLoop:
      return good;
    case Fault::kRateLimited:
      r.status = 429;
      r.headers = {{"Retry-After", "1"}, {"X-RateLimit-Remaining", "0"}};
      r.body = R"({"error":"Too many requests"})";
      return r;
    case Fault::kServerError:
      r.status = 503;
      r.body = R"({"error":"Service Unavailable"})";
      return r;
    case Fault::kTimeout:
      r.status = 504;
      r.body = R"({"error":"Gateway Timeout"})";
      return r;
    case Fault::kMalformed:
      r = good;
      // Valid-looking start, then broken structure and an invalid UTF-8 byte.
      r.body = good.body.substr(0, good.body.size() / 3) + "\xff\xfe{[,\"oops";
      return r;
    case Fault::kBadUtf8:
      r = good;
      r.body = CorruptLongStrings(good.body);
      return r;
    case Fault::kTruncated:
      r = good;
      r.body = good.body.substr(0, good.body.size() / 2);
      return r;
    case Fault::kHtml:
      r.status = 200;
      r.headers = {{"Content-Type", "text/html; charset=utf-8"}};
      r.body =
          "<!DOCTYPE html><html><head><title>Maintenance</title></head><body><h1>We'll be "
          "back soon</h1></body></html>";
      return r;
  }
  return good;
}

size_t FaultKindIndex(Fault fault) {
  // The enum lists the kinds in FaultCounts::kKinds order, after kNone.
  return static_cast<size_t>(fault) - 1;
}

uint64_t FaultCounts::Get(std::string_view kind) const {
  for (size_t i = 0; i < kKinds.size(); ++i) {
    if (kKinds[i] == kind) return counts[i];
  }
  return 0;
}

uint64_t FaultCounts::Total() const {
  uint64_t total = 0;
  for (uint64_t n : counts) total += n;
  return total;
}

int FaultCounts::KindsSeen() const {
  int seen = 0;
  for (uint64_t n : counts) seen += n > 0;
  return seen;
}

std::string FaultCounts::Summary() const {
  std::string out;
  for (size_t i = 0; i < kKinds.size(); ++i) {
    if (counts[i] == 0) continue;
    if (!out.empty()) out += ", ";
    out += std::string(kKinds[i]) + " x" + std::to_string(counts[i]);
  }
  return out.empty() ? "none" : out;
}

std::string FaultCounts::Json() const {
  std::string out = "{\"total\":" + std::to_string(Total());
  for (size_t i = 0; i < kKinds.size(); ++i) {
    out += ",\"" + std::string(kKinds[i]) + "\":" + std::to_string(counts[i]);
  }
  return out + "}";
}

std::string_view FaultName(Fault fault) {
  switch (fault) {
    case Fault::kNone:
      return "none";
    case Fault::kRateLimited:
      return "429";
    case Fault::kServerError:
      return "500";
    case Fault::kTimeout:
      return "timeout";
    case Fault::kMalformed:
      return "malformed";
    case Fault::kTruncated:
      return "truncate";
    case Fault::kHtml:
      return "html";
    case Fault::kSlow:
      return "slow";
    case Fault::kLoop:
      return "loop";
    case Fault::kBadUtf8:
      return "utf8";
  }
  return "none";
}

}  // namespace heed::sandbox
