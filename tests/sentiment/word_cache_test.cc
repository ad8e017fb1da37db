// The per-thread memory of lexicon fallbacks (word_cache.h) must never answer for another
// lexicon, another token kind or another key: scores with it equal scores without it.
#include "word_cache.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "heed/sentiment/scorer.h"
#include "lexicon.h"
#include "test_util.h"

namespace heed::sentiment {
namespace {

using testing::FindContribution;

TEST(InstanceIdTest, EveryConstructionCopyAndAssignmentTakesANewId) {
  const InstanceId a;
  const InstanceId b;
  const InstanceId copy(a);
  InstanceId assigned;
  const uint64_t before = assigned.value();
  assigned = a;
  EXPECT_NE(a.value(), 0u);  // 0 marks an unused cache slot
  EXPECT_NE(a.value(), b.value());
  EXPECT_NE(copy.value(), a.value());
  EXPECT_NE(assigned.value(), a.value());
  EXPECT_NE(assigned.value(), before);
}

// Keys as Analyze hands them over: followed by kKeyPadding bytes, here garbage.
class PaddedKey {
 public:
  explicit PaddedKey(std::string_view key) : buffer_(key) { buffer_.append(kKeyPadding, '\xAB'); }
  std::string_view view() const { return {buffer_.data(), buffer_.size() - kKeyPadding}; }
  KeyDigest digest() const { return DigestPaddedKey(view()); }

 private:
  std::string buffer_;
};

const WordFallbackCache::Outcome* Find(const WordFallbackCache& cache, uint64_t lexicon,
                                       bool is_word, std::string_view key) {
  const PaddedKey padded(key);
  return cache.Find(lexicon, is_word, padded.view(), padded.digest());
}

TEST(WordFallbackCacheTest, AnswersOnlyForTheSameLexiconKindAndKey) {
  auto cache = std::make_unique<WordFallbackCache>();  // 128 KiB: not on the stack
  static constexpr Entry kEntry{};
  WordFallbackCache::Outcome outcome;
  outcome.entry = &kEntry;
  outcome.base = 1.5f;
  outcome.has_valence = true;
  outcome.source = Source::kStem;
  cache->Put(7, true, "refunded", HashKey("refunded"), outcome);

  const WordFallbackCache::Outcome* found = Find(*cache, 7, true, "refunded");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->entry, &kEntry);
  EXPECT_EQ(found->base, 1.5f);
  EXPECT_TRUE(found->has_valence);
  EXPECT_EQ(found->source, Source::kStem);

