#include "heed/report/local_time.h"

#include <unicode/basictz.h>
#include <unicode/timezone.h>
#include <unicode/ucal.h>
#include <unicode/unistr.h>

#include <cstdio>

namespace heed::report {

struct LocalTimeZone::Zone {
  std::unique_ptr<icu::TimeZone> tz;
};

Result<LocalTimeZone> LocalTimeZone::Create(std::string_view zone) {
  std::unique_ptr<icu::TimeZone> tz(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(std::string(zone))));
  icu::UnicodeString id;
  // ICU answers an unknown id with the "Etc/Unknown" zone (GMT) instead of failing.
  if (zone.empty() || tz == nullptr ||
      tz->getID(id) == icu::UnicodeString(UCAL_UNKNOWN_ZONE_ID, -1, US_INV)) {
    return Status::InvalidArgument("time zone \"" + std::string(zone) +
                                   "\" is not an IANA time zone (e.g. Europe/Rome or UTC)");
  }
  LocalTimeZone result;
  result.name_ = std::string(zone);
  auto z = std::make_shared<Zone>();
  z->tz = std::move(tz);
  result.zone_ = std::move(z);
  return result;
}

Millis LocalTimeZone::OffsetAt(TimePoint t) const {
  int32_t raw = 0;
  int32_t dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  zone_->tz->getOffset(static_cast<UDate>(ToUnixMillis(t)), false, raw, dst, status);
  if (U_FAILURE(status)) return Millis(0);  // only for dates ICU cannot represent
  return Millis(static_cast<int64_t>(raw) + dst);
}

LocalFields LocalTimeZone::Local(TimePoint t) const {
  using namespace std::chrono;
  const sys_time<Millis> local = t + OffsetAt(t);  // civil time read as if it were UTC
  const sys_days day = floor<days>(local);
  const Millis in_day = local - day;
  LocalFields f;
  f.date = year_month_day(day);
  f.weekday = static_cast<int>(weekday(day).iso_encoding()) - 1;
  f.hour = static_cast<int>(duration_cast<hours>(in_day).count());
  f.minute = static_cast<int>(duration_cast<minutes>(in_day).count() % 60);
  return f;
}

std::string FormatDate(std::chrono::year_month_day date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buffer;
}

std::chrono::year_month_day WeekStart(std::chrono::year_month_day date) {
  using namespace std::chrono;
  const sys_days day(date);
  const unsigned since_monday = weekday(day).iso_encoding() - 1;
  return year_month_day(day - days(since_monday));
}

}  // namespace heed::report
