// libFuzzer target: HTTP header values a platform controls: rate-limit hints (rate_limit.h) and
// RFC 8288 Link headers (link_header.h). Input is split at NUL bytes into header values.
#include <chrono>
#include <cstddef>
#include <cstdint>

#include "fuzz_check.h"
#include "heed/core/clock.h"
#include "heed/core/http.h"
#include "link_header.h"
#include "rate_limit.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using heed::connectors::BudgetExhaustedUntil;
  const std::string_view input = heed::fuzz::AsText(data, size);
  const heed::TimePoint now(std::chrono::milliseconds(1767225600000));  // 2026-01-01

  (void)heed::connectors::ParseHttpDate(input);
  (void)heed::connectors::ParseResetTime(input, now);

  // The same bytes as every rate-limit header family, one field each.
  std::vector<std::string_view> fields = heed::fuzz::SplitFields(input, 4);
  heed::HttpResponse response;
  response.status = 429;
  response.headers = {{"Retry-After", std::string(fields[0])},
                      {"X-RateLimit-Remaining", std::string(fields[1])},
                      {"X-RateLimit-Reset", std::string(fields[2])},
                      {"x-rate-limit-remaining", std::string(fields[1])},
                      {"x-rate-limit-reset", std::string(fields[2])},
                      {"RateLimit-Remaining", std::string(fields[1])},
                      {"RateLimit-Reset", std::string(fields[2])},
                      {"Link", std::string(fields[3])}};
  auto hint = heed::connectors::RetryAfterHint(response, now);
  if (hint) HEED_FUZZ_CHECK(hint->count() >= 0);  // documented: never negative
  (void)BudgetExhaustedUntil(response, now);

  std::vector<heed::connectors::LinkValue> links = heed::connectors::ParseLinkHeader(input);
  for (const auto& link : links) {
    for (const auto& [name, value] : link.params) {
      for (char c : name) HEED_FUZZ_CHECK(!(c >= 'A' && c <= 'Z'));  // names are lower-cased
    }
    (void)link.HasRel("next");
  }
  auto next = heed::connectors::FindLinkTarget(links, "next");
  if (next) (void)heed::connectors::QueryParam(*next, "max_id");
  (void)heed::connectors::QueryParam(input, "cursor");
  return 0;
}
