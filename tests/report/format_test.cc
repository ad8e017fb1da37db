// The four output formats over the fixture: JSON parses with its keys, CSV defuses formulas,
// HTML is self-contained with SVG charts and escapes the hostile post, text is terminal-safe.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <sstream>

#include "heed/report/render.h"
#include "heed/report/report.h"
#include "report_fixture.h"

namespace heed::report {
namespace {

class FormatTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Store::Open(":memory:");
    ASSERT_TRUE(opened.ok());
    store_ = std::move(*opened);
    ASSERT_TRUE(testing::FillFixture(*store_).ok());
    ReportOptions o;
    o.from = testing::WeekStart();
    o.to = testing::WeekEnd();
    o.now = testing::FixtureNow();
    Result<Report> r = BuildReport(*store_, o);
    ASSERT_TRUE(r.ok());
    report_ = *r;
  }
  std::string Render(Format f) {
    std::ostringstream out;
    WriteReport(out, report_, f);
    return out.str();
  }
  std::unique_ptr<store::Store> store_;
  Report report_;
};

TEST_F(FormatTest, ParseFormatNamesTheBadValue) {
  EXPECT_EQ(*ParseFormat("html"), Format::kHtml);
  Result<Format> bad = ParseFormat("pdf");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("pdf"), std::string::npos);
}

TEST_F(FormatTest, JsonParsesWithStableKeys) {
  rapidjson::Document doc;
  const std::string json = Render(Format::kJson);
  ASSERT_FALSE(doc.Parse(json.c_str()).HasParseError()) << json;
  for (const char* key : {"period", "mentions", "volume_by_platform", "hour_of_week", "sentiment",
                          "sentiment_trend", "ratings", "rating_trend", "first_reply", "resolution",
                          "sla", "breaches", "unanswered_negatives"}) {
    EXPECT_TRUE(doc.HasMember(key)) << key;
  }
  EXPECT_EQ(doc["mentions"].GetInt64(), 6);
  EXPECT_EQ(doc["hour_of_week"].Size(), 7u);
  EXPECT_EQ(doc["hour_of_week"][0].Size(), 24u);
  EXPECT_DOUBLE_EQ(doc["sentiment"]["net"].GetDouble(), -50);
  EXPECT_EQ(doc["first_reply"]["median_ms"].GetInt64(), 30 * 60 * 1000);
  EXPECT_EQ(doc["first_reply"]["p90_ms"].GetInt64(), 90 * 60 * 1000);
  EXPECT_DOUBLE_EQ(doc["sla"]["overall"]["pct"].GetDouble(), 60);
  EXPECT_EQ(doc["sla"]["by_operator"].Size(), 3u);
  EXPECT_EQ(doc["breaches"]["total"].GetInt64(), 3);
  EXPECT_EQ(doc["breaches"]["reasons"]["off_hours"].GetInt64(), 1);
  EXPECT_STREQ(doc["breaches"]["items"][1]["reasons"][0].GetString(), "ingestion_lag");
  EXPECT_STREQ(doc["unanswered_negatives"]["items"][0]["text"].GetString(), testing::kHostileText);
}

TEST_F(FormatTest, CsvSectionsAndFormulaSafeCells) {
  const std::string csv = Render(Format::kCsv);
  for (const char* section : {"# volume_by_platform\r\n", "# hour_of_week\r\n", "# sentiment\r\n",
                              "# sla\r\n", "# breaches\r\n", "# unanswered_negatives\r\n"}) {
    EXPECT_NE(csv.find(section), std::string::npos) << section;
  }
  // The hostile text starts with '=': apostrophed (no comma or double quote: not quoted).
  EXPECT_NE(csv.find(",'=cmd|' /C calc'!A0 <script>alert(1)</script>\r\n"), std::string::npos)
      << csv;
  EXPECT_EQ(csv.find(",=cmd"), std::string::npos);
  // Our own negative numbers stay numbers.
  EXPECT_NE(csv.find(",-50.00\r\n"), std::string::npos);
  EXPECT_NE(csv.find("overall,all,3,5,60.00\r\n"), std::string::npos);
}

TEST_F(FormatTest, HtmlIsSelfContainedWithChartsAndEscapesPostText) {
  const std::string html = Render(Format::kHtml);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  size_t svgs = 0;
  for (size_t at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1)) {
    ++svgs;
  }
  EXPECT_EQ(svgs, 4u);  // volume bars, heatmap, sentiment area, SLA bars
  EXPECT_NE(html.find("<rect"), std::string::npos);
  EXPECT_NE(html.find("<path"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  for (const char* external :
       {"http://", "https://", "src=", "href=", "url(", "@import", "<link"}) {
    EXPECT_EQ(html.find(external), std::string::npos) << external;
  }
}

TEST_F(FormatTest, TextIsAlignedAndTerminalSafe) {
  report_.unanswered_negatives[0].text = "evil \x1b]0;owned\x07 \x1b[31mred";
  const std::string text = Render(Format::kText);
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_NE(text.find("Volume by platform"), std::string::npos);
  EXPECT_NE(text.find("  google_play  "), std::string::npos);
  EXPECT_NE(text.find("Breaches: 3 (ingestion lag 1, unassigned 1, off-hours 1"),
            std::string::npos);
  EXPECT_NE(text.find("ingestion lag, unassigned, off-hours"), std::string::npos);
}

}  // namespace
}  // namespace heed::report
