// A small per-thread memory of what the lexicon's fallbacks found for the words it does not know
// directly. Half the words of a post miss the lexicon (names, nouns, verbs without a tone), and
// each miss costs hundreds of instructions and several unpredictable branches of fallbacks
// (spelling variants, elongation, laughter, the stem filter, Snowball, superlatives) that end,
// for most, in "nothing". Posts repeat such words within a few posts (the brand's name, "phone",
// "today", "governo"), so a direct-mapped table of the recent ones answers about half of them
// with one probe (53% on the dev sets, the same on a first pass over them as on later ones).
//
// Exact by construction: the fallbacks are a pure function of the lexicon, the key and whether
// the token is a word or a number, and a slot is only used when all three are equal (the
// lexicon by InstanceId, never reused). Small on purpose (128 KiB): it holds what neighbouring
// posts share, not a corpus.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "lexicon.h"
#include "string_map.h"
#include "units.h"

namespace heed::sentiment {

class WordFallbackCache {
 public:
  // What BuildWordUnit sets on a unit.
  struct Outcome {
    const Entry* entry = nullptr;
    const char* emphasis = nullptr;
    float base = 0;
    uint8_t urgency = 0;
    bool has_valence = false;
    Source source = Source::kNone;
  };

  // Longer keys are not cached (rare, and mostly not words).
  static constexpr size_t kMaxKeyBytes = 24;

  // The outcome cached for (lexicon_id, is_word, key), or nullptr. key is followed by
  // kKeyPadding readable bytes and digest is DigestPaddedKey(key): the key is compared as three
  // 8-byte words, without a call to memcmp.
  const Outcome* Find(uint64_t lexicon_id, bool is_word, std::string_view key,
                      const KeyDigest& digest) const {
    const size_t n = key.size();
    if (n > kMaxKeyBytes) return nullptr;
    uint64_t words[3] = {digest.head, 0, 0};
    for (size_t k = 1; 8 * k < n; ++k) {  // taken for the few keys over 8 bytes
      std::memcpy(&words[k], key.data() + 8 * k, 8);
      words[k] &= key_internal::FirstBytesMask(std::min<size_t>(n - 8 * k, 8));
    }
    const Slot& slot = slots_[digest.hash & (kSlots - 1)];
    // One branch on all the tests (bitwise &): whether a word was seen lately is data.
    const bool same = (slot.tag == Tag(lexicon_id, is_word, n)) & (slot.words[0] == words[0]) &
                      (slot.words[1] == words[1]) & (slot.words[2] == words[2]);
    return same ? &slot.outcome : nullptr;
  }

  // Remembers the outcome for a key of at most kMaxKeyBytes (longer keys are ignored). hash:
  // HashKey(key).
  void Put(uint64_t lexicon_id, bool is_word, std::string_view key, uint64_t hash,
           const Outcome& outcome) {
    if (key.size() > kMaxKeyBytes) return;
    Slot& slot = slots_[hash & (kSlots - 1)];
    slot.tag = Tag(lexicon_id, is_word, key.size());
    slot.outcome = outcome;
    char bytes[sizeof(slot.words)] = {};
    std::memcpy(bytes, key.data(), key.size());
    std::memcpy(slot.words, bytes, sizeof(bytes));
  }

 private:
  static constexpr size_t kSlots = 2048;
  // The lexicon, the token kind and the key's size in one word; never 0 (InstanceIds start at
  // 1, well below 2^48), the tag of an unused slot.
  static uint64_t Tag(uint64_t lexicon_id, bool is_word, size_t size) {
    return lexicon_id << 16 | size << 1 | static_cast<uint64_t>(is_word);
  }
  struct alignas(64) Slot {
    uint64_t tag = 0;
    Outcome outcome;
    uint64_t words[3] = {};  // the key, zero-padded, as memcpy loads it
  };
  static_assert(sizeof(Slot) == 64, "one cache line per slot");
  Slot slots_[kSlots];
};

}  // namespace heed::sentiment
