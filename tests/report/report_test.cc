// Every figure of a report over the fixture's known history (report_fixture.cc explains each
// item), the arithmetic on known data, and hour-of-week bucketing across DST in Europe/Rome.
#include "heed/report/report.h"

#include <gtest/gtest.h>

#include "heed/report/local_time.h"
#include "heed/report/period.h"
#include "heed/report/stats.h"
#include "report_fixture.h"

namespace heed::report {
namespace {

using std::chrono::minutes;
using testing::T;

class ReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Store::Open(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(*opened);
    ASSERT_TRUE(testing::FillFixture(*store_).ok());
  }
  Report Build(ReportOptions o = {}) {
    if (o.from == TimePoint{}) o.from = testing::WeekStart();
    if (o.to == TimePoint{}) o.to = testing::WeekEnd();
    o.now = testing::FixtureNow();
    Result<Report> r = BuildReport(*store_, o);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : Report{};
  }
  std::unique_ptr<store::Store> store_;
};

const SlaRate* Find(const std::vector<SlaRate>& rates, const std::string& key) {
  for (const SlaRate& r : rates) {
    if (r.key == key) return &r;
  }
  return nullptr;
}

TEST(StatsTest, NearestRankPercentiles) {
  std::vector<Millis> v{Millis(50), Millis(10), Millis(90), Millis(30)};
  EXPECT_EQ(Percentile(v, 50), Millis(30));  // rank ceil(2) = 2
  EXPECT_EQ(Percentile(v, 90), Millis(90));  // rank ceil(3.6) = 4
  std::vector<Millis> ten;
  for (int i = 1; i <= 10; ++i) ten.push_back(Millis(i));
  EXPECT_EQ(Percentile(ten, 90), Millis(9));
  EXPECT_EQ(Percentile(ten, 50), Millis(5));
  std::vector<Millis> none;
  EXPECT_FALSE(Percentile(none, 50).has_value());
  EXPECT_EQ(Percent(1, 3), 100.0 / 3);
  EXPECT_EQ(Percent(1, 0), 0);
}

TEST_F(ReportTest, VolumeAndHourOfWeek) {
  Report r = Build();
  EXPECT_EQ(r.mentions, 6);  // M7 (at `to`) and M8 (before `from`) are outside
  ASSERT_EQ(r.volume.size(), 3u);
  EXPECT_EQ(r.volume[0].platform, "google_play");
  EXPECT_EQ(r.volume[0].mentions, 2);
  EXPECT_EQ(r.volume[1].mentions, 3);
  EXPECT_EQ(r.volume[2].platform, "x");
  EXPECT_EQ(r.hour_of_week[0][10], 1);
  EXPECT_EQ(r.hour_of_week[0][14], 1);
  EXPECT_EQ(r.hour_of_week[1][9], 1);
  EXPECT_EQ(r.hour_of_week[2][20], 1);
  EXPECT_EQ(r.hour_of_week[3][11], 1);
  EXPECT_EQ(r.hour_of_week[6][23], 1);
  int64_t sum = 0;
  for (const auto& day : r.hour_of_week) {
    for (int64_t n : day) sum += n;
  }
  EXPECT_EQ(sum, 6);
}

TEST_F(ReportTest, PlatformFilter) {
  ReportOptions o;
  o.platform = "mastodon";
  Report r = Build(o);
  EXPECT_EQ(r.mentions, 3);
  EXPECT_EQ(r.breaches_total, 2);  // M5 and M8; M4 is on google_play
}

TEST_F(ReportTest, SentimentMixTrendAndNet) {
  Report r = Build();
  EXPECT_EQ(r.sentiment.negative, 4);
  EXPECT_EQ(r.sentiment.neutral, 1);
  EXPECT_EQ(r.sentiment.positive, 1);
  EXPECT_EQ(r.sentiment.unscored, 0);
  EXPECT_NEAR(r.sentiment.pct_negative, 66.667, 0.001);
  EXPECT_NEAR(r.sentiment.net, -50.0, 1e-9);
  ASSERT_EQ(r.sentiment_trend.size(), 7u);
  EXPECT_EQ(r.sentiment_trend[0].date, "2026-03-23");
  EXPECT_EQ(r.sentiment_trend[0].mix.negative, 1);
  EXPECT_EQ(r.sentiment_trend[0].mix.positive, 1);
  EXPECT_NEAR(r.sentiment_trend[0].mix.net, 0, 1e-9);
  EXPECT_EQ(r.sentiment_trend[1].mix.neutral, 1);
  EXPECT_EQ(r.sentiment_trend[4].mix.negative + r.sentiment_trend[4].mix.neutral +
                r.sentiment_trend[4].mix.positive,
            0);
  EXPECT_EQ(r.sentiment_trend[6].date, "2026-03-29");
  EXPECT_NEAR(r.sentiment_trend[6].mix.net, -100, 1e-9);
}

TEST_F(ReportTest, RatingsUseTheCurrentVersionAndTrendByWeek) {
  Report r = Build();
  ASSERT_EQ(r.ratings.size(), 1u);
  EXPECT_EQ(r.ratings[0].platform, "google_play");
  EXPECT_EQ(r.ratings[0].reviews, 2);
  EXPECT_DOUBLE_EQ(r.ratings[0].average, 1.5);  // M3 edited 4 -> 2, M4 1
  ReportOptions o;
  o.to = T("2026-03-31T00:00:00Z");
  Report two_weeks = Build(o);
  ASSERT_EQ(two_weeks.rating_trend.size(), 2u);
  EXPECT_EQ(two_weeks.rating_trend[0].week, "2026-03-23");
  EXPECT_DOUBLE_EQ(two_weeks.rating_trend[0].average, 1.5);
  EXPECT_EQ(two_weeks.rating_trend[1].week, "2026-03-30");
  EXPECT_DOUBLE_EQ(two_weeks.rating_trend[1].average, 5);
}

TEST_F(ReportTest, ReplyAndResolutionTimes) {
  Report r = Build();
  // First public replies after 30, 10, 50 and 90 minutes; M6's auto-ack does not count.
  EXPECT_EQ(r.first_reply.count, 4);
  EXPECT_EQ(r.first_reply.median, minutes(30));
  EXPECT_EQ(r.first_reply.p90, minutes(90));
  EXPECT_EQ(r.resolution.count, 2);
  EXPECT_EQ(r.resolution.median, minutes(60));
  EXPECT_EQ(r.resolution.p90, minutes(120));
}

TEST_F(ReportTest, WithinSlaByPlatformLabelOperatorAndHour) {
  Report r = Build();
  EXPECT_EQ(r.sla.within, 3);  // M1, M2, M3 in time; M4 late; M5 never answered
  EXPECT_EQ(r.sla.total, 5);
  EXPECT_DOUBLE_EQ(r.sla.pct, 60);
  ASSERT_NE(Find(r.sla_by_platform, "google_play"), nullptr);
  EXPECT_DOUBLE_EQ(Find(r.sla_by_platform, "google_play")->pct, 50);
  EXPECT_EQ(Find(r.sla_by_platform, "mastodon")->within, 2);
  EXPECT_EQ(Find(r.sla_by_platform, "mastodon")->total, 3);
  EXPECT_EQ(Find(r.sla_by_label, "negative")->within, 1);
  EXPECT_EQ(Find(r.sla_by_label, "negative")->total, 3);
  EXPECT_EQ(Find(r.sla_by_label, "neutral")->total, 1);
  EXPECT_EQ(Find(r.sla_by_operator, "AB")->within, 2);
  EXPECT_EQ(Find(r.sla_by_operator, "CD")->within, 1);
  EXPECT_EQ(Find(r.sla_by_operator, "CD")->total, 2);
  EXPECT_EQ(Find(r.sla_by_operator, "(none)")->total, 1);
  ASSERT_EQ(r.sla_by_hour.size(), 5u);
  EXPECT_EQ(r.sla_by_hour[0].key, "09");
  EXPECT_EQ(Find(r.sla_by_hour, "11")->within, 0);
  EXPECT_EQ(Find(r.sla_by_hour, "20")->total, 1);
}

TEST_F(ReportTest, UnansweredItemsNotYetDueAreNotCounted) {
  ReportOptions o;
  Report before = Build(o);
  o.now = T("2026-03-26T11:30:00Z");  // M5 is due at 12:00
  o.from = testing::WeekStart();
  o.to = testing::WeekEnd();
  Result<Report> r = BuildReport(*store_, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->sla.total, before.sla.total - 1);
}

TEST_F(ReportTest, BreachesAndTheirReasons) {
  Report r = Build();
  ASSERT_EQ(r.breaches_total, 3);
  ASSERT_EQ(r.breaches.size(), 3u);
  const Breach& m8 = r.breaches[0];  // posted before the week, breached in it
  EXPECT_EQ(m8.at, T("2026-03-23T05:00:00Z"));
  EXPECT_FALSE(m8.lagged || m8.unassigned || m8.off_hours || m8.awaiting_approval);
  const Breach& m4 = r.breaches[1];
  EXPECT_EQ(m4.platform, "google_play");
  EXPECT_EQ(m4.ingestion_lag, minutes(40));
  EXPECT_TRUE(m4.lagged);      // 40m > 50% of 60m
  EXPECT_TRUE(m4.unassigned);  // never assigned
  EXPECT_TRUE(m4.off_hours);   // calendar rule, Wednesday 21:00
  EXPECT_FALSE(m4.awaiting_approval);
  const Breach& m5 = r.breaches[2];
  EXPECT_FALSE(m5.lagged);
  EXPECT_FALSE(m5.unassigned);        // GB since 11:05
  EXPECT_FALSE(m5.off_hours);         // Thursday 12:00
  EXPECT_TRUE(m5.awaiting_approval);  // approved only at 12:30
  EXPECT_EQ(r.breach_reasons.lagged, 1);
  EXPECT_EQ(r.breach_reasons.unassigned, 1);
  EXPECT_EQ(r.breach_reasons.off_hours, 1);
  EXPECT_EQ(r.breach_reasons.awaiting_approval, 1);
  EXPECT_EQ(r.breach_reasons.unexplained, 1);
}

TEST_F(ReportTest, OffHoursFollowsTheReportTimeZone) {
  ReportOptions o;
  o.time_zone = "America/Los_Angeles";  // Wednesday 21:00Z is 14:00 there
  Report r = Build(o);
  EXPECT_FALSE(r.breaches[1].off_hours);
}

TEST_F(ReportTest, UnansweredNegativesOldestFirst) {
  Report r = Build();
  ASSERT_EQ(r.unanswered_negatives_total, 2);  // M5 (reply held), M6 (auto-ack only)
  ASSERT_EQ(r.unanswered_negatives.size(), 2u);
  EXPECT_EQ(r.unanswered_negatives[0].text, testing::kHostileText);
  EXPECT_EQ(r.unanswered_negatives[1].platform, "x");
  ReportOptions o;
  o.max_listed = 1;
  Report capped = Build(o);
  EXPECT_EQ(capped.unanswered_negatives_total, 2);
  EXPECT_EQ(capped.unanswered_negatives.size(), 1u);
  EXPECT_EQ(capped.breaches.size(), 1u);
}

TEST_F(ReportTest, RejectsBadOptions) {
  ReportOptions o;
  o.from = testing::WeekEnd();
  o.to = testing::WeekStart();
  EXPECT_EQ(BuildReport(*store_, o).status().code(), StatusCode::kInvalidArgument);
  o.from = testing::WeekStart();
  o.to = testing::WeekEnd();
  o.time_zone = "Mars/Olympus";
  Result<Report> r = BuildReport(*store_, o);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("Mars/Olympus"), std::string::npos);
}

