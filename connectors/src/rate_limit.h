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
// the budget's reset header. Never negative (a reset in the past is 0). nullopt when neither is
// usable.
std::optional<Millis> RetryAfterHint(const HttpResponse& response, TimePoint now);

// When the budget is spent (remaining < 1) and its reset is readable: the time it resets.
// Budget headers are read in every platform's family: X-RateLimit-* (Mastodon, Reddit, with
// fractional counts), x-rate-limit-* (X), RateLimit-* (Bluesky, IETF draft); resets may be
// ISO-8601, epoch seconds or seconds from now (see ParseResetTime).
std::optional<TimePoint> BudgetExhaustedUntil(const HttpResponse& response, TimePoint now);

}  // namespace heed::connectors
