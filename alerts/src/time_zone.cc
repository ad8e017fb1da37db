#include "heed/alerts/time_zone.h"

#include <unicode/basictz.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <cstdio>

namespace heed::alerts {

struct TimeZone::Impl {
  std::unique_ptr<icu::TimeZone> zone;
};

namespace {

std::chrono::sys_days CivilDays(int year, int month, int day) {
  // year_month_day normalises only the month; add the day offset separately so day 32 works.
  using namespace std::chrono;
  return sys_days(std::chrono::year(year) / std::chrono::month(static_cast<unsigned>(month)) /
                  std::chrono::day(1)) +
         days(day - 1);
}

}  // namespace

Result<TimeZone> TimeZone::Make(std::string_view iana_id) {
  icu::UnicodeString id = icu::UnicodeString::fromUTF8(
      icu::StringPiece(iana_id.data(), static_cast<int32_t>(iana_id.size())));
  icu::UnicodeString canonical;
  UBool is_system = false;
  UErrorCode status = U_ZERO_ERROR;
  icu::TimeZone::getCanonicalID(id, canonical, is_system, status);
  if (iana_id.empty() || U_FAILURE(status) || !is_system) {
    return Status::InvalidArgument("unknown time zone \"" + std::string(iana_id) +
                                   "\" (expected an IANA name such as Europe/Rome or UTC)");
  }
  auto impl = std::make_shared<Impl>();
  impl->zone.reset(icu::TimeZone::createTimeZone(canonical));
  std::string canonical_utf8;
  canonical.toUTF8String(canonical_utf8);
  return TimeZone(std::move(impl), canonical_utf8);
}

TimeZone TimeZone::Utc() {
  static const std::shared_ptr<const Impl> utc = [] {
    auto impl = std::make_shared<Impl>();
    impl->zone.reset(icu::TimeZone::getGMT()->clone());
    return impl;
  }();
  return TimeZone(utc, "UTC");
}

Millis TimeZone::OffsetAtUtc(TimePoint t) const {
  int32_t raw = 0;
  int32_t dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  impl_->zone->getOffset(static_cast<UDate>(ToUnixMillis(t)), /*local=*/false, raw, dst, status);
  return U_FAILURE(status) ? Millis(0) : Millis(raw + dst);
}

LocalTime TimeZone::ToLocal(TimePoint t) const {
  using namespace std::chrono;
  TimePoint local = t + OffsetAtUtc(t);
  sys_days day = floor<days>(local);
  year_month_day ymd(day);
  hh_mm_ss<Millis> hms(local - day);
  LocalTime out;
  out.year = static_cast<int>(ymd.year());
  out.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  out.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  out.hour = static_cast<int>(hms.hours().count());
  out.minute = static_cast<int>(hms.minutes().count());
  out.second = static_cast<int>(hms.seconds().count());
  return out;
}

TimePoint TimeZone::FromLocal(int year, int month, int day, int minute_of_day) const {
  TimePoint wall = TimePoint(CivilDays(year, month, day)) + std::chrono::minutes(minute_of_day);
  UDate wall_ms = static_cast<UDate>(ToUnixMillis(wall));
  int32_t raw = 0;
  int32_t dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  if (const auto* basic = dynamic_cast<const icu::BasicTimeZone*>(impl_->zone.get())) {
    // FORMER for a skipped reading uses the offset before the gap, which lands after it.
    basic->getOffsetFromLocal(wall_ms, UCAL_TZ_LOCAL_FORMER, UCAL_TZ_LOCAL_FORMER, raw, dst,
                              status);
  } else {
    impl_->zone->getOffset(wall_ms, /*local=*/true, raw, dst, status);
  }
  if (U_FAILURE(status)) return wall;
  return wall - Millis(raw + dst);
}

std::string TimeZone::LocalDate(TimePoint t) const {
  LocalTime l = ToLocal(t);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", l.year, l.month, l.day);
  return buf;
}

std::string TimeZone::LocalHourMinute(TimePoint t) const {
  LocalTime l = ToLocal(t);
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", l.hour, l.minute);
  return buf;
}

Result<int> ParseHourMinute(std::string_view text) {
  auto bad = [&] {
    return Status::InvalidArgument("\"" + std::string(text) +
                                   "\" is not a time of day (expected HH:MM, 00:00 to 23:59)");
  };
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() != colon + 3) {
    return bad();
  }
  int hour = 0;
  int minute = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i == colon) continue;
    if (text[i] < '0' || text[i] > '9') return bad();
    int& slot = i < colon ? hour : minute;
    slot = slot * 10 + (text[i] - '0');
  }
  if (hour > 23 || minute > 59) return bad();
  return hour * 60 + minute;
}

}  // namespace heed::alerts
