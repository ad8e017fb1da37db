// libFuzzer target: Google Play Developer API bodies (google_play_parse.h). Untrusted input: every
// parser must return a value or an error, never crash, and keep the Mention contract
// (fuzz_check.h).
#include <cstddef>
#include <cstdint>

#include "fuzz_check.h"
#include "google_play_parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace heed::connectors::google_play;  // NOLINT: the parser under test
  const std::string_view body = heed::fuzz::AsText(data, size);
  ParseOptions options;
  options.package_name = "com.example.app";
  heed::fuzz::CheckPage(ParseReviewsPage(body, options), &ReviewsPage::items);
  heed::fuzz::CheckStatus(ParseCurrentReply(body).status());
  heed::fuzz::CheckStatus(ParseReplyResponse(body));
  HEED_FUZZ_CHECK(heed::IsValidUtf8(LanguageOf(body)));
  (void)IsPackageName(body);
  return 0;
}
