// The scoring rules one by one: sign and relative magnitude, English and Italian.
#include <gtest/gtest.h>

#include "test_util.h"

namespace heed::sentiment {
namespace {

using testing::Analyze;
using testing::Compound;
using testing::FindContribution;

TEST(RulesTest, PlainPositiveAndNegativeEnglish) {
  EXPECT_GT(Compound("The service was excellent", "en"), 0.5);
  EXPECT_LT(Compound("The service was terrible", "en"), -0.5);
  EXPECT_EQ(Analyze("The staff were helpful", "en").label, Label::kPositive);
  EXPECT_EQ(Analyze("The app is slow", "en").label, Label::kNegative);
}

TEST(RulesTest, PlainPositiveAndNegativeItalian) {
  EXPECT_GT(Compound("Servizio ottimo", "it"), 0.5);
  EXPECT_LT(Compound("Servizio pessimo", "it"), -0.5);
  EXPECT_EQ(Analyze("Gentilissimi, grazie", "it").label, Label::kPositive);
  EXPECT_EQ(Analyze("Ennesimo disservizio", "it").label, Label::kNegative);
  // Inflected forms listed in the lexicon.
  for (const char* text : {"buono", "buona", "buoni", "buone"}) {
    EXPECT_GT(Compound(text, "it"), 0.3) << text;
  }
}

TEST(RulesTest, NegationFlipsEnglish) {
  EXPECT_GT(Compound("good", "en"), 0);
  EXPECT_LT(Compound("not good", "en"), 0);
  EXPECT_LT(Compound("The update isn't good", "en"), 0);
  EXPECT_LT(Compound("The update isn’t good", "en"), 0);  // typographic apostrophe
  EXPECT_LT(Compound("nobody was helpful", "en"), 0);
  EXPECT_GT(Compound("it arrived without problems", "en"), 0);
  // Flipping damps: "not good" is milder than "bad".
  EXPECT_GT(Compound("not good", "en"), Compound("bad", "en"));
}

TEST(RulesTest, NegationFlipsItalian) {
  EXPECT_LT(Compound("non è buono", "it"), 0);
  EXPECT_LT(Compound("non mi è piaciuto per niente il servizio", "it"), 0);
  EXPECT_GT(Compound("senza problemi", "it"), 0);
  EXPECT_GT(Compound("la consegna non è lenta", "it"), 0);
  EXPECT_LT(Compound("né veloce né gentile", "it"), 0);
}

TEST(RulesTest, NegationScopeEndsAtClauseAndWindow) {
  // The comma closes the negation: "pessimo" stays negative.
  EXPECT_LT(Compound("non funziona, pessimo", "it"), -0.3);
  EXPECT_LT(Compound("No, terrible", "en"), -0.3);
  // Beyond the window (3 tokens in English) the negator no longer reaches.
  EXPECT_GT(Compound("not that I ever thought it great", "en"), 0);
}

TEST(RulesTest, NeverSoEmphasisesInsteadOfNegating) {
  const Score it = Analyze("Non è mai stato così lento", "it");
  EXPECT_LT(it.compound, Compound("lento", "it"));
  const Contribution* c = FindContribution(it, "lento");
  ASSERT_NE(c, nullptr);
  EXPECT_NE(c->rule.find("emphasised by 'mai'"), std::string::npos) << c->rule;
  EXPECT_EQ(c->rule.find("negated"), std::string::npos) << c->rule;
  EXPECT_LT(Compound("it has never been so slow", "en"), Compound("it is slow", "en"));
  // Without the degree word, "mai" negates ("non è mai lento": it is never slow).
  EXPECT_GT(Compound("non è mai lento", "it"), 0);
}

TEST(RulesTest, IntensifiersIncreaseAndDampenersDecreaseMagnitude) {
  EXPECT_GT(Compound("very good", "en"), Compound("good", "en"));
  EXPECT_LT(Compound("extremely slow", "en"), Compound("slow", "en"));
  EXPECT_LT(Compound("a bit slow", "en"), 0);
  EXPECT_GT(Compound("a bit slow", "en"), Compound("slow", "en"));
  EXPECT_GT(Compound("molto gentile", "it"), Compound("gentile", "it"));
  EXPECT_LT(Compound("davvero pessimo", "it"), Compound("pessimo", "it"));
  EXPECT_GT(Compound("un po' lento", "it"), Compound("lento", "it"));
  EXPECT_LT(Compound("un po' lento", "it"), 0);
  // Post-position booster.
  EXPECT_LT(Compound("scandaloso a dir poco", "it"), Compound("scandaloso", "it"));
  const Score s = Analyze("very good", "en");
  ASSERT_EQ(s.contributions.size(), 1u);
  EXPECT_NE(s.contributions[0].rule.find("intensified by 'very'"), std::string::npos);
}

TEST(RulesTest, BoosterWithOwnValenceScoresAloneAndBoostsBeforeAWord) {
  // "super" is a word on its own and an intensifier before another word.
  EXPECT_GT(Compound("super!", "en"), 0);
  const Score s = Analyze("super fast", "en");
  EXPECT_EQ(FindContribution(s, "super"), nullptr);
  EXPECT_GT(s.compound, Compound("fast", "en"));
}

TEST(RulesTest, ContrastMakesTheClauseAfterDominate) {
  EXPECT_GT(Compound("The app is slow but the support is great", "en"), 0);
  EXPECT_LT(Compound("The support is great but the app is slow and buggy", "en"), 0);
  EXPECT_GT(Compound("Consegna lenta, ma il prodotto è ottimo", "it"), 0);
  EXPECT_LT(Compound("Il prodotto è buono però il servizio è pessimo", "it"), 0);
  // A sentence-initial "But" contrasts with the sentence before.
  const Score s = Analyze("The phone is nice. But the battery is terrible.", "en");
  const Contribution* nice = FindContribution(s, "nice");
  ASSERT_NE(nice, nullptr);
  EXPECT_NE(nice->rule.find("before 'But' (x0.50)"), std::string::npos) << nice->rule;
  EXPECT_LT(s.compound, 0);
}

TEST(RulesTest, AllCapsEmphasisOnlyWhenTextIsMixedCase) {
  EXPECT_LT(Compound("the app is SLOW", "en"), Compound("the app is slow", "en"));
  // A fully upper-case text is not emphasis: same score as lower case.
  EXPECT_DOUBLE_EQ(Compound("THE APP IS SLOW", "en"), Compound("the app is slow", "en"));
}

TEST(RulesTest, ExclamationAmplifiesUpToFour) {
  const double none = Compound("great service", "en");
  const double one = Compound("great service!", "en");
  const double three = Compound("great service!!!", "en");
  const double four = Compound("great service!!!!", "en");
  const double many = Compound("great service!!!!!!!!", "en");
  EXPECT_GT(one, none);
  EXPECT_GT(three, one);
  EXPECT_DOUBLE_EQ(many, four);
  EXPECT_LT(Compound("servizio pessimo!!!", "it"), Compound("servizio pessimo", "it"));
  // Punctuation alone carries no sentiment.
  EXPECT_EQ(Compound("!!!", "en"), 0);
}

TEST(RulesTest, RepeatedQuestionMarksAmplify) {
  EXPECT_LT(Compound("why is it so slow??", "en"), Compound("why is it so slow", "en"));
  EXPECT_DOUBLE_EQ(Compound("why is it so slow?", "en"), Compound("why is it so slow", "en"));
}

TEST(RulesTest, EmojiAndEmoticons) {
  EXPECT_GT(Compound("😍", ""), 0.3);
  EXPECT_LT(Compound("😡", ""), -0.3);
  EXPECT_GT(Compound("👍🏽", ""), 0.3);            // skin tone
  EXPECT_GT(Compound("❤️", ""), 0.3);              // with VS16
  EXPECT_LT(Compound("🤦🏻‍♀️", ""), -0.3);  // ZWJ sequence, found by its base
  EXPECT_GT(Compound("thanks :)", "en"), Compound("thanks", "en"));
  EXPECT_LT(Compound("order late :(", "en"), Compound("order late", "en"));
  EXPECT_GT(Compound("I <3 this shop", "en"), 0);
  EXPECT_LT(Compound("meh :-/", "en"), 0);
  EXPECT_GT(Compound("ok :D", "en"), Compound("ok", "en"));
  EXPECT_LT(Compound("ancora niente :'(", "it"), 0);
  // A time is not an emoticon.
  EXPECT_EQ(Compound("see you at 10:30", "en"), 0);
}

TEST(RulesTest, ItalianElisionFindsTheWord) {
  const Score s = Analyze("l'assistenza è pessima", "it");
  EXPECT_LT(s.compound, -0.3);
  EXPECT_NE(FindContribution(s, "pessima"), nullptr);
  EXPECT_LT(Compound("L’attesa è stata lunghissima e l'operatore scortese", "it"), 0);
  EXPECT_GT(Compound("dell'app sono soddisfatto", "it"), 0);
}

TEST(RulesTest, StemmingFindsInflectedFormsNotInTheLexicon) {
  // "scandalosamente" is not listed; its stem is (scandaloso, scandalo).
  const Score it = Analyze("gestito scandalosamente", "it");
  const Contribution* c = FindContribution(it, "scandalosamente");
  ASSERT_NE(c, nullptr);
  EXPECT_LT(c->valence, 0);
  EXPECT_NE(c->rule.find("stem"), std::string::npos) << c->rule;
  EXPECT_LT(Compound("una risposta scortesissima", "it"), 0);
  EXPECT_GT(Compound("they were wonderfully patient", "en"), 0);
  EXPECT_LT(Compound("I feel disappointingly ignored", "en"), 0);
}

TEST(RulesTest, ElongatedWordsAreFoundAndEmphasised) {
  EXPECT_GT(Compound("grazieeee", "it"), Compound("grazie", "it"));
  EXPECT_GT(Compound("sooo goooood", "en"), 0);
  // Keys of up to 8 bytes and longer ones are told apart differently (8 bytes at a time).
  for (const char* word : {"baaad", "baaaaaad", "baaaaaaad", "baaaaaaaaaaaad", "baddd"}) {
    const Score s = Analyze(word, "en");
    EXPECT_LT(s.compound, -0.3) << word;
    ASSERT_EQ(s.contributions.size(), 1u) << word;
    EXPECT_NE(s.contributions[0].rule.find("elongated"), std::string::npos) << word;
  }
  EXPECT_EQ(Compound("baad", "en"), 0);  // two letters in a row are a spelling, not elongation
}

TEST(RulesTest, IdiomsReplaceTheirWords) {
  EXPECT_LT(Compound("what a waste of money", "en"), -0.4);
  EXPECT_GT(Compound("no problem at all", "en"), 0);
  EXPECT_GT(Compound("not bad", "en"), 0);
  EXPECT_GT(Compound("can't wait to try it", "en"), 0);
  EXPECT_LT(Compound("the app doesn't work", "en"), -0.3);
  EXPECT_GT(Compound("non vedo l'ora di riceverlo", "it"), 0);
  EXPECT_LT(Compound("il servizio fa schifo", "it"), -0.5);
  EXPECT_LT(Compound("mai più con voi", "it"), -0.3);
  EXPECT_LT(Compound("servizio clienti inesistente", "it"), -0.5);
  EXPECT_GT(Compound("niente male", "it"), 0);
  const Score s = Analyze("servizio clienti inesistente", "it");
  ASSERT_EQ(s.contributions.size(), 1u);
  EXPECT_EQ(s.contributions[0].token, "servizio clienti inesistente");
  EXPECT_NE(s.contributions[0].rule.find("idiom"), std::string::npos);
}

TEST(RulesTest, HashtagsCarryTheirWord) {
  EXPECT_LT(Compound("again #fail", "en"), 0);
  EXPECT_LT(Compound("#disservizio", "it"), 0);
}

TEST(RulesTest, UrlsAndMentionsCarryNoSentiment) {
  EXPECT_EQ(Compound("@greatbrand https://bad.example/terrible-awful", "en"), 0);
}

TEST(RulesTest, LaughterIsMildlyPositive) {
  for (const char* text : {"ahahhahahah", "hahahahahha", "ahahahahahahah", "eheheheh", "jajajaja",
                           "jaja", "ihihih", "hahahaha", "hahahahah"}) {
    const Score s = Analyze(text, "it");
    EXPECT_GT(s.compound, 0.1) << text;
    EXPECT_LT(s.compound, 0.6) << text;
    ASSERT_EQ(s.contributions.size(), 1u) << text;
    EXPECT_NE(s.contributions[0].rule.find("laughter"), std::string::npos)
        << s.contributions[0].rule;
  }
  EXPECT_GT(Compound("#ahahahahah", "it"), 0);
  // A sigh, a name or a word are not laughter.
  EXPECT_EQ(Compound("ahhh", "en"), 0);
  EXPECT_EQ(Compound("hehjaha", "en"), 0);
  EXPECT_EQ(Compound("aha", "en"), 0);
  EXPECT_EQ(Compound("hahahax", "en"), 0);
  EXPECT_EQ(Compound("hahahahax", "en"), 0);
  // Listed forms keep their lexicon valence.
  EXPECT_GT(Compound("lol", "en"), 0);
  EXPECT_GT(Compound("loool", "en"), 0);
}

TEST(RulesTest, CamelCaseHashtagsAreScoredByTheirWords) {
  const Score s = Analyze("ancora una volta #NonMiPiace", "it");
  const Contribution* c = FindContribution(s, "#NonMiPiace");
  ASSERT_NE(c, nullptr);
  EXPECT_LT(c->valence, 0);
  EXPECT_NE(c->rule.find("hashtag words"), std::string::npos) << c->rule;
  EXPECT_GT(Compound("#GreatService", "en"), 0);
  EXPECT_LT(Compound("#so_disappointed", "en"), 0);
  EXPECT_LT(Compound("#NotHappy", "en"), 0);  // the negator flips the word after it
  // A hashtag known as one word is found directly.
  EXPECT_LT(Compound("#Fail", "en"), 0);
  // No split, no known word: nothing.
  EXPECT_EQ(Compound("#Xyzzy", "en"), 0);
}

TEST(RulesTest, PositiveWordsInQuestionOnlyPostsAreDamped) {
  const Score q = Analyze("Is the new plan any good?", "en");
  const Contribution* c = FindContribution(q, "good");
  ASSERT_NE(c, nullptr);
  EXPECT_NE(c->rule.find("in a question (x0.00)"), std::string::npos) << c->rule;
  EXPECT_LT(q.compound, Compound("The new plan is good.", "en"));
  EXPECT_LT(Compound("Il nuovo piano è buono?", "it"), Compound("Il nuovo piano è buono", "it"));
  // Complaints phrased as questions keep their weight.
  EXPECT_DOUBLE_EQ(Compound("why is it so slow?", "en"), Compound("why is it so slow", "en"));
  // A statement before the question: not question-only.
  const Score mixed = Analyze("Great app. Any news on the update?", "en");
  ASSERT_NE(FindContribution(mixed, "Great"), nullptr);
  EXPECT_EQ(FindContribution(mixed, "Great")->rule.find("question"), std::string::npos);
  // "?!" is an exclamation, and emoji are not damped.
  EXPECT_EQ(FindContribution(Analyze("so good?!", "en"), "good")->rule.find("question"),
            std::string::npos);
  EXPECT_DOUBLE_EQ(Compound("😍?", ""), Compound("😍", ""));
}

TEST(RulesTest, ItalianInformalNegators) {
  EXPECT_LT(Compound("nn funziona", "it"), -0.3);
  EXPECT_LT(Compound("nn è bello", "it"), 0);
  EXPECT_LT(Compound("mica è buono", "it"), 0);
  EXPECT_LT(Compound("non è affatto gentile", "it"), 0);
  // Post-negators flip the word before them unless something already negates it.
  const Score post = Analyze("gentili per niente", "it");
  ASSERT_EQ(post.contributions.size(), 1u);
  EXPECT_LT(post.contributions[0].valence, 0);
  EXPECT_NE(post.contributions[0].rule.find("negated by 'per niente'"), std::string::npos)
      << post.contributions[0].rule;
  EXPECT_LT(Compound("gentili x niente", "it"), 0);
  EXPECT_LT(Compound("non sono gentili per niente", "it"), 0);  // one negation, not two
  EXPECT_GT(Compound("bello 😍 per niente", "it"), 0);           // the emoji is not negated
  EXPECT_LT(Compound("che palle", "it"), -0.3);
  EXPECT_LT(Compound("cmq fa schifo", "it"), -0.3);
  EXPECT_GT(Compound("tvb", "it"), 0.3);
  EXPECT_GT(Compound("bellissimo, top", "it"), 0.5);
  EXPECT_LT(Compound("che delusione", "it"), -0.3);
}

TEST(RulesTest, ItalianAdjectiveInflections) {
  for (const char* text : {"deludente", "deludenti", "schifoso", "schifosa", "schifosi", "schifose",
                           "stupendo", "stupenda", "stupendi", "stupende"}) {
    const Score s = Analyze(text, "it");
    ASSERT_EQ(s.contributions.size(), 1u) << text;
    EXPECT_EQ(s.contributions[0].rule.find("stem"), std::string::npos) << text;
  }
}

TEST(RulesTest, MinusSignBelongsToTheNumber) {
  // "-5 stars" is a protest, not the "5 stars" idiom.
  EXPECT_EQ(Analyze("-5 stars, never again", "en").label, Label::kNegative);
  EXPECT_EQ(FindContribution(Analyze("-5 stars, never again", "en"), "5 stars"), nullptr);
  EXPECT_EQ(Analyze("5 stars!", "en").label, Label::kPositive);
  // A range is not a negative number.
  EXPECT_EQ(Analyze("rated it 1-5 stars", "en").label, Analyze("rated it 1 5 stars", "en").label);
}

TEST(UrgencyTest, Question) {
  EXPECT_TRUE(Analyze("When will my order arrive?", "en").urgency.question);
  EXPECT_TRUE(Analyze("How do I reset my password", "en").urgency.question);
  EXPECT_TRUE(Analyze("Quando arriva il tecnico?", "it").urgency.question);
  EXPECT_TRUE(Analyze("come posso cambiare la password", "it").urgency.question);
  EXPECT_FALSE(Analyze("When I called, they were great", "en").urgency.question);
  EXPECT_FALSE(Analyze("Great service", "en").urgency.any());
}

TEST(UrgencyTest, RefundChurnLegalSafetyProfanity) {
  EXPECT_TRUE(Analyze("I want my money back", "en").urgency.refund);
  EXPECT_TRUE(Analyze("Still no refund after a month", "en").urgency.refund);
  EXPECT_TRUE(Analyze("They refunded half", "en").urgency.refund);  // by stem
  EXPECT_TRUE(Analyze("Voglio il rimborso", "it").urgency.refund);
  EXPECT_TRUE(Analyze("rimborsatemi subito", "it").urgency.refund);
  EXPECT_TRUE(Analyze("I'm cancelling my subscription", "en").urgency.churn);
  EXPECT_TRUE(Analyze("Domani disdico il contratto", "it").urgency.churn);
  EXPECT_TRUE(Analyze("passo a un altro operatore, mai più", "it").urgency.churn);
  EXPECT_TRUE(Analyze("My lawyer will contact you", "en").urgency.legal);
  EXPECT_TRUE(Analyze("Faccio denuncia ai carabinieri", "it").urgency.legal);
  EXPECT_TRUE(Analyze("The charger caught fire", "en").urgency.safety);
  EXPECT_TRUE(Analyze("la batteria si è surriscaldata, pericoloso", "it").urgency.safety);
  EXPECT_TRUE(Analyze("wtf is this", "en").urgency.profanity);
  EXPECT_TRUE(Analyze("che merda di servizio", "it").urgency.profanity);
  EXPECT_TRUE(Analyze("ffs this again", "en").urgency.profanity);
  EXPECT_TRUE(Analyze("servizio che fa cagare", "it").urgency.profanity);
  const Urgency u = Analyze("Refund me or I call my lawyer?", "en").urgency;
  EXPECT_EQ(u.ToString(), "question,refund,legal");
}

}  // namespace
}  // namespace heed::sentiment
