#include "rate_limit.h"

#include <array>
#include <chrono>
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

std::optional<Millis> RetryAfterHint(const HttpResponse& response, TimePoint now) {
  std::optional<TimePoint> at;
  if (auto retry_after = response.Header("Retry-After")) at = ParseResetTime(*retry_after, now);
  if (!at) {
    if (auto reset = response.Header("X-RateLimit-Reset")) at = ParseResetTime(*reset, now);
  }
  if (!at) return std::nullopt;
  return *at > now ? Millis(*at - now) : Millis(0);
}

std::optional<TimePoint> BudgetExhaustedUntil(const HttpResponse& response, TimePoint now) {
  auto remaining = response.Header("X-RateLimit-Remaining");
  int64_t n;
  if (!remaining || !ParseInt(Trim(*remaining), &n) || n != 0) return std::nullopt;
  auto reset = response.Header("X-RateLimit-Reset");
  if (!reset) return std::nullopt;
  return ParseResetTime(*reset, now);
}

}  // namespace heed::connectors
