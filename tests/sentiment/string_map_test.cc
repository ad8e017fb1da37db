// The lexicon's hash map: lookups by view, growth, insertion order, digests; the tokenizer's ASCII
// fast path folding like ICU.
#include "string_map.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <random>
#include <string>

#include "char_class.h"
#include "tokenizer.h"

namespace heed::sentiment {
namespace {

TEST(StringMapTest, FindsWhatWasInsertedAcrossGrowth) {
  StringMap<int> map;
  EXPECT_TRUE(map.empty());
  EXPECT_EQ(map.Find("missing"), nullptr);
  for (int i = 0; i < 1000; ++i) map["key" + std::to_string(i)] = i;
  EXPECT_EQ(map.size(), 1000u);
  for (int i = 0; i < 1000; ++i) {
    const std::string key = "key" + std::to_string(i);
    ASSERT_NE(map.Find(key), nullptr) << key;
    EXPECT_EQ(*map.Find(key), i);
    EXPECT_EQ(*map.Find(key, DigestKey(key)), i);
  }
  EXPECT_EQ(map.Find("key1000"), nullptr);
  EXPECT_EQ(map.find("key5")->second, 5);
  EXPECT_TRUE(map.find("nope") == map.end());
}

TEST(StringMapTest, EmplaceKeepsTheFirstValueAndIteratesInInsertionOrder) {
  StringMap<int> map;
  EXPECT_TRUE(map.emplace("b", 1).second);
  EXPECT_TRUE(map.emplace("a", 2).second);
  auto [it, inserted] = map.emplace("b", 3);
  EXPECT_FALSE(inserted);
  EXPECT_EQ(it->second, 1);
  std::string order;
  for (const auto& [key, value] : map) order += key;
  EXPECT_EQ(order, "ba");
  // Keys of every length hash (the hash reads 1-3, 4-8 and 8+ byte keys differently).
  for (const char* key : {"", "x", "xy", "xyz", "wxyz", "abcdefgh", "abcdefghi", "àè"}) {
    map[key] = 7;
    EXPECT_EQ(*map.Find(key), 7) << key;
  }
}

// A slot decides on keys of up to 8 bytes by size and first 8 bytes; longer keys that share
// those (and their size) are told apart by the rest, keys with NUL bytes by their size.
TEST(StringMapTest, KeysSharingTheirFirstEightBytesOrPaddedWithNul) {
  StringMap<int> map;
  map["disappointed"] = 1;
  map["disappointer"] = 2;
  map["disappointing"] = 3;
  map["a"] = 4;
  map[std::string("a\0", 2)] = 5;
  map[""] = 6;
  EXPECT_EQ(*map.Find("disappointed"), 1);
  EXPECT_EQ(*map.Find("disappointer"), 2);
  EXPECT_EQ(*map.Find("disappointing"), 3);
  EXPECT_EQ(map.Find("disappointes"), nullptr);
  EXPECT_EQ(map.Find("disappoint"), nullptr);
  EXPECT_EQ(*map.Find("a"), 4);
  EXPECT_EQ(*map.Find(std::string_view("a\0", 2)), 5);
  EXPECT_EQ(map.Find(std::string_view("a\0\0", 3)), nullptr);
  EXPECT_EQ(*map.Find(""), 6);
  EXPECT_EQ(*map.Find(std::string_view()), 6);  // no data pointer at all
  EXPECT_EQ(map.size(), 6u);
}

// The padded digest (whole-word loads, bytes past the key masked off) equals the exact one for
// every length, whatever the padding holds.
TEST(StringMapTest, PaddedDigestEqualsDigestAtEveryLength) {
  std::mt19937 rng(7);
  for (size_t n = 0; n <= 40; ++n) {
    for (int trial = 0; trial < 20; ++trial) {
      std::string buffer(n + kKeyPadding, '\0');
      for (char& c : buffer) c = static_cast<char>(rng());
      const std::string_view key(buffer.data(), n);
      const KeyDigest exact = DigestKey(std::string(key));  // a copy: no bytes after it matter
      const KeyDigest padded = DigestPaddedKey(key);
      ASSERT_EQ(padded.hash, exact.hash) << "length " << n;
      ASSERT_EQ(padded.head, exact.head) << "length " << n;
      EXPECT_EQ(HashKey(key), exact.hash);
    }
  }
  // Keys that differ only past their end (in the padding) digest the same.
  const std::string a("word\x01\x02\x03\x04\x05\x06\x07\x08", 12);
  const std::string b("word\xF1\xF2\xF3\xF4\xF5\xF6\xF7\xF8", 12);
  EXPECT_EQ(DigestPaddedKey(std::string_view(a.data(), 4)).hash,
            DigestPaddedKey(std::string_view(b.data(), 4)).hash);
}

TEST(StringMapTest, AsciiFastPathFoldsLikeIcu) {
  const Tokenizer tokenizer(StringSet{});
  TokenizedText text;
  tokenizer.Tokenize("HeLLo WORLD café ÀNCHE Don’t", &text);
  ASSERT_EQ(text.tokens.size(), 5u);
  EXPECT_EQ(text.Norm(text.tokens[0]), "hello");
  EXPECT_EQ(text.Norm(text.tokens[1]), "world");
  EXPECT_EQ(text.Norm(text.tokens[2]), "café");
  EXPECT_EQ(text.Norm(text.tokens[3]), "ànche");
  EXPECT_EQ(text.Norm(text.tokens[4]), "don't");
  EXPECT_TRUE(text.tokens[1].all_caps);
  EXPECT_FALSE(text.tokens[0].all_caps);
}

// ClassifyAsciiWordBytes against the byte-by-byte definition, for every byte value at every
// position of a word.
TEST(CharClassTest, EightByteClassificationMatchesEachByte) {
  std::mt19937 rng(11);
  for (int b = 0; b < 256; ++b) {
    for (size_t position = 0; position < 8; ++position) {
      unsigned char bytes[8];
      for (unsigned char& x : bytes) x = static_cast<unsigned char>(rng());
      bytes[position] = static_cast<unsigned char>(b);
      uint64_t word;
      std::memcpy(&word, bytes, 8);
      const chars::AsciiWordBytes got = chars::ClassifyAsciiWordBytes(word);
      for (size_t k = 0; k < 8; ++k) {
        const unsigned char c = bytes[k];
        auto bit = [&](uint64_t mask) { return ((mask >> (8 * k)) & 0xFF) == 0x80; };
        ASSERT_EQ(bit(got.alnum), chars::IsAsciiAlnum(c)) << b << " at " << k;
        ASSERT_EQ(bit(got.upper), chars::IsAsciiUpper(c)) << b << " at " << k;
        ASSERT_EQ(bit(got.letter), chars::IsAsciiAlpha(c)) << b << " at " << k;
        ASSERT_EQ((got.alnum >> (8 * k)) & 0x7F, 0u);  // only bit 7 of a byte is ever set
      }
    }
  }
}

// Words of every length up to 24, in every case mix, before a space, punctuation, a non-ASCII
// letter or the end of the text: the word scanner's 8-byte steps give the keys and flags of the
// byte-by-byte definition.
TEST(TokenizerTest, WordScanAtEveryLengthAndEnding) {
  const Tokenizer tokenizer(StringSet{});
  for (size_t n = 1; n <= 24; ++n) {
    for (int casing = 0; casing < 4; ++casing) {
      std::string word;
      for (size_t k = 0; k < n; ++k) {
        const char lower = static_cast<char>('b' + k % 20);
        const bool up = casing == 1 || (casing == 2 && k == 0) || (casing == 3 && k % 3 == 1);
        word.push_back(up ? static_cast<char>(lower - 32) : lower);
      }
      std::string expected_key = word;
      for (char& c : expected_key) c = static_cast<char>(std::tolower(c));
      const int uppers = static_cast<int>(std::count_if(word.begin(), word.end(), ::isupper));
      const bool all_caps = uppers >= 2 && uppers == static_cast<int>(n);
      for (const char* after : {"", " x", ", x", "!", "é", "'s"}) {
        const std::string text = "a " + word + after;
        TokenizedText out;
        tokenizer.Tokenize(text, &out);
        ASSERT_GE(out.tokens.size(), 2u) << text;
        const Token& t = out.tokens[1];
        const std::string_view suffix(after);
        // A non-ASCII letter or "'s" goes on with the word.
        const bool joined = suffix == "é" || suffix == "'s";
        const std::string key = joined ? expected_key + std::string(after) : expected_key;
        EXPECT_EQ(out.Norm(t), key) << text;
        EXPECT_EQ(t.kind, TokenKind::kWord) << text;
        if (!joined) {
          EXPECT_EQ(t.raw, word) << text;
          EXPECT_EQ(t.all_caps, all_caps) << text;
          EXPECT_EQ(t.has_lower, uppers < static_cast<int>(n)) << text;
        }
      }
    }
  }
}

}  // namespace
}  // namespace heed::sentiment
