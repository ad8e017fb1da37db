#include "format.h"

#include <cstdio>

#include "heed/report/render.h"

namespace heed::report::internal {

std::string_view WeekdayName(int weekday) {
  static constexpr std::string_view kNames[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  return weekday >= 0 && weekday < 7 ? kNames[weekday] : "?";
}

std::string Fixed(double value, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

std::string DurationCell(const std::optional<Millis>& d) { return d ? FormatDuration(*d) : "-"; }

std::string ReasonList(const Breach& b) {
  std::string out;
  auto add = [&](bool on, std::string_view name) {
    if (!on) return;
    if (!out.empty()) out += ", ";
    out += name;
  };
  add(b.lagged, "ingestion lag");
  add(b.unassigned, "unassigned");
  add(b.off_hours, "off-hours");
  add(b.awaiting_approval, "awaiting approval");
  return out.empty() ? "-" : out;
}

std::string PeriodLine(const ReportOptions& options) {
  return FormatIso8601(options.from) + " .. " + FormatIso8601(options.to) + ", " +
         (options.platform.empty() ? std::string("all platforms") : options.platform) +
         ", time zone " + options.time_zone;
}

}  // namespace heed::report::internal

namespace heed::report {

Result<Format> ParseFormat(std::string_view name) {
  if (name == "text") return Format::kText;
  if (name == "json") return Format::kJson;
  if (name == "csv") return Format::kCsv;
  if (name == "html") return Format::kHtml;
  return Status::InvalidArgument("unknown report format '" + std::string(name) +
                                 "' (expected text, json, csv or html)");
}

void WriteReport(std::ostream& out, const Report& report, Format format) {
  switch (format) {
    case Format::kText:
      return WriteText(out, report);
    case Format::kJson:
      return WriteJson(out, report);
    case Format::kCsv:
      return WriteCsv(out, report);
    case Format::kHtml:
      return WriteHtml(out, report);
  }
}

}  // namespace heed::report
