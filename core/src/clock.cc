#include "heed/core/clock.h"

#include <cstdio>
#include <thread>

#include "heed/core/text.h"

namespace heed {
namespace {

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override {
    return std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now());
  }
  void SleepFor(Millis d) override {
    if (d.count() > 0) std::this_thread::sleep_for(d);
  }
};

bool ParseDigits(std::string_view text, size_t pos, size_t count, int* out) {
  if (pos + count > text.size()) return false;
  int value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    char c = text[i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  *out = value;
  return true;
}

}  // namespace

Clock& RealClock() {
  static SystemClock clock;
  return clock;
}

TimePoint SimulatedClock::Now() const {
  std::lock_guard lock(mu_);
  return now_;
}
void SimulatedClock::SleepFor(Millis d) { Advance(d); }
void SimulatedClock::Advance(Millis d) {
  std::lock_guard lock(mu_);
  now_ += d;
}
void SimulatedClock::Set(TimePoint t) {
  std::lock_guard lock(mu_);
  now_ = t;
}

Result<TimePoint> ParseIso8601(std::string_view text) {
  auto bad = [&] {
    return Status::InvalidArgument("not an ISO-8601 timestamp: \"" +
                                   ForTerminal(text.substr(0, 64)) + "\"");
  };
  int year, month, day, hour, minute, second;
  // YYYY-MM-DDTHH:MM:SS
  if (text.size() < 19 || !ParseDigits(text, 0, 4, &year) || text[4] != '-' ||
      !ParseDigits(text, 5, 2, &month) || text[7] != '-' || !ParseDigits(text, 8, 2, &day) ||
      (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !ParseDigits(text, 11, 2, &hour) ||
      text[13] != ':' || !ParseDigits(text, 14, 2, &minute) || text[16] != ':' ||
      !ParseDigits(text, 17, 2, &second)) {
    return bad();
  }
  size_t pos = 19;
  int millis = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    size_t digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (digits < 3) millis = millis * 10 + (text[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return bad();
    for (size_t d = digits; d < 3; ++d) millis *= 10;
  }
  int offset_minutes = 0;
  if (pos == text.size()) return bad();  // a timestamp without a zone is ambiguous
  if (text[pos] == 'Z' || text[pos] == 'z') {
    ++pos;
  } else if (text[pos] == '+' || text[pos] == '-') {
    int sign = text[pos] == '-' ? -1 : 1;
    int oh, om;
    if (!ParseDigits(text, pos + 1, 2, &oh)) return bad();
    size_t mpos = pos + 3;
    if (mpos < text.size() && text[mpos] == ':') ++mpos;
    if (!ParseDigits(text, mpos, 2, &om) || oh > 23 || om > 59) return bad();
    offset_minutes = sign * (oh * 60 + om);
    pos = mpos + 2;
  }
  if (pos != text.size()) return bad();
  using namespace std::chrono;
  year_month_day ymd{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                     std::chrono::day(static_cast<unsigned>(day))};
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 60) return bad();
  auto tp = sys_days(ymd) + hours(hour) + minutes(minute) + seconds(second) + Millis(millis) -
            minutes(offset_minutes);
  return TimePoint(time_point_cast<Millis>(tp));
}

std::string FormatIso8601(TimePoint t) {
  using namespace std::chrono;
  auto day_point = floor<days>(t);
  year_month_day ymd(day_point);
  hh_mm_ss<Millis> hms(t - day_point);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()),
                static_cast<int>(hms.subseconds().count()));
  return buf;
}

std::string FormatDuration(Millis d) {
  bool negative = d.count() < 0;
  // Divide before negating: negating Millis::min() would overflow.
  int64_t s = d.count() / 1000;
  if (negative) s = -s;
  char buf[48];
  if (s < 60) {
    std::snprintf(buf, sizeof buf, "%llds", static_cast<long long>(s));
  } else if (s < 3600) {
    std::snprintf(buf, sizeof buf, "%lldm", static_cast<long long>(s / 60));
  } else if (s < 86400) {
    std::snprintf(buf, sizeof buf, "%lldh %02lldm", static_cast<long long>(s / 3600),
                  static_cast<long long>((s % 3600) / 60));
  } else {
    std::snprintf(buf, sizeof buf, "%lldd %lldh", static_cast<long long>(s / 86400),
                  static_cast<long long>((s % 86400) / 3600));
  }
  std::string out = negative ? "-" : "";
  out += buf;
  return out;
}

}  // namespace heed
