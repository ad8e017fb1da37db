// The Scorer API: construction, robustness on hostile input, explanations, thread safety.
#include "heed/sentiment/scorer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "heed/core/text.h"
#include "test_util.h"

namespace heed::sentiment {
namespace {

using testing::Analyze;
using testing::Compound;
using testing::DefaultScorer;

TEST(ScorerTest, CreateDefaultAndVersion) {
  auto scorer = Scorer::CreateDefault();
  ASSERT_TRUE(scorer.ok()) << scorer.status().ToString();
  const std::string_view version = (*scorer)->LexiconVersion();
  EXPECT_TRUE(version.starts_with("heed-lex-1+")) << version;
  EXPECT_EQ(version.size(), std::string_view("heed-lex-1+").size() + 12);
  EXPECT_EQ(version, DefaultScorer().LexiconVersion());
}

TEST(ScorerTest, RejectsInvertedThresholds) {
  ScorerOptions bad;
  bad.negative_threshold = 0.2;
  EXPECT_EQ(Scorer::CreateDefault(bad).status().code(), StatusCode::kInvalidArgument);
}

TEST(ScorerTest, ThresholdsDecideTheLabel) {
  ScorerOptions strict;
  strict.positive_threshold = 0.9;
  strict.negative_threshold = -0.9;
  auto scorer = Scorer::CreateDefault(strict);
  ASSERT_TRUE(scorer.ok());
  const Score s = (*scorer)->Analyze("good", "en");
  EXPECT_GT(s.compound, 0.05);
  EXPECT_EQ(s.label, Label::kNeutral);
  EXPECT_EQ(Analyze("good", "en").label, Label::kPositive);
}

TEST(ScorerTest, EmptyAndContentFreeInputIsNeutral) {
  for (const char* text : {"", " ", "\n\n", "...", "!!! ???", "https://example.com/x?y=1",
                           "@someone @else", "#", "12345", "\t-- , ;"}) {
    const Score s = Analyze(text);
    EXPECT_EQ(s.compound, 0) << '"' << text << '"';
    EXPECT_EQ(s.label, Label::kNeutral) << '"' << text << '"';
    EXPECT_TRUE(s.contributions.empty()) << '"' << text << '"';
  }
}

TEST(ScorerTest, InvalidUtf8IsSanitisedNotFatal) {
  const std::string bad = std::string("great \xC3\x28 service \xFF\xFE ") + "\xE2\x82";
  const Score s = Analyze(bad, "en");
  EXPECT_GT(s.compound, 0);
  const std::string only_bad = "\xFF\xFE\xFD\xC0\xAF";
  EXPECT_EQ(Analyze(only_bad).label, Label::kNeutral);
  // Contributions are valid UTF-8 even when the input is not.
  for (const Contribution& c : s.contributions) EXPECT_TRUE(IsValidUtf8(c.token));
}

TEST(ScorerTest, CompoundAlwaysWithinRange) {
  std::string huge;
  for (int i = 0; i < 2000; ++i) huge += "AWESOME!!! 😍 ";
  EXPECT_LE(Compound(huge), 1.0);
  EXPECT_GT(Compound(huge), 0.99);
  std::string awful;
  for (int i = 0; i < 2000; ++i) awful += "terrible 😡 scam ";
  EXPECT_GE(Compound(awful), -1.0);

  // Random bytes, including broken UTF-8, never escape [-1, 1].
  std::mt19937 rng(42);
  const std::string alphabet = "ab :()!?'#@<3DxX\xC3\xA8\xE2\x80\x99\xF0\x9F\x98\x8D\xFF";
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  for (int i = 0; i < 300; ++i) {
    std::string text;
    for (int k = 0; k < 40; ++k) text.push_back(alphabet[pick(rng)]);
    const Score s = Analyze(text);
    EXPECT_GE(s.compound, -1.0);
    EXPECT_LE(s.compound, 1.0);
  }
}

TEST(ScorerTest, ExplainListsCompoundLabelAndContributionsInOrder) {
  const Score s = Analyze("The app is not good but the staff are very kind!", "en");
  ASSERT_EQ(s.contributions.size(), 3u);
  EXPECT_EQ(s.contributions[0].token, "good");
  EXPECT_EQ(s.contributions[1].token, "kind");
  EXPECT_EQ(s.contributions[2].token, "!");
  EXPECT_NE(s.contributions[0].rule.find("negated by 'not' (x-0.74)"), std::string::npos)
      << s.contributions[0].rule;
  EXPECT_NE(s.contributions[0].rule.find("before 'but'"), std::string::npos);
  EXPECT_NE(s.contributions[1].rule.find("intensified by 'very' (+0.29)"), std::string::npos);
  EXPECT_NE(s.contributions[1].rule.find("after 'but' (x1.50)"), std::string::npos);

  const std::string text = s.Explain();
  EXPECT_TRUE(text.starts_with("positive (compound 0.")) << text;
  EXPECT_NE(text.find("language en"), std::string::npos);
  const size_t good = text.find("good");
  const size_t kind = text.find("kind");
  ASSERT_NE(good, std::string::npos);
  ASSERT_NE(kind, std::string::npos);
  EXPECT_LT(good, kind);
  // One line per contribution after the header.
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 4);

  const std::string urgent = Analyze("refund?", "en").Explain();
  EXPECT_NE(urgent.find("urgency: question,refund"), std::string::npos) << urgent;
  EXPECT_NE(Analyze("").Explain().find("no sentiment-bearing words"), std::string::npos);
}

TEST(ScorerTest, ContributionsSumToTheRawScore) {
  const Score s = Analyze("Pessimo servizio, MAI PIÙ!!! 😡", "it");
  double sum = 0;
  for (const Contribution& c : s.contributions) sum += c.valence;
  EXPECT_NEAR(s.compound, sum / std::sqrt(sum * sum + 15), 1e-9);
}

TEST(ScorerTest, NamesAndFlags) {
  EXPECT_EQ(LabelName(Label::kNegative), "negative");
  EXPECT_EQ(LabelName(Label::kNeutral), "neutral");
  EXPECT_EQ(LabelName(Label::kPositive), "positive");
  Urgency u;
  EXPECT_EQ(u.ToString(), "");
  EXPECT_FALSE(u.any());
  u.churn = true;
  u.profanity = true;
  EXPECT_EQ(u.ToString(), "churn,profanity");
  EXPECT_TRUE(u.any());
}

TEST(ScorerTest, ConcurrentAnalyzeMatchesSerial) {
  const std::vector<std::string> texts = {"Servizio pessimo, voglio il rimborso",
                                          "Great support, thank you!",
                                          "non è mai stato così lento",
                                          "meh :-/",
                                          "Grazie mille 😍",
                                          "the app doesn't work"};
  std::vector<double> expected;
  for (const std::string& t : texts) expected.push_back(Compound(t));
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int th = 0; th < 4; ++th) {
    threads.emplace_back([&, th] {
      for (int round = 0; round < 200; ++round) {
        for (size_t i = 0; i < texts.size(); ++i) {
          if (DefaultScorer().Analyze(texts[i], "").compound != expected[i]) ++mismatches[th];
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

}  // namespace
}  // namespace heed::sentiment
