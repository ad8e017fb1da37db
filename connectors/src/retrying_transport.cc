#include "retrying_transport.h"

#include <algorithm>
#include <utility>

#include "heed/core/text.h"
#include "rate_limit.h"
#include "url_util.h"

namespace heed::connectors {
namespace {

bool SafeToRepeat(const HttpRequest& request) {
  std::string method = AsciiLower(request.method);
  if (method == "get" || method == "put" || method == "head") return true;
  return FindHeader(request.headers, "Idempotency-Key").has_value();
}

bool RetryableHttp(int status) { return status >= 500 && status <= 599 && status != 501; }

std::string Seconds(Millis d) { return std::to_string((d.count() + 999) / 1000) + " s"; }

}  // namespace

RetryingTransport::RetryingTransport(HttpTransport& inner, Clock& clock, RetryOptions options)
    : inner_(inner), clock_(clock), options_(options), rng_(options.seed) {}

Millis RetryingTransport::Backoff(int retry) {
  Millis d = options_.initial_backoff;
  for (int i = 1; i < retry && d < options_.max_backoff; ++i) d *= 2;
  d = std::min(d, options_.max_backoff);
  std::lock_guard lock(mu_);
  std::uniform_int_distribution<int64_t> jitter(d.count() / 2, d.count());
  return Millis(jitter(rng_));
}

Status RetryingTransport::WaitForBudget(const std::string& host, const std::string& redacted_url) {
  TimePoint until;
  {
    std::lock_guard lock(mu_);
    auto it = exhausted_until_.find(host);
    if (it == exhausted_until_.end()) return Status::Ok();
    until = it->second;
  }
  TimePoint now = clock_.Now();
  if (until > now) {
    Millis wait = until - now;
    if (wait > options_.max_rate_limit_wait) {
      return Status::ResourceExhausted(redacted_url + ": rate limit budget exhausted; resets in " +
                                           Seconds(wait) + ", not sending",
                                       wait);
    }
    clock_.SleepFor(wait);
  }
  std::lock_guard lock(mu_);
  auto it = exhausted_until_.find(host);
  if (it != exhausted_until_.end() && it->second <= clock_.Now()) exhausted_until_.erase(it);
  return Status::Ok();
}

void RetryingTransport::RememberBudget(const std::string& host, const HttpResponse& response) {
  std::optional<TimePoint> until = BudgetExhaustedUntil(response, clock_.Now());
  std::lock_guard lock(mu_);
  if (until) {
    exhausted_until_[host] = *until;
  } else if (response.Header("X-RateLimit-Remaining")) {
    exhausted_until_.erase(host);
  }
}

Result<HttpResponse> RetryingTransport::Send(const HttpRequest& request) {
  const std::string host = AuthorityOf(request.url);
  const std::string redacted = request.method + " " + RedactUrl(request.url);
  const bool repeatable = SafeToRepeat(request);
  const int max_attempts = std::max(1, options_.max_attempts);
  std::string last_error;
  for (int attempt = 1; attempt <= max_attempts; ++attempt) {
    HEED_RETURN_IF_ERROR(WaitForBudget(host, redacted));
    const bool last = attempt == max_attempts;
    Result<HttpResponse> result = inner_.Send(request);
    if (!result.ok()) {
      Status status = result.status();
      if (status.code() != StatusCode::kUnavailable || !repeatable) return status;
      last_error = status.message();
      if (!last) clock_.SleepFor(Backoff(attempt));
      continue;
    }
    RememberBudget(host, *result);
    const int code = result->status;
    if (code == 429) {
      std::optional<Millis> hint = RetryAfterHint(*result, clock_.Now());
      bool too_long = hint && *hint > options_.max_rate_limit_wait;
      if (last || too_long) {
        std::string message = redacted + ": HTTP 429 rate limited";
        if (hint) message += "; retry after " + Seconds(*hint);
        if (last) message += " (after " + std::to_string(attempt) + " attempts)";
        return Status::ResourceExhausted(std::move(message), hint);
      }
      Millis wait = hint ? *hint : Backoff(attempt);
      clock_.SleepFor(wait);
      std::lock_guard lock(mu_);
      exhausted_until_.erase(host);  // we just waited for it
      continue;
    }
    if (RetryableHttp(code) && repeatable) {
      last_error = "HTTP " + std::to_string(code);
      if (!last) clock_.SleepFor(Backoff(attempt));
      continue;
    }
    return result;
  }
  return Status::Unavailable(redacted + ": giving up after " + std::to_string(max_attempts) +
                             " attempts; last error: " + last_error);
}

}  // namespace heed::connectors
