#include "stemmer.h"

#include <libstemmer.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
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

// The words this thread stemmed last, per language. Posts repeat words ("back", "persone")
// within a few posts, and a Snowball stem costs thousands of instructions; a lookup here, tens.
// Direct-mapped and small (256 words, 20 KiB per language), so it holds what recent posts
// share, not a whole corpus: on the dev sets 40% of the stems are hits whether the posts are
// new or seen before. Stem is a pure function: a hit is the same stem.
class StemCache {
 public:
  // The cached stem of word, or nullptr.
  const std::string_view* Find(std::string_view word, uint64_t hash) const {
    const Slot& slot = slots_[hash & (kSlots - 1)];
    return slot.word == word ? &slot.stem : nullptr;
  }
  // Caches word's stem (both must be at most kMaxBytes); returns the cached copy.
  std::string_view Put(std::string_view word, uint64_t hash, std::string_view stem) {
    Slot& slot = slots_[hash & (kSlots - 1)];
    std::memcpy(slot.bytes, word.data(), word.size());
    std::memcpy(slot.bytes + kMaxBytes, stem.data(), stem.size());
    slot.word = std::string_view(slot.bytes, word.size());
    slot.stem = std::string_view(slot.bytes + kMaxBytes, stem.size());
    return slot.stem;
  }

  static constexpr size_t kMaxBytes = 24;

 private:
  static constexpr size_t kSlots = 256;
  struct Slot {
    std::string_view word;  // into bytes; empty (never looked up) when unused
    std::string_view stem;
    char bytes[2 * kMaxBytes];
  };
  Slot slots_[kSlots];
};

std::string_view SnowballStem(sb_stemmer* stemmer, std::string_view word) {
  const sb_symbol* stem = sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(word.data()),
                                          static_cast<int>(word.size()));
  if (stem == nullptr) return word;  // out of memory inside libstemmer
  return std::string_view(reinterpret_cast<const char*>(stem),
                          static_cast<size_t>(sb_stemmer_length(stemmer)));
}

}  // namespace

std::string_view Stem(StemLanguage language, std::string_view word) {
  sb_stemmer* stemmer = ThreadStemmer(language);
  if (stemmer == nullptr || word.empty()) return word;
  if (word.size() > StemCache::kMaxBytes) return SnowballStem(stemmer, word);
  thread_local StemCache caches[2];
  StemCache& cache = caches[language == StemLanguage::kEnglish ? 0 : 1];
  const uint64_t hash = HashKey(word);
  if (const std::string_view* stem = cache.Find(word, hash)) return *stem;
  const std::string_view stem = SnowballStem(stemmer, word);
  return stem.size() <= StemCache::kMaxBytes ? cache.Put(word, hash, stem) : stem;
}

namespace {

// What may follow an English stem in a word of the same tone (see StemKeepsTone), after a
// doubled final consonant ("stopped", "hopping": stem "stop", "hop"): inflections on both
// sides, derivations only in texts.
constexpr std::string_view kInflections[] = {"",    "e",   "s",    "es",  "ed", "d",
                                             "ing", "er",  "ers",  "est", "y",  "ies",
                                             "ied", "ier", "iest", "'s",  "s'"};
constexpr std::string_view kDerivations[] = {"ly", "ily", "ness", "iness"};

bool IsDoublingConsonant(char c) {
  return std::string_view("bdfgklmnprstvz").find(c) != std::string_view::npos;
}

bool IsEnglishEnding(std::string_view stem, std::string_view rest, StemSide side) {
  if (rest.size() > 6) return false;  // the longest is a doubled consonant + "iness"
  if (!stem.empty() && !rest.empty() && rest.front() == stem.back() &&
      IsDoublingConsonant(rest.front())) {
    rest.remove_prefix(1);
  }
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
  if (english_) {
    for (size_t n = 0; n <= stem.size(); ++n) {
      const auto rest = static_cast<uint8_t>(std::min<size_t>(stem.size() - n, 255));
      auto [it, inserted] = stem_prefixes_.emplace(stem.substr(0, n), rest);
      it->second = std::min(it->second, rest);
    }
  }
  // English may add an 'e' the word does not have ("hating" -> "hate", "icing" -> "ice") and
  // rewrites "-bility" as "-bl" ("inability" -> "inabl"): the key stops before them.
  if (stem.size() < 2) return;  // BuildStems keeps stems of three letters or more
  const size_t rewritten = stem.ends_with('e') ? 1 : stem.ends_with("bl") ? 2 : 0;
  const size_t n =
      std::clamp(stem.size() - std::min(rewritten, stem.size()), size_t{2}, kMaxPrefix);
  // The key is the whole stem: what follows it in a word must be an ending.
  const bool whole = rewritten == 0 && n == stem.size() && n < kMaxPrefix;
  // Byte i at bits 8i.., as MayMatch builds them; also marks the key's own prefixes as ones
  // that lead to a key.
  auto key_of = [this, n](std::string_view bytes) {
    uint64_t prefix = 0;
    for (size_t i = 0; i < n; ++i) {
      prefix |= static_cast<uint64_t>(static_cast<unsigned char>(bytes[i])) << (8 * i);
      if (i >= 1) leads_to_key_[i - 1].set(Key(prefix, i + 1));
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

bool StemPrefixFilter::MayKeepTone(std::string_view word) const {
  // StemKeepsTone(kText) holds when, past the common prefix p of the word and its stem, the
  // word goes on with an ending (after a doubled consonant). So the word is stem[0, p), maybe
  // a doubled consonant, and an ending; stem[0, p) is a prefix of a stem of the table, and
  // that stem is no longer than the word (as every Snowball stem).
  auto could_be_stem = [&](size_t p) {
    const uint8_t* rest = stem_prefixes_.Find(word.substr(0, p));
    return rest != nullptr && *rest <= word.size() - p;
  };
  auto could_end = [&](std::string_view ending) {
    // The last letters first: most endings are told apart by them without a call to memcmp.
    if (!ending.empty() && (word.empty() || word.back() != ending.back())) return false;
    if (!word.ends_with(ending)) return false;
    const size_t p = word.size() - ending.size();
    if (could_be_stem(p)) return true;
    return p >= 2 && word[p - 1] == word[p - 2] && IsDoublingConsonant(word[p - 1]) &&
           could_be_stem(p - 1);
  };
  return std::any_of(std::begin(kInflections), std::end(kInflections), could_end) ||
         std::any_of(std::begin(kDerivations), std::end(kDerivations), could_end);
}

bool StemPrefixFilter::MayMatch(std::string_view word) const {
  // The prefix keys reject most words at the cost of a few bit tests; the exact English test
  // looks prefixes up in a table, so it only runs for the rest.
  return PrefixMayMatch(word) && (!english_ || MayKeepTone(word));
}

bool StemPrefixFilter::PrefixMayMatch(std::string_view word) const {
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
    // Most words part from every key within their first two or three letters.
    if (!leads_to_key_[n - 2][key]) return false;
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
