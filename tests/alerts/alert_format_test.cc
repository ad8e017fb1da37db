// Alert values, their text and JSON: what every channel builds on.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "heed/alerts/alert.h"
#include "heed/alerts/alert_json.h"
#include "test_support.h"

namespace heed::alerts {
namespace {

TimePoint At(const char* iso) { return *ParseIso8601(iso); }

Alert Breached() { return testing::SampleAlert(); }

TEST(AlertFormatTest, TitleNamesStageTargetPostAuthorAndLocalDueTime) {
  TimeZone rome = *TimeZone::Make("Europe/Rome");
  AlertText text = FormatAlert(Breached(), rome);
  EXPECT_EQ(text.title,
            "heed: BREACHED first reply for mastodon post #42 by @x (due 14:05, 35m ago)");
  EXPECT_NE(text.body.find("Post: \"Il pacco non è mai arrivato!\""), std::string::npos);
  EXPECT_NE(text.body.find("Due: 2026-11-23 14:05 Europe/Rome (35m ago)"), std::string::npos);
  EXPECT_NE(text.body.find("Rule: negative: first reply in 1h"), std::string::npos);
  EXPECT_NE(text.body.find("Link: https://mastodon.social/@x/1"), std::string::npos);
}

TEST(AlertFormatTest, WarningsShowPercentAndTimeLeft) {
  Alert a = Breached();
  a.stage = "warning_80";
  a.target = "resolution";
  a.author = "@@giulia";
  a.urgent = true;
  a.fired_at = a.due_at - std::chrono::minutes(12);
  AlertText text = FormatAlert(a, TimeZone::Utc());
  EXPECT_EQ(text.title,
            "heed: WARNING 80% resolution for mastodon post #42 by @giulia (due 13:05, in 12m) "
            "[urgent]");
}

TEST(AlertFormatTest, UntrustedTextLosesControlsEscapesAndLineBreaks) {
  Alert a = Breached();
  a.author = "evil\x1b]8;;http://x\x07name\r\nBcc: all";
  a.excerpt = "line one\nline two\x1b[31m red\x1b[0m \u202Egnp.exe";
  AlertText text = FormatAlert(a, TimeZone::Utc());
  for (const std::string& s : {text.title, text.body}) {
    EXPECT_EQ(s.find('\x1b'), std::string::npos);
    EXPECT_EQ(s.find('\r'), std::string::npos);
    EXPECT_EQ(s.find("\u202E"), std::string::npos);
  }
  EXPECT_EQ(text.title.find('\n'), std::string::npos);
  EXPECT_NE(text.body.find("\"line one line two red gnp.exe\""), std::string::npos);
}

TEST(AlertFormatTest, SafeLineCutsLongTextOnCodePoints) {
  std::string long_text;
  for (int i = 0; i < 300; ++i) long_text += "è";
  std::string cut = SafeLine(long_text, 10);
  EXPECT_EQ(cut, "èèèèèèèèèè\u2026");
  EXPECT_EQ(SafeLine("  a \t b  ", 10), "a b");
  EXPECT_EQ(SafeLine("\xff\xfe ok", 10), "\uFFFD\uFFFD ok");
}

TEST(AlertFormatTest, ValidatesStagesAndTargets) {
  for (const char* ok :
       {"warning_50", "warning_80", "warning_1", "warning_99", "breached", "escalated"}) {
    EXPECT_TRUE(ValidateStage(ok).ok()) << ok;
  }
  for (const char* bad :
       {"warning_", "warning_0", "warning_100", "warning_05", "warning_5x", "BREACHED", ""}) {
    EXPECT_EQ(ValidateStage(bad).code(), StatusCode::kInvalidArgument) << bad;
  }
  Alert a = Breached();
  a.target = "reply";
  EXPECT_NE(ValidateAlert(a).message().find("first_reply or resolution"), std::string::npos);
  a = Breached();
  a.mention_id = 0;
  EXPECT_EQ(ValidateAlert(a).code(), StatusCode::kInvalidArgument);
}

TEST(AlertFormatTest, DigestCountsStagesAndListsHeldAlerts) {
  Digest d;
  d.local_date = "2026-11-24";
  d.generated_at = At("2026-11-24T07:30:00Z");
  Alert held = Breached();
  held.stage = "warning_50";
  d.held = {held};
  d.stage_counts = {{"breached", 2}, {"warning_50", 1}};
  AlertText text = FormatDigest(d, TimeZone::Utc());
  EXPECT_EQ(text.title, "heed digest 2026-11-24: 1 held during quiet hours, 3 alerts in all");
  EXPECT_NE(text.body.find("Alerts since the last digest: breached 2, warning_50 1"),
            std::string::npos);
  EXPECT_NE(text.body.find("- WARNING 50% first reply for mastodon post #42 by @x"),
            std::string::npos);

  Digest empty;
  empty.local_date = "2026-11-25";
  EXPECT_NE(FormatDigest(empty, TimeZone::Utc()).body.find("Nothing was held"), std::string::npos);
}

TEST(AlertJsonTest, AlertJsonCarriesEveryFieldSanitised) {
  Alert a = Breached();
  a.excerpt = "quote \" and \x1b[2J clear";
  rapidjson::Document doc;
  doc.Parse(AlertToJson(a, TimeZone::Utc()).c_str());
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_STREQ(doc["kind"].GetString(), "alert");
  EXPECT_EQ(doc["mention_id"].GetInt64(), 42);
  EXPECT_STREQ(doc["author"].GetString(), "@x");
  EXPECT_STREQ(doc["excerpt"].GetString(), "quote \" and clear");
  EXPECT_STREQ(doc["stage"].GetString(), "breached");
  EXPECT_STREQ(doc["target"].GetString(), "first_reply");
  EXPECT_STREQ(doc["due_at"].GetString(), "2026-11-23T13:05:00.000Z");
  EXPECT_FALSE(doc["urgent"].GetBool());
  EXPECT_EQ(std::string(doc["title"].GetString()).rfind("heed: BREACHED", 0), 0u);
}

TEST(AlertJsonTest, DigestJsonHasCountsAndHeldAlerts) {
  Digest d;
  d.local_date = "2026-11-24";
  d.held = {Breached()};
  d.stage_counts = {{"breached", 1}};
  rapidjson::Document doc;
  doc.Parse(DigestToJson(d, TimeZone::Utc()).c_str());
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_STREQ(doc["kind"].GetString(), "digest");
  EXPECT_STREQ(doc["date"].GetString(), "2026-11-24");
  EXPECT_EQ(doc["stage_counts"]["breached"].GetInt(), 1);
  ASSERT_EQ(doc["held"].Size(), 1u);
  EXPECT_EQ(doc["held"][0]["mention_id"].GetInt64(), 42);
}

}  // namespace
}  // namespace heed::alerts
