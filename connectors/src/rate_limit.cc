#include "rate_limit.h"

#include <array>
#include <chrono>
#include <cstdlib>
#include <string>

namespace heed::connectors {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool ParseInt(std::string_view s, int64_t* out) {
  if (s.empty() || s.size() > 15) return false;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

}  // namespace

std::optional<TimePoint> ParseHttpDate(std::string_view text) {
  // "Sun, 06 Nov 1994 08:49:37 GMT"
  text = Trim(text);
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (text.size() != 29 || text[3] != ',' || text[4] != ' ' || text[7] != ' ' || text[11] != ' ' ||
      text[16] != ' ' || text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT") {
    return std::nullopt;
  }
  int64_t day, year, hour, minute, second;
  if (!ParseInt(text.substr(5, 2), &day) || !ParseInt(text.substr(12, 4), &year) ||
      !ParseInt(text.substr(17, 2), &hour) || !ParseInt(text.substr(20, 2), &minute) ||
      !ParseInt(text.substr(23, 2), &second)) {
    return std::nullopt;
  }
  unsigned month = 0;
  for (unsigned i = 0; i < kMonths.size(); ++i) {
    if (text.substr(8, 3) == kMonths[i]) month = i + 1;
  }
  using namespace std::chrono;
  year_month_day ymd{std::chrono::year(static_cast<int>(year)), std::chrono::month(month),
                     std::chrono::day(static_cast<unsigned>(day))};
  if (month == 0 || !ymd.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  return TimePoint(sys_days(ymd) + hours(hour) + minutes(minute) + seconds(second));
}

std::optional<TimePoint> ParseResetTime(std::string_view text, TimePoint now) {
  text = Trim(text);
  int64_t n;
  if (ParseInt(text, &n)) {
    if (n >= 1000000000) return TimePoint(std::chrono::seconds(n));
    return now + std::chrono::seconds(n);
  }
  if (auto iso = ParseIso8601(text); iso.ok()) return *iso;
  return ParseHttpDate(text);
}

namespace {

// The header families platforms use for their budget: Mastodon and Reddit "X-RateLimit-",
// X "x-rate-limit-", Bluesky and the IETF draft "RateLimit-". Lookups are case-insensitive.
constexpr std::string_view kRateLimitPrefixes[] = {"X-RateLimit-", "X-Rate-Limit-", "RateLimit-"};

std::optional<std::string> RateLimitHeader(const HttpResponse& response, std::string_view name) {
  for (std::string_view prefix : kRateLimitPrefixes) {
    if (auto value = response.Header(std::string(prefix) + std::string(name))) return value;
  }
  return std::nullopt;
}

// Reddit sends fractional counts ("598.0"); anything below one request left is exhausted.
std::optional<double> ParseRemaining(std::string_view text) {
  std::string value(Trim(text));
  if (value.empty()) return std::nullopt;
  char* end = nullptr;
  double n = std::strtod(value.c_str(), &end);
  if (end != value.c_str() + value.size() || !(n >= 0)) return std::nullopt;
  return n;
}

}  // namespace

std::optional<Millis> RetryAfterHint(const HttpResponse& response, TimePoint now) {
  std::optional<TimePoint> at;
  if (auto retry_after = response.Header("Retry-After")) at = ParseResetTime(*retry_after, now);
  if (!at) {
    if (auto reset = RateLimitHeader(response, "Reset")) at = ParseResetTime(*reset, now);
  }
  if (!at) return std::nullopt;
  return *at > now ? Millis(*at - now) : Millis(0);
}

std::optional<TimePoint> BudgetExhaustedUntil(const HttpResponse& response, TimePoint now) {
  auto remaining = RateLimitHeader(response, "Remaining");
  if (!remaining) return std::nullopt;
  std::optional<double> left = ParseRemaining(*remaining);
  if (!left || *left >= 1) return std::nullopt;
  auto reset = RateLimitHeader(response, "Reset");
  if (!reset) return std::nullopt;
  return ParseResetTime(*reset, now);
}

}  // namespace heed::connectors
