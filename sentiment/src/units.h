// Units: what the rules score. BuildUnits turns tokens into units, looking each word up in the
// lexicon (directly, as a phrase, by spelling variant, elongation, laughter, Snowball stem or
// Italian superlative) and recording where its valence came from for the explanation.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon.h"
#include "string_map.h"
#include "tokenizer.h"

namespace heed::sentiment {

// Where a unit's valence came from.
enum class Source : uint8_t {
  kNone,
  kLexicon,
  kSpelling,
  kIdiom,
  kStem,
  kEmoji,
  kEmoticon,
  kHashtag,
  kHashtagWords,  // a CamelCase hashtag scored by its words: #NonMiPiace
  kLaughter,      // "ahahah", "hahaha", "hehe": mild positive
  kUser,          // an operator's extra lexicon
  kOverride,      // a brand phrase override
};

std::string_view SourceName(Source s);

// A word written with an initial capital and a lower-case letter after it: "Dead", "Miss"; not
// "DEAD", "I", "I'm".
inline bool IsCapitalized(std::string_view raw) {
  return raw.size() >= 2 && raw[0] >= 'A' && raw[0] <= 'Z' && raw[1] >= 'a' && raw[1] <= 'z';
}

// One step of the rules: a token, or the tokens of a phrase.
struct Unit {
  std::string_view raw;
  const Entry* entry = nullptr;  // word or phrase entry; null when unknown
  float base = 0;                // lexicon valence, when has_valence
  bool has_valence = false;
  Source source = Source::kNone;
  TokenKind kind = TokenKind::kWord;
  bool all_caps = false;
  // Non-null when the word was found in a marked form that intensifies it: "elongated" ("sooo
  // good", found after collapsing letters) or "superlative" ("scortesissima" -> "scortese").
  const char* emphasis = nullptr;
  bool scope_break = false;     // ends negation/booster scope: punctuation, breaks
  bool sentence_break = false;  // ends a sentence: . … newline ! ?
  bool content = false;         // a word, emoji, hashtag... (not punctuation)
  uint8_t urgency = 0;
  uint8_t exclamations = 0;
  uint8_t questions = 0;
  // A word with an initial capital and lower case after it ("Dead", "Miss"; not "DEAD", "I'm").
  // Only set for units with a valence (see IsCapitalized for the others).
  bool capitalized = false;
  // Part of a name written in capitals in running text ("The Walking Dead", "Miss USA"): its
  // valence does not count. Set by the rules.
  bool in_name = false;

  bool is_contrast() const { return entry != nullptr && entry->is_contrast; }
  bool ends_scope() const { return scope_break || is_contrast(); }
  bool is_pre_booster() const {
    return entry != nullptr && entry->is_booster && !entry->post_booster;
  }
};

// Reused across calls (per thread) so building units allocates nothing once warmed up.
struct UnitBuffers {
  std::vector<Unit> units;
  std::vector<uint64_t> hashes;      // HashKey of each token's norm (words and numbers only)
  std::string key;                   // scratch for spelling variants
  size_t valence_units = 0;          // units with has_valence
  bool any_contrast = false;         // some unit is a contrastive conjunction
  bool capitalized_valence = false;  // a capitalised word has a valence (may be in a name)
};

// Fills out->units (and out->hashes, one per token) for `text` scored with `lex`. A phrase
// becomes one unit; `tokenizer` (may be null) splits CamelCase hashtags.
void BuildUnits(const TokenizedText& text, const LanguageLexicon& lex,
                const StringMap<float>& emoji, const Tokenizer* tokenizer, UnitBuffers* out);

}  // namespace heed::sentiment
