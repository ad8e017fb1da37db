// A store with a known history for the report suites (and the HTML rendering script): six
// mentions in the week of Monday 2026-03-23 (UTC), two outside it, replies, resolutions,
// deadlines, breaches, an assignment and an approval. report_test.cc states what every figure
// must be; the comments in report_fixture.cc say why.
#pragma once

#include "heed/core/clock.h"
#include "heed/core/status.h"
#include "heed/store/store.h"

namespace heed::report::testing {

// Monday 2026-03-23T00:00:00Z and the day after the fixture's week.
TimePoint WeekStart();
TimePoint WeekEnd();
// The "now" of the fixture: 2026-04-01T00:00:00Z.
TimePoint FixtureNow();
// "2026-03-23T10:00:00Z" -> TimePoint (the test fails on a typo).
TimePoint T(const char* iso);

// The untrusted post text of the unanswered negative item (a formula and a script tag).
inline constexpr const char* kHostileText = "=cmd|' /C calc'!A0 <script>alert(1)</script>";

Status FillFixture(store::Store& store);

}  // namespace heed::report::testing
