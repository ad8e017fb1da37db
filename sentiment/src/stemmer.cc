#include "stemmer.h"

#include <libstemmer.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>

namespace heed::sentiment {
namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};
using StemmerPtr = std::unique_ptr<sb_stemmer, StemmerDeleter>;

// One stemmer per language per thread, created on first use.
sb_stemmer* ThreadStemmer(StemLanguage language) {
  thread_local StemmerPtr english(sb_stemmer_new("english", "UTF_8"));
  thread_local StemmerPtr italian(sb_stemmer_new("italian", "UTF_8"));
  return language == StemLanguage::kEnglish ? english.get() : italian.get();
}

}  // namespace

std::string_view Stem(StemLanguage language, std::string_view word) {
  sb_stemmer* stemmer = ThreadStemmer(language);
  if (stemmer == nullptr || word.empty()) return word;
  const sb_symbol* stem = sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(word.data()),
                                          static_cast<int>(word.size()));
  if (stem == nullptr) return word;  // out of memory inside libstemmer
  return std::string_view(reinterpret_cast<const char*>(stem),
                          static_cast<size_t>(sb_stemmer_length(stemmer)));
}

namespace {

// What may follow an English stem in a word of the same tone (see StemKeepsTone). A doubled
// final consonant ("stopped", "hopping": stem "stop", "hop") is skipped first.
bool IsEnglishEnding(std::string_view stem, std::string_view rest, StemSide side) {
  if (rest.size() > 6) return false;  // the longest is a doubled consonant + "iness"
  if (!stem.empty() && !rest.empty() && rest.front() == stem.back() &&
      std::string_view("bdfgklmnprstvz").find(rest.front()) != std::string_view::npos) {
    rest.remove_prefix(1);
  }
  static constexpr std::string_view kInflections[] = {"",    "e",   "s",    "es",  "ed", "d",
                                                      "ing", "er",  "ers",  "est", "y",  "ies",
                                                      "ied", "ier", "iest", "'s",  "s'"};
  static constexpr std::string_view kDerivations[] = {"ly", "ily", "ness", "iness"};
  for (std::string_view ending : kInflections) {
    if (rest == ending) return true;
  }
  if (side == StemSide::kLexicon) return false;
  for (std::string_view ending : kDerivations) {
    if (rest == ending) return true;
  }
  return false;
}

// Whether word[n...] can be what the Italian stemmer removed after the stem word[0, n): every
// suffix it strips (-are, -ato, -amente, -issimo, pronouns after -ando/-ar...) starts with a
// vowel, "h" ("amiche" -> "amic") or an accented vowel, unless it is "-mente" ("facilmente" ->
// "facil") or the stem itself ends in a vowel.
bool CanFollowItalianStem(std::string_view word, size_t n) {
  if (n >= word.size()) return true;
  constexpr std::string_view kVowels = "aeiou";
  const char next = word[n];
  return kVowels.find(next) != std::string_view::npos || next == 'h' ||
         static_cast<unsigned char>(next) >= 0x80 || word.substr(n).starts_with("mente") ||
         kVowels.find(word[n - 1]) != std::string_view::npos;
}

}  // namespace

bool StemKeepsTone(StemLanguage language, std::string_view word, std::string_view stem,
                   StemSide side) {
  if (language != StemLanguage::kEnglish) return true;
  size_t p = 0;
  while (p < word.size() && p < stem.size() && word[p] == stem[p]) ++p;
  return IsEnglishEnding(stem.substr(0, p), word.substr(p), side);
}

size_t StemPrefixFilter::Key(uint64_t prefix, size_t n) {
  prefix |= static_cast<uint64_t>(n) << 56;
  return static_cast<size_t>((prefix * 0x9E3779B97F4A7C15ull) >> (64 - kKeyBits));
}

void StemPrefixFilter::Add(std::string_view stem) {
  // English may add an 'e' the word does not have ("hating" -> "hate", "icing" -> "ice") and
  // rewrites "-bility" as "-bl" ("inability" -> "inabl"): the key stops before them.
  if (stem.size() < 2) return;  // BuildStems keeps stems of three letters or more
  const size_t rewritten = stem.ends_with('e') ? 1 : stem.ends_with("bl") ? 2 : 0;
  const size_t n =
      std::clamp(stem.size() - std::min(rewritten, stem.size()), size_t{2}, kMaxPrefix);
  // The key is the whole stem: what follows it in a word must be an ending.
  const bool whole = rewritten == 0 && n == stem.size() && n < kMaxPrefix;
  // Byte i at bits 8i.., as MayMatch builds them.
  auto key_of = [n](std::string_view bytes) {
    uint64_t prefix = 0;
    for (size_t i = 0; i < n; ++i) {
      prefix |= static_cast<uint64_t>(static_cast<unsigned char>(bytes[i])) << (8 * i);
    }
    return Key(prefix, n);
  };
  std::bitset<kBits>& keys = keys_[n - 2];
  const size_t kind = whole ? 1 : 0;  // bit 2k: a key; bit 2k + 1: a key that is a whole stem
  keys.set(2 * key_of(stem) + kind);
  // English turns a final 'y' into 'i' ("crying" -> "cri", "dying" -> "die") and back
  // ("skies" -> "sky"), only ever in the stem's last letter: the key takes both.
  if (stem[n - 1] == 'i' || stem[n - 1] == 'y') {
    std::string other(stem.substr(0, n));
    other.back() = stem[n - 1] == 'i' ? 'y' : 'i';
    keys.set(2 * key_of(other) + kind);
  }
}

bool StemPrefixFilter::MayMatch(std::string_view word) const {
  // A stem is never longer than its word, so a word of m letters can only match keys of up to
  // m letters.
  const size_t m = std::min(kMaxPrefix, word.size());
  uint64_t bytes = 0;
  for (size_t i = 0; i < m; ++i) {
    const auto b = static_cast<unsigned char>(word[i]);
    // Italian rewrites acute accents as grave ones (á é í ó ú, C3 A1 A9 AD B3 BA): stem it.
    if (b == 0xC3 && i + 1 < word.size() &&
        std::string_view("\xA1\xA9\xAD\xB3\xBA").find(word[i + 1]) != std::string_view::npos) {
      return true;
    }
    bytes |= static_cast<uint64_t>(b) << (8 * i);
  }
  for (size_t n = 2; n <= m; ++n) {
    static_assert(kMaxPrefix < 8, "prefixes are masked out of one 64-bit word");
    const uint64_t prefix = bytes & ((uint64_t{1} << (8 * n)) - 1);
    const size_t key = Key(prefix, n);  // < 2^kKeyBits: operator[] needs no bounds check
    if (keys_[n - 2][2 * key]) return true;
    if (keys_[n - 2][2 * key + 1] &&
        (english_ ? IsEnglishEnding(word.substr(0, n), word.substr(n), StemSide::kText)
                  : CanFollowItalianStem(word, n))) {
      return true;
    }
  }
  return false;
}

}  // namespace heed::sentiment
