// libFuzzer target: YouTube Data API bodies (youtube_parse.h). Untrusted input: every
// parser must return a value or an error, never crash, and keep the Mention contract
// (fuzz_check.h).
#include <cstddef>
#include <cstdint>

#include "fuzz_check.h"
#include "youtube_parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace heed::connectors::youtube;  // NOLINT: the parser under test
  const std::string_view body = heed::fuzz::AsText(data, size);
  heed::fuzz::CheckPage(ParseThreadPage(body), &ThreadPage::items);
  ErrorInfo error = ParseError(body);
  heed::fuzz::CheckErrorText(error.message);
  heed::fuzz::CheckStatus(ParseInsertedCommentId(body).status());
  return 0;
}
