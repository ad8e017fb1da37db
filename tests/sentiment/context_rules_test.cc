// Rules that depend on a word's context or kind: "like" as a verb or a comparison, emoji and
// swearing that no "not" flips, and lookups by stem that keep a word's tone.
#include <gtest/gtest.h>

#include "test_util.h"

namespace heed::sentiment {
namespace {

using testing::Analyze;
using testing::Compound;
using testing::FindContribution;

TEST(ContextRulesTest, LikeCountsOnlyAsAVerb) {
  EXPECT_NE(FindContribution(Analyze("I like this phone", "en"), "like"), nullptr);
  EXPECT_NE(FindContribution(Analyze("we really like it", "en"), "like"), nullptr);
  EXPECT_LT(Compound("I don't like the new menu", "en"), 0);
  // A comparison or a hedge carries no tone.
  for (const char* text :
       {"the bread tastes like cardboard", "it looks like rain", "waited like 5 minutes",
        "Like I said, call me", "I would like a copy"}) {
    const Score s = Analyze(text, "en");
    EXPECT_EQ(FindContribution(s, "like"), nullptr) << text;
    EXPECT_EQ(FindContribution(s, "Like"), nullptr) << text;
  }
  // Italian has no such word: "like" in an Italian post is not touched by the rule.
  EXPECT_EQ(FindContribution(Analyze("tastes like home", "it"), "like"), nullptr);
}

TEST(ContextRulesTest, EmojiAreNotNegated) {
  const Score s = Analyze("non ho scelta 💔", "it");
  const Contribution* heart = FindContribution(s, "💔");
  ASSERT_NE(heart, nullptr);
  EXPECT_LT(heart->valence, 0);
  EXPECT_EQ(heart->rule.find("negated"), std::string::npos) << heart->rule;
  EXPECT_EQ(s.label, Label::kNegative);

  const Score en = Analyze("not again :(", "en");
  const Contribution* frown = FindContribution(en, ":(");
  ASSERT_NE(frown, nullptr);
  EXPECT_LT(frown->valence, 0);
  // Words still are.
  EXPECT_LT(Compound("not happy 🙂", "en"), Compound("happy 🙂", "en"));
}

TEST(ContextRulesTest, BracketGluedToAWordIsPunctuation) {
  // "):" after a word closes a parenthesis; standing apart it is a frowning face.
  EXPECT_EQ(FindContribution(Analyze("tried the (new) menu): nice", "en"), "):"), nullptr);
  const Score apart = Analyze("the delivery is late ):", "en");
  ASSERT_NE(FindContribution(apart, "):"), nullptr);
  EXPECT_LT(FindContribution(apart, "):")->valence, 0);
}

TEST(ContextRulesTest, SwearingIsNotNegated) {
  const Score s = Analyze("non ho un cazzo di voglia", "it");
  const Contribution* c = FindContribution(s, "cazzo");
  ASSERT_NE(c, nullptr);
  EXPECT_LT(c->valence, 0);
  EXPECT_EQ(c->rule.find("negated"), std::string::npos) << c->rule;
  EXPECT_EQ(s.label, Label::kNegative);
  EXPECT_TRUE(s.urgency.profanity);
}

TEST(ContextRulesTest, StemsKeepTone) {
  // "timely" (positive) stems to "time": a derivation, so "times" stays neutral.
  EXPECT_TRUE(Analyze("three times this week", "en").contributions.empty());
  // Inflections of lexicon words are still found by stem ("scams" -> "scam").
  const Score many = Analyze("so many scams", "en");
  const Contribution* scams = FindContribution(many, "scams");
  ASSERT_NE(scams, nullptr);
  EXPECT_LT(scams->valence, 0);
  EXPECT_NE(scams->rule.find("stem"), std::string::npos) << scams->rule;
  // "-ness" on a text's word keeps the tone of the lexicon word ("laziness" -> "lazy").
  EXPECT_LT(Compound("the laziness", "en"), 0);
  // Italian: short stems collide ("solare" and "sola" share "sol"), so they are not used.
  EXPECT_TRUE(Analyze("è uscita da sola", "it").contributions.empty());
}

}  // namespace
}  // namespace heed::sentiment