  EXPECT_EQ(Find(*cache, 8, true, "refunded"), nullptr);   // another lexicon
  EXPECT_EQ(Find(*cache, 7, false, "refunded"), nullptr);  // a number, not a word
  // Another key in the same slot (a collision), or a prefix of the word, is not the word.
  const PaddedKey other("refundes");
  cache->Put(7, true, "refunded", other.digest().hash, outcome);
  EXPECT_EQ(cache->Find(7, true, other.view(), other.digest()), nullptr);
  EXPECT_EQ(Find(*cache, 7, true, "refunde"), nullptr);
  // A later word in the same slot replaces it.
  cache->Put(7, true, "refunded", HashKey("refunded"), outcome);
  ASSERT_NE(Find(*cache, 7, true, "refunded"), nullptr);
  cache->Put(7, true, "refundes", HashKey("refunded"), WordFallbackCache::Outcome{});
  EXPECT_EQ(Find(*cache, 7, true, "refunded"), nullptr);
}

// Keys of every length up to the longest cached are compared whole, 8 bytes at a time: a key
// that differs in its last byte, or only in length, is another key.
TEST(WordFallbackCacheTest, KeysOfEveryLengthAreComparedWhole) {
  auto cache = std::make_unique<WordFallbackCache>();
  WordFallbackCache::Outcome outcome;
  outcome.has_valence = true;
  for (size_t n = 1; n <= WordFallbackCache::kMaxKeyBytes; ++n) {
    std::string key;
    for (size_t k = 0; k < n; ++k) key.push_back(static_cast<char>('a' + k % 26));
    const uint64_t lexicon = 100 + n;  // the shorter keys cached before are another lexicon's
    cache->Put(lexicon, true, key, HashKey(key), outcome);
    ASSERT_NE(Find(*cache, lexicon, true, key), nullptr) << key;
    std::string last_changed = key;
    last_changed.back() = '#';
    const PaddedKey changed(last_changed);
    cache->Put(lexicon, true, key, changed.digest().hash, outcome);  // into the slot it probes
    EXPECT_EQ(cache->Find(lexicon, true, changed.view(), changed.digest()), nullptr)
        << last_changed;
    if (n > 1) {
      const std::string shorter = key.substr(0, n - 1);
      const PaddedKey prefix(shorter);
      cache->Put(lexicon, true, key, prefix.digest().hash, outcome);
      EXPECT_EQ(cache->Find(lexicon, true, prefix.view(), prefix.digest()), nullptr) << key;
    }
  }
}

TEST(WordFallbackCacheTest, LongKeysAreNotCached) {
  auto cache = std::make_unique<WordFallbackCache>();
  const std::string long_key(WordFallbackCache::kMaxKeyBytes + 1, 'a');
  cache->Put(7, true, long_key, HashKey(long_key), WordFallbackCache::Outcome{});
  EXPECT_EQ(Find(*cache, 7, true, long_key), nullptr);
  const std::string longest(WordFallbackCache::kMaxKeyBytes, 'a');
  cache->Put(7, true, longest, HashKey(longest), WordFallbackCache::Outcome{});
  EXPECT_NE(Find(*cache, 7, true, longest), nullptr);
}

std::unique_ptr<Scorer> ScorerWith(const std::string& lexicon) {
  ScorerOptions options;
  options.extra_lexicons.push_back({"en", lexicon, "brand.tsv"});
  auto created = Scorer::Create(std::move(options));
  EXPECT_TRUE(created.ok()) << created.status().ToString();
  return created.ok() ? std::move(created).value() : nullptr;
}

// "zorblaxxx" misses every lexicon directly and is found by elongation in the ones that list
// "zorblax": a fallback, so the outcome is cached per lexicon. Scorers built and destroyed in
// turn (a new one may sit where the last one was freed) must each see their own.
TEST(WordFallbackCacheTest, ScorersWithOtherLexiconsNeverSeeEachOthersWords) {
  const Scorer& plain = testing::DefaultScorer();
  for (int round = 0; round < 6; ++round) {
    const bool positive = round % 2 == 0;
    auto scorer = ScorerWith(positive ? "zorblax\t2.5\n" : "zorblax\t-2.5\n");
    ASSERT_NE(scorer, nullptr);
    for (int repeat = 0; repeat < 2; ++repeat) {  // the second time from the cache
      const Score score = scorer->Analyze("the zorblaxxx today", "en");
      if (positive) {
        EXPECT_GT(score.compound, 0) << "round " << round;
      } else {
        EXPECT_LT(score.compound, 0) << "round " << round;
      }
      const Contribution* c = FindContribution(score, "zorblaxxx");
      ASSERT_NE(c, nullptr) << "round " << round;
      EXPECT_NE(c->rule.find("elongated"), std::string::npos) << c->rule;
      EXPECT_EQ(plain.Analyze("the zorblaxxx today", "en").compound, 0) << "round " << round;
    }
  }
}

// Every kind of fallback (stem, elongation, laughter, superlative, spelling) explains itself the
// same from a cold cache (a new thread) as from a warm one.
TEST(WordFallbackCacheTest, AnswersFromTheCacheEqualFirstAnswers) {
  const Scorer& scorer = testing::DefaultScorer();
  const std::vector<std::string> texts = {"the refunds were refunded, sooo baaad",
                                          "hahaha ahah hehe jajaja",
                                          "lentissimi e scortesissima",
                                          "perche' l'assistenza",
                                          "grazieeee",
                                          "12345 12345"};
  std::vector<std::string> cold;
  std::thread([&] {
    for (const std::string& text : texts) cold.push_back(scorer.Analyze(text, "").Explain());
  }).join();
  for (int round = 0; round < 3; ++round) {
    for (size_t i = 0; i < texts.size(); ++i) {
      EXPECT_EQ(scorer.Analyze(texts[i], "").Explain(), cold[i]) << texts[i];
    }
  }
}

}  // namespace
}  // namespace heed::sentiment
