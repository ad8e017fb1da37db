// libFuzzer target: Instagram Graph API bodies (instagram_parse.h). Untrusted input: every
// parser must return a value or an error, never crash, and keep the Mention contract
// (fuzz_check.h).
#include <cstddef>
#include <cstdint>

#include "fuzz_check.h"
#include "instagram_parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace heed::connectors::instagram;  // NOLINT: the parser under test
  const std::string_view body = heed::fuzz::AsText(data, size);
  heed::fuzz::CheckStatus(ParseMediaList(body).status());
  ParseOptions options;
  options.account_id = "17841400000000000";
  options.media_id = "17900000000000000";
  options.permalink = "https://www.instagram.com/p/ABC/";
  heed::fuzz::CheckPage(ParseComments(body, options), &ItemPage::items);
  heed::fuzz::CheckPage(ParseTags(body, options), &ItemPage::items);
  heed::fuzz::CheckStatus(ParseCreated(body, options.permalink).status());
  return 0;
}
