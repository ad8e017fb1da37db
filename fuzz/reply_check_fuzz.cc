// libFuzzer target: the reply check (reply_check.h) on untrusted drafts and posts: grapheme
// counting, per-platform length, and CheckReply. Input fields (NUL-separated): draft, post text,
// post language, post label, author name, platform.
#include <cstddef>
#include <cstdint>
#include <string>

#include "default_scorer.h"
#include "fuzz_check.h"
#include "heed/responder/reply_check.h"
#include "heed/sentiment/scorer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input = heed::fuzz::AsText(data, size);
  const int graphemes = heed::responder::CountGraphemes(input);
  HEED_FUZZ_CHECK(graphemes >= 0 && static_cast<size_t>(graphemes) <= size);

  std::vector<std::string_view> fields = heed::fuzz::SplitFields(input, 6);
  for (const char* platform : {"x", "mastodon", "google_business", "bluesky", "youtube"}) {
    const auto length = heed::responder::MeasureForPlatform(platform, fields[0]);
    HEED_FUZZ_CHECK(length.length >= 0);
    HEED_FUZZ_CHECK(!length.unit.empty());
  }
  (void)heed::responder::PlatformReplyLimit(fields[5]);

  heed::responder::ReplyCheckInput check;
  check.draft = std::string(fields[0]);
  check.post_text = std::string(fields[1]);
  check.post_language = std::string(fields[2]);
  check.post_label = std::string(fields[3]);
  check.author_name = std::string(fields[4]);
  check.platform = fields[5].empty() ? "mastodon" : std::string(fields[5]);
  for (const auto& warning : heed::responder::CheckReply(heed::fuzz::DefaultScorer(), check)) {
    HEED_FUZZ_CHECK(!heed::responder::ReplyWarningKindName(warning.kind).empty());
    // Not checked: valid UTF-8. The greeting hint quotes author_name as given
    // (docs/RELIABILITY.md).
    HEED_FUZZ_CHECK(!warning.message.empty());
  }
  return 0;
}
