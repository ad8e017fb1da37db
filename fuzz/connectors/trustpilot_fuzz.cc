// libFuzzer target: Trustpilot API bodies (trustpilot_parse.h). Untrusted input: every
// parser must return a value or an error, never crash, and keep the Mention contract
// (fuzz_check.h).
#include <cstddef>
#include <cstdint>

#include "fuzz_check.h"
#include "trustpilot_parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace heed::connectors::trustpilot;  // NOLINT: the parser under test
  const std::string_view body = heed::fuzz::AsText(data, size);
  heed::fuzz::CheckPage(ParseReviewsPage(body, "trustpilot"), &ReviewsPage::items);
  heed::fuzz::CheckErrorText(ParseErrorMessage(body));
  (void)IsReviewId(body);
  return 0;
}
