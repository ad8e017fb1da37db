#include "heed/responder/ical.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

namespace heed::responder {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

// Longest event heed expands; a holiday calendar never has longer ones, a typo might.
constexpr int kMaxEventDays = 366;

// One logical (unfolded) content line: NAME;PARAMS:VALUE.
struct ContentLine {
  int number = 0;  // of its first physical line
  std::string name;
  std::string params;  // upper-cased, without the leading ';'
  std::string value;
};

struct DateValue {
  LocalDate date;
  bool has_time = false;
  bool midnight = true;  // for a date-time: 00:00:00
};

struct Event {
  int begin_line = 0;
  std::optional<DateValue> start, end;
  std::optional<int> duration_days;
  bool yearly = false;
  int interval = 1;
  std::optional<int> count;
  std::optional<LocalDate> until;
  std::vector<LocalDate> exdates;
  bool cancelled = false;
};

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

Status LineError(int number, const std::string& message) {
  return Status::InvalidArgument("line " + std::to_string(number) + ": " + message);
}

// RFC 5545 3.1: CRLF or LF line ends; a line starting with a space or tab continues the last.
std::vector<std::pair<int, std::string>> Unfold(std::string_view ics) {
  std::vector<std::pair<int, std::string>> lines;
  int number = 0;
  size_t pos = 0;
  while (pos < ics.size()) {
    size_t end = ics.find('\n', pos);
    if (end == std::string_view::npos) end = ics.size();
    std::string_view line = ics.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++number;
    pos = end + 1;
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !lines.empty()) {
      lines.back().second.append(line.substr(1));
    } else if (!line.empty()) {
      lines.emplace_back(number, std::string(line));
    }
  }
  return lines;
}

Result<ContentLine> ParseContentLine(int number, const std::string& text) {
  // The value starts at the first ':' outside a quoted parameter value.
  bool quoted = false;
  size_t colon = std::string::npos;
  for (size_t i = 0; i < text.size() && colon == std::string::npos; ++i) {
    if (text[i] == '"') quoted = !quoted;
    if (text[i] == ':' && !quoted) colon = i;
  }
  if (colon == std::string::npos || colon == 0) {
    return LineError(number, "expected NAME:VALUE, got \"" + text.substr(0, 60) + "\"");
  }
  ContentLine line;
  line.number = number;
  std::string head = text.substr(0, colon);
  size_t semi = head.find(';');
  line.name = Upper(head.substr(0, semi));
  if (semi != std::string::npos) line.params = Upper(head.substr(semi + 1));
  line.value = text.substr(colon + 1);
  return line;
}

std::optional<int> Digits(std::string_view s) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// YYYYMMDD or YYYYMMDDTHHMMSS[Z].
Result<DateValue> ParseDateValue(int number, std::string_view v) {
  auto bad = [&] {
    return LineError(number, "\"" + std::string(v) +
                                 "\" is not a date YYYYMMDD or date-time YYYYMMDDTHHMMSS[Z]");
  };
  if (v.size() != 8 && !(v.size() == 15 || (v.size() == 16 && v.back() == 'Z'))) return bad();
  auto y = Digits(v.substr(0, 4)), m = Digits(v.substr(4, 2)), d = Digits(v.substr(6, 2));
  if (!y || !m || !d) return bad();
  DateValue out;
  out.date = LocalDate(std::chrono::year(*y), std::chrono::month(*m), std::chrono::day(*d));
  if (!out.date.ok()) return bad();
  if (v.size() > 8) {
    auto time = Digits(v.substr(9, 6));
    if (v[8] != 'T' || !time || *time / 10000 > 23) return bad();
    out.has_time = true;
    out.midnight = *time == 0;
  }
  return out;
}

Status ParseRrule(const ContentLine& line, Event& event) {
  for (size_t pos = 0; pos <= line.value.size();) {
    size_t semi = line.value.find(';', pos);
    if (semi == std::string::npos) semi = line.value.size();
    std::string part = Upper(line.value.substr(pos, semi - pos));
    pos = semi + 1;
    if (part.empty()) continue;
    size_t eq = part.find('=');
    std::string key = part.substr(0, eq),
                value = eq == std::string::npos ? "" : part.substr(eq + 1);
    if (key == "FREQ") {
      if (value != "YEARLY") {
        return LineError(line.number, "only FREQ=YEARLY recurrences are supported, got " + value);
      }
      event.yearly = true;
    } else if (key == "INTERVAL" || key == "COUNT") {
      std::optional<int> n = Digits(value);
      if (!n || *n < 1) return LineError(line.number, key + " must be a positive number");
      if (key == "COUNT") {
        event.count = *n;
      } else {
        event.interval = *n;
      }
    } else if (key == "UNTIL") {
      HEED_ASSIGN_OR_RETURN(DateValue until, ParseDateValue(line.number, value));
      event.until = until.date;
    } else if (key == "BYMONTH" || key == "BYMONTHDAY") {
      // Exporters repeat DTSTART's month and day here; anything else changes the dates.
      std::optional<int> n = Digits(value);
      if (!event.start || !n ||
          *n != static_cast<int>(key == "BYMONTH" ? unsigned(event.start->date.month())
                                                  : unsigned(event.start->date.day()))) {
        return LineError(line.number,
                         key + "=" + value + " is not supported (only yearly on DTSTART's date)");
      }
    } else if (key != "WKST") {
      return LineError(line.number, "RRULE part " + key + " is not supported");
    }
  }
  if (!event.yearly) return LineError(line.number, "RRULE without FREQ=YEARLY");
  return Status::Ok();
}

