#include "heed/core/clock.h"

#include <gtest/gtest.h>

namespace heed {
namespace {

TEST(Iso8601, ParsesPlatformForms) {
  auto base = ParseIso8601("2026-08-01T13:51:43.458Z");
  ASSERT_TRUE(base.ok()) << base.status().ToString();
  EXPECT_EQ(FormatIso8601(*base), "2026-08-01T13:51:43.458Z");
  EXPECT_EQ(FormatIso8601(*ParseIso8601("2026-08-01T13:51:43Z")), "2026-08-01T13:51:43.000Z");
  EXPECT_EQ(FormatIso8601(*ParseIso8601("2026-08-01T15:51:43.458123+02:00")),
            "2026-08-01T13:51:43.458Z");
  EXPECT_EQ(FormatIso8601(*ParseIso8601("2026-08-01T10:51:43.4-0300")), "2026-08-01T13:51:43.400Z");
}

TEST(Iso8601, RejectsGarbageWithClearError) {
  for (const char* bad :
       {"", "yesterday", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-08-01T13:51:43",
        "2026-08-01T13:51:43Zjunk", "2026-08-01T25:00:00Z", "2026-08-01T13:51:43.Z"}) {
    auto r = ParseIso8601(bad);
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  }
  // The input is quoted in the error, neutralised: no escape sequence, valid UTF-8.
  auto hostile = ParseIso8601("\x1b[31m2026\xFF");
  EXPECT_EQ(hostile.status().message(), "not an ISO-8601 timestamp: \"2026\xEF\xBF\xBD\"");
}

TEST(Iso8601, UnixMillisRoundTrip) {
  auto t = *ParseIso8601("1970-01-01T00:00:01.500Z");
  EXPECT_EQ(ToUnixMillis(t), 1500);
  EXPECT_EQ(FromUnixMillis(1500), t);
}

TEST(SimulatedClock, MovesOnlyWhenTold) {
  SimulatedClock clock(*ParseIso8601("2026-01-01T00:00:00Z"));
  auto t0 = clock.Now();
  EXPECT_EQ(clock.Now(), t0);
  clock.SleepFor(Millis(2500));
  EXPECT_EQ(clock.Now() - t0, Millis(2500));
}

TEST(FormatDuration, CompactForms) {
  EXPECT_EQ(FormatDuration(Millis(45'000)), "45s");
  EXPECT_EQ(FormatDuration(Millis(20 * 60'000)), "20m");
  EXPECT_EQ(FormatDuration(Millis(65 * 60'000)), "1h 05m");
  EXPECT_EQ(FormatDuration(Millis(-20 * 60'000)), "-20m");
  EXPECT_EQ(FormatDuration(Millis(26LL * 3600'000)), "1d 2h");
}

}  // namespace
}  // namespace heed
