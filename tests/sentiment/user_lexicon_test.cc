// Operator extras: user lexicons in VADER's format and brand phrase overrides.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "heed/sentiment/scorer.h"
#include "test_util.h"

namespace heed::sentiment {
namespace {

using testing::FindContribution;

std::unique_ptr<Scorer> MustCreate(ScorerOptions options) {
  auto created = Scorer::Create(std::move(options));
  EXPECT_TRUE(created.ok()) << created.status().ToString();
  return created.ok() ? std::move(created).value() : nullptr;
}

TEST(UserLexiconTest, VaderFourColumnFormat) {
  ScorerOptions options;
  options.extra_lexicons.push_back(
      {"en", "# my words\nfrobnicated\t2.5\t0.5\t[2, 3, 2, 3]\nblorfy\t-2.0\t0.7\t[-2, -2]\n",
       "brand.tsv"});
  auto scorer = MustCreate(options);
  ASSERT_NE(scorer, nullptr);
  const Score pos = scorer->Analyze("the app is frobnicated", "en");
  EXPECT_GT(pos.compound, 0.3);
  const Contribution* c = FindContribution(pos, "frobnicated");
  ASSERT_NE(c, nullptr);
  EXPECT_NE(c->rule.find("user lexicon 2.50"), std::string::npos) << c->rule;
  EXPECT_LT(scorer->Analyze("so blorfy", "en").compound, 0);
  // Negation and other rules apply to user words like any other.
  EXPECT_LT(scorer->Analyze("not frobnicated", "en").compound, 0);
  // "en" entries do not reach Italian.
  EXPECT_EQ(scorer->Analyze("frobnicated", "it").compound, 0);
}

TEST(UserLexiconTest, TwoColumnFormatForBothLanguagesAndEmoji) {
  ScorerOptions options;
  options.extra_lexicons.push_back({"*", "sgravato\t-2.5\r\n🦄\t2.0\n%-)\t1.5\n", "extra"});
  auto scorer = MustCreate(options);
  ASSERT_NE(scorer, nullptr);
  EXPECT_LT(scorer->Analyze("sgravato", "it").compound, 0);
  EXPECT_LT(scorer->Analyze("sgravato", "en").compound, 0);
  EXPECT_GT(scorer->Analyze("🦄", "").compound, 0);
}

TEST(UserLexiconTest, UserEntryReplacesBuiltInValence) {
  ScorerOptions options;
  options.extra_lexicons.push_back({"en", "sick\t2.0\n", "slang"});
  auto scorer = MustCreate(options);
  ASSERT_NE(scorer, nullptr);
  EXPECT_LT(testing::Compound("sick", "en"), 0);
  EXPECT_GT(scorer->Analyze("sick", "en").compound, 0);
}

TEST(UserLexiconTest, BadLineIsInvalidArgumentNamingTheLine) {
  const char* bad[] = {
      "good\t1.0\n\nbad\tnot-a-number\n",   // line 3: not a number
      "good\t1.0\n# c\nword\t1\t2\n",       // line 3: three columns
      "good\t1.0\nwild\t1.0\nhuge\t9.0\n",  // line 3: out of range
      "good\t1.0\nfine\t1\n\tx\n",          // line 3: empty token
      "a\t1\nb\t1\nword\t1.0\tx\t[1]\n",    // line 3: std not a number
  };
  for (const char* text : bad) {
    ScorerOptions options;
    options.extra_lexicons.push_back({"en", text, "my.tsv"});
    auto created = Scorer::Create(options);
    ASSERT_FALSE(created.ok()) << text;
    EXPECT_EQ(created.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(created.status().message().find("my.tsv: line 3"), std::string::npos)
        << created.status().ToString();
  }
  ScorerOptions bad_language;
  bad_language.extra_lexicons.push_back({"fr", "bon\t1.0\n", "fr.tsv"});
  EXPECT_EQ(Scorer::Create(bad_language).status().code(), StatusCode::kInvalidArgument);
}

TEST(PhraseOverrideTest, OverrideWinsOverTheWordsInside) {
  // "killer" is negative on its own; the brand says "killer feature" is praise.
  EXPECT_LT(testing::Compound("the killer feature", "en"), 0);
  ScorerOptions options;
  options.phrase_overrides = {{"killer feature", 2.5}, {"bomba", 2.0}};
  auto scorer = MustCreate(options);
  ASSERT_NE(scorer, nullptr);
  const Score s = scorer->Analyze("the killer feature", "en");
  EXPECT_GT(s.compound, 0.3);
  ASSERT_EQ(s.contributions.size(), 1u);
  EXPECT_EQ(s.contributions[0].token, "killer feature");
  EXPECT_NE(s.contributions[0].rule.find("override 2.50"), std::string::npos);
  // Overrides apply to both languages and win over user lexicon entries of the same key.
  options.extra_lexicons.push_back({"it", "bomba\t-3.0\n", "it.tsv"});
  scorer = MustCreate(options);
  ASSERT_NE(scorer, nullptr);
  EXPECT_GT(scorer->Analyze("una bomba", "it").compound, 0);
  EXPECT_GT(scorer->Analyze("Killer Feature!", "en").compound, 0.3);
}

TEST(PhraseOverrideTest, BadOverrideIsInvalidArgument) {
  ScorerOptions options;
  options.phrase_overrides = {{"ok phrase", 1.0}, {"too strong", 7.0}};
  auto created = Scorer::Create(options);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(created.status().message().find("phrase override 2"), std::string::npos)
      << created.status().ToString();
  options.phrase_overrides = {{"!!!", 1.0}};
  EXPECT_FALSE(Scorer::Create(options).ok());
}

TEST(UserLexiconTest, VersionChangesWithExtras) {
  const std::string base(testing::DefaultScorer().LexiconVersion());
  ScorerOptions a;
  a.extra_lexicons.push_back({"en", "frob\t1.0\n", "a"});
  ScorerOptions b;
  b.extra_lexicons.push_back({"en", "frob\t1.5\n", "a"});
  ScorerOptions c;
  c.phrase_overrides = {{"killer feature", 2.5}};
  auto sa = MustCreate(a), sa2 = MustCreate(a), sb = MustCreate(b), sc = MustCreate(c);
  ASSERT_TRUE(sa && sa2 && sb && sc);
  EXPECT_EQ(sa->LexiconVersion().substr(0, base.size()), base);
  EXPECT_TRUE(sa->LexiconVersion().substr(base.size()).starts_with("+user:"))
      << sa->LexiconVersion();
  EXPECT_EQ(sa->LexiconVersion(), sa2->LexiconVersion());
  EXPECT_NE(sa->LexiconVersion(), sb->LexiconVersion());
  EXPECT_NE(sa->LexiconVersion(), sc->LexiconVersion());
  // Without extras, Create and CreateDefault give the built-in version.
  EXPECT_EQ(MustCreate({})->LexiconVersion(), base);
}

}  // namespace
}  // namespace heed::sentiment
