// The sentiment lexicons: parsed once from the files of data/lexicon/ (compiled into the
// binary), immutable afterwards and shared by every Scorer. See data/lexicon/README.md for the
// file formats.
#pragma once

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "heed/core/result.h"
#include "heed/sentiment/scorer.h"
#include "lexicon_data.h"
#include "stemmer.h"
#include "string_map.h"
#include "tokenizer.h"

namespace heed::sentiment {

// Urgency flags as bits, in the order of the fields of Urgency.
enum UrgencyBit : uint8_t {
  kUrgencyQuestion = 1 << 0,  // only when the word or phrase opens the text
  kUrgencyChurn = 1 << 1,
  kUrgencyRefund = 1 << 2,
  kUrgencyLegal = 1 << 3,
  kUrgencySafety = 1 << 4,
  kUrgencyProfanity = 1 << 5,
};

// Where a valence came from, for explanations.
enum class Origin : uint8_t { kBuiltin, kUser, kOverride };

// Everything the lexicon knows about one word or multi-word phrase. A key may play several
// roles ("super" is a booster and a positive word); the rules decide which applies.
struct Entry {
  float valence = 0;
  float booster = 0;         // added in the direction of the modified word; < 0 dampens
  float negation = 0;        // multiplies a negated valence (e.g. -0.74); 0 when not a negator
  bool has_valence = false;  // valence.tsv, idioms.tsv or emoji.tsv
  bool is_booster = false;
  bool post_booster = false;  // modifies the word before it ("bad as hell")
  bool is_contrast = false;   // "but", "ma"
  bool is_never = false;      // "never", "mai": "never ... so slow" emphasises instead
  bool post_negator = false;  // also negates the word right before it ("gentili per niente")
  bool is_stopword = false;
  uint8_t urgency = 0;               // UrgencyBit flags
  Origin origin = Origin::kBuiltin;  // of the valence
  // The roles above as RoleBits, for the rules' scans: RolesOf(*this), stored by Lexicon once
  // every entry is complete (Lexicon::StoreRoles), so scoring reads one byte.
  uint8_t roles = 0;

  enum RoleBits : uint8_t {
    kContrast = 1 << 0,
    kPreBooster = 1 << 1,  // a booster of the word after it
    kPostBooster = 1 << 2,
    kNegator = 1 << 3,
    kPostNegator = 1 << 4,  // a negator that also negates the word right before it
  };
  constexpr uint8_t RolesOf() const {
    return static_cast<uint8_t>((is_contrast ? kContrast : 0) |
                                (is_booster ? (post_booster ? kPostBooster : kPreBooster) : 0) |
                                (negation != 0 ? kNegator : 0) |
                                (negation != 0 && post_negator ? kPostNegator : 0));
  }

  bool is_negator() const { return negation != 0; }
};

// Entries for keys of two or more tokens, matched longest first.
class PhraseTable {
 public:
  struct Phrase {
    std::vector<std::string> words;  // case-folded token keys, size >= 2
    std::vector<uint64_t> hashes;    // HashKey of each word
    Entry entry;
  };

  // Merges into the entry of `words` (created when new) with `update`.
  template <typename F>
  void Update(const std::vector<std::string>& words, F update) {
    first_filter_.set(FilterBit(HashKey(words.front())));
    pair_filter_.set(FilterBit(PairHash(HashKey(words[0]), HashKey(words[1]))));
    std::vector<Phrase>& list = by_first_[words.front()];
    for (Phrase& p : list) {
      if (p.words == words) {
        update(p.entry);
        return;
      }
    }
    std::vector<uint64_t> hashes;
    for (const std::string& w : words) hashes.push_back(HashKey(w));
    list.push_back(Phrase{words, std::move(hashes), Entry{}});
    update(list.back().entry);
    // Longest first, so the first match is the longest.
    std::stable_sort(list.begin(), list.end(), [](const Phrase& a, const Phrase& b) {
      return a.words.size() > b.words.size();
    });
  }

  // The longest phrase whose keys equal the norms of text.tokens[i...], or nullptr. hashes, when
  // not null, holds HashKey of every word's and number's norm (any value for other tokens: they
  // never match) and one more value past the last token (any); heads then holds their
  // KeyDigest::head the same way (without the extra value).
  const Phrase* Match(const TokenizedText& text, size_t i, const uint64_t* hashes = nullptr,
                      const uint64_t* heads = nullptr) const {
    // Most tokens start no phrase: that is told inline, from the hashes, when the caller has
    // them. (Non-word tokens have no hash; MatchAt checks their kind and the text's end.) Both
    // filters are tested before one branch: a common word often starts some phrase (passes the
    // first), rarely with the next word (fails the second), so the branch is predictable.
    if (hashes != nullptr) {
      const bool first = first_filter_[FilterBit(hashes[i])];
      const bool pair = pair_filter_[FilterBit(PairHash(hashes[i], hashes[i + 1]))];
      if (!(first & pair)) return nullptr;
    }
    return MatchAt(text, i, hashes, heads);
  }

  bool empty() const { return by_first_.empty(); }

