#include "heed/responder/business_calendar.h"

#include <unicode/basictz.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace heed::responder {

using std::chrono::days;
using std::chrono::sys_days;

constexpr int64_t kMsPerDay = 86'400'000;
constexpr int64_t kMsPerMinute = 60'000;
constexpr int kMinutesPerDay = 24 * 60;
// A walk that finds no open time in this many days gives up (only an unbounded pause or an
// absurd budget gets here): TimePoint::max() stands for "never".
constexpr int64_t kMaxWalkDays = 200 * 366;

struct BusinessCalendar::Zone {
  std::unique_ptr<icu::BasicTimeZone> tz;

  // Offset of wall time from UTC at the UTC instant utc_ms.
  int64_t OffsetAt(int64_t utc_ms) const {
    int32_t raw = 0, dst = 0;
    UErrorCode status = U_ZERO_ERROR;
    tz->getOffset(static_cast<UDate>(utc_ms), false, raw, dst, status);
    return U_SUCCESS(status) ? raw + dst : 0;
  }
  // The UTC instant of a wall time. In a DST gap the pre-transition offset applies (the time
  // moves forward by the gap); a repeated wall time is its first occurrence for a frame start
  // and its last for a frame end.
  int64_t ToUtc(int64_t wall_ms, bool frame_end) const {
    int32_t raw = 0, dst = 0;
    UErrorCode status = U_ZERO_ERROR;
    tz->getOffsetFromLocal(static_cast<UDate>(wall_ms), UCAL_TZ_LOCAL_FORMER,
                           frame_end ? UCAL_TZ_LOCAL_LATTER : UCAL_TZ_LOCAL_FORMER, raw, dst,
                           status);
    return U_SUCCESS(status) ? wall_ms - raw - dst : wall_ms;
  }
};

namespace {

constexpr std::array<std::string_view, 7> kDayNames = {"mon", "tue", "wed", "thu",
                                                       "fri", "sat", "sun"};

struct Span {
  TimePoint from;
  TimePoint to;  // TimePoint::max(): unbounded
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string_view> Split(std::string_view text, std::string_view separators) {
  std::vector<std::string_view> parts;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find_first_of(separators, pos);
    if (end == std::string_view::npos) end = text.size();
    if (end > pos) parts.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return parts;
}

std::string FormatWallTime(int minute) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
  return buf;
}

std::string FormatDate(LocalDate d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

// "HH:MM", 00:00 to 24:00, into minutes after midnight; -1 when malformed.
int ParseWallTime(std::string_view t) {
  if (t.size() != 5 || t[2] != ':') return -1;
  for (size_t i : {0, 1, 3, 4}) {
    if (!std::isdigit(static_cast<unsigned char>(t[i]))) return -1;
  }
  int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return -1;
  return h * 60 + m;
}

int DayIndex(std::string_view name) {
  std::string lower = Lower(name);
  for (size_t i = 0; i < kDayNames.size(); ++i) {
    if (lower == kDayNames[i]) return static_cast<int>(i);
  }
  return -1;
}

// "mon-fri", "sat", "mon,wed,fri", "fri-mon" (wraps) into the days they name.
Result<std::vector<int>> ParseDaySet(std::string_view set, const std::string& where) {
  std::vector<int> out;
  for (std::string_view part : Split(set, ",")) {
    size_t dash = part.find('-');
    int first = DayIndex(part.substr(0, dash));
    int last = dash == std::string_view::npos ? first : DayIndex(part.substr(dash + 1));
    if (first < 0 || last < 0) {
      return Status::InvalidArgument(where + ": \"" + std::string(part) +
                                     "\" is not a day or day range (mon, tue, ... sun)");
    }
    for (int d = first;; d = (d + 1) % 7) {
      out.push_back(d);
      if (d == last) break;
    }
  }
  if (out.empty()) return Status::InvalidArgument(where + ": missing days");
  return out;
}

Result<BusinessCalendar::WeeklyFrames> ParseHours(std::string_view hours) {
  std::string where = "hours \"" + std::string(hours) + "\"";
  BusinessCalendar::WeeklyFrames week;
  if (Lower(hours) == "24x7") {
    for (auto& day : week) day.push_back({0, kMinutesPerDay});
    return week;
  }
  for (std::string_view clause : Split(hours, ";")) {
    std::vector<std::string_view> tokens = Split(clause, " \t");
    if (tokens.empty()) continue;
    HEED_ASSIGN_OR_RETURN(std::vector<int> days, ParseDaySet(tokens[0], where));
    if (tokens.size() == 1) {
      return Status::InvalidArgument(where + ": no opening frames after \"" +
                                     std::string(tokens[0]) + "\" (expected e.g. 09:00-13:00)");
    }
    for (size_t i = 1; i < tokens.size(); ++i) {
      std::string_view frame = tokens[i];
      size_t dash = frame.find('-');
      int start = dash == std::string_view::npos ? -1 : ParseWallTime(frame.substr(0, dash));
      int end = dash == std::string_view::npos ? -1 : ParseWallTime(frame.substr(dash + 1));
      if (start < 0 || end < 0) {
        return Status::InvalidArgument(where + ": \"" + std::string(frame) +
                                       "\" is not a frame HH:MM-HH:MM");
      }
      if (end <= start) {
        return Status::InvalidArgument(where + ": frame \"" + std::string(frame) +
                                       "\" ends before it starts");
      }
      for (int d : days) week[d].push_back({start, end});
    }
  }
  bool any_open = false;
  for (size_t d = 0; d < week.size(); ++d) {
    auto& frames = week[d];
    std::sort(frames.begin(), frames.end(), [](const OpeningFrame& a, const OpeningFrame& b) {
      return a.start_minute < b.start_minute;
    });
    std::vector<OpeningFrame> merged;
    for (const OpeningFrame& f : frames) {
      if (!merged.empty() && f.start_minute < merged.back().end_minute) {
        const OpeningFrame& prev = merged.back();
        return Status::InvalidArgument(
            where + ": overlapping frames on " + std::string(kDayNames[d]) + ": " +
            FormatWallTime(prev.start_minute) + "-" + FormatWallTime(prev.end_minute) + " and " +
            FormatWallTime(f.start_minute) + "-" + FormatWallTime(f.end_minute));
      }
      if (!merged.empty() && f.start_minute == merged.back().end_minute) {
        merged.back().end_minute = f.end_minute;  // touching frames are one frame
      } else {
        merged.push_back(f);
      }
    }
    frames = std::move(merged);
    any_open = any_open || !frames.empty();
  }
  if (!any_open) return Status::InvalidArgument(where + ": no opening frames");
  return week;
}

// Pauses sorted by start and merged, so a walk can advance through them with one index.
std::vector<Span> NormalizePauses(const std::vector<PauseInterval>& pauses) {
  std::vector<Span> spans;
  for (const PauseInterval& p : pauses) {
    TimePoint to = p.to.value_or(TimePoint::max());
    if (to > p.from) spans.push_back({p.from, to});
  }
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.from < b.from; });
  std::vector<Span> merged;
  for (const Span& s : spans) {
    if (!merged.empty() && s.from <= merged.back().to) {
      merged.back().to = std::max(merged.back().to, s.to);
    } else {
      merged.push_back(s);
    }
  }
  return merged;
}

}  // namespace

