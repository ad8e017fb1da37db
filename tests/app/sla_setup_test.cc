// A stored SLA policy version reads back to the setup it was written from.
#include "heed/app/sla_setup.h"

#include <gtest/gtest.h>

#include "heed/app/config.h"

namespace heed::app {
namespace {

constexpr char kConfig[] = R"(
[calendar.office]
time_zone = Europe/Rome
hours = mon-fri 09:00-13:00 14:00-18:00; sat 09:00-12:00
holiday_dates = 2026-12-25, 2026-12-26

[calendar.unused]
time_zone = UTC
hours = 24x7

[sla]
name = care
warning = 25%, 75%
escalate = 300%

[sla.rule.low-stars]
platform = trustpilot, google_play
label = negative
urgency = refund, legal
max_rating = 2
min_reach = 100
first_reply = 90m
resolution = 3d
calendar = office

[sla.rule.praise]
label = positive
first_reply = none

[sla.rule.rest]
first_reply = 4h
)";

SlaSetup Parsed(const std::string& text) {
  auto config = ParseConfig(text, "test.conf");
  EXPECT_TRUE(config.ok()) << config.status().ToString();
  return config.ok() ? SlaSetup{config->sla, config->calendars} : SlaSetup{};
}

TEST(SlaSetup, SerializedTextReadsBackToTheSameSetup) {
  SlaSetup original = Parsed(kConfig);
  std::string text = SerializeSla(original);
  auto restored = ParseSlaSnapshot(text);
  ASSERT_TRUE(restored.ok()) << restored.status().ToString() << "\n" << text;
  EXPECT_EQ(SerializeSla(*restored), text);
  EXPECT_EQ(restored->policy.Canonical(restored->calendars),
            original.policy.Canonical(original.calendars));
  // Only calendars that rules use are part of the version.
  EXPECT_EQ(restored->calendars.count("unused"), 0u);
  ASSERT_EQ(restored->policy.rules.size(), 3u);
  const responder::SlaRule& low = restored->policy.rules[0];
  EXPECT_EQ(low.first_reply, Millis(std::chrono::minutes(90)));
  EXPECT_EQ(low.resolution, Millis(std::chrono::hours(72)));
  EXPECT_EQ(low.max_rating, 2);
  EXPECT_EQ(low.min_reach, 100);
  EXPECT_FALSE(restored->policy.rules[1].first_reply.has_value());
  EXPECT_EQ(restored->calendars.at("office").holidays().size(), 2u);
  EXPECT_EQ(restored->policy.stages.escalate_percent, 300);
}

TEST(SlaSetup, EqualSetupsGiveEqualTextAndAChangeGivesAnother) {
  std::string base = SerializeSla(Parsed(kConfig));
  std::string commented = std::string(kConfig) + "\n# a comment changes nothing\n";
  EXPECT_EQ(SerializeSla(Parsed(commented)), base);
  std::string longer = kConfig;
  longer.replace(longer.find("first_reply = 4h"), 16, "first_reply = 5h");
  EXPECT_NE(SerializeSla(Parsed(longer)), base);
  std::string holiday = kConfig;
  holiday.replace(holiday.find("2026-12-26"), 10, "2026-12-31");
  EXPECT_NE(SerializeSla(Parsed(holiday)), base);
}

TEST(SlaSetup, LegacyPolicyRoundTrips) {
  SlaSetup legacy = Parsed("[policy]\nnegative = 2h\n");
  auto restored = ParseSlaSnapshot(SerializeSla(legacy));
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  EXPECT_EQ(SerializeSla(*restored), SerializeSla(legacy));
}

TEST(SlaSetup, DamagedSnapshotIsDataLoss) {
  EXPECT_EQ(ParseSlaSnapshot("[sla.rule.x]\nfirst_reply = soon\n").status().code(),
            StatusCode::kDataLoss);
}

TEST(SlaSetup, HolidayDatesAreChecked) {
  auto config = ParseConfig(
      "[calendar.c]\ntime_zone = UTC\nhours = 24x7\nholiday_dates = 2026-02-30\n", "bad.conf");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("2026-02-30"), std::string::npos);
}

}  // namespace
}  // namespace heed::app