TEST_F(ReportTest, ProgressReportsEachStep) {
  std::vector<int> steps;
  ReportOptions o;
  o.from = testing::WeekStart();
  o.to = testing::WeekEnd();
  ASSERT_TRUE(BuildReport(*store_, o, [&](int step, int total, std::string_view) {
                steps.push_back(step);
                EXPECT_EQ(total, 4);
              }).ok());
  EXPECT_EQ(steps, (std::vector<int>{1, 2, 3, 4}));
}

TEST(LocalTimeTest, HourOfWeekInRomeAcrossDst) {
  auto opened = store::Store::Open(":memory:");
  ASSERT_TRUE(opened.ok());
  store::Store& s = **opened;
  int n = 0;
  for (const char* at : {"2026-03-28T10:30:00Z",     // Sat 11:30 CET
                         "2026-03-29T00:30:00Z",     // Sun 01:30 CET
                         "2026-03-29T01:30:00Z",     // Sun 03:30 CEST (02:00 -> 03:00)
                         "2026-03-30T10:30:00Z",     // Mon 12:30 CEST
                         "2026-10-25T00:30:00Z",     // Sun 02:30 CEST
                         "2026-10-25T01:30:00Z"}) {  // Sun 02:30 CET (03:00 -> 02:00)
    Mention m;
    m.platform = "mastodon";
    m.remote_id = std::to_string(++n);
    m.created_at = T(at);
    m.raw_json = "{}";
    ASSERT_TRUE(s.InsertMention(m, "mastodon", m.created_at).ok());
  }
  ReportOptions o;
  o.from = T("2026-03-01T00:00:00Z");
  o.to = T("2026-11-01T00:00:00Z");
  o.time_zone = "Europe/Rome";
  Result<Report> r = BuildReport(s, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->hour_of_week[5][11], 1);
  EXPECT_EQ(r->hour_of_week[6][1], 1);
  EXPECT_EQ(r->hour_of_week[6][3], 1);
  EXPECT_EQ(r->hour_of_week[0][12], 1);
  EXPECT_EQ(r->hour_of_week[6][2], 2);
  EXPECT_EQ(r->sentiment.unscored, 6);
}

