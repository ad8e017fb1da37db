// A small per-thread memory of what the lexicon's fallbacks found for the words it does not know
// directly. Four words in ten miss the lexicon (names, nouns, verbs without a tone), and each
// miss costs hundreds of instructions of fallbacks (spelling variants, elongation, laughter,
// the stem filter, Snowball, superlatives) that end, for most, in "nothing". Posts repeat such
// words within a few posts (the brand's name, "phone", "today", "governo"), so a direct-mapped
// table of the recent ones answers most of them with one probe.
//
// Exact by construction: the fallbacks are a pure function of the lexicon, the key and whether
// the token is a word or a number, and a slot is only used when all three are equal (the
// lexicon by InstanceId, never reused). Small on purpose (64 KiB): it holds what neighbouring
// posts share, not a corpus.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#include "lexicon.h"
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
  static constexpr size_t kMaxKeyBytes = 22;

  // The outcome cached for (lexicon_id, is_word, key), or nullptr. hash: HashKey(key).
  const Outcome* Find(uint64_t lexicon_id, bool is_word, std::string_view key,
                      uint64_t hash) const {
    const Slot& slot = slots_[hash & (kSlots - 1)];
    // One branch on all the cheap tests (bitwise &): whether a word was seen lately is data.
    const bool same = (slot.lexicon_id == lexicon_id) & (slot.hash == hash) &
                      (slot.size == key.size()) & (slot.is_word == is_word);
    if (!same || std::memcmp(slot.bytes, key.data(), key.size()) != 0) return nullptr;
    return &slot.outcome;
  }

  // Remembers the outcome for a key of at most kMaxKeyBytes (longer keys are ignored).
  void Put(uint64_t lexicon_id, bool is_word, std::string_view key, uint64_t hash,
           const Outcome& outcome) {
    if (key.size() > kMaxKeyBytes) return;
    Slot& slot = slots_[hash & (kSlots - 1)];
    slot.lexicon_id = lexicon_id;
    slot.hash = hash;
    slot.outcome = outcome;
    slot.size = static_cast<uint8_t>(key.size());
    slot.is_word = is_word;
    std::memcpy(slot.bytes, key.data(), key.size());
  }

 private:
  static constexpr size_t kSlots = 1024;
  struct Slot {
    uint64_t lexicon_id = 0;  // 0 when unused: InstanceIds start at 1
    uint64_t hash = 0;
    Outcome outcome;
    uint8_t size = 0;
    bool is_word = false;
    char bytes[kMaxKeyBytes] = {};
  };
  static_assert(sizeof(Slot) == 64, "one cache line per slot");
  Slot slots_[kSlots];
};

}  // namespace heed::sentiment
