// String-keyed hash containers for the lexicons: built once, then looked up several times per
// token, so lookups are what they are tuned for.
//
// StringMap is an open-addressing table (linear probing, power-of-two capacity, load <= 1/2) over
// a dense vector of entries kept in insertion order. Lookups take a std::string_view and never
// allocate; a slot holds 32 bits of the hash, so a probe compares strings only when those agree.
// There is no erase: lexicons only grow while they are built. References to values stay valid
// until the next insertion.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace heed::sentiment {

// A fast hash for short keys (lexicon words are mostly 3..12 bytes). Not for untrusted keys in a
// table an attacker fills: the lexicon's keys are ours, and texts only look them up.
inline uint64_t HashKey(std::string_view s) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xFF51AFD7ED558CCDull);
  while (n > 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
    p += 8;
    n -= 8;
  }
  uint64_t w = 0;
  if (n >= 4) {
    // Two overlapping 4-byte reads cover 4..8 bytes.
    uint32_t a, b;
    std::memcpy(&a, p, 4);
    std::memcpy(&b, p + n - 4, 4);
    w = (static_cast<uint64_t>(a) << 32) | b;
  } else if (n > 0) {
    w = (static_cast<uint64_t>(p[0]) << 16) | (static_cast<uint64_t>(p[n / 2]) << 8) | p[n - 1];
  }
  h = (h ^ w) * 0x94D049BB133111EBull;
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 32;
  return h;
}

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
    const uint32_t i = Lookup(key, HashKey(key));
    return i == kNone ? entries_.end() : entries_.begin() + i;
  }
  iterator find(std::string_view key) {
    const uint32_t i = Lookup(key, HashKey(key));
    return i == kNone ? entries_.end() : entries_.begin() + i;
  }
  // The value of key, or nullptr: the common lookup, without iterators. `hash` must be
  // HashKey(key), for callers that look one key up in several maps.
  const V* Find(std::string_view key) const { return Find(key, HashKey(key)); }
  const V* Find(std::string_view key, uint64_t hash) const {
    const uint32_t i = Lookup(key, hash);
    return i == kNone ? nullptr : &entries_[i].second;
  }
  bool contains(std::string_view key) const { return Find(key) != nullptr; }

  // Inserts key with value unless present; returns the entry and whether it was inserted.
  std::pair<iterator, bool> emplace(std::string_view key, V value) {
    const uint64_t h = HashKey(key);
    if (const uint32_t i = Lookup(key, h); i != kNone) return {entries_.begin() + i, false};
    entries_.emplace_back(std::string(key), std::move(value));
    Place(static_cast<uint32_t>(entries_.size() - 1), h);
    return {entries_.end() - 1, true};
  }
  V& operator[](std::string_view key) { return emplace(key, V{}).first->second; }

 private:
  static constexpr uint32_t kNone = UINT32_MAX;
  struct Slot {
    uint32_t tag = 0;        // the hash's high 32 bits
    uint32_t index = kNone;  // into entries_, kNone when empty
  };

  uint32_t Lookup(std::string_view key, uint64_t h) const {
    if (slots_.empty()) return kNone;
    const size_t mask = slots_.size() - 1;
    const auto tag = static_cast<uint32_t>(h >> 32);
    for (size_t s = h & mask;; s = (s + 1) & mask) {
      const Slot& slot = slots_[s];
      if (slot.index == kNone) return kNone;
      if (slot.tag == tag && entries_[slot.index].first == key) return slot.index;
    }
  }

  // Adds entries_[index] (hash h) to the slots, growing them to keep the load <= 1/2.
  void Place(uint32_t index, uint64_t h) {
    if (2 * entries_.size() > slots_.size()) {
      slots_.assign(slots_.empty() ? 16 : 2 * slots_.size(), Slot{});
      for (uint32_t i = 0; i < entries_.size(); ++i) {
        Insert(i, i == index ? h : HashKey(entries_[i].first));
      }
      return;
    }
    Insert(index, h);
  }
  void Insert(uint32_t index, uint64_t h) {
    const size_t mask = slots_.size() - 1;
    size_t s = h & mask;
    while (slots_[s].index != kNone) s = (s + 1) & mask;
    slots_[s] = Slot{static_cast<uint32_t>(h >> 32), index};
  }

  std::vector<value_type> entries_;  // insertion order
  std::vector<Slot> slots_;          // size 0 or a power of two
};

using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

}  // namespace heed::sentiment
