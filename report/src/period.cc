#include "heed/report/period.h"

#include <charconv>
#include <string>

namespace heed::report {

Result<Millis> ParseSince(std::string_view text) {
  const auto bad = [&] {
    return Status::InvalidArgument("\"" + std::string(text) +
                                   "\" is not a duration (e.g. 7d, 24h, 90m or 2w)");
  };
  if (text.size() < 2) return bad();
  int64_t n = 0;
  const char* end = text.data() + text.size() - 1;
  auto [ptr, ec] = std::from_chars(text.data(), end, n);
  if (ec != std::errc() || ptr != end || n <= 0 || n > 100000) return bad();
  switch (text.back()) {
    case 'm':
      return Millis(std::chrono::minutes(n));
    case 'h':
      return Millis(std::chrono::hours(n));
    case 'd':
      return Millis(std::chrono::days(n));
    case 'w':
      return Millis(std::chrono::weeks(n));
    default:
      return bad();
  }
}

Result<TimePoint> ParseReportTime(std::string_view text, const LocalTimeZone& zone,
                                  bool end_of_day) {
  using namespace std::chrono;
  if (text.size() != 10) return ParseIso8601(text);
  int y = 0;
  unsigned mo = 0;
  unsigned d = 0;
  const bool shaped =
      text[4] == '-' && text[7] == '-' &&
      std::from_chars(text.data(), text.data() + 4, y).ptr == text.data() + 4 &&
      std::from_chars(text.data() + 5, text.data() + 7, mo).ptr == text.data() + 7 &&
      std::from_chars(text.data() + 8, text.data() + 10, d).ptr == text.data() + 10;
  const year_month_day date{year(y), month(mo), day(d)};
  if (!shaped || !date.ok()) {
    return Status::InvalidArgument("\"" + std::string(text) +
                                   "\" is not a date (YYYY-MM-DD) or an ISO 8601 timestamp");
  }
  const sys_time<Millis> local = sys_days(date) + days(end_of_day ? 1 : 0);
  // Local midnight -> UTC: the offset at the guess, then again at the corrected instant (a DST
  // change near midnight shifts it).
  TimePoint utc = local - zone.OffsetAt(local);
  utc = local - zone.OffsetAt(utc);
  return utc;
}

}  // namespace heed::report
