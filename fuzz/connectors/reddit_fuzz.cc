// libFuzzer target: Reddit API bodies (reddit_parse.h). Untrusted input: every
// parser must return a value or an error, never crash, and keep the Mention contract
// (fuzz_check.h).
#include <cstddef>
#include <cstdint>

#include "fuzz_check.h"
#include "reddit_parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace heed::connectors::reddit;  // NOLINT: the parser under test
  const std::string_view body = heed::fuzz::AsText(data, size);
  heed::fuzz::CheckPage(ParseListing(body), &ListPage::items);
  std::string message = ParseErrorMessage(body);
  heed::fuzz::CheckErrorText(message);
  heed::fuzz::CheckStatus(ParseCommentResponse(body).status());
  auto wait = ParseRateLimitWait(body);
  if (wait) HEED_FUZZ_CHECK(wait->count() >= 0);
  return 0;
}
