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

TEST(LexiconTest, StemTableLeavesOutDerivations) {
  // "timely" is "time" + a derivational suffix: its stem would give "times" its tone. "refunded"
  // is "refund" + an inflection: kept.
  auto lex = Lexicon::FromFiles(MinimalFiles("en/valence.tsv", "timely\t1.7\nannoyed\t-2\n"));
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  const LanguageLexicon::StemTable& en = (*lex)->english().stem_tables[0];
  EXPECT_EQ(en.Find("times"), nullptr);
  ASSERT_NE(en.Find("annoying"), nullptr);
  EXPECT_FLOAT_EQ(en.Find("annoying")->valence, -2);
  // A text's word may add "-ly" or "-ness" to a stem of the table.
  EXPECT_EQ(StemKeepsTone(StemLanguage::kEnglish, "sadness", "sad", StemSide::kText), true);
  EXPECT_EQ(StemKeepsTone(StemLanguage::kEnglish, "sadness", "sad", StemSide::kLexicon), false);
}

TEST(LexiconTest, StemPrefixFilterNeverHidesAnInflection) {
  Result<const Lexicon*> lex = Lexicon::Default();
  ASSERT_TRUE(lex.ok());
  const std::pair<const LanguageLexicon*, StemLanguage> langs[] = {
      {&(*lex)->english(), StemLanguage::kEnglish}, {&(*lex)->italian(), StemLanguage::kItalian}};
  const std::vector<std::string> en_endings = {"",    "s",  "es",   "ed",  "d",   "ing", "er",
                                               "est", "ly", "ness", "ies", "ied", "ily", "iness"};
  const std::vector<std::string> it_endings = {
      "", "o", "a", "i", "e", "mente", "issimo", "issima", "ando", "ato", "ata", "ati", "are"};
  int checked = 0;
  for (const auto& [lang, stem_language] : langs) {
    const auto& endings = stem_language == StemLanguage::kEnglish ? en_endings : it_endings;
    for (const auto& [word, entry] : lang->words) {
      for (const std::string& ending : endings) {
        // Also the word without its last letter, then with the ending ("happy" -> "happier").
        for (const std::string& base : {word, word.substr(0, word.size() - 1)}) {
          const std::string w = base + ending;
          if (w.size() < 4) continue;
          const std::string stem(Stem(stem_language, w));
          if (stem.size() < 3) continue;  // stem tables keep stems of three letters or more
          // The table only answers for words of the stem's tone.
          if (!StemKeepsTone(stem_language, w, stem, StemSide::kText)) continue;
          StemPrefixFilter filter(stem_language);
          filter.Add(stem);
          EXPECT_TRUE(filter.MayMatch(w)) << w << " -> " << stem;
          ++checked;
        }
      }
    }
  }
  EXPECT_GT(checked, 40000);
  // And it does filter: a table with only "refund" rejects unrelated words.
  StemPrefixFilter refund(StemLanguage::kEnglish);
  refund.Add("refund");
  EXPECT_FALSE(refund.MayMatch("banana"));
  EXPECT_TRUE(refund.MayMatch("refunded"));
  // An English stem that is its whole key needs an ending after it.
  StemPrefixFilter bad(StemLanguage::kEnglish);
  bad.Add("bad");
  EXPECT_TRUE(bad.MayMatch("badly"));
  EXPECT_FALSE(bad.MayMatch("badge"));
  StemPrefixFilter port(StemLanguage::kItalian);
  port.Add("port");
  EXPECT_TRUE(port.MayMatch("portato"));
  EXPECT_FALSE(port.MayMatch("portfolio"));
  StemPrefixFilter stop(StemLanguage::kEnglish);
  stop.Add("stop");
  EXPECT_TRUE(stop.MayMatch("stopped"));
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