Result<BusinessCalendar> BusinessCalendar::Create(std::string name, std::string_view time_zone,
                                                  std::string_view hours,
                                                  std::vector<LocalDate> holidays) {
  BusinessCalendar cal;
  cal.name_ = std::move(name);
  cal.time_zone_ = std::string(time_zone);
  std::unique_ptr<icu::TimeZone> tz(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(cal.time_zone_)));
  icu::UnicodeString id;
  auto* basic = dynamic_cast<icu::BasicTimeZone*>(tz.get());
  if (time_zone.empty() || basic == nullptr ||
      tz->getID(id) == icu::UnicodeString(UCAL_UNKNOWN_ZONE_ID, -1, US_INV)) {
    return Status::InvalidArgument("time zone \"" + cal.time_zone_ +
                                   "\" is not an IANA time zone (e.g. Europe/Rome)");
  }
  auto zone = std::make_shared<Zone>();
  zone->tz.reset(basic);
  tz.release();  // now owned by zone
  cal.zone_ = std::move(zone);
  HEED_ASSIGN_OR_RETURN(cal.frames_, ParseHours(hours));
  for (const LocalDate& d : holidays) {
    if (!d.ok()) return Status::InvalidArgument("holiday is not a valid date: " + FormatDate(d));
  }
  std::sort(holidays.begin(), holidays.end());
  holidays.erase(std::unique(holidays.begin(), holidays.end()), holidays.end());
  cal.holidays_ = std::move(holidays);
  return cal;
}

BusinessCalendar BusinessCalendar::AlwaysOpen() {
  BusinessCalendar cal;
  cal.name_ = "always";
  for (auto& day : cal.frames_) day.push_back({0, kMinutesPerDay});
  cal.always_open_ = true;
  return cal;
}

std::string BusinessCalendar::HoursText() const {
  bool all_day = std::all_of(frames_.begin(), frames_.end(), [](const auto& day) {
    return day == std::vector<OpeningFrame>{{0, kMinutesPerDay}};
  });
  if (all_day) return "24x7";
  std::string out;
  for (size_t d = 0; d < frames_.size();) {
    size_t last = d;
    while (last + 1 < frames_.size() && frames_[last + 1] == frames_[d]) ++last;
    if (!frames_[d].empty()) {
      if (!out.empty()) out += "; ";
      out += kDayNames[d];
      if (last > d) out += "-" + std::string(kDayNames[last]);
      for (const OpeningFrame& f : frames_[d]) {
        out += " " + FormatWallTime(f.start_minute) + "-" + FormatWallTime(f.end_minute);
      }
    }
    d = last + 1;
  }
  return out;
}

