// libFuzzer target: X API v2 bodies (x_parse.h). Untrusted input: every
// parser must return a value or an error, never crash, and keep the Mention contract
// (fuzz_check.h).
#include <cstddef>
#include <cstdint>

#include "fuzz_check.h"
#include "x_parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace heed::connectors::x;  // NOLINT: the parser under test
  const std::string_view body = heed::fuzz::AsText(data, size);
  auto page = ParseTweetPage(body);
  heed::fuzz::CheckStatus(page.status());
  if (page.ok()) {
    for (const auto& item : page->items) {
      heed::fuzz::CheckItem(item);
      // raw_json is documented as a one-tweet page ParseTweetPage reads back.
      if (item.mention.ok()) HEED_FUZZ_CHECK(ParseTweetPage(item.mention->raw_json).ok());
    }
    for (const auto& error : page->partial_errors) heed::fuzz::CheckStatus(error);
  }
  ErrorInfo error = ParseError(body);
  heed::fuzz::CheckErrorText(error.message);
  (void)CodeForProblemType(body);
  heed::fuzz::CheckStatus(ParseUserId(body).status());
  heed::fuzz::CheckStatus(ParseCreatedTweet(body).status());
  (void)SnowflakeTime(body);
  return 0;
}