  // Calls f(Entry&) for every phrase's entry.
  template <typename F>
  void ForEachEntry(F f) {
    for (auto& [first, list] : by_first_) {
      for (Phrase& p : list) f(p.entry);
    }
  }

 private:
  const Phrase* MatchAt(const TokenizedText& text, size_t i, const uint64_t* hashes,
                        const uint64_t* heads) const;
  static size_t FilterBit(uint64_t hash) { return hash & ((size_t{1} << kFilterBits) - 1); }
  static uint64_t PairHash(uint64_t first, uint64_t second) {
    return (first ^ (second * 0x9E3779B97F4A7C15ull)) >> 7;
  }

  static constexpr int kFilterBits = 14;
  StringMap<std::vector<Phrase>> by_first_;
  // Bits of the hashes of by_first_'s keys: most tokens start no phrase, and a bit test in 2 KiB
  // tells so faster than a probe of the table.
  std::bitset<size_t{1} << kFilterBits> first_filter_;
  std::bitset<size_t{1} << kFilterBits> pair_filter_;  // of the first two words' hashes
};

// A number no other object of the program's run has had: taken afresh when the owner is
// constructed, copied or assigned, so a per-thread cache keyed by it can never mistake a new
// lexicon (perhaps at a freed one's address, or a modified copy) for one it cached.
class InstanceId {
 public:
  InstanceId() : value_(Next()) {}
  InstanceId(const InstanceId&) : value_(Next()) {}
  InstanceId& operator=(const InstanceId&) {
    value_ = Next();
    return *this;
  }
  uint64_t value() const { return value_; }

 private:
  static uint64_t Next();
  uint64_t value_;
};

// The lexicon of one scoring language ("en", "it", or "*" for the union of both). Immutable
// once built: scorers cache what its lookups found (by `id`).
struct LanguageLexicon {
  InstanceId id;
  std::string code;
  StringMap<Entry> words;  // single-token keys
  PhraseTable phrases;     // idioms, multi-word negators, boosters and contrasts
  PhraseTable urgency_phrases;
  // Snowball stems of the single-word valence and urgency keys, per stemming language, tried in
  // order when a word misses `words`. A stem whose words disagree in sign is left out.
  struct StemTable {
    StemLanguage language;
    StringMap<Entry> stems;
    StemPrefixFilter filter;  // of the keys of stems

    // The entry of word's stem, or nullptr.
    const Entry* Find(std::string_view word) const {
      if (!filter.MayMatch(word)) return nullptr;
      const std::string_view stem = Stem(language, word);
      const Entry* e = stems.Find(stem);
      return e != nullptr && StemKeepsTone(language, word, stem, StemSide::kText) ? e : nullptr;
    }
  };
  std::vector<StemTable> stem_tables;
  int negation_window = 3;  // how many tokens before a word a negator or booster reaches

  const Entry* FindWord(std::string_view key) const { return words.Find(key); }
  const Entry* FindWord(std::string_view key, const KeyDigest& digest) const {
    return words.Find(key, digest);
  }
};

class Lexicon {
 public:
  // Parses lexicon files (paths as in data/lexicon/). kDataLoss names the file and line of the
  // first malformed entry.
  static Result<std::unique_ptr<const Lexicon>> FromFiles(std::span<const EmbeddedFile> files);

  // A copy of `base` with the operator's extra lexicons and phrase overrides applied; its
  // version is base's plus "+user:<hash>". kInvalidArgument names the lexicon and line (or the
  // override's index) of the first malformed entry.
  static Result<std::unique_ptr<const Lexicon>> WithUserEntries(
      const Lexicon& base, std::span<const UserLexicon> extras,
      std::span<const std::pair<std::string, double>> overrides);

  // The lexicon compiled into the binary, parsed on first use and kept for the program's life.
  // Thread-safe.
  static Result<const Lexicon*> Default();

  const LanguageLexicon& english() const { return english_; }
  const LanguageLexicon& italian() const { return italian_; }
  const LanguageLexicon& both() const { return both_; }
  // "en" and "it" get their own lexicon; anything else the union of both.
  const LanguageLexicon& ForLanguage(std::string_view code) const;

  // Emoji (base form, see Tokenizer) and emoticons.
  const StringMap<float>& emoji() const { return emoji_; }
  const Tokenizer& tokenizer() const { return *tokenizer_; }

  // "heed-lex-1+" and a hash of every file's path and contents.
  std::string_view version() const { return version_; }

 private:
  Lexicon() = default;
  Lexicon(const Lexicon&) = default;
  Status AddUserEntry(std::string_view language, std::string_view key, float valence,
                      Origin origin);
  // Sets every entry's `roles`: the last step of building a lexicon.
  void StoreRoles();
  Status LoadLanguage(std::span<const EmbeddedFile> files, std::string_view code,
                      std::optional<StemLanguage> stem_language, bool overwrite,
                      LanguageLexicon* lex) const;

  LanguageLexicon english_;
  LanguageLexicon italian_;
  LanguageLexicon both_;
  StringMap<float> emoji_;
  std::shared_ptr<const Tokenizer> tokenizer_;  // shared by copies
  std::string version_;
};

}  // namespace heed::sentiment
