// TimeZone: an IANA time zone (ICU's tz database) for the local-time questions alerts ask:
// "is it 22:00 in Rome yet?", "what UTC instant is 07:00 tomorrow in Rome?", "print 14:05".
// ICU stays behind this header (a private dependency of heed::alerts).
//
// Thread safety: immutable after construction; copies share the ICU zone (read-only use).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "heed/core/clock.h"
#include "heed/core/result.h"

namespace heed::alerts {

// A wall-clock reading in some zone.
struct LocalTime {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  int hour = 0;
  int minute = 0;
  int second = 0;
  int minute_of_day() const { return hour * 60 + minute; }
};

class TimeZone {
 public:
  // "Europe/Rome", "America/New_York", "UTC". kInvalidArgument naming the id when ICU does not
  // know it (ICU would otherwise silently fall back to GMT).
  static Result<TimeZone> Make(std::string_view iana_id);
  static TimeZone Utc();

  // The canonical id ICU resolved (e.g. "Europe/Rome").
  const std::string& id() const { return id_; }

  LocalTime ToLocal(TimePoint t) const;

  // The instant whose local reading is year-month-day plus minute_of_day minutes. day may run
  // past the end of the month (day + 1 on the 31st is the 1st of next month). A reading that
  // does not exist (in the hour skipped when DST starts) is read with the offset before the
  // change, so it lands after the gap (02:30 becomes 03:30); a reading that exists twice (DST
  // ends) maps to the first one.
  TimePoint FromLocal(int year, int month, int day, int minute_of_day) const;

  // "YYYY-MM-DD" of t's local date: the key of "once per local day" events.
  std::string LocalDate(TimePoint t) const;

  // "14:05" of t's local time.
  std::string LocalHourMinute(TimePoint t) const;

 private:
  struct Impl;
  TimeZone(std::shared_ptr<const Impl> impl, std::string id)
      : impl_(std::move(impl)), id_(std::move(id)) {}
  Millis OffsetAtUtc(TimePoint t) const;

  std::shared_ptr<const Impl> impl_;
  std::string id_;
};

// "22:00" or "7:30" -> minutes after local midnight (0..1439). kInvalidArgument otherwise.
Result<int> ParseHourMinute(std::string_view text);

}  // namespace heed::alerts
