// SLA policies: which targets (first public reply, resolution) apply to a post, chosen by
// platform, sentiment label, urgency flags, review rating and author reach. Rules are tried in
// order and the first that matches wins, so specific rules go before general ones.
//
// A policy is versioned by its Canonical() text: storing that text with every deadline lets the
// store give a changed policy a new version without rewriting past deadlines.
//
// Plain values and pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "heed/core/clock.h"
#include "heed/responder/business_calendar.h"
#include "heed/responder/deadline_policy.h"

namespace heed::responder {

// What is known about a post when its SLA is chosen.
struct SlaFacts {
  std::string platform;          // e.g. "trustpilot"
  std::string label;             // "negative" | "neutral" | "positive"
  std::string urgency;           // comma list of flags, e.g. "question,refund"; may be empty
  std::optional<int> rating;     // review stars, where the platform has them
  std::optional<int64_t> reach;  // the author's followers, where known
};

// Conditions are ANDed; an empty list or unset bound means "any". A bound on rating or reach
// never matches a post where that fact is unknown.
struct SlaRule {
  std::string name;
  std::vector<std::string> platforms;
  std::vector<std::string> labels;
  std::vector<std::string> urgency_any;  // matches when the post has at least one of these
  std::optional<int> max_rating;         // rating <= max_rating
  std::optional<int64_t> min_reach;      // reach >= min_reach
  std::optional<Millis> first_reply;     // nullopt: no first-reply target
  std::optional<Millis> resolution;      // nullopt: no resolution target
  std::string calendar;                  // empty: always open (plain elapsed time)
};

// When each SLA stage fires, as a percentage of the budget (breached is always 100%).
struct SlaStages {
  std::vector<int> warning_percent{50, 80};  // ascending, each in (0, 100)
  int escalate_percent = 200;                // > 100
};

struct SlaPolicy {
  std::string name = "default";
  std::vector<SlaRule> rules;  // first match wins
  SlaStages stages;

  // Deterministic text of everything in the policy that affects deadlines or their explanation
  // (name, stages, every rule in order; list order within a rule does not matter). Equal
  // policies give equal text, whatever the config's comments or layout.
  std::string Canonical() const;
  // The same plus the canonical form of every calendar a rule names, since a calendar's hours
  // and holidays change deadlines too. Use this one to version a configured policy.
  std::string Canonical(const std::map<std::string, BusinessCalendar>& calendars) const;
};

// The first rule that matches, or nullptr: no rule matches, so the post has no deadline.
const SlaRule* MatchRule(const SlaPolicy& policy, const SlaFacts& facts);

// Why a rule matches, for explanations: "platform trustpilot, label negative, rating <= 2", or
// "any post" for a rule without conditions.
std::string DescribeConditions(const SlaRule& rule);

// The [policy] budgets as rules, with ComputeDeadline's precedence: negative tone; then
// legal/safety/refund/churn flags (negative budget); question; positive; neutral. Always open
// (no calendar), first-reply targets only.
SlaPolicy PolicyFromLegacy(const DeadlinePolicy& legacy);

}  // namespace heed::responder
