// The lexicon's hash map: lookups by view, growth, insertion order; and the tokenizer's ASCII
// fast path folding like ICU.
#include "string_map.h"

#include <gtest/gtest.h>

#include <string>

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
    EXPECT_EQ(*map.Find(key, HashKey(key)), i);
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

}  // namespace
}  // namespace heed::sentiment
