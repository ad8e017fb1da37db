// The reply check: grapheme counting, platform limits and every warning, in English and Italian.
#include "heed/responder/reply_check.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace heed::responder {
namespace {

const sentiment::Scorer& TheScorer() {
  static const std::unique_ptr<sentiment::Scorer> scorer =
      std::move(sentiment::Scorer::CreateDefault()).value();
  return *scorer;
}

std::string Repeat(std::string_view unit, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += unit;
  return out;
}

std::vector<ReplyWarning> Check(std::string draft, std::string language = "en",
                                std::string label = "negative", std::string platform = "mastodon") {
  return CheckReply(TheScorer(), {std::move(draft), std::move(platform), std::move(language),
                                  std::move(label), "Ana Rossi"});
}

// The one warning of kind in warnings (nullptr when absent).
const ReplyWarning* Find(const std::vector<ReplyWarning>& warnings, ReplyWarningKind kind) {
  for (const ReplyWarning& w : warnings) {
    if (w.kind == kind) return &w;
  }
  return nullptr;
}

std::string Describe(const std::vector<ReplyWarning>& warnings) {
  std::string out;
  for (const ReplyWarning& w : warnings) {
    out += std::string(ReplyWarningKindName(w.kind)) + ": " + w.message + "\n";
  }
  return out;
}

const std::string kFamily =
    "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"
    "\xE2\x80\x8D\xF0\x9F\x91\xA6";  // man ZWJ woman ZWJ girl ZWJ boy
const std::string kItalyFlag = "\xF0\x9F\x87\xAE\xF0\x9F\x87\xB9";
const std::string kThumbsMedium = "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD";

TEST(CountGraphemes, CountsWhatAPersonSeesAsOneCharacter) {
  EXPECT_EQ(CountGraphemes(""), 0);
  EXPECT_EQ(CountGraphemes("abc"), 3);
  EXPECT_EQ(CountGraphemes(kFamily), 1) << "an emoji ZWJ sequence is one grapheme";
  EXPECT_EQ(CountGraphemes(kItalyFlag), 1) << "a flag (two regional indicators) is one";
  EXPECT_EQ(CountGraphemes(kItalyFlag + kItalyFlag), 2);
  EXPECT_EQ(CountGraphemes(kThumbsMedium), 1) << "skin tone modifier";
  EXPECT_EQ(CountGraphemes("e\xCC\x81"), 1) << "e + combining acute accent";
  EXPECT_EQ(CountGraphemes("caff\xC3\xA8 perch\xC3\xA9 citt\xC3\xA0"), 18);
  EXPECT_EQ(CountGraphemes("\xE6\x97\xA5\xE6\x9C\xAC"), 2);  // two CJK ideographs
  EXPECT_EQ(CountGraphemes("a\xFF"), 2) << "invalid UTF-8 counts as one replacement character";
}

TEST(PlatformReplyLimit, KnownLimitsAndReadOnlySources) {
  EXPECT_EQ(PlatformReplyLimit("mastodon"), 500);
  EXPECT_EQ(PlatformReplyLimit("bluesky"), 300);
  EXPECT_EQ(PlatformReplyLimit("x"), 280);
  EXPECT_EQ(PlatformReplyLimit("reddit"), 10000);
  EXPECT_EQ(PlatformReplyLimit("youtube"), 10000);
  EXPECT_EQ(PlatformReplyLimit("facebook"), 8000);
  EXPECT_EQ(PlatformReplyLimit("instagram"), 2200);
  EXPECT_EQ(PlatformReplyLimit("google_business"), 4096);
  EXPECT_EQ(PlatformReplyLimit("google_play"), 350);
  EXPECT_EQ(PlatformReplyLimit("app_store"), 5970);
  EXPECT_EQ(PlatformReplyLimit("trustpilot"), std::nullopt) << "no documented limit";
  EXPECT_EQ(PlatformReplyLimit("hackernews"), std::nullopt) << "read-only";
  EXPECT_EQ(PlatformReplyLimit("rss"), std::nullopt) << "read-only";
  EXPECT_EQ(PlatformReplyLimit("myspace"), std::nullopt);
}

TEST(MeasureForPlatform, XWeighsUrlsCjkAndEmoji) {
  EXPECT_EQ(MeasureForPlatform("x", "hello").length, 5);
  EXPECT_EQ(MeasureForPlatform("x", "see https://example.com/a/very/long/path/indeed.").length,
            4 + 23 + 1);
  EXPECT_EQ(MeasureForPlatform("x", "\xE6\x97\xA5\xE6\x9C\xAC").length, 4) << "CJK weighs 2";
  EXPECT_EQ(MeasureForPlatform("x", kFamily).length, 2) << "an emoji sequence weighs 2 once";
  EXPECT_EQ(MeasureForPlatform("x", kItalyFlag).length, 2);
  EXPECT_EQ(MeasureForPlatform("x", "cafe\xCC\x81").length, 4) << "NFC first";
  EXPECT_EQ(MeasureForPlatform("x", "caff\xC3\xA8").length, 5) << "Latin accents weigh 1";
  EXPECT_EQ(MeasureForPlatform("x", "\xE2\x80\x9Cquoted\xE2\x80\x9D").length, 8);
  EXPECT_EQ(MeasureForPlatform("x", "a").unit, "weighted characters");
}

TEST(MeasureForPlatform, MastodonBytesAndGraphemes) {
  EXPECT_EQ(MeasureForPlatform("mastodon", "@ana@example.social hi").length, 7)
      << "a remote mention counts as its local part";
  EXPECT_EQ(MeasureForPlatform("mastodon", "look: https://example.com/" + Repeat("x", 80)).length,
            6 + 23);
  EXPECT_EQ(MeasureForPlatform("google_business", "citt\xC3\xA0").length, 6);
  EXPECT_EQ(MeasureForPlatform("google_business", "x").unit, "bytes");
  EXPECT_EQ(MeasureForPlatform("bluesky", kFamily + kItalyFlag).length, 2);
}

TEST(CheckReply, GoodRepliesHaveNoWarnings) {
  auto en = Check(
      "Hi Ana, we're sorry your parcel arrived damaged. We've sent you a direct "
      "message so we can send a replacement today.");
  EXPECT_TRUE(en.empty()) << Describe(en);
  auto it = Check(
      "Ciao Ana, ci dispiace per il ritardo. Le abbiamo scritto in privato per risolvere oggi "
      "stesso.",
      "it");
  EXPECT_TRUE(it.empty()) << Describe(it);
  auto positive = Check("Hello Ana, thank you so much for the kind words!", "en", "positive");
  EXPECT_TRUE(positive.empty()) << Describe(positive);
  auto mention_first = Check(
      "@ana@example.social Buongiorno Ana, siamo spiacenti: ci scriva "
      "in privato e risolviamo subito.",
      "it-IT");
  EXPECT_TRUE(mention_first.empty()) << Describe(mention_first);
}

TEST(CheckReply, EmptyDraftIsTheOnlyWarning) {
  auto warnings = Check(" \n\t ");
  ASSERT_EQ(warnings.size(), 1u) << Describe(warnings);
  EXPECT_EQ(warnings[0].kind, ReplyWarningKind::kEmpty);
}

TEST(CheckReply, TooLongNamesTheCounts) {
  const std::string en = "Hi Ana, we're sorry. " + Repeat("a", 279);  // 300 graphemes
  EXPECT_EQ(Find(Check(en, "en", "negative", "bluesky"), ReplyWarningKind::kTooLong), nullptr);
  auto warnings = Check(en + "!", "en", "negative", "bluesky");
  const ReplyWarning* w = Find(warnings, ReplyWarningKind::kTooLong);
  ASSERT_NE(w, nullptr) << Describe(warnings);
  EXPECT_EQ(w->message, "too long for bluesky: 301 characters, the limit is 300");

  // Italian accents and emoji count as one each on Bluesky; the same text in bytes is far more.
  const std::string it = "Ciao Ana, ci dispiace. " + Repeat("\xC3\xA8", 270) + kFamily;
  ASSERT_EQ(CountGraphemes(it), 23 + 270 + 1);
  EXPECT_EQ(Find(Check(it, "it", "negative", "bluesky"), ReplyWarningKind::kTooLong), nullptr);

  auto x = Check("Hi Ana, sorry! " + Repeat("\xE6\x97\xA5", 133), "en", "negative", "x");
  w = Find(x, ReplyWarningKind::kTooLong);
  ASSERT_NE(w, nullptr) << "15 + 133 * 2 = 281 weighted";
  EXPECT_EQ(w->message, "too long for x: 281 weighted characters, the limit is 280");
  EXPECT_EQ(
      Find(Check(Repeat("a", 20000), "en", "neutral", "hackernews"), ReplyWarningKind::kTooLong),
      nullptr);
}

TEST(CheckReply, NegativeToneNamesTheWords) {
  auto en = Check("Hi Ana, sorry, but this is a stupid and terrible complaint.");
  const ReplyWarning* w = Find(en, ReplyWarningKind::kNegativeTone);
  ASSERT_NE(w, nullptr) << Describe(en);
  EXPECT_NE(w->message.find("\"stupid\""), std::string::npos) << w->message;
  EXPECT_NE(w->message.find("\"terrible\""), std::string::npos) << w->message;
  EXPECT_EQ(w->message.find("\"sorry\""), std::string::npos) << "apologies are not the tone";

  auto it = Check("Ciao Ana, ci dispiace ma la sua lamentela \xC3\xA8 assurda e ridicola.", "it");
  w = Find(it, ReplyWarningKind::kNegativeTone);
  ASSERT_NE(w, nullptr) << Describe(it);
  EXPECT_NE(w->message.find("\"assurda\""), std::string::npos) << w->message;
}

TEST(CheckReply, ThePostsOwnWordsAreNotTheRepliesTone) {
  const std::string draft =
      "Hi Ana, we're sorry your parcel arrived late, broken and damaged, and that the courier "
      "was rude.";
  ReplyCheckInput input{draft, "mastodon", "en", "negative", "Ana"};
  auto without_post = CheckReply(TheScorer(), input);
  ASSERT_NE(Find(without_post, ReplyWarningKind::kNegativeTone), nullptr) << Describe(without_post);
  input.post_text = "My parcel came two weeks LATE and Broken. Damaged box, rude courier!";
  auto with_post = CheckReply(TheScorer(), input);
  EXPECT_TRUE(with_post.empty()) << Describe(with_post);
  input.draft = draft + " Frankly your complaint is stupid and pathetic.";
  auto insult = CheckReply(TheScorer(), input);
  const ReplyWarning* w = Find(insult, ReplyWarningKind::kNegativeTone);
  ASSERT_NE(w, nullptr) << Describe(insult);
  EXPECT_NE(w->message.find("\"stupid\""), std::string::npos) << w->message;
  EXPECT_EQ(w->message.find("\"rude\""), std::string::npos) << "the post's word: " << w->message;
}

TEST(CheckReply, DefensivePhrasingEnglishAndItalianFolded) {
  auto en = Check("Hi Ana, sorry. As we ALREADY said, it's not our fault.");
  const ReplyWarning* w = Find(en, ReplyWarningKind::kDefensive);
  ASSERT_NE(w, nullptr) << Describe(en);
  EXPECT_EQ(w->message, "defensive phrasing: \"as we already said\", \"not our fault\"");

  // Accents typed as apostrophes, capitals: still found.
  auto it = Check("Ciao Ana, ci dispiace. COME GIA' DETTO, non e' colpa nostra.", "it");
  w = Find(it, ReplyWarningKind::kDefensive);
  ASSERT_NE(w, nullptr) << Describe(it);
  EXPECT_EQ(w->message,
            "defensive phrasing: \"come gi\xC3\xA0 detto\", \"non \xC3\xA8 colpa nostra\"");
  auto formal = Check(
      "Gentile Ana, ci scusiamo, ma come le abbiamo gi\xC3\xA0 spiegato lei avrebbe "
      "dovuto scriverci prima.",
      "it");
  w = Find(formal, ReplyWarningKind::kDefensive);
  ASSERT_NE(w, nullptr) << Describe(formal);
  EXPECT_NE(w->message.find("avrebbe dovuto"), std::string::npos);
  // Word boundaries: "unsaid" is not "said".
  EXPECT_EQ(Find(Check("Hi Ana, sorry: the gas we said was unsaid."), ReplyWarningKind::kDefensive),
            nullptr);
}

TEST(CheckReply, MissingGreeting) {
  auto en = Check("We're sorry about the delay, we'll fix it today.");
  const ReplyWarning* w = Find(en, ReplyWarningKind::kMissingGreeting);
  ASSERT_NE(w, nullptr) << Describe(en);
  EXPECT_EQ(w->message, "no greeting: open with e.g. \"Hi Ana,\"");
  auto it = Check("Ci dispiace per il ritardo, lo risolviamo oggi stesso.", "it");
  w = Find(it, ReplyWarningKind::kMissingGreeting);
  ASSERT_NE(w, nullptr) << Describe(it);
  EXPECT_EQ(w->message, "no greeting: open with e.g. \"Ciao Ana,\"");
  auto by_handle =
      CheckReply(TheScorer(), {"Sorry!", "mastodon", "en", "neutral", "@ana@x.social"});
  ASSERT_FALSE(by_handle.empty());
  EXPECT_EQ(by_handle[0].message, "no greeting: open with e.g. \"Hi ana,\"");
  auto hostile = CheckReply(TheScorer(), {"Sorry!", "mastodon", "en", "neutral",
                                          "\x1b[31mAn\xFF"
                                          "a\x1b[0m"});
  ASSERT_FALSE(hostile.empty());
  EXPECT_EQ(hostile[0].message,
            "no greeting: open with e.g. \"Hi An\xEF\xBF\xBD"
            "a,\"");
  EXPECT_EQ(Find(Check("Dear Ana, we're sorry."), ReplyWarningKind::kMissingGreeting), nullptr);
  EXPECT_EQ(Find(Check("Ana, thanks for telling us, sorry!"), ReplyWarningKind::kMissingGreeting),
            nullptr);
  EXPECT_NE(Find(Check("We are sorry. Hi Ana!"), ReplyWarningKind::kMissingGreeting), nullptr)
      << "the greeting opens the reply";
}

TEST(CheckReply, MissingApologyOnlyForNegativePosts) {
  auto en = Check("Hi Ana, we've sent you a direct message.");
  const ReplyWarning* w = Find(en, ReplyWarningKind::kMissingApology);
  ASSERT_NE(w, nullptr) << Describe(en);
  EXPECT_NE(w->message.find("we're sorry"), std::string::npos);
  auto it = Check("Ciao Ana, le abbiamo scritto in privato.", "it");
  w = Find(it, ReplyWarningKind::kMissingApology);
  ASSERT_NE(w, nullptr) << Describe(it);
  EXPECT_NE(w->message.find("ci dispiace"), std::string::npos);
  EXPECT_EQ(Find(Check("Hi Ana, we've sent you a direct message.", "en", "neutral"),
                 ReplyWarningKind::kMissingApology),
            nullptr);
  for (const char* apology : {"Hi Ana, our apologies.", "Hi Ana, we regret the delay.",
                              "Ciao Ana, ci scusiamo per il ritardo.",
                              "Salve Ana, siamo spiacenti.", "Ciao Ana, scusa il disagio."}) {
    EXPECT_EQ(Find(Check(apology), ReplyWarningKind::kMissingApology), nullptr) << apology;
  }
}

TEST(CheckReply, LanguageMismatch) {
  auto it_post = Check("Hi Ana, we're sorry about the delay, we'll send it today.", "it");
  const ReplyWarning* w = Find(it_post, ReplyWarningKind::kLanguageMismatch);
  ASSERT_NE(w, nullptr) << Describe(it_post);
  EXPECT_EQ(w->message, "the reply is in English but the post is in Italian");
  auto en_post = Check("Ciao Ana, ci dispiace per il ritardo, lo spediamo oggi stesso.", "en-GB");
  w = Find(en_post, ReplyWarningKind::kLanguageMismatch);
  ASSERT_NE(w, nullptr) << Describe(en_post);
  EXPECT_EQ(w->message, "the reply is in Italian but the post is in English");
  EXPECT_EQ(Find(Check("Hi Ana, sorry!", "it"), ReplyWarningKind::kLanguageMismatch), nullptr)
      << "too short to tell";
  EXPECT_EQ(Find(Check("Hi Ana, we're sorry about the delay, we'll send it today.", ""),
                 ReplyWarningKind::kLanguageMismatch),
            nullptr)
      << "post language unknown";
}

}  // namespace
}  // namespace heed::responder
