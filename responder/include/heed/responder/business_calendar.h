// Business calendars: when a team counts SLA time. A calendar is an IANA time zone, weekly
// opening frames (several per day) in that zone's wall time, and holidays (whole local days).
// SLA budgets are spent only while the calendar is open and the item is not paused.
//
// Wall-clock edge cases follow java.time: a frame boundary that falls in a DST gap is shifted
// forward by the gap's length; in a repeated hour a frame starts at the first occurrence and
// ends at the last one. So a frame's length is the real time the wall clock spends inside it.
//
// Immutable after construction; const methods are thread-safe (ICU time zones are read-only
// here). Copies share the time zone.
#pragma once

#include <array>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heed/core/clock.h"
#include "heed/core/result.h"

namespace heed::responder {

// A calendar date in the calendar's own time zone (no time, no zone).
using LocalDate = std::chrono::year_month_day;

// A span during which the SLA clock does not run (the item waits for the customer).
struct PauseInterval {
  TimePoint from;
  std::optional<TimePoint> to;  // nullopt: still paused
};

// One opening frame, [start, end) in minutes after local midnight; end may be 24 * 60.
struct OpeningFrame {
  int start_minute = 0;
  int end_minute = 0;
  friend bool operator==(const OpeningFrame&, const OpeningFrame&) = default;
};

class BusinessCalendar {
 public:
  // Frames per weekday, index 0 = Monday ... 6 = Sunday, each sorted and non-overlapping.
  using WeeklyFrames = std::array<std::vector<OpeningFrame>, 7>;

  // Builds a calendar. hours is "24x7" or clauses separated by ';', each a day set then frames:
  // "mon-fri 09:00-13:00 14:00-18:00; sat 10:00-12:00". Day sets are mon..sun, ranges (fri-mon
  // wraps) and comma lists ("mon,wed"). kInvalidArgument naming the text for an unknown zone, a
  // malformed frame, end <= start, overlapping frames, or hours with no open time at all.
  static Result<BusinessCalendar> Create(std::string name, std::string_view time_zone,
                                         std::string_view hours,
                                         std::vector<LocalDate> holidays = {});

  // UTC, open every minute of every day, no holidays: plain elapsed time.
  static BusinessCalendar AlwaysOpen();

  const std::string& name() const { return name_; }
  const std::string& time_zone() const { return time_zone_; }
  const WeeklyFrames& frames() const { return frames_; }
  const std::vector<LocalDate>& holidays() const { return holidays_; }  // sorted, unique

  // "mon 09:00-13:00 14:00-18:00; ...; sat 10:00-12:00" (days with the same frames grouped) or
  // "24x7". Re-parsing it gives the same frames.
  std::string HoursText() const;

  // Zone, hours and every holiday: changes exactly when the calendar's behaviour does.
  std::string Canonical() const;

  bool IsOpen(TimePoint t) const;

  // The instant at which `budget` of open, unpaused time has elapsed after `from`. budget <= 0
  // returns from. TimePoint::max() when that never happens (a pause that never ends).
  TimePoint AddBusinessTime(TimePoint from, Millis budget,
                            const std::vector<PauseInterval>& pauses) const;

  // Like AddBusinessTime for several ascending budgets in a single walk (SLA stages).
  // REQUIRES: budgets sorted ascending.
  std::vector<TimePoint> AddBusinessTimes(TimePoint from, const std::vector<Millis>& budgets,
                                          const std::vector<PauseInterval>& pauses) const;

  // Open, unpaused time in [a, b); zero when b <= a.
  Millis BusinessTimeBetween(TimePoint a, TimePoint b,
                             const std::vector<PauseInterval>& pauses) const;

  // The ICU time zone, defined in the .cc so ICU stays a private dependency of the module.
  struct Zone;

 private:
  BusinessCalendar() = default;

  // Calls visit(start, end) for each open, unpaused interval from `from` onwards, in order,
  // until visit returns false or no open time is left before `limit`.
  template <typename Visit>
  void WalkOpen(TimePoint from, TimePoint limit, const std::vector<PauseInterval>& pauses,
                Visit visit) const;

  std::string name_;
  std::string time_zone_ = "UTC";
  std::shared_ptr<const Zone> zone_;  // null: UTC
  WeeklyFrames frames_;
  std::vector<LocalDate> holidays_;
  bool always_open_ = false;  // 24x7 and no holidays: intervals are unbounded
};

}  // namespace heed::responder
