// How `heed report` reads its period options.
#pragma once

#include <string_view>

#include "heed/core/clock.h"
#include "heed/core/result.h"
#include "heed/report/local_time.h"

namespace heed::report {

// "7d", "24h", "90m", "2w" (a positive whole number and a unit) -> its length.
// kInvalidArgument naming the text otherwise.
Result<Millis> ParseSince(std::string_view text);

// A bound of the period: an ISO 8601 timestamp ("2026-03-01T09:00:00Z", with an offset or Z)
// is taken as given; a date "YYYY-MM-DD" means the start of that day in zone, or, when
// end_of_day, the start of the next day (so `--to 2026-03-31` includes March 31).
Result<TimePoint> ParseReportTime(std::string_view text, const LocalTimeZone& zone,
                                  bool end_of_day);

}  // namespace heed::report
