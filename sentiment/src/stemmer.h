// Snowball stemming (libstemmer) for the lexicon fallback: a token that misses the lexicon is
// looked up again by stem, so "pessimamente" or "refunded" find "pessim" / "refund".
#pragma once

#include <bitset>
#include <cstdint>
#include <string_view>

#include "string_map.h"

namespace heed::sentiment {

enum class StemLanguage { kEnglish, kItalian };

// Returns the stem of a case-folded UTF-8 word. The view points into a per-thread buffer and is
// valid until the next Stem call on the same thread; copy it to keep it. Thread-safe
// (libstemmer objects are not, so each thread owns its own). Returns `word` unchanged if the
// stemmer is unavailable.
std::string_view Stem(StemLanguage language, std::string_view word);

// Whether `stem` (its Snowball stem) and `word` differ by an inflection rather than a derivation.
// Porter2 also strips derivational suffixes, and those change meaning: "timely" and "time",
// "lively" and "live", "colorful" and "color" share a stem but not a tone. For English, a
// lexicon word feeds the stem table only when it is its stem plus an inflection (-s, -ed, -ing,
// -er, -est, -y, -e), and a text's word finds an entry by stem only when it is that stem plus
// an inflection, "-ly" or "-ness" ("badly", "sadness" keep the tone of "bad", "sad"). Italian
// stems are kept whatever the ending: its suffixes (-mente, -issimo) keep the tone.
enum class StemSide { kLexicon, kText };
bool StemKeepsTone(StemLanguage language, std::string_view word, std::string_view stem,
                   StemSide side);

// A cheap test in front of Stem() for words that miss the lexicon, most of which stem to nothing
// the stem table knows: stemming costs more than scoring the rest of a post.
//
// It relies on how the English (Porter2) and Italian Snowball stemmers change a word: they
// rewrite suffixes inside R1/R2/RV, so a stem is the word's beginning, with exceptions the key
// accounts for:
//   - English may end a stem with letters the word lacks ("hating" -> "hate", "icing" -> "ice",
//     "inability" -> "inabl"): the key leaves a final "e" or "bl" out;
//   - English turns a final 'y' into 'i' ("crying" -> "cri", "dying" -> "die") and back
//     ("skies" -> "sky"): a key ending in either is kept with both;
//   - Italian turns acute accents into grave ones: words with one in the prefix always pass.
// So the key of a stem is its first 2..6 bytes (fewer when short, never the rewritten end), and
// a word passes when one of its prefixes is a key. A key that is a whole stem (short, not
// rewritten) also needs what follows it in the word to be a possible ending: for English one
// StemKeepsTone accepts ("bad" lets "badly" through, not "badge"), for Italian one starting with
// a vowel ("port" lets "portato" through, not "portfolio"). False positives only cost a stem call;
// a test checks that no inflection of a lexicon word is filtered out.
class StemPrefixFilter {
 public:
  explicit StemPrefixFilter(StemLanguage language) : english_(language == StemLanguage::kEnglish) {}

  void Add(std::string_view stem);
  // False only when no stem added can be the stem of `word` (case-folded UTF-8), or, for
  // English, when none can be a stem of it that keeps its tone (StemKeepsTone, kText).
  bool MayMatch(std::string_view word) const;

 private:
  // English: whether the word can be a prefix of a stem added (no longer than the word)
  // followed by an ending that StemKeepsTone accepts in a text. Exact, from StemKeepsTone's
  // definition: "banking" passes when a stem of 4 to 7 letters starts with "bank", "back" only
  // when "back" is a stem.
  bool MayKeepTone(std::string_view word) const;
  // Whether a prefix of the word is the key of a stem added.
  bool PrefixMayMatch(std::string_view word) const;

  // The bit of a prefix of n bytes (byte i at bits 8i..).
  static size_t Key(uint64_t prefix, size_t n);

  static constexpr int kKeyBits = 16;
  static constexpr size_t kMaxPrefix = 6;
  bool english_;
  // [n - 2]: keys of n bytes, two bits each (a key; a key that is a whole stem) so that one
  // cache line answers both.
  static constexpr size_t kBits = size_t{2} << kKeyBits;
  std::bitset<kBits> keys_[kMaxPrefix - 1];
  // [n - 2]: the first n bytes of every key of n bytes or more, so that the search stops at the
  // first prefix of a word that no key starts with.
  std::bitset<size_t{1} << kKeyBits> leads_to_key_[kMaxPrefix - 1];
  // English: every prefix of every stem added ("" included), with the fewest letters a stem
  // adds to it.
  StringMap<uint8_t> stem_prefixes_;
};

}  // namespace heed::sentiment
