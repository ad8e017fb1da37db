// libFuzzer target: RSS 2.0 / RDF / Atom feeds through Expat (rss_parse.h). Untrusted input: every
// parser must return a value or an error, never crash, and keep the Mention contract
// (fuzz_check.h).
#include <cstddef>
#include <cstdint>

#include "fuzz_check.h"
#include "rss_parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace heed::connectors::rss;  // NOLINT: the parser under test
  const std::string_view body = heed::fuzz::AsText(data, size);
  ParseOptions options;
  options.feed_url = "https://feed.example/rss";
  options.fetched_at = heed::TimePoint(std::chrono::milliseconds(1767225600000));
  auto feed = ParseFeed(body, options);
  heed::fuzz::CheckStatus(feed.status());
  if (feed.ok()) {
    for (const auto& entry : feed->entries) {
      HEED_FUZZ_CHECK(!entry.key.empty());
      heed::fuzz::CheckMention(entry.mention);
    }
  }
  (void)UnwrapGoogleRedirect(body);
  (void)ParseRfc822Date(body);
  return 0;
}
