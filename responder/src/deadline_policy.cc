#include "heed/responder/deadline_policy.h"

#include <cctype>

namespace heed::responder {
namespace {

bool HasFlag(std::string_view flags, std::string_view flag) {
  size_t pos = 0;
  while (pos <= flags.size()) {
    size_t comma = flags.find(',', pos);
    std::string_view item =
        flags.substr(pos, comma == std::string_view::npos ? comma : comma - pos);
    if (item == flag) return true;
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  return false;
}

}  // namespace

store::DeadlineRecord ComputeDeadline(const DeadlinePolicy& policy, const store::ScoreRecord& score,
                                      TimePoint created_at, TimePoint now) {
  store::DeadlineRecord record;
  record.policy = policy.name + "@" + std::to_string(policy.version);
  record.starts_at = created_at;
  record.computed_at = now;

  std::optional<Millis> budget;
  std::string reason;
  const std::string& flags = score.urgency;
  // Order matters: the most demanding rule that matches wins, so a polite refund request is
  // handled as fast as an angry post.
  if (score.label == "negative") {
    budget = policy.negative, reason = "negative tone";
  } else if (HasFlag(flags, "legal") || HasFlag(flags, "safety") || HasFlag(flags, "refund") ||
             HasFlag(flags, "churn")) {
    budget = policy.negative, reason = "urgent (" + flags + ")";
  } else if (HasFlag(flags, "question")) {
    budget = policy.question, reason = "question to the brand";
  } else if (score.label == "positive") {
    budget = policy.positive, reason = "positive tone";
  } else {
    budget = policy.neutral, reason = "neutral tone";
  }
  if (budget) {
    record.due_at = created_at + *budget;
    record.rule = reason + ": first public reply within " + FormatDuration(*budget);
  } else {
    record.rule = reason + ": no reply needed";
  }
  return record;
}

Result<std::optional<Millis>> ParseBudget(std::string_view text) {
  if (text == "none") return std::optional<Millis>();
  auto bad = [&] {
    return Status::InvalidArgument("not a duration: \"" + std::string(text) +
                                   "\" (expected e.g. 45m, 1h, 4h30m, 2d or none)");
  };
  if (text.empty()) return bad();
  int64_t total_ms = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    int64_t value = 0;
    size_t digits = 0;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
      value = value * 10 + (text[pos] - '0');
      if (value > 1'000'000) return bad();
      ++pos, ++digits;
    }
    if (digits == 0 || pos == text.size()) return bad();
    switch (text[pos]) {
      case 's':
        total_ms += value * 1000;
        break;
      case 'm':
        total_ms += value * 60'000;
        break;
      case 'h':
        total_ms += value * 3'600'000;
        break;
      case 'd':
        total_ms += value * 86'400'000;
        break;
      default:
        return bad();
    }
    ++pos;
  }
  if (total_ms <= 0) return bad();
  return std::optional<Millis>(Millis(total_ms));
}

}  // namespace heed::responder