std::string BusinessCalendar::Canonical() const {
  std::string out = "zone=" + time_zone_ + " hours=" + HoursText() + " holidays=";
  for (size_t i = 0; i < holidays_.size(); ++i) {
    out += (i ? "," : "") + FormatDate(holidays_[i]);
  }
  return out;
}

template <typename Visit>
void BusinessCalendar::WalkOpen(TimePoint from, TimePoint limit,
                                const std::vector<PauseInterval>& pauses, Visit visit) const {
  std::vector<Span> paused = NormalizePauses(pauses);
  size_t p = 0;
  // Visits [s, e) clipped to [from, limit) minus the pauses; false when the visitor is done.
  auto emit = [&](TimePoint s, TimePoint e) {
    s = std::max(s, from);
    e = std::min(e, limit);
    while (s < e) {
      while (p < paused.size() && paused[p].to <= s) ++p;
      if (p < paused.size() && paused[p].from <= s) {
        s = paused[p].to;
        continue;
      }
      TimePoint piece_end = p < paused.size() ? std::min(e, paused[p].from) : e;
      if (!visit(s, piece_end)) return false;
      s = piece_end;
    }
    return true;
  };
  if (always_open_) {
    emit(from, TimePoint::max());
    return;
  }
  auto to_utc = [&](int64_t wall_ms, bool frame_end) {
    return zone_ ? zone_->ToUtc(wall_ms, frame_end) : wall_ms;
  };
  int64_t from_ms = ToUnixMillis(from);
  int64_t wall = from_ms + (zone_ ? zone_->OffsetAt(from_ms) : 0);
  // Start a day early: a frame ending at 24:00 can reach past the next local midnight's instant.
  int64_t day = (wall >= 0 ? wall / kMsPerDay : (wall - kMsPerDay + 1) / kMsPerDay) - 1;
  int64_t day_start = to_utc(day * kMsPerDay, false);
  bool ends_paused = !paused.empty() && paused.back().to == TimePoint::max();
  for (int64_t walked = 0; walked < kMaxWalkDays; ++walked, ++day) {
    if (FromUnixMillis(day_start) >= limit) return;
    if (ends_paused && paused.back().from <= FromUnixMillis(day_start)) return;
    int64_t next_start = to_utc((day + 1) * kMsPerDay, false);
    sys_days date{days(day)};
    if (!std::binary_search(holidays_.begin(), holidays_.end(), LocalDate(date))) {
      // Mondays are index 0: weekday's iso_encoding is 1 (Monday) ... 7 (Sunday).
      const auto& frames = frames_[std::chrono::weekday(date).iso_encoding() - 1];
      bool steady = next_start - day_start == kMsPerDay;  // no DST change today
      for (const OpeningFrame& f : frames) {
        int64_t s = steady ? day_start + f.start_minute * kMsPerMinute
                           : to_utc(day * kMsPerDay + f.start_minute * kMsPerMinute, false);
        int64_t e = steady ? day_start + f.end_minute * kMsPerMinute
                           : to_utc(day * kMsPerDay + f.end_minute * kMsPerMinute, true);
        if (!emit(FromUnixMillis(s), FromUnixMillis(e))) return;
      }
    }
    day_start = next_start;
  }
}

bool BusinessCalendar::IsOpen(TimePoint t) const {
  return BusinessTimeBetween(t, t + Millis(1), {}) > Millis(0);
}

std::vector<TimePoint> BusinessCalendar::AddBusinessTimes(
    TimePoint from, const std::vector<Millis>& budgets,
    const std::vector<PauseInterval>& pauses) const {
  std::vector<TimePoint> due(budgets.size(), TimePoint::max());
  size_t next = 0;
  while (next < budgets.size() && budgets[next] <= Millis(0)) due[next++] = from;
  if (next == budgets.size()) return due;
  Millis used{0};
  WalkOpen(from, TimePoint::max(), pauses, [&](TimePoint s, TimePoint e) {
    while (next < budgets.size() && budgets[next] - used <= e - s) {
      due[next] = s + (budgets[next] - used);
      ++next;
    }
    if (next == budgets.size()) return false;
    used += e - s;  // only while unfinished: e may be TimePoint::max() when always open
    return true;
  });
  return due;
}

TimePoint BusinessCalendar::AddBusinessTime(TimePoint from, Millis budget,
                                            const std::vector<PauseInterval>& pauses) const {
  return AddBusinessTimes(from, {budget}, pauses).front();
}

Millis BusinessCalendar::BusinessTimeBetween(TimePoint a, TimePoint b,
                                             const std::vector<PauseInterval>& pauses) const {
  Millis total{0};
  WalkOpen(a, b, pauses, [&](TimePoint s, TimePoint e) {
    total += e - s;
    return true;
  });
  return total;
}

}  // namespace heed::responder
