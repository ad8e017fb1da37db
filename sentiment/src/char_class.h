// Character classes for the tokenizer: ASCII and Unicode letters, emoji parts, apostrophes and
// the Italian elisions. Inline: called for every byte of every post.
#pragma once

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace heed::sentiment::chars {

inline bool IsAsciiDigit(unsigned char b) { return b >= '0' && b <= '9'; }
inline bool IsAsciiAlpha(unsigned char b) { return (b | 0x20) >= 'a' && (b | 0x20) <= 'z'; }
inline bool IsAsciiUpper(unsigned char b) { return b >= 'A' && b <= 'Z'; }
inline bool IsAsciiAlnum(unsigned char b) { return IsAsciiDigit(b) || IsAsciiAlpha(b); }
inline bool IsSpace(unsigned char b) {
  return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v';
}

// What an ASCII byte adds to a word's tallies, as one table lookup per byte (the word
// scanner's inner loop): summed over a run of letters and digits, the low 32 bits count its lower
// case letters, bits 32-62 its upper case ones (exact for runs under 2^31 bytes), and digits set
// bit 63 only. 0 for every other byte, non-ASCII included: the end of the run.
inline constexpr uint64_t kAsciiLower = 1;
inline constexpr uint64_t kAsciiUpper = uint64_t{1} << 32;
inline constexpr uint64_t kAsciiDigit = uint64_t{1} << 63;
inline constexpr size_t kMaxTalliedRun = size_t{1} << 31;
inline constexpr std::array<uint64_t, 256> kAsciiWordTally = [] {
  std::array<uint64_t, 256> table{};
  for (int b = 'a'; b <= 'z'; ++b) table[b] = kAsciiLower;
  for (int b = 'A'; b <= 'Z'; ++b) table[b] = kAsciiUpper;
  for (int b = '0'; b <= '9'; ++b) table[b] = kAsciiDigit;
  return table;
}();

// The ASCII letters and digits among eight bytes of text loaded by memcpy (on a little-endian
// machine: byte k at bits 8k..), as bit 7 of each such byte, and the upper case letters and all
// letters among them. Some twenty ALU operations and no branch: a loop over a word's bytes ends
// with a branch the processor cannot predict (where the word ends), once per word.
struct AsciiWordBytes {
  uint64_t alnum;
  uint64_t upper;
  uint64_t letter;
};
inline AsciiWordBytes ClassifyAsciiWordBytes(uint64_t w) {
  constexpr uint64_t k01 = 0x0101010101010101ull, k80 = k01 * 0x80;
  const uint64_t ascii = ~w & k80;
  const uint64_t low7 = w & ~k80;
  // Bit 7 of each byte: that byte's low 7 bits are >= c. No carry crosses a byte: each sum is at
  // most 0x7F + 0x80.
  auto at_least = [](uint64_t v, uint64_t c) { return (v + k01 * (0x80 - c)) & k80; };
  const uint64_t folded = low7 | (k01 * 0x20);  // 'A'..'Z' become 'a'..'z'; no other byte does
  const uint64_t letter = at_least(folded, 'a') & ~at_least(folded, 'z' + 1) & ascii;
  // A letter is upper case when its bit 5 (0x20) is clear; << 2 moves it to the byte's bit 7.
  const uint64_t upper = letter & ~(w << 2);
  const uint64_t digit = at_least(low7, '0') & ~at_least(low7, '9' + 1) & ascii;
  return {letter | digit, upper, letter};
}

// What a byte means to the tokenizer's dispatch loop, as one table lookup per byte: bit flags,
// 0 for ASCII punctuation and symbols. kByteEmoticon is not in kByteClass: the Tokenizer adds it
// to its own copy of the table for the first bytes of its emoticons.
inline constexpr uint8_t kByteSpace = 1;      // whitespace other than '\n'
inline constexpr uint8_t kByteNewline = 2;    // '\n', a sentence break
inline constexpr uint8_t kByteLetter = 4;     // ASCII letter
inline constexpr uint8_t kByteDigit = 8;      // ASCII digit
inline constexpr uint8_t kByteUrlStart = 16;  // h H w W: may start "http://", "https://", "www."
// Bytes that may go on with a word after its ASCII letters and digits: an apostrophe and every
// non-ASCII byte go on with any word, the separators . , : only with a number ("3.5", "10:30").
inline constexpr uint8_t kByteWordGlue = 32;
inline constexpr uint8_t kByteNumberGlue = 128;
inline constexpr uint8_t kByteEmoticon = 64;  // first byte of an emoticon (set by the Tokenizer)
inline constexpr std::array<uint8_t, 256> kByteClass = [] {
  std::array<uint8_t, 256> table{};
  for (const int b : {' ', '\t', '\r', '\f', '\v'}) table[b] = kByteSpace;
  table['\n'] = kByteNewline;
  for (int b = 'a'; b <= 'z'; ++b) table[b] = kByteLetter;
  for (int b = 'A'; b <= 'Z'; ++b) table[b] = kByteLetter;
  for (int b = '0'; b <= '9'; ++b) table[b] = kByteDigit;
  for (const int b : {'h', 'H', 'w', 'W'}) table[b] |= kByteUrlStart;
  table['\''] = kByteWordGlue;
  for (const int b : {'.', ',', ':'}) table[b] = kByteNumberGlue;
  for (int b = 0x80; b <= 0xFF; ++b) table[b] = kByteWordGlue;
  return table;
}();

// Decodes one code point of valid UTF-8 at s[i]; returns its length (>= 1 even on a defect, so
// callers always advance).
inline size_t Decode(std::string_view s, size_t i, char32_t* cp) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    *cp = b;
    return 1;
  }
  const size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
  if (b < 0xC0 || i + n > s.size()) {
    *cp = 0xFFFD;
    return 1;
  }
  char32_t v = b & (0xFFu >> (n + 1));
  for (size_t k = 1; k < n; ++k) v = (v << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  *cp = v;
  return n;
}

