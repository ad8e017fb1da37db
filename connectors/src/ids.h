// Platform ids that are decimal strings (Mastodon snowflakes, notification ids). They can exceed
// 2^53 and 2^64, so they are compared as digit strings, never converted to a number.
#pragma once

#include <string_view>

namespace heed::connectors {

// True when id is 1..64 ASCII digits.
bool IsDecimalId(std::string_view id);

// Numeric order of two decimal ids (leading zeros ignored): <0, 0 or >0.
// REQUIRES: IsDecimalId(a) && IsDecimalId(b).
int CompareDecimalIds(std::string_view a, std::string_view b);

}  // namespace heed::connectors
