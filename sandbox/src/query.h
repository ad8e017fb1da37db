// Query-string and form-body parsing for the sandbox's routes (Rails conventions: '+' is a space
// in values, array parameters are spelled "key[]", possibly percent-encoded as "key%5B%5D").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace heed::sandbox {

// Decoded (key, value) pairs in their original order.
using Params = std::vector<std::pair<std::string, std::string>>;

// Decodes %XX escapes (invalid ones are kept literally); '+' becomes a space when plus_as_space.
std::string PercentDecode(std::string_view text, bool plus_as_space);

// Parses "a=1&b=two+words&types%5B%5D=mention" (also application/x-www-form-urlencoded bodies).
Params ParseQuery(std::string_view query);

// The first value of `key`, if present.
std::optional<std::string> FirstParam(const Params& params, std::string_view key);

// Every value of array parameter `key`, sent as "key[]" or plain "key".
std::vector<std::string> ArrayParam(const Params& params, std::string_view key);

// Re-encodes params (keys and values percent-encoded) joined with '&'.
std::string EncodeQuery(const Params& params);

}  // namespace heed::sandbox
