// White-box tests of the tokenizer and case folding.
#include "tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "case_fold.h"

namespace heed::sentiment {
namespace {

struct Tok {
  TokenKind kind;
  std::string raw;
  std::string norm;
  friend bool operator==(const Tok&, const Tok&) = default;
  friend std::ostream& operator<<(std::ostream& os, const Tok& t) {
    return os << static_cast<int>(t.kind) << ":" << t.raw << "/" << t.norm;
  }
};

std::vector<Tok> Tokens(std::string_view text) {
  static const StringSet emoticons = {":)", ":-(", ":'(", "<3", "xD", ":D", ":/"};
  static const Tokenizer tokenizer(emoticons);
  TokenizedText out;
  tokenizer.Tokenize(text, &out);
  std::vector<Tok> result;
  for (const Token& t : out.tokens) {
    result.push_back(Tok{t.kind, std::string(t.raw), std::string(out.Norm(t))});
  }
  return result;
}

std::vector<std::string> Norms(std::string_view text) {
  std::vector<std::string> out;
  for (const Tok& t : Tokens(text)) out.push_back(t.norm);
  return out;
}

using K = TokenKind;

TEST(TokenizerTest, WordsAreFoldedAndPunctuationClassified) {
  EXPECT_EQ(Tokens("Very GOOD, ok."), (std::vector<Tok>{{K::kWord, "Very", "very"},
                                                        {K::kWord, "GOOD", "good"},
                                                        {K::kClauseBreak, ",", ""},
                                                        {K::kWord, "ok", "ok"},
                                                        {K::kSentenceBreak, ".", ""}}));
  EXPECT_EQ(Norms("PERCHÉ È così"), (std::vector<std::string>{"perché", "è", "così"}));
  EXPECT_EQ(Norms("STRASSE Straße"), (std::vector<std::string>{"strasse", "strasse"}));
}

TEST(TokenizerTest, ItalianElisionIsSplit) {
  EXPECT_EQ(Norms("l'assistenza dell'app un'ora c'è L’attesa"),
            (std::vector<std::string>{"l'", "assistenza", "dell'", "app", "un'", "ora", "c'", "è",
                                      "l'", "attesa"}));
  // English contractions stay whole.
  EXPECT_EQ(Norms("don't it's can't I'm all's c'mon"),
            (std::vector<std::string>{"don't", "it's", "can't", "i'm", "all's", "c'mon"}));
  // Trailing apostrophes after vowels are kept for the lexicon to resolve.
  EXPECT_EQ(Norms("un po' perche' customers'"),
            (std::vector<std::string>{"un", "po'", "perche'", "customers"}));
}

TEST(TokenizerTest, EmojiSequencesAreOneTokenWithoutModifiers) {
  const std::vector<Tok> t = Tokens("ok👍🏽😡😡 🤦🏻‍♀️ ❤️ 🇮🇹");
  ASSERT_EQ(t.size(), 7u);
  EXPECT_EQ(t[1], (Tok{K::kEmoji, "👍🏽", "👍"}));
  EXPECT_EQ(t[2], (Tok{K::kEmoji, "😡", "😡"}));
  EXPECT_EQ(t[3], (Tok{K::kEmoji, "😡", "😡"}));
  EXPECT_EQ(t[4], (Tok{K::kEmoji, "🤦🏻‍♀️", "🤦\u200D♀"}));
  EXPECT_EQ(t[5], (Tok{K::kEmoji, "❤️", "❤"}));
  EXPECT_EQ(t[6], (Tok{K::kEmoji, "🇮🇹", "🇮🇹"}));
}

TEST(TokenizerTest, Emoticons) {
  EXPECT_EQ(Tokens("great :))) <3 :'( xD"), (std::vector<Tok>{{K::kWord, "great", "great"},
                                                              {K::kEmoticon, ":)))", ":)"},
                                                              {K::kEmoticon, "<3", "<3"},
                                                              {K::kEmoticon, ":'(", ":'("},
                                                              {K::kEmoticon, "xD", "xD"}}));
  // Not emoticons: a time, a word, a number after "<".
  EXPECT_EQ(Norms("10:30 xDR <30"), (std::vector<std::string>{"10:30", "xdr", "30"}));
  EXPECT_EQ(Tokens("ok:D").size(), 2u);
}

TEST(TokenizerTest, UrlsMentionsHashtagsAndMarks) {
  const std::vector<Tok> t =
      Tokens("@Brand_IT see https://x.example/a:/b?c=1! #Disservizio www.example.com ?!?");
  ASSERT_EQ(t.size(), 7u);
  EXPECT_EQ(t[0].kind, K::kMention);
  EXPECT_EQ(t[0].raw, "@Brand_IT");
  EXPECT_EQ(t[2], (Tok{K::kUrl, "https://x.example/a:/b?c=1", ""}));
  EXPECT_EQ(t[3].kind, K::kPunct);
  EXPECT_EQ(t[4], (Tok{K::kHashtag, "#Disservizio", "disservizio"}));
  EXPECT_EQ(t[5].kind, K::kUrl);
  EXPECT_EQ(t[6].kind, K::kPunct);
  EXPECT_EQ(t[6].raw, "?!?");
  EXPECT_EQ(Tokens("@giulia@mastodon.social ciao")[0].raw, "@giulia@mastodon.social");
}

TEST(TokenizerTest, MarksAreCounted) {
  TokenizedText out;
  const Tokenizer tokenizer(StringSet{});
  tokenizer.Tokenize("no!!?", &out);
  ASSERT_EQ(out.tokens.size(), 2u);
  EXPECT_EQ(out.tokens[1].exclamations, 2);
  EXPECT_EQ(out.tokens[1].questions, 1);
}

TEST(TokenizerTest, AllCapsNeedsTwoLetters) {
  TokenizedText out;
  const Tokenizer tokenizer(StringSet{});
  tokenizer.Tokenize("I HATE Slow ÈNORME", &out);
  ASSERT_EQ(out.tokens.size(), 4u);
  EXPECT_FALSE(out.tokens[0].all_caps);
  EXPECT_TRUE(out.tokens[1].all_caps);
  EXPECT_FALSE(out.tokens[2].all_caps);
  EXPECT_TRUE(out.tokens[2].has_lower);
  EXPECT_TRUE(out.tokens[3].all_caps);
}

TEST(CaseFoldTest, FastPathAndIcuAgree) {
  std::string out;
  AppendFolded("ÀÈÉÌÒÙ àèéìòù ×", &out);
  EXPECT_EQ(out, "àèéìòù àèéìòù ×");
  out.clear();
  AppendFolded("ΣΟΦΊΑ Don’t", &out);  // ICU path, apostrophe normalised there too
  EXPECT_EQ(out, "σοφία don't");
}

}  // namespace
}  // namespace heed::sentiment
