// Small text helpers shared by connectors and their checkpoint codecs. Pure functions; all input
// may be untrusted.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace heed::connectors {

// True when text has no character other than space, tab, CR and LF.
bool IsBlank(std::string_view text);

// text without leading and trailing spaces, tabs, CRs and LFs.
std::string TrimWhitespace(std::string_view text);

// Number of Unicode code points in UTF-8 text (bytes that are not continuation bytes): how the
// platforms count reply length.
size_t CountCodePoints(std::string_view text);

// Strict %XX decoding (either hex case); '+' stays '+'. nullopt on a truncated or non-hex escape.
std::optional<std::string> PercentDecodeStrict(std::string_view text);

// text split at every sep; "" gives one empty part, "a," gives {"a", ""}.
std::vector<std::string_view> Split(std::string_view text, char sep);
// Like Split, but "" gives no parts (an empty list).
std::vector<std::string_view> SplitList(std::string_view text, char sep);

// The whole of text as a (possibly negative) decimal int64; nullopt when empty, not all digits
// or out of range.
std::optional<int64_t> ParseInt64(std::string_view text);

}  // namespace heed::connectors
