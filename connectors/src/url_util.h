// Small URL helpers for connectors. No percent-decoding, no validation beyond what is stated.
#pragma once

#include <string>
#include <string_view>

#include "heed/core/result.h"

namespace heed::connectors {

// Validates a configured base URL and normalises it: it must start with http:// or https://
// (scheme case-insensitive, lower-cased on output), have a non-empty host, no query, fragment,
// user-info or whitespace; trailing slashes are removed. kInvalidArgument otherwise.
Result<std::string> NormalizeBaseUrl(std::string_view url);

// "host[:port]" of an absolute URL ("https://a.b:8/x" -> "a.b:8"); empty when there is none.
std::string AuthorityOf(std::string_view url);

// "host" of an absolute URL without the port ("https://a.b:8/x" -> "a.b").
std::string HostOf(std::string_view url);

}  // namespace heed::connectors
