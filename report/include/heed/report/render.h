// The report's output formats. Post text, author handles and URLs are untrusted: text output
// neutralises terminal controls (ForTerminal), CSV defuses formula cells, HTML escapes every
// string and loads nothing from outside the file.
#pragma once

#include <ostream>
#include <string_view>

#include "heed/core/result.h"
#include "heed/report/report.h"

namespace heed::report {

enum class Format { kText, kJson, kCsv, kHtml };

// "text" | "json" | "csv" | "html"; kInvalidArgument naming the value otherwise.
Result<Format> ParseFormat(std::string_view name);

// Aligned tables for a terminal.
void WriteText(std::ostream& out, const Report& report);
// One JSON object with stable keys (docs/REPORTS.md); durations in milliseconds, times in
// ISO 8601 UTC.
void WriteJson(std::ostream& out, const Report& report);
// One section per table: a "# name" line, a header row, the rows (RFC 4180), a blank line.
// Cells starting with = + - @ (or tab/CR) get a leading apostrophe so spreadsheets do not run
// them as formulas.
void WriteCsv(std::ostream& out, const Report& report);
// One self-contained HTML document: inline CSS and inline SVG charts, no scripts, no external
// resources.
void WriteHtml(std::ostream& out, const Report& report);

void WriteReport(std::ostream& out, const Report& report, Format format);

}  // namespace heed::report
