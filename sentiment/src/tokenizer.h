// Splits a post into the tokens the sentiment rules work on. Language-agnostic, one pass, no
// regex, no allocation per token: tokens are views into the input plus offsets into one shared
// buffer of case-folded keys.
//
//   words       "Don't", "l'" + "assistenza" (Italian elision is split off), "perche'"
//   numbers     "5", "10:30", "3.5"
//   emoji       one token per emoji sequence: ZWJ sequences, skin tones, flags
//   emoticons   ":)", ":-(", ":'(", "<3", "xD" (from the lexicon's emoticon list)
//   hashtags    "#fail" (key: "fail"), mentions "@brand", URLs (carry no sentiment)
//   punctuation "!!!", "?!" (counted), clause breaks (, ; : dash), sentence breaks (. … newline)
#pragma once

#include <array>
#include <bitset>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "string_map.h"

namespace heed::sentiment {

enum class TokenKind : uint8_t {
  kWord,
  kNumber,
  kEmoji,
  kEmoticon,
  kHashtag,
  kMention,
  kUrl,
  kPunct,          // a run of '!' and '?'; ends a sentence
  kClauseBreak,    // , ; : ( ) and dashes
  kSentenceBreak,  // . … and line breaks
};

struct Token {
  std::string_view raw;  // as written, a view into the tokenized text
  uint32_t norm_offset = 0;
  uint32_t norm_size = 0;  // the lookup key, in TokenizedText::norm; empty for breaks and URLs
  TokenKind kind = TokenKind::kWord;
  // The key is `raw` itself (most words: lower-case ASCII), so it was not copied into norm;
  // norm_offset is then meaningless and norm_size is raw's size.
  bool norm_is_raw = false;
  bool all_caps = false;     // a word with 2+ letters, all upper case
  bool has_lower = false;    // a word with a lower-case letter
  uint8_t exclamations = 0;  // kPunct: number of '!' (saturates at 255)
  uint8_t questions = 0;     // kPunct: number of '?'
};

// The tokens of one text. Reused across calls to keep its capacity.
struct TokenizedText {
  std::vector<Token> tokens;
  std::string norm;  // the case-folded keys of all tokens, back to back

  std::string_view Norm(const Token& t) const {
    // A select by mask: GCC compiles the conditional to a branch, and whether a word is its own
    // key is data the processor cannot predict (about one word in four is not).
    const auto raw = reinterpret_cast<uintptr_t>(t.raw.data());
    const auto folded = reinterpret_cast<uintptr_t>(norm.data() + t.norm_offset);
    const uintptr_t is_raw = -static_cast<uintptr_t>(t.norm_is_raw);
    return std::string_view(reinterpret_cast<const char*>((raw & is_raw) | (folded & ~is_raw)),
                            t.norm_size);
  }
  void Clear() {
    tokens.clear();
    norm.clear();
  }
};

class Tokenizer {
 public:
  // emoticons: the ASCII emoticons to recognise (case-sensitive).
  explicit Tokenizer(const StringSet& emoticons);

  // Appends the tokens of `text` (valid UTF-8) to *out; views point into `text`, which must
  // outlive them. Thread-safe.
  void Tokenize(std::string_view text, TokenizedText* out) const;

 private:
  // Length of the emoticon at text[pos], including repeats of its last character (":)))"), or 0.
  // *key is set to the emoticon as listed.
  size_t MatchEmoticon(std::string_view text, size_t pos, std::string_view* key) const;

  // False if no emoticon starts with text[pos, pos + 2): the cheap test before MatchEmoticon.
  bool MayStartEmoticon(std::string_view text, size_t pos) const;

  StringSet emoticons_;
  // chars::kByteClass, plus kByteEmoticon on the first byte of every emoticon (not on spaces,
  // which are never tried as emoticons).
  std::array<uint8_t, 256> byte_class_;
  // The first two bytes of every emoticon (byte 0 | byte 1 << 8): most words that start with an
  // emoticon's first letter ("of", "to") are rejected without a lookup.
  std::bitset<65536> emoticon_prefix_;
  size_t max_emoticon_size_ = 0;
};

}  // namespace heed::sentiment
