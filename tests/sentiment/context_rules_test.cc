// Rules that depend on a word's context or kind: "like" as a verb or a comparison, emoji and
// swearing that no "not" flips, lookups by stem that keep a word's tone, capitalised names,
// "or not" alternatives, "want it so bad", astonishment and reminders.
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

TEST(ContextRulesTest, CapitalisedNamesCarryNoTone) {
  // Title-case words next to each other in a sentence-case post name a show, a song, a title.
  for (const char* text : {"tonight we binge The Walking Dead with pizza",
                           "my brother is playing Bad Company songs in the garage",
                           "she competes for Miss USA next year"}) {
    const Score s = Analyze(text, "en");
    EXPECT_EQ(s.label, Label::kNeutral) << text;
    bool named = false;
    for (const Contribution& c : s.contributions) {
      named = named || c.rule.find("part of a name") != std::string::npos;
      EXPECT_EQ(c.valence, 0) << text << ": " << c.token;
    }
    EXPECT_TRUE(named) << text;
  }
  // The same words in lower case, or a capital that only opens the sentence, keep their tone.
  EXPECT_LT(Compound("the food was bad and the staff dead tired", "en"), 0);
  EXPECT_LT(Compound("Bad service again today", "en"), 0);
  EXPECT_LT(Compound("what a day. Terrible traffic, then rain", "en"), 0);
  // "I" is no name, and neither is a shouted word.
  EXPECT_LT(Compound("honestly I Hate mondays", "en"), 0);
  const Score shouted = Analyze("the update is Bad LOL", "en");
  const Contribution* bad = FindContribution(shouted, "Bad");
  ASSERT_NE(bad, nullptr);
  EXPECT_LT(bad->valence, 0);
  // Swearing and sentence adverbs written with a capital are emphasis, not names.
  EXPECT_LT(Compound("they called again Every Fucking Day this week", "en"), 0);
  const Score adverb = Analyze("the show ended and Sadly Netflix said nothing", "en");
  ASSERT_NE(FindContribution(adverb, "Sadly"), nullptr);
  EXPECT_LT(FindContribution(adverb, "Sadly")->valence, 0);
  // A post written In Title Case gives no such hint: its words count.
  EXPECT_LT(Compound("Worst Delivery Service In Town", "en"), 0);
  // An unknown word opening the sentence can start a name; a verb form cannot.
  EXPECT_EQ(Analyze("Duncan Bad was on the radio this morning", "en").label, Label::kNeutral);
  EXPECT_LT(Compound("Feeling Sad about the news tonight", "en"), 0);
}

TEST(ContextRulesTest, OrNotOffersAnAlternative) {
  // "may or may not", "whether or not", "like it or not": the "not" negates nothing.
  EXPECT_GT(Compound("I may or may not be very proud of this", "en"), 0);
  EXPECT_GT(Compound("we write whether or not readers are happy", "en"), 0);
  EXPECT_GT(Compound("it will or won't be great, nobody knows", "en"), 0);
  EXPECT_LT(Compound("it might or might not be broken again", "en"), 0);
  // A plain "not" still negates.
  EXPECT_LT(Compound("I may not be proud of it", "en"), 0);
}

TEST(ContextRulesTest, WantItSoBadIsADegree) {
  // After wanting or needing, "so bad" / "badly" says how much.
  for (const char* text : {"I want that new phone so bad", "we need a holiday so badly",
                           "i wanna go to the concert soo bad"}) {
    const Score s = Analyze(text, "en");
    EXPECT_GE(s.compound, 0) << text;
    EXPECT_EQ(FindContribution(s, "bad"), nullptr) << text;
  }
  // Elsewhere it is a judgement.
  EXPECT_LT(Compound("the coffee was so bad", "en"), 0);
  EXPECT_LT(Compound("I wanted a refund, the pizza was bad", "en"), 0);
  EXPECT_LT(Compound("they played badly", "en"), 0);
}

TEST(ContextRulesTest, CrushIsNotCrushed) {
  // "a crush", "we crushed it" as a win: the noun and verb carry no tone; "crushed" (hurt) does.
  EXPECT_TRUE(Analyze("she has a crush on the new guy", "en").contributions.empty());
  EXPECT_LT(Compound("I felt crushed by the news", "en"), 0);
}

// Set phrases whose words would mislead: astonishment ("can't believe") and reminders ("don't
// forget") deny nothing, so they neither carry a tone nor negate the words after them.
TEST(ContextRulesTest, AstonishmentAndRemindersAreNotNegations) {
  EXPECT_GT(Compound("I can't believe how good this update is", "en"), 0.3);
  EXPECT_LT(Compound("I can't believe how bad this update is", "en"), -0.3);
  EXPECT_GT(Compound("cant believe how fast the delivery was, amazing", "en"), 0.3);
  EXPECT_EQ(Compound("Don't forget to update the app tomorrow", "en"), 0);
  EXPECT_EQ(Compound("do not forget your receipt", "en"), 0);
  EXPECT_GT(Compound("a hat trick in the final", "en"), 0);
  EXPECT_EQ(Compound("trick or treating with the kids tonight", "en"), 0);
  // Still a lie when it is one.
  EXPECT_LT(Compound("they tricked me into paying twice", "en"), 0);
  EXPECT_GT(Compound("non ci posso credere, è fantastico", "it"), 0.3);
  EXPECT_LT(Compound("non ci posso credere, è pessimo", "it"), -0.3);
  EXPECT_EQ(Compound("non dimenticate di aggiornare l'app", "it"), 0);
  EXPECT_LT(Compound("mi hanno dimenticato al telefono", "it"), 0);
}

}  // namespace
}  // namespace heed::sentiment
