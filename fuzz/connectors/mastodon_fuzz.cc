// libFuzzer target: Mastodon API bodies (mastodon_parse.h). Untrusted input: every
// parser must return a value or an error, never crash, and keep the Mention contract
// (fuzz_check.h).
#include <cstddef>
#include <cstdint>

#include "fuzz_check.h"
#include "mastodon_parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace heed::connectors::mastodon;  // NOLINT: the parser under test
  const std::string_view body = heed::fuzz::AsText(data, size);
  ParseOptions options;
  options.instance_authority = "mastodon.example";
  heed::fuzz::CheckItems(ParseNotifications(body, options));
  heed::fuzz::CheckItems(ParseStatuses(body, options));
  heed::fuzz::CheckItems(ParseSearch(body, options));
  heed::fuzz::CheckErrorText(ParseErrorMessage(body));
  auto posted = ParsePostedStatus(body);
  heed::fuzz::CheckStatus(posted.status());
  return 0;
}
