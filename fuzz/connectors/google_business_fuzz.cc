// libFuzzer target: Google Business Profile bodies (google_business_parse.h). Untrusted input:
// every parser must return a value or an error, never crash, and keep the Mention contract
// (fuzz_check.h).
#include <cstddef>
#include <cstdint>

#include "fuzz_check.h"
#include "google_business_parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace heed::connectors::google_business;  // NOLINT: the parser under test
  const std::string_view body = heed::fuzz::AsText(data, size);
  ParseOptions options;
  options.location_name = "accounts/1/locations/2";
  heed::fuzz::CheckPage(ParseReviewsPage(body, options), &ReviewsPage::items);
  heed::fuzz::CheckStatus(ParseCurrentReply(body).status());
  heed::fuzz::CheckStatus(ParseReplyResponse(body));
  (void)OriginalText(body);
  auto stars = StarRatingValue(body);
  if (stars) HEED_FUZZ_CHECK(*stars >= 1 && *stars <= 5);
  (void)IsReviewName(body);
  (void)IsLocationName(body);
  return 0;
}
