// Reading rate-limit hints from HTTP responses. Untrusted input: unparseable values are ignored.
#pragma once

#include <optional>
#include <string_view>

#include "heed/core/clock.h"
#include "heed/core/http.h"

namespace heed::connectors {

// Parses an HTTP-date in IMF-fixdate form ("Sun, 06 Nov 1994 08:49:37 GMT", RFC 9110).
std::optional<TimePoint> ParseHttpDate(std::string_view text);

// Parses a reset/retry value into a point in time:
//  - ISO-8601 timestamp (Mastodon's X-RateLimit-Reset, e.g. "2026-08-01T13:55:00.940463Z");
//  - HTTP-date (Retry-After);
//  - an integer: epoch seconds when >= 1e9, otherwise seconds from now (Retry-After delta).
std::optional<TimePoint> ParseResetTime(std::string_view text, TimePoint now);

// How long the server asks us to wait before retrying: Retry-After if present and valid, else
// X-RateLimit-Reset. Never negative (a reset in the past is 0). nullopt when neither is usable.
std::optional<Millis> RetryAfterHint(const HttpResponse& response, TimePoint now);

// When X-RateLimit-Remaining is 0 and X-RateLimit-Reset is readable: the time the budget resets.
std::optional<TimePoint> BudgetExhaustedUntil(const HttpResponse& response, TimePoint now);

}  // namespace heed::connectors
