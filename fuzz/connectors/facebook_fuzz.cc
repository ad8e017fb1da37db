// libFuzzer target: Facebook Graph API bodies (facebook_parse.h). Untrusted input: every
// parser must return a value or an error, never crash, and keep the Mention contract
// (fuzz_check.h).
#include <cstddef>
#include <cstdint>

#include "facebook_parse.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace heed::connectors::facebook;  // NOLINT: the parser under test
  const std::string_view body = heed::fuzz::AsText(data, size);
  auto feed = ParseFeed(body);
  heed::fuzz::CheckStatus(feed.status());
  ParseOptions options;
  options.page_id = "1000";
  options.post_id = "1000_2000";
  heed::fuzz::CheckPage(ParseComments(body, options), &CommentsPage::items);
  heed::fuzz::CheckStatus(ParsePostedComment(body).status());
  return 0;
}
