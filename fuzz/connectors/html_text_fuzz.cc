// libFuzzer target: HtmlToText (html_text.h), run on post bodies (Mastodon content, YouTube
// textDisplay, RSS descriptions). Documented: never fails, output is valid UTF-8. (Not checked:
// "trimmed" — an &nbsp; at either end decodes to a kept space; see docs/RELIABILITY.md.)
#include <cstddef>
#include <cstdint>

#include "fuzz_check.h"
#include "html_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text = heed::connectors::HtmlToText(heed::fuzz::AsText(data, size));
  HEED_FUZZ_CHECK(heed::IsValidUtf8(text));
  return 0;
}
