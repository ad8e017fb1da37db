// Helpers shared by the renderers.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "heed/core/clock.h"
#include "heed/core/text.h"
#include "heed/report/report.h"

namespace heed::report::internal {

// "Mon" .. "Sun" for 0 .. 6.
std::string_view WeekdayName(int weekday);
// value with `digits` decimals ("83.3").
std::string Fixed(double value, int digits);
// "1h 05m", or "-" when there is no value.
std::string DurationCell(const std::optional<Millis>& d);
// "lagged, unassigned" or "-" for none.
std::string ReasonList(const Breach& b);
// The period in words: "2026-03-23T00:00:00.000Z .. 2026-03-30T00:00:00.000Z, all platforms".
std::string PeriodLine(const ReportOptions& options);
// HtmlEscape and CsvCell live in heed/core/text.h.
using ::heed::CsvCell;
using ::heed::HtmlEscape;

}  // namespace heed::report::internal
