// Local civil time in an IANA time zone (through ICU), for bucketing a report by hour of the
// week, day and week as the team experiences them, daylight saving time included.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "heed/core/clock.h"
#include "heed/core/result.h"

namespace heed::report {

struct LocalFields {
  std::chrono::year_month_day date;
  int weekday = 0;  // 0 = Monday ... 6 = Sunday (ISO order)
  int hour = 0;     // 0..23
  int minute = 0;
};

class LocalTimeZone {
 public:
  // kInvalidArgument naming the zone when it is not an IANA id ICU knows ("Europe/Rome", "UTC").
  static Result<LocalTimeZone> Create(std::string_view zone);

  LocalFields Local(TimePoint t) const;
  // The UTC offset in force at t (standard plus daylight saving).
  Millis OffsetAt(TimePoint t) const;
  const std::string& name() const { return name_; }

 private:
  struct Zone;
  std::string name_;
  std::shared_ptr<const Zone> zone_;  // immutable, shared by copies
};

// "2026-03-29"
std::string FormatDate(std::chrono::year_month_day date);
// The Monday on or before date.
std::chrono::year_month_day WeekStart(std::chrono::year_month_day date);

}  // namespace heed::report
