// Small text helpers shared by modules that handle untrusted UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace heed {

// True when text is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool IsValidUtf8(std::string_view text);

// Returns text with every ill-formed sequence replaced by U+FFFD.
std::string SanitizeUtf8(std::string_view text);

// Neutralises terminal control: C0/C1 controls (except \n and \t when keep_newlines), ESC-led
// ANSI/OSC sequences and Unicode bidi overrides are removed, so untrusted post text can be
// printed on a terminal without changing it. Input is sanitised as UTF-8 first.
std::string ForTerminal(std::string_view text, bool keep_newlines = false);

// Escapes &, <, >, " and ' for HTML text and attribute values; input is sanitised as UTF-8.
std::string HtmlEscape(std::string_view text);

// One RFC 4180 CSV cell, safe in a spreadsheet and on a terminal: controls and bidi overrides
// are neutralised (ForTerminal, newlines kept), a leading = + - @ tab or CR is prefixed with an
// apostrophe so no spreadsheet runs it as a formula, and the cell is quoted when it must be.
std::string CsvCell(std::string_view raw);

// Lower-cases ASCII letters only.
std::string AsciiLower(std::string_view text);

}  // namespace heed
