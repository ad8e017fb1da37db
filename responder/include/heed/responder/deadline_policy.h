// Deadline policy: how long heed gives staff to answer a post publicly, by its sentiment and
// urgency. The clock starts at the post's own platform timestamp, not when heed fetched it, so
// ingestion lag eats into the budget instead of hiding it.
//
// Pure functions over values; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "heed/core/clock.h"
#include "heed/core/result.h"
#include "heed/store/store.h"

namespace heed::responder {

struct DeadlinePolicy {
  std::string name = "default";
  int version = 1;
  Millis negative{std::chrono::hours(1)};  // negative tone, or legal/safety/refund/churn flags
  Millis question{std::chrono::hours(4)};  // a question to the brand, whatever the tone
  Millis neutral{std::chrono::hours(4)};
  std::optional<Millis> positive;  // nullopt: praise needs no reply
};

// The deadline for a post created at created_at with the given score. The rule text says which
// rule applied and the budget, e.g. "negative tone: first public reply within 1h 00m".
store::DeadlineRecord ComputeDeadline(const DeadlinePolicy& policy, const store::ScoreRecord& score,
                                      TimePoint created_at, TimePoint now);

// Parses "90m", "1h", "4h30m", "2d", "45s" into a duration; "none" -> nullopt.
// kInvalidArgument naming the text otherwise.
Result<std::optional<Millis>> ParseBudget(std::string_view text);

}  // namespace heed::responder
