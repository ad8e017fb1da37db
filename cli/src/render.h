// Terminal and JSON rendering for inbox items. All untrusted text (post text, author names)
// passes through ForTerminal before it reaches a terminal.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <ostream>
#include <string>
#include <vector>

#include "heed/cli/cli.h"
#include "heed/store/store.h"

namespace heed::cli {

// JSON is written as ASCII: every non-ASCII character as a \uXXXX escape. The values stay
// exactly what was stored, and untrusted text (bidi overrides, C1 controls) cannot reach a
// terminal that shows the JSON.
using JsonWriter =
    rapidjson::Writer<rapidjson::StringBuffer, rapidjson::UTF8<>, rapidjson::ASCII<>>;

// "@handle" where the platform has handles; review sites only give a name.
std::string AuthorHandle(const Author& a);
// "+0.52"
std::string Compound(double v);
// key: value with the value sanitised to valid UTF-8 (RapidJSON writes bytes as given).
void JsonText(JsonWriter& w, const char* key, const std::string& value);
// One inbox item as a JSON object.
void WriteItemJson(JsonWriter& w, const store::InboxItem& item, TimePoint now);

enum class ColorMode { kAuto, kAlways, kNever };

// Parses "auto" | "always" | "never"; throws CommandError on anything else.
ColorMode ParseColorMode(const std::string& command, const std::string& text);

// Colour only when asked, or (auto) when stdout is a terminal, NO_COLOR is unset or empty
// (https://no-color.org) and TERM is not "dumb".
bool UseColor(ColorMode mode, const CliContext& context);

// "new" in red, "in progress"/"waiting" in yellow, "resolved" in green, padded to width.
std::string StatusCell(store::ItemStatus status, bool color, size_t width = 11);

// Text cut to at most max_chars code points (never inside a UTF-8 sequence), "…" when cut,
// newlines folded to spaces and terminal controls removed.
std::string Excerpt(const std::string& text, size_t max_chars);

// "in 25m", "35m late", "no reply needed".
std::string DueCell(const store::InboxItem& item, TimePoint now);

void PrintInboxTable(std::ostream& out, const std::vector<store::InboxItem>& items, TimePoint now,
                     bool color);
void PrintInboxJson(std::ostream& out, const std::vector<store::InboxItem>& items, TimePoint now);
// One header row, then one row per item (RFC 4180). Cells that a spreadsheet would run as a
// formula (starting with = + - @) get a leading apostrophe: post text is untrusted.
void PrintInboxCsv(std::ostream& out, const std::vector<store::InboxItem>& items, TimePoint now);
// render_detail.cc
void PrintDetail(std::ostream& out, const store::MentionDetail& detail, TimePoint now, bool color);
void PrintDetailJson(std::ostream& out, const store::MentionDetail& detail, TimePoint now);

// render_customer.cc
void PrintCustomer(std::ostream& out, const store::CustomerCard& card,
                   const std::vector<store::TimelineEntry>& timeline);
void PrintCustomerJson(std::ostream& out, const store::CustomerCard& card,
                       const std::vector<store::TimelineEntry>& timeline);

}  // namespace heed::cli
