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

  // The entry's roles (Entry::RoleBits), copied out of it by BuildUnits so the rules' scans
  // test a bit of the unit instead of following `entry` (null for most words) at every step.
  uint8_t roles = 0;

  // The stored roles of an entry (0 for nullptr), selected by mask: GCC compiles `e ? ... : 0`
  // to a branch, and whether a word has an entry is data the processor cannot predict.
  static uint8_t RolesOf(const Entry* e) {
    static constexpr Entry kNoEntry{};
    const uintptr_t none = -static_cast<uintptr_t>(e == nullptr);
    const auto* x = reinterpret_cast<const Entry*>((reinterpret_cast<uintptr_t>(e) & ~none) |
                                                   (reinterpret_cast<uintptr_t>(&kNoEntry) & none));
    return x->roles;
  }

  bool is_contrast() const { return roles & Entry::kContrast; }
  // Bitwise: both are data, not control flow, in the rules' tightest loops.
  bool ends_scope() const { return scope_break | ((roles & Entry::kContrast) != 0); }
  bool is_pre_booster() const { return roles & Entry::kPreBooster; }
  bool is_post_booster() const { return roles & Entry::kPostBooster; }
  bool is_booster() const { return roles & (Entry::kPreBooster | Entry::kPostBooster); }
  bool is_negator() const { return roles & Entry::kNegator; }
  bool is_post_negator() const { return roles & Entry::kPostNegator; }
};

// Reused across calls (per thread) so building units allocates nothing once warmed up.
struct UnitBuffers {
  std::vector<Unit> units;
  // HashKey of each token's norm (used for words and numbers only), and a 0 past the last.
  std::vector<uint64_t> hashes;
  std::vector<uint64_t> heads;       // KeyDigest::head of each token's norm, as hashes
  std::string key;                   // scratch for spelling variants
  size_t valence_units = 0;          // units with has_valence
  bool any_contrast = false;         // some unit is a contrastive conjunction
  bool capitalized_valence = false;  // a capitalised word has a valence (may be in a name)
  bool mixed_caps = false;           // some word is in ALL CAPS and some has a lower-case letter
};

// Fills out->units (and out->hashes, one per token) for `text` scored with `lex`. A phrase
// becomes one unit; `tokenizer` (may be null) splits CamelCase hashtags. The key of every word
// and number of `text` must be followed by kKeyPadding readable bytes (see string_map.h).
void BuildUnits(const TokenizedText& text, const LanguageLexicon& lex,
                const StringMap<float>& emoji, const Tokenizer* tokenizer, UnitBuffers* out);

}  // namespace heed::sentiment