TEST(PeriodTest, DatesAreLocalMidnightsAndDurationsParse) {
  Result<LocalTimeZone> rome = LocalTimeZone::Create("Europe/Rome");
  ASSERT_TRUE(rome.ok());
  EXPECT_EQ(*ParseReportTime("2026-03-29", *rome, false), T("2026-03-28T23:00:00Z"));
  EXPECT_EQ(*ParseReportTime("2026-03-29", *rome, true), T("2026-03-29T22:00:00Z"));
  EXPECT_EQ(*ParseReportTime("2026-03-29T08:00:00+02:00", *rome, true), T("2026-03-29T06:00:00Z"));
  EXPECT_FALSE(ParseReportTime("2026-02-30", *rome, false).ok());
  EXPECT_FALSE(ParseReportTime("yesterday", *rome, false).ok());
  EXPECT_EQ(*ParseSince("7d"), std::chrono::days(7));
  EXPECT_EQ(*ParseSince("24h"), std::chrono::hours(24));
  EXPECT_EQ(*ParseSince("2w"), std::chrono::weeks(2));
  for (const char* bad : {"", "d", "7", "-1d", "0d", "7y", "1.5d"}) {
    EXPECT_FALSE(ParseSince(bad).ok()) << bad;
  }
  EXPECT_FALSE(LocalTimeZone::Create("Nowhere/Town").ok());
}

}  // namespace
}  // namespace heed::report
