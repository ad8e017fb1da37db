// libFuzzer target: App Store Connect bodies (app_store_parse.h). Untrusted input: every
// parser must return a value or an error, never crash, and keep the Mention contract
// (fuzz_check.h).
#include <cstddef>
#include <cstdint>

#include "app_store_parse.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace heed::connectors::app_store;  // NOLINT: the parser under test
  const std::string_view body = heed::fuzz::AsText(data, size);
  heed::fuzz::CheckPage(ParseReviewsPage(body, "1234567890", "app_store"), &ReviewsPage::items);
  ApiError error = ParseError(body);
  heed::fuzz::CheckErrorText(error.message);
  heed::fuzz::CheckStatus(ParsePostedResponse(body).status());
  return 0;
}
