// QuietHours: a daily local-time window (e.g. 22:00-07:00 in Europe/Rome) during which only
// urgent alerts go out. The window may cross midnight; start is inside it, end is not. Local
// times follow the zone's rules on each day, so the window stays 22:00-07:00 across DST changes.
//
// Thread safety: immutable after construction.
#pragma once

#include <string_view>

#include "heed/alerts/time_zone.h"
#include "heed/core/clock.h"
#include "heed/core/result.h"

namespace heed::alerts {

class QuietHours {
 public:
  // start/end in minutes after local midnight (0..1439), start != end.
  static Result<QuietHours> Make(int start_minute, int end_minute, TimeZone zone);
  // "22:00-07:00" in zone. kInvalidArgument naming the text when malformed or empty.
  static Result<QuietHours> Parse(std::string_view window, TimeZone zone);

  bool IsQuiet(TimePoint t) const;

  // t itself when not quiet, else the first instant after t at which the window ends.
  TimePoint NextLoud(TimePoint t) const;

  int start_minute() const { return start_; }
  int end_minute() const { return end_; }
  const TimeZone& zone() const { return zone_; }

 private:
  QuietHours(int start, int end, TimeZone zone)
      : start_(start), end_(end), zone_(std::move(zone)) {}
  bool QuietAtMinute(int minute_of_day) const;

  int start_;
  int end_;
  TimeZone zone_;
};

}  // namespace heed::alerts
