// libFuzzer target: Hacker News (Algolia) bodies (hackernews_parse.h). Untrusted input: every
// parser must return a value or an error, never crash, and keep the Mention contract
// (fuzz_check.h).
#include <cstddef>
#include <cstdint>

#include "fuzz_check.h"
#include "hackernews_parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace heed::connectors::hackernews;  // NOLINT: the parser under test
  const std::string_view body = heed::fuzz::AsText(data, size);
  heed::fuzz::CheckPage(ParseSearch(body), &SearchPage::hits);
  heed::fuzz::CheckErrorText(ParseErrorMessage(body));
  return 0;
}
