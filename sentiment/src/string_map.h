// String-keyed hash containers for the lexicons: built once, then looked up several times per
// token, so lookups are what they are tuned for.
//
// StringMap is an open-addressing table (linear probing, power-of-two capacity, load <= 1/2) over
// a dense vector of entries kept in insertion order. Lookups take a std::string_view and never
// allocate; a slot holds the key's size and first 8 bytes, so a probe compares strings only for
// keys longer than that whose beginnings agree.
// There is no erase: lexicons only grow while they are built. References to values stay valid
// until the next insertion.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace heed::sentiment {

// Keys taken from a scored text are followed by at least kKeyPadding readable bytes (Analyze
// keeps the text and the folded keys in padded buffers), so the hot path reads a key 8 bytes at a
// time with no branch on its length: the bytes past the key are masked off, never used.
inline constexpr size_t kKeyPadding = 8;

// What a lookup needs of a key: its hash, and its head, the first 8 bytes as one word (as
// memcpy loads them), zero past the key's end. Keys of up to 8 bytes are told apart by size and
// head alone.
struct KeyDigest {
  uint64_t hash = 0;
  uint64_t head = 0;
};

namespace key_internal {

// The hash of a key whose chunks (8 bytes each, the last zero-padded) are mixed by `next`.
template <typename NextChunk>
inline KeyDigest Digest(size_t n, NextChunk next) noexcept {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xFF51AFD7ED558CCDull);
  uint64_t head = next();
  uint64_t w = head;
  while (n > 8) {
    h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
    n -= 8;
    w = next();
  }
  h = (h ^ w) * 0x94D049BB133111EBull;
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 32;
  return {h, head};
}

// The mask that keeps the first n bytes (0..8) of a word loaded by memcpy.
inline uint64_t FirstBytesMask(size_t n) noexcept {
  static constexpr auto kMasks = [] {
    std::array<uint64_t, 9> masks{};
    for (size_t k = 1; k < 8; ++k) {
      masks[k] = std::endian::native == std::endian::little ? (uint64_t{1} << (8 * k)) - 1
                                                            : ~(~uint64_t{0} >> (8 * k));
    }
    masks[8] = ~uint64_t{0};
    return masks;
  }();
  return kMasks[n];
}

}  // namespace key_internal

// A fast hash for short keys (lexicon words are mostly 3..12 bytes). Not for untrusted keys in a
// table an attacker fills: the lexicon's keys are ours, and texts only look them up. Reads only
// the key's own bytes.
inline KeyDigest DigestKey(std::string_view s) noexcept {
  const char* p = s.data();
  size_t left = s.size();
  return key_internal::Digest(s.size(), [&] {
    uint64_t w = 0;
    const size_t k = left < 8 ? left : 8;
    if (k != 0) std::memcpy(&w, p, k);  // an empty view may have no data at all
    p += k;
    left -= k;
    return w;
  });
}

// DigestKey(s), for a key followed by at least kKeyPadding readable bytes (an empty key too: its
// data() must point to them): loads whole words.
inline KeyDigest DigestPaddedKey(std::string_view s) noexcept {
  const char* p = s.data();
  size_t left = s.size();
  return key_internal::Digest(s.size(), [&] {
    uint64_t w;
    std::memcpy(&w, p, 8);
    w &= key_internal::FirstBytesMask(left < 8 ? left : 8);
    p += 8;
    left -= left < 8 ? left : 8;
    return w;
  });
}

inline uint64_t HashKey(std::string_view s) noexcept { return DigestKey(s).hash; }

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return HashKey(s); }
};

template <typename V>
class StringMap {
 public:
  using value_type = std::pair<std::string, V>;
  using iterator = typename std::vector<value_type>::iterator;
  using const_iterator = typename std::vector<value_type>::const_iterator;

  iterator begin() { return entries_.begin(); }
  iterator end() { return entries_.end(); }
  const_iterator begin() const { return entries_.begin(); }
  const_iterator end() const { return entries_.end(); }
  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }

  const_iterator find(std::string_view key) const {
    const uint32_t i = Lookup(key, DigestKey(key));
    return i == kNone ? entries_.end() : entries_.begin() + i;
  }
  iterator find(std::string_view key) {
    const uint32_t i = Lookup(key, DigestKey(key));
    return i == kNone ? entries_.end() : entries_.begin() + i;
  }
  // The value of key, or nullptr: the common lookup, without iterators. `digest` must be
  // DigestKey(key) (or DigestPaddedKey), for callers that look one key up in several maps.
  const V* Find(std::string_view key) const { return Find(key, DigestKey(key)); }
  const V* Find(std::string_view key, const KeyDigest& digest) const {
    const uint32_t i = Lookup(key, digest);
    return i == kNone ? nullptr : &entries_[i].second;
  }
  bool contains(std::string_view key) const { return Find(key) != nullptr; }

  // Inserts key with value unless present; returns the entry and whether it was inserted.
  std::pair<iterator, bool> emplace(std::string_view key, V value) {
    const KeyDigest d = DigestKey(key);
    if (const uint32_t i = Lookup(key, d); i != kNone) return {entries_.begin() + i, false};
    entries_.emplace_back(std::string(key), std::move(value));
    Place(static_cast<uint32_t>(entries_.size() - 1), d);
    return {entries_.end() - 1, true};
  }
  V& operator[](std::string_view key) { return emplace(key, V{}).first->second; }

 private:
  static constexpr uint32_t kNone = UINT32_MAX;
  // A slot holds the key's size and head, so a probe decides on keys of up to 8 bytes (most
  // words) without reading the entry, and a miss costs no string comparison.
  struct Slot {
    uint64_t head = 0;
    uint32_t size = kNone;   // kNone when empty: no key has that size
    uint32_t index = kNone;  // into entries_
  };

  uint32_t Lookup(std::string_view key, const KeyDigest& d) const {
    if (slots_.empty()) return kNone;
    const size_t mask = slots_.size() - 1;
    for (size_t s = d.hash & mask;; s = (s + 1) & mask) {
      const Slot& slot = slots_[s];
      // Bitwise &: one branch for "this is the key" (data the processor cannot predict).
      if ((slot.head == d.head) & (slot.size == key.size())) {
        if (key.size() <= 8 || std::memcmp(entries_[slot.index].first.data() + 8, key.data() + 8,
                                           key.size() - 8) == 0) {
          return slot.index;
        }
      }
      if (slot.index == kNone) return kNone;
    }
  }

  // Adds entries_[index] (digest d) to the slots, growing them to keep the load <= 1/2.
  void Place(uint32_t index, const KeyDigest& d) {
    if (2 * entries_.size() > slots_.size()) {
      slots_.assign(slots_.empty() ? 16 : 2 * slots_.size(), Slot{});
      for (uint32_t i = 0; i < entries_.size(); ++i) {
        Insert(i, i == index ? d : DigestKey(entries_[i].first));
      }
      return;
    }
    Insert(index, d);
  }
  void Insert(uint32_t index, const KeyDigest& d) {
    const size_t mask = slots_.size() - 1;
    size_t s = d.hash & mask;
    while (slots_[s].index != kNone) s = (s + 1) & mask;
    slots_[s] = Slot{d.head, static_cast<uint32_t>(entries_[index].first.size()), index};
  }

  std::vector<value_type> entries_;  // insertion order
  std::vector<Slot> slots_;          // size 0 or a power of two
};

using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

}  // namespace heed::sentiment
