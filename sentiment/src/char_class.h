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

// What an ASCII byte is inside a word, as one table lookup per byte (the word scanner's inner
// loop): kAsciiLower, kAsciiUpper or kAsciiDigit; 0 for every other byte, non-ASCII included.
inline constexpr uint8_t kAsciiLower = 1;
inline constexpr uint8_t kAsciiUpper = 2;
inline constexpr uint8_t kAsciiDigit = 4;
inline constexpr std::array<uint8_t, 256> kAsciiWordClass = [] {
  std::array<uint8_t, 256> table{};
  for (int b = 'a'; b <= 'z'; ++b) table[b] = kAsciiLower;
  for (int b = 'A'; b <= 'Z'; ++b) table[b] = kAsciiUpper;
  for (int b = '0'; b <= '9'; ++b) table[b] = kAsciiDigit;
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
