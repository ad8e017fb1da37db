#include "heed/alerts/quiet_hours.h"

#include <string>

namespace heed::alerts {

Result<QuietHours> QuietHours::Make(int start_minute, int end_minute, TimeZone zone) {
  auto in_day = [](int m) { return m >= 0 && m < 24 * 60; };
  if (!in_day(start_minute) || !in_day(end_minute)) {
    return Status::InvalidArgument("quiet hours must start and end between 00:00 and 23:59");
  }
  if (start_minute == end_minute) {
    return Status::InvalidArgument("quiet hours must not start and end at the same time");
  }
  return QuietHours(start_minute, end_minute, std::move(zone));
}

Result<QuietHours> QuietHours::Parse(std::string_view window, TimeZone zone) {
  size_t dash = window.find('-');
  if (dash == std::string_view::npos) {
    return Status::InvalidArgument("quiet hours \"" + std::string(window) +
                                   "\" must look like 22:00-07:00");
  }
  auto trim = [](std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
  };
  Result<int> start = ParseHourMinute(trim(window.substr(0, dash)));
  if (!start.ok()) return start.status().WithContext("quiet hours");
  Result<int> end = ParseHourMinute(trim(window.substr(dash + 1)));
  if (!end.ok()) return end.status().WithContext("quiet hours");
  return Make(*start, *end, std::move(zone));
}

bool QuietHours::QuietAtMinute(int m) const {
  if (start_ < end_) return m >= start_ && m < end_;
  return m >= start_ || m < end_;  // crosses midnight
}

bool QuietHours::IsQuiet(TimePoint t) const {
  return QuietAtMinute(zone_.ToLocal(t).minute_of_day());
}

TimePoint QuietHours::NextLoud(TimePoint t) const {
  if (!IsQuiet(t)) return t;
  LocalTime local = zone_.ToLocal(t);
  // Inside the window the end is today's when we are before it, else tomorrow's.
  int day = local.minute_of_day() < end_ ? local.day : local.day + 1;
  TimePoint end = zone_.FromLocal(local.year, local.month, day, end_);
  if (end <= t) end = zone_.FromLocal(local.year, local.month, day + 1, end_);
  return end;
}

}  // namespace heed::alerts
