// libFuzzer target: core text helpers applied to untrusted text (text.h) and the ISO-8601 parser
// every connector uses for timestamps (clock.h).
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "fuzz_check.h"
#include "heed/core/clock.h"

namespace {

// Decodes the next code point of valid UTF-8 at text[i], advancing i.
char32_t NextCodePoint(std::string_view text, size_t& i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  const size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  char32_t cp = length == 1 ? lead : lead & (0xFF >> (length + 1));
  for (size_t k = 1; k < length; ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  }
  i += length;
  return cp;
}

// ForTerminal's promise: nothing left that a terminal interprets, except \n and \t when kept.
void CheckTerminalSafe(std::string_view out, bool keep_newlines) {
  HEED_FUZZ_CHECK(heed::IsValidUtf8(out));
  for (size_t i = 0; i < out.size();) {
    const char32_t cp = NextCodePoint(out, i);
    if (keep_newlines && (cp == U'\n' || cp == U'\t')) continue;
    HEED_FUZZ_CHECK(cp >= 0x20);                  // C0 controls, ESC included
    HEED_FUZZ_CHECK(cp != 0x7F);                  // DEL
    HEED_FUZZ_CHECK(cp < 0x80 || cp > 0x9F);      // C1 controls (CSI, OSC as one byte)
    HEED_FUZZ_CHECK(cp < 0x202A || cp > 0x202E);  // bidi embeddings and overrides
    HEED_FUZZ_CHECK(cp < 0x2066 || cp > 0x2069);  // bidi isolates
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = heed::fuzz::AsText(data, size);

  const std::string sanitized = heed::SanitizeUtf8(text);
  HEED_FUZZ_CHECK(heed::IsValidUtf8(sanitized));
  if (heed::IsValidUtf8(text)) HEED_FUZZ_CHECK(sanitized == text);  // valid input is unchanged

  CheckTerminalSafe(heed::ForTerminal(text, false), false);
  CheckTerminalSafe(heed::ForTerminal(text, true), true);
  // Neutralising is idempotent: safe text passes through unchanged.
  const std::string safe = heed::ForTerminal(text, true);
  HEED_FUZZ_CHECK(heed::ForTerminal(safe, true) == safe);

  HEED_FUZZ_CHECK(heed::AsciiLower(text).size() == text.size());

  auto parsed = heed::ParseIso8601(text);
  if (parsed.ok()) {
    // Formatting and parsing again gives the same instant (milliseconds are kept).
    auto again = heed::ParseIso8601(heed::FormatIso8601(*parsed));
    HEED_FUZZ_CHECK(again.ok() && *again == *parsed);
  }

  if (size >= sizeof(int64_t)) {
    int64_t millis = 0;
    std::memcpy(&millis, data, sizeof millis);
    (void)heed::FormatDuration(heed::Millis(millis));
  }
  return 0;
}