Status ParseEventProperty(const ContentLine& line, Event& event) {
  if (line.name == "DTSTART" || line.name == "DTEND") {
    HEED_ASSIGN_OR_RETURN(DateValue date, ParseDateValue(line.number, line.value));
    (line.name == "DTSTART" ? event.start : event.end) = date;
  } else if (line.name == "DURATION") {
    std::string v = Upper(line.value);
    std::optional<int> n = v.size() > 2 && v[0] == 'P' ? Digits(v.substr(1, v.size() - 2)) : 0;
    if (!n || *n < 1 || (v.back() != 'D' && v.back() != 'W')) {
      return LineError(line.number, "DURATION \"" + line.value + "\" is not PnD or PnW");
    }
    event.duration_days = v.back() == 'W' ? *n * 7 : *n;
  } else if (line.name == "RRULE") {
    if (!event.start) return LineError(line.number, "RRULE before DTSTART");
    return ParseRrule(line, event);
  } else if (line.name == "EXDATE") {
    for (size_t pos = 0; pos <= line.value.size();) {
      size_t comma = std::min(line.value.find(',', pos), line.value.size());
      HEED_ASSIGN_OR_RETURN(DateValue ex,
                            ParseDateValue(line.number, line.value.substr(pos, comma - pos)));
      event.exdates.push_back(ex.date);
      pos = comma + 1;
    }
  } else if (line.name == "STATUS") {
    event.cancelled = Upper(line.value) == "CANCELLED";
  }
  return Status::Ok();
}

// Adds the event's days that fall in [first_year, last_year].
Status Expand(const Event& event, int first_year, int last_year, std::vector<LocalDate>& out) {
  if (!event.start) return LineError(event.begin_line, "VEVENT without DTSTART");
  if (event.cancelled) return Status::Ok();
  const DateValue& start = *event.start;
  int length = 1;
  if (event.duration_days) {
    length = *event.duration_days;
  } else if (event.end) {
    length = (sys_days(event.end->date) - sys_days(start.date)).count();
    if (event.end->has_time && !event.end->midnight) ++length;  // a date-time end is inside
    if (length < 1) return LineError(event.begin_line, "VEVENT ends before it starts");
  }
  if (length > kMaxEventDays) {
    return LineError(event.begin_line,
                     "VEVENT longer than " + std::to_string(kMaxEventDays) + " days");
  }
  int start_year = static_cast<int>(start.date.year());
  for (int k = 0;; ++k) {
    if (!event.yearly && k > 0) break;
    if (event.count && k >= *event.count) break;
    int year = start_year + k * event.interval;
    if (year > last_year) break;
    LocalDate first = start.date + std::chrono::years(k * event.interval);
    if (event.until && first > *event.until) break;
    if (!first.ok()) continue;  // 29 February in a common year: no occurrence (RFC 5545)
    if (std::find(event.exdates.begin(), event.exdates.end(), first) != event.exdates.end()) {
      continue;
    }
    for (int d = 0; d < length; ++d) {
      LocalDate day(sys_days(first) + days(d));
      int y = static_cast<int>(day.year());
      if (y >= first_year && y <= last_year) out.push_back(day);
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<LocalDate>> ParseICalHolidays(std::string_view ics, int first_year,
                                                 int last_year) {
  std::vector<LocalDate> dates;
  std::vector<std::string> open;  // components entered and not yet ended
  std::optional<Event> event;
  bool saw_calendar = false;
  for (const auto& [number, text] : Unfold(ics)) {
    HEED_ASSIGN_OR_RETURN(ContentLine line, ParseContentLine(number, text));
    std::string value = Upper(line.value);
    if (line.name == "BEGIN") {
      if (value == "VCALENDAR") saw_calendar = true;
      if (!saw_calendar) return LineError(number, "BEGIN:" + value + " outside a VCALENDAR");
      if (value == "VEVENT" && open.size() == 1) {
        event.emplace();
        event->begin_line = number;
      }
      open.push_back(value);
    } else if (line.name == "END") {
      if (open.empty() || open.back() != value) {
        return LineError(number, "END:" + value + " does not close " +
                                     (open.empty() ? "anything" : "BEGIN:" + open.back()));
      }
      open.pop_back();
      if (value == "VEVENT" && event && open.size() == 1) {
        HEED_RETURN_IF_ERROR(Expand(*event, first_year, last_year, dates));
        event.reset();
      }
    } else if (event && open.size() == 2) {  // a property of the VEVENT itself, not a VALARM's
      HEED_RETURN_IF_ERROR(ParseEventProperty(line, *event));
    }
  }
  if (!saw_calendar) return Status::InvalidArgument("not an iCalendar file (no BEGIN:VCALENDAR)");
  if (!open.empty()) {
    return Status::InvalidArgument("unexpected end of file: BEGIN:" + open.back() +
                                   " is never closed");
  }
  std::sort(dates.begin(), dates.end());
  dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
  return dates;
}

}  // namespace heed::responder
