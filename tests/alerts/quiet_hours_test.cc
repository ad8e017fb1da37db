// Quiet hours: local windows in IANA zones, across midnight and DST changes.
#include "heed/alerts/quiet_hours.h"

#include <gtest/gtest.h>

namespace heed::alerts {
namespace {

TimePoint At(const char* iso) { return *ParseIso8601(iso); }

TimeZone Zone(const char* id) { return *TimeZone::Make(id); }

TEST(TimeZoneTest, ConvertsBothWaysAndRejectsUnknownZones) {
  TimeZone rome = Zone("Europe/Rome");
  LocalTime l = rome.ToLocal(At("2026-11-23T23:30:00Z"));
  EXPECT_EQ(rome.LocalDate(At("2026-11-23T23:30:00Z")), "2026-11-24");
  EXPECT_EQ(l.hour, 0);
  EXPECT_EQ(l.minute, 30);
  EXPECT_EQ(rome.FromLocal(2026, 11, 24, 30), At("2026-11-23T23:30:00Z"));
  EXPECT_EQ(rome.FromLocal(2026, 11, 31, 7 * 60), At("2026-12-01T06:00:00Z"));  // day overflow
  EXPECT_EQ(rome.LocalHourMinute(At("2026-07-01T12:05:00Z")), "14:05");         // CEST
  Result<TimeZone> bad = TimeZone::Make("Mars/Olympus");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("Mars/Olympus"), std::string::npos);
  EXPECT_FALSE(TimeZone::Make("").ok());
}

TEST(QuietHoursTest, WindowAcrossMidnightInRome) {
  QuietHours q = *QuietHours::Parse("22:00-07:00", Zone("Europe/Rome"));  // CET = UTC+1
  EXPECT_FALSE(q.IsQuiet(At("2026-11-23T20:59:59Z")));                    // 21:59:59
  EXPECT_TRUE(q.IsQuiet(At("2026-11-23T21:00:00Z")));                     // 22:00
  EXPECT_TRUE(q.IsQuiet(At("2026-11-23T23:30:00Z")));                     // 00:30
  EXPECT_TRUE(q.IsQuiet(At("2026-11-24T05:59:00Z")));                     // 06:59
  EXPECT_FALSE(q.IsQuiet(At("2026-11-24T06:00:00Z")));                    // 07:00: the end is loud
  EXPECT_FALSE(q.IsQuiet(At("2026-11-24T12:00:00Z")));
}

TEST(QuietHoursTest, NextLoudIsTheEndOfTheCurrentWindow) {
  QuietHours q = *QuietHours::Parse("22:00-07:00", Zone("Europe/Rome"));
  // Before midnight: tomorrow's 07:00. After midnight: today's 07:00.
  EXPECT_EQ(q.NextLoud(At("2026-11-23T22:30:00Z")), At("2026-11-24T06:00:00Z"));
  EXPECT_EQ(q.NextLoud(At("2026-11-24T03:00:00Z")), At("2026-11-24T06:00:00Z"));
  // Not quiet: now.
  EXPECT_EQ(q.NextLoud(At("2026-11-24T10:00:00Z")), At("2026-11-24T10:00:00Z"));
  // Month end.
  EXPECT_EQ(q.NextLoud(At("2026-11-30T22:00:00Z")), At("2026-12-01T06:00:00Z"));
}

TEST(QuietHoursTest, SameInstantDiffersByZone) {
  QuietHours rome = *QuietHours::Parse("22:00-07:00", Zone("Europe/Rome"));
  QuietHours new_york = *QuietHours::Parse("22:00-07:00", Zone("America/New_York"));
  TimePoint t = At("2026-11-23T22:00:00Z");  // 23:00 in Rome, 17:00 in New York
  EXPECT_TRUE(rome.IsQuiet(t));
  EXPECT_FALSE(new_york.IsQuiet(t));
  // 03:00Z is 22:00 in New York (EST = UTC-5): its window opens.
  EXPECT_TRUE(new_york.IsQuiet(At("2026-11-24T03:00:00Z")));
  EXPECT_EQ(new_york.NextLoud(At("2026-11-24T03:00:00Z")), At("2026-11-24T12:00:00Z"));
}

TEST(QuietHoursTest, FollowsDaylightSavingChanges) {
  QuietHours q = *QuietHours::Parse("22:00-07:00", Zone("Europe/Rome"));
  // Night of 24-25 October 2026: 22:00 is CEST (20:00Z), 07:00 is CET again (06:00Z).
  EXPECT_TRUE(q.IsQuiet(At("2026-10-24T20:00:00Z")));
  EXPECT_FALSE(q.IsQuiet(At("2026-10-24T19:59:00Z")));
  EXPECT_EQ(q.NextLoud(At("2026-10-24T21:00:00Z")), At("2026-10-25T06:00:00Z"));
  // Spring forward (29 March 2026, 02:00 -> 03:00): a window ending inside the gap ends after it.
  QuietHours gap = *QuietHours::Parse("01:00-02:30", Zone("Europe/Rome"));
  TimePoint inside = At("2026-03-29T00:30:00Z");  // 01:30 CET
  ASSERT_TRUE(gap.IsQuiet(inside));
  TimePoint loud = gap.NextLoud(inside);
  EXPECT_GT(loud, inside);
  EXPECT_FALSE(gap.IsQuiet(loud));
  EXPECT_EQ(loud, At("2026-03-29T01:30:00Z"));  // 03:30 CEST
}

TEST(QuietHoursTest, WindowWithinOneDay) {
  QuietHours lunch = *QuietHours::Parse("12:00 - 13:30", TimeZone::Utc());
  EXPECT_FALSE(lunch.IsQuiet(At("2026-11-23T11:59:00Z")));
  EXPECT_TRUE(lunch.IsQuiet(At("2026-11-23T13:29:00Z")));
  EXPECT_FALSE(lunch.IsQuiet(At("2026-11-23T13:30:00Z")));
  EXPECT_EQ(lunch.NextLoud(At("2026-11-23T12:10:00Z")), At("2026-11-23T13:30:00Z"));
}

TEST(QuietHoursTest, RejectsMalformedWindows) {
  for (const char* bad : {"22:00", "22:00-", "25:00-07:00", "22:60-07:00", "22:00-22:00",
                          "10pm-7am", "22:00-07:00:00", ""}) {
    Result<QuietHours> q = QuietHours::Parse(bad, TimeZone::Utc());
    EXPECT_EQ(q.status().code(), StatusCode::kInvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace heed::alerts
