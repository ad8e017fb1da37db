// Language choice: hints first, then CLD2 with a word-count fallback for short posts.
#include "language.h"

#include <gtest/gtest.h>

#include "heed/sentiment/scorer.h"
#include "test_util.h"

namespace heed::sentiment {
namespace {

using testing::Analyze;

TEST(LanguageTest, HintPrefixes) {
  EXPECT_EQ(SupportedLanguageFromHint("en"), "en");
  EXPECT_EQ(SupportedLanguageFromHint("en-US"), "en");
  EXPECT_EQ(SupportedLanguageFromHint("it_IT"), "it");
  EXPECT_EQ(SupportedLanguageFromHint("IT"), "it");
  EXPECT_EQ(SupportedLanguageFromHint("ita"), "");
  EXPECT_EQ(SupportedLanguageFromHint("fr"), "");
  EXPECT_EQ(SupportedLanguageFromHint(""), "");
}

TEST(LanguageTest, HintIsPreferred) {
  // An English-looking text tagged Italian by the platform is scored as Italian.
  EXPECT_EQ(Analyze("good morning", "it").language, "it");
  EXPECT_EQ(Analyze("Servizio pessimo", "en-GB").language, "en");
  // An unsupported hint falls back to detection.
  EXPECT_EQ(Analyze("Il servizio clienti non risponde da giorni", "fr").language, "it");
}

TEST(LanguageTest, DetectsLongerSentences) {
  EXPECT_EQ(DetectLanguage("I have been waiting for my order for two weeks and nobody answers"),
            "en");
  EXPECT_EQ(DetectLanguage("Aspetto il mio ordine da due settimane e nessuno mi risponde"), "it");
  EXPECT_EQ(DetectLanguage("Je suis très déçu par le service client, personne ne répond jamais"),
            "fr");
}

TEST(LanguageTest, DetectsShortPosts) {
  EXPECT_EQ(DetectLanguage("Servizio pessimo!"), "it");
  EXPECT_EQ(DetectLanguage("grazie mille"), "it");
  EXPECT_EQ(DetectLanguage("non funziona"), "it");
  EXPECT_EQ(DetectLanguage("thanks a lot"), "en");
  EXPECT_EQ(DetectLanguage("the app is slow"), "en");
  EXPECT_EQ(DetectLanguage("gestito pessimamente"), "it");  // by stem
}

TEST(LanguageTest, UndeterminedWithoutWords) {
  EXPECT_EQ(DetectLanguage(""), "und");
  EXPECT_EQ(DetectLanguage("😍😍 https://example.com"), "und");
  EXPECT_EQ(Analyze("😍").language, "und");
  // Scored with the union of the lexicons all the same.
  EXPECT_GT(Analyze("😍").compound, 0);
}

}  // namespace
}  // namespace heed::sentiment
