#include "heed/responder/business_calendar.h"

#include <gtest/gtest.h>

namespace heed::responder {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using namespace std::chrono_literals;

TimePoint At(const char* iso) { return *ParseIso8601(iso); }

constexpr const char* kOfficeHours = "mon-fri 09:00-13:00 14:00-18:00; sat 10:00-12:00";

BusinessCalendar Office(std::vector<LocalDate> holidays = {}) {
  auto cal = BusinessCalendar::Create("office", "Europe/Rome", kOfficeHours, std::move(holidays));
  EXPECT_TRUE(cal.ok()) << cal.status().ToString();
  return *cal;
}

BusinessCalendar RomeAllDay() { return *BusinessCalendar::Create("rome", "Europe/Rome", "24x7"); }

TEST(BusinessCalendar, FridayEveningPostIsDueOnMondayMorning) {
  // Mon-fri only, so Saturday's frame does not interfere.
  auto cal = *BusinessCalendar::Create("office", "Europe/Rome", "mon-fri 09:00-13:00 14:00-18:00");
  // Friday 27 November 2026, 17:00 in Rome (CET, UTC+1): one hour left on Friday, three on Monday.
  TimePoint friday = At("2026-11-27T16:00:00Z");
  EXPECT_EQ(cal.AddBusinessTime(friday, hours(4), {}), At("2026-11-30T11:00:00Z"));  // Mon 12:00
  EXPECT_EQ(cal.BusinessTimeBetween(friday, At("2026-11-30T11:00:00Z"), {}), hours(4));
}

TEST(BusinessCalendar, HolidayMovesTheDeadlineToTheNextOpenDay) {
  auto cal = *BusinessCalendar::Create("office", "Europe/Rome", "mon-fri 09:00-13:00 14:00-18:00",
                                       {std::chrono::year(2026) / 11 / 30});
  EXPECT_EQ(cal.AddBusinessTime(At("2026-11-27T16:00:00Z"), hours(4), {}),
            At("2026-12-01T11:00:00Z"));  // Tuesday 12:00
  EXPECT_FALSE(cal.IsOpen(At("2026-11-30T10:00:00Z")));
  EXPECT_TRUE(cal.IsOpen(At("2026-12-01T10:00:00Z")));
}

TEST(BusinessCalendar, SaturdayFrameCountsAndSundayIsClosed) {
  BusinessCalendar cal = Office();
  // Friday 17:00 + 4h: Friday 1h, Saturday 10-12 2h, Monday 09:00-10:00.
  EXPECT_EQ(cal.AddBusinessTime(At("2026-11-27T16:00:00Z"), hours(4), {}),
            At("2026-11-30T09:00:00Z"));
  EXPECT_FALSE(cal.IsOpen(At("2026-11-29T11:00:00Z")));  // Sunday noon
  EXPECT_TRUE(cal.IsOpen(At("2026-11-28T09:30:00Z")));   // Saturday 10:30
}

TEST(BusinessCalendar, SeveralFramesPerDaySkipTheLunchBreak) {
  BusinessCalendar cal = Office();
  TimePoint monday_1230 = At("2026-11-23T11:30:00Z");
  EXPECT_EQ(cal.AddBusinessTime(monday_1230, hours(1), {}), At("2026-11-23T13:30:00Z"));  // 14:30
  EXPECT_FALSE(cal.IsOpen(At("2026-11-23T12:59:59Z")));  // 13:59:59 local, lunch
  EXPECT_TRUE(cal.IsOpen(At("2026-11-23T13:00:00Z")));   // 14:00 local
}

TEST(BusinessCalendar, ClockStartingWhileClosedWaitsForTheNextFrame) {
  BusinessCalendar cal = Office();
  // Sunday 29 November, 20:00: the budget starts being spent on Monday at 09:00.
  EXPECT_EQ(cal.AddBusinessTime(At("2026-11-29T19:00:00Z"), minutes(30), {}),
            At("2026-11-30T08:30:00Z"));
  // A budget that ends exactly at a frame's end is due then, not at the next frame's start.
  EXPECT_EQ(cal.AddBusinessTime(At("2026-11-30T08:00:00Z"), hours(4), {}),
            At("2026-11-30T12:00:00Z"));
  EXPECT_EQ(cal.AddBusinessTime(At("2026-11-30T08:00:00Z"), 0ms, {}), At("2026-11-30T08:00:00Z"));
}

TEST(BusinessCalendar, DstDaysHaveTheirRealLength) {
  BusinessCalendar cal = RomeAllDay();
  // 29 March 2026: 02:00 CET becomes 03:00 CEST, a 23-hour day; 25 October: a 25-hour day.
  EXPECT_EQ(cal.BusinessTimeBetween(At("2026-03-28T23:00:00Z"), At("2026-03-29T22:00:00Z"), {}),
            hours(23));
  EXPECT_EQ(cal.BusinessTimeBetween(At("2026-10-24T22:00:00Z"), At("2026-10-25T23:00:00Z"), {}),
            hours(25));
}

TEST(BusinessCalendar, FramesAcrossTheDstChangeUseTheWallClock) {
  auto night = *BusinessCalendar::Create("night", "Europe/Rome", "sun 01:00-04:00");
  // Spring: 01:00 CET to 04:00 CEST is two real hours.
  EXPECT_EQ(night.BusinessTimeBetween(At("2026-03-28T00:00:00Z"), At("2026-03-30T00:00:00Z"), {}),
            hours(2));
  // Autumn: 01:00 CEST to 04:00 CET is four real hours.
  EXPECT_EQ(night.BusinessTimeBetween(At("2026-10-24T00:00:00Z"), At("2026-10-26T00:00:00Z"), {}),
            hours(4));
  // A start in the gap (02:30 does not exist) moves forward by the gap: 03:30 CEST.
  auto gap = *BusinessCalendar::Create("gap", "Europe/Rome", "sun 02:30-05:00");
  EXPECT_EQ(gap.AddBusinessTime(At("2026-03-28T00:00:00Z"), minutes(1), {}),
            At("2026-03-29T01:31:00Z"));
}

TEST(BusinessCalendar, OfficeHoursAcrossTheDstWeekend) {
  auto cal = *BusinessCalendar::Create("office", "Europe/Rome", "mon-fri 09:00-13:00 14:00-18:00");
  // Friday 27 March 17:00 CET (16:00Z) + 4h: Monday 30 March 12:00 CEST (10:00Z).
  EXPECT_EQ(cal.AddBusinessTime(At("2026-03-27T16:00:00Z"), hours(4), {}),
            At("2026-03-30T10:00:00Z"));
}

TEST(BusinessCalendar, PausesAreExcluded) {
  BusinessCalendar cal = Office();
  TimePoint start = At("2026-11-23T08:00:00Z");  // Monday 09:00
  std::vector<PauseInterval> pauses = {
      {At("2026-11-23T09:00:00Z"), At("2026-11-23T10:00:00Z")},  // 10:00-11:00 waiting
      {At("2026-11-23T09:30:00Z"), At("2026-11-23T10:30:00Z")},  // overlapping: merged
  };
  // 09:00-10:00 runs, 10:00-11:30 paused, 11:30-13:00 runs (1h30), 14:00-14:30.
  EXPECT_EQ(cal.AddBusinessTime(start, hours(3), pauses), At("2026-11-23T13:30:00Z"));
  EXPECT_EQ(cal.BusinessTimeBetween(start, At("2026-11-23T13:30:00Z"), pauses), hours(3));
  // An open pause: the budget never runs out.
  std::vector<PauseInterval> open = {{At("2026-11-23T09:00:00Z"), std::nullopt}};
  EXPECT_EQ(cal.AddBusinessTime(start, hours(3), open), TimePoint::max());
  EXPECT_EQ(cal.BusinessTimeBetween(start, At("2026-12-23T00:00:00Z"), open), hours(1));
}

TEST(BusinessCalendar, SeveralBudgetsInOneWalk) {
  BusinessCalendar cal = Office();
  std::vector<TimePoint> due =
      cal.AddBusinessTimes(At("2026-11-23T08:00:00Z"), {hours(2), hours(4), hours(8)}, {});
  ASSERT_EQ(due.size(), 3u);
  EXPECT_EQ(due[0], At("2026-11-23T10:00:00Z"));
  EXPECT_EQ(due[1], At("2026-11-23T12:00:00Z"));  // 13:00 local: end of the morning frame
  EXPECT_EQ(due[2], At("2026-11-23T17:00:00Z"));
}

TEST(BusinessCalendar, AlwaysOpenIsPlainElapsedTime) {
  BusinessCalendar cal = BusinessCalendar::AlwaysOpen();
  TimePoint t = At("2026-11-28T23:00:00Z");
  EXPECT_EQ(cal.AddBusinessTime(t, hours(24 * 30), {}), t + hours(24 * 30));
  EXPECT_TRUE(cal.IsOpen(t));
  EXPECT_EQ(cal.HoursText(), "24x7");
}

TEST(BusinessCalendar, ThirtyDayBudgetIsFast) {
  BusinessCalendar cal = Office({std::chrono::year(2026) / 12 / 8});
  TimePoint start = At("2026-11-27T16:00:00Z");
  auto begin = std::chrono::steady_clock::now();
  TimePoint due = cal.AddBusinessTime(start, hours(24 * 30), {});
  auto took = std::chrono::steady_clock::now() - begin;
  // 720 business hours at 42 a week: about 17 weeks later.
  EXPECT_EQ(cal.BusinessTimeBetween(start, due, {}), hours(24 * 30));
  EXPECT_GT(due, start + hours(24 * 7 * 16));
  EXPECT_LT(took, std::chrono::milliseconds(50));  // generous: it takes microseconds
}

TEST(BusinessCalendar, HoursTextIsCanonical) {
  auto cal =
      *BusinessCalendar::Create("x", "UTC", "SAT 10:00-12:00;mon-fri 14:00-18:00 09:00-13:00");
  EXPECT_EQ(cal.HoursText(), "mon-fri 09:00-13:00 14:00-18:00; sat 10:00-12:00");
  auto touching =
      *BusinessCalendar::Create("x", "UTC", "mon 09:00-12:00 12:00-13:00; tue,thu 08:00-09:00");
  EXPECT_EQ(touching.HoursText(), "mon 09:00-13:00; tue 08:00-09:00; thu 08:00-09:00");
  auto wrap = *BusinessCalendar::Create("x", "UTC", "sat-mon 00:00-24:00; tue-fri 00:00-24:00");
  EXPECT_EQ(wrap.HoursText(), "24x7");
  EXPECT_NE(cal.Canonical(), Office().Canonical());  // the zone differs
}

void ExpectInvalid(std::string_view zone, std::string_view text, const std::string& needle) {
  auto cal = BusinessCalendar::Create("x", zone, text);
  ASSERT_FALSE(cal.ok()) << text;
  EXPECT_EQ(cal.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(cal.status().message().find(needle), std::string::npos) << cal.status().message();
}

TEST(BusinessCalendar, BadInputIsNamed) {
  ExpectInvalid("Europe/Roma", "24x7", "\"Europe/Roma\" is not an IANA time zone");
  ExpectInvalid("", "24x7", "not an IANA time zone");
  ExpectInvalid("UTC", "mon-fry 09:00-18:00", "\"mon-fry\" is not a day");
  ExpectInvalid("UTC", "mon 9-18", "\"9-18\" is not a frame");
  ExpectInvalid("UTC", "mon 09:00-25:00", "\"09:00-25:00\" is not a frame");
  ExpectInvalid("UTC", "mon 18:00-09:00", "\"18:00-09:00\" ends before it starts");
  ExpectInvalid("UTC", "mon 09:00-09:00", "ends before it starts");
  ExpectInvalid("UTC", "mon-fri 09:00-13:00 12:00-18:00", "overlapping frames on mon");
  ExpectInvalid("UTC", "mon-fri 09:00-13:00; wed 10:00-11:00", "overlapping frames on wed");
  ExpectInvalid("UTC", "mon", "no opening frames after \"mon\"");
  ExpectInvalid("UTC", "", "no opening frames");
  ExpectInvalid("UTC", "mon 09:00-13:00x", "hours \"mon 09:00-13:00x\"");
}

}  // namespace
}  // namespace heed::responder
