// Loading lexicon files: the embedded set, and errors that name the file and line.
#include "lexicon.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lexicon_data.h"

namespace heed::sentiment {
namespace {

// A minimal valid set of files, with `path` replaced by `contents` when given.
std::vector<EmbeddedFile> MinimalFiles(std::string_view path = "", std::string_view contents = "") {
  std::vector<EmbeddedFile> files;
  for (std::string_view lang : {"en", "it"}) {
    const bool en = lang == "en";
    files.push_back(
        {en ? "en/valence.tsv" : "it/valence.tsv", en ? "good\t1.9\n" : "buono\t1.9\n"});
    files.push_back({en ? "en/idioms.tsv" : "it/idioms.tsv", ""});
    files.push_back({en ? "en/negators.tsv" : "it/negators.tsv", ""});
    files.push_back({en ? "en/boosters.tsv" : "it/boosters.tsv", ""});
    files.push_back({en ? "en/contrast.txt" : "it/contrast.txt", ""});
    files.push_back({en ? "en/urgency.tsv" : "it/urgency.tsv", ""});
    files.push_back({en ? "en/stopwords.txt" : "it/stopwords.txt", ""});
  }
  files.push_back({"emoji.tsv", ":)\t2\n"});
  for (EmbeddedFile& f : files) {
    if (f.path == path) f.contents = contents;
  }
  return files;
}

TEST(LexiconTest, EmbeddedFilesLoad) {
  Result<const Lexicon*> lex = Lexicon::Default();
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  EXPECT_FALSE(EmbeddedLexiconFiles().empty());
  const LanguageLexicon& en = (*lex)->english();
  const LanguageLexicon& it = (*lex)->italian();
  EXPECT_GT(en.words.size(), 300u);
  EXPECT_GT(it.words.size(), 300u);
  ASSERT_NE(en.FindWord("refund"), nullptr);
  EXPECT_TRUE(en.FindWord("refund")->urgency & kUrgencyRefund);
  ASSERT_NE(it.FindWord("non"), nullptr);
  EXPECT_TRUE(it.FindWord("non")->is_negator());
  ASSERT_NE(it.FindWord("ma"), nullptr);
  EXPECT_TRUE(it.FindWord("ma")->is_contrast);
  ASSERT_NE(it.FindWord("molto"), nullptr);
  EXPECT_TRUE(it.FindWord("molto")->is_booster);
  // Keys written with a trailing apostrophe are stored as tokenised ("po'" inside "un po'").
  EXPECT_FALSE(it.phrases.empty());
  // The union keeps English where both define a word, and has both stem tables.
  EXPECT_EQ((*lex)->both().stem_tables.size(), 2u);
  EXPECT_NE((*lex)->both().FindWord("pessimo"), nullptr);
  EXPECT_NE((*lex)->both().FindWord("terrible"), nullptr);
  EXPECT_EQ(&(*lex)->ForLanguage("en"), &en);
  EXPECT_EQ(&(*lex)->ForLanguage("fr"), &(*lex)->both());
}

TEST(LexiconTest, VersionDependsOnContents) {
  auto a = Lexicon::FromFiles(MinimalFiles());
  auto b = Lexicon::FromFiles(MinimalFiles("en/valence.tsv", "good\t2.0\n"));
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_NE((*a)->version(), (*b)->version());
  EXPECT_EQ((*a)->version(), (*Lexicon::FromFiles(MinimalFiles()))->version());
}

TEST(LexiconTest, StemTableCoversInflections) {
  auto lex = Lexicon::FromFiles(MinimalFiles("it/valence.tsv", "pessimo\t-3\nottimo\t3\n"));
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  const auto& stems = (*lex)->italian().stem_tables;
  ASSERT_EQ(stems.size(), 1u);
  auto it = stems[0].stems.find(Stem(StemLanguage::kItalian, "pessime"));
  ASSERT_NE(it, stems[0].stems.end());
  EXPECT_FLOAT_EQ(it->second.valence, -3);
}

TEST(LexiconTest, StemsWithConflictingSignsAreDropped) {
  // Both stem to "fin" in English? Use two words with one stem and opposite signs.
  auto lex = Lexicon::FromFiles(MinimalFiles("en/valence.tsv", "loving\t2\nloved\t-2\n"));
  ASSERT_TRUE(lex.ok());
  const auto& stems = (*lex)->english().stem_tables[0].stems;
  auto it = stems.find(Stem(StemLanguage::kEnglish, "loves"));
  EXPECT_TRUE(it == stems.end() || !it->second.has_valence);
}

TEST(LexiconTest, ErrorsNameFileAndLine) {
  auto bad_number = Lexicon::FromFiles(MinimalFiles("en/valence.tsv", "# c\ngood\t1.9\nbad\tx\n"));
  ASSERT_FALSE(bad_number.ok());
  EXPECT_EQ(bad_number.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(bad_number.status().message().find("en/valence.tsv:3"), std::string::npos)
      << bad_number.status().ToString();

  auto bad_flag = Lexicon::FromFiles(MinimalFiles("it/urgency.tsv", "urgent\tsubito\n"));
  ASSERT_FALSE(bad_flag.ok());
  EXPECT_NE(bad_flag.status().message().find("unknown urgency flag"), std::string::npos);

  auto out_of_range = Lexicon::FromFiles(MinimalFiles("en/valence.tsv", "good\t9\n"));
  EXPECT_FALSE(out_of_range.ok());

  auto not_emoji = Lexicon::FromFiles(MinimalFiles("emoji.tsv", "word\t1\n"));
  EXPECT_FALSE(not_emoji.ok());

  std::vector<EmbeddedFile> missing = MinimalFiles();
  missing.pop_back();  // emoji.tsv
  EXPECT_FALSE(Lexicon::FromFiles(missing).ok());
}

}  // namespace
}  // namespace heed::sentiment