inline char32_t PeekCp(std::string_view s, size_t i) {
  if (i >= s.size()) return 0;
  char32_t cp;
  Decode(s, i, &cp);
  return cp;
}

inline bool IsMark(char32_t cp) {
  return (U_GET_GC_MASK(static_cast<UChar32>(cp)) & U_GC_M_MASK) != 0;
}

inline bool IsWordCp(char32_t cp) {
  if (cp < 0x80) return IsAsciiAlnum(static_cast<unsigned char>(cp));
  const auto c = static_cast<UChar32>(cp);
  return u_isalnum(c) || IsMark(cp);
}

inline bool IsRegionalIndicator(char32_t cp) { return cp >= 0x1F1E6 && cp <= 0x1F1FF; }
inline bool IsSkinTone(char32_t cp) { return cp >= 0x1F3FB && cp <= 0x1F3FF; }
inline bool IsPictographic(char32_t cp) {
  return cp >= 0x80 && u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_EXTENDED_PICTOGRAPHIC);
}
// Characters that only modify the emoji before them: variation selectors, skin tones, the
// keycap mark and tag characters (subdivision flags).
inline bool IsEmojiModifier(char32_t cp) {
  return cp == 0xFE0F || cp == 0xFE0E || IsSkinTone(cp) || cp == 0x20E3 ||
         (cp >= 0xE0020 && cp <= 0xE007F);
}

inline bool IsApostrophe(char32_t cp) {
  return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC;
}

inline bool IsVowelLike(char32_t cp) {
  switch (cp) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'h':
    case 'A':
    case 'E':
    case 'I':
    case 'O':
    case 'U':
    case 'H':
    case 0xE0:
    case 0xE8:
    case 0xE9:
    case 0xEC:
    case 0xF2:
    case 0xF9:  // à è é ì ò ù
    case 0xC0:
    case 0xC8:
    case 0xC9:
    case 0xCC:
    case 0xD2:
    case 0xD9:  // À È É Ì Ò Ù
      return true;
    default:
      return false;
  }
}

// Italian words that elide before a vowel ("l'assistenza", "dell'app", "un'ora", "c'è").
// None of them is the first part of an English contraction followed by a vowel.
inline constexpr std::array<std::string_view, 32> kElisionPrefixes = {
    "l",   "d",   "dell", "all",   "dall", "nell", "sull", "coll",   "un",      "quest", "quell",
    "c",   "m",   "t",    "v",     "s",    "bell", "sant", "nessun", "qualcun", "tutt",  "anch",
    "dov", "com", "cos",  "quand", "senz", "mezz", "buon", "po",     "ciascun", "neanch"};

inline bool IsElisionPrefix(std::string_view prefix) {
  if (prefix.empty() || prefix.size() > 7) return false;
  char lower[8];
  for (size_t i = 0; i < prefix.size(); ++i) {
    const auto b = static_cast<unsigned char>(prefix[i]);
    if (!IsAsciiAlpha(b)) return false;
    lower[i] = static_cast<char>(b | 0x20);
  }
  const std::string_view key(lower, prefix.size());
  return std::find(kElisionPrefixes.begin(), kElisionPrefixes.end(), key) != kElisionPrefixes.end();
}

inline size_t PrefixIndex(char a, char b) {
  return static_cast<unsigned char>(a) | (static_cast<size_t>(static_cast<unsigned char>(b)) << 8);
}

inline bool StartsWithNoCase(std::string_view text, size_t pos, std::string_view prefix) {
  if (text.size() - pos < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if ((static_cast<unsigned char>(text[pos + i]) | 0x20) != static_cast<unsigned char>(prefix[i]))
      return false;
  }
  return true;
}

}  // namespace heed::sentiment::chars
