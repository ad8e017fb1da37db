// The SLA clock of one item and target: started at the post's own platform timestamp, running
// only while the business calendar is open and the item is not waiting for the customer, with
// stage times (warnings, breach, escalation) derived from the budget.
//
// Everything is recomputed from the status history and the calendar, so any SLA figure can be
// rebuilt from the append-only event log. Pure functions; thread-safe.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "heed/core/clock.h"
#include "heed/responder/business_calendar.h"
#include "heed/responder/sla_policy.h"
#include "heed/store/store.h"

namespace heed::responder {

// The spans an item spent waiting: a kWaiting event starts one, any other status ends it.
// history must be oldest first (as Store returns it). The last span is open if still waiting.
std::vector<PauseInterval> PausesFromStatus(const std::vector<store::StatusEvent>& history);

struct SlaClock {
  std::string target;  // "first_reply" | "resolution"
  TimePoint starts_at{};
  Millis budget{0};
  std::optional<TimePoint> due_at;  // nullopt while paused (or when it can never come)
  Millis paused{0};                 // wall-clock time spent paused between starts_at and now
  Millis elapsed{0};                // business time used between starts_at and now
  bool paused_now = false;
  // "warning_50", "warning_80", "breached", "escalated" -> when each fires, in time order.
  // While paused only stages already reached are listed: the others have no time yet.
  std::vector<std::pair<std::string, TimePoint>> stages;
};

// REQUIRES: stages.warning_percent ascending in (0, 100), escalate_percent > 100.
SlaClock EvaluateClock(const BusinessCalendar& calendar, const SlaStages& stages,
                       std::string target, TimePoint starts_at, Millis budget,
                       const std::vector<PauseInterval>& pauses, TimePoint now);

// The stages whose time has come (<= now), in order. Firing each once is the caller's job.
std::vector<std::string> StagesDue(const SlaClock& clock, TimePoint now);

// Human lines for `heed show`: policy@version, the rule and why it matched, the calendar, when
// the clock started, the budget, paused time, the due time and the time left or overdue.
std::string ExplainClock(const SlaClock& clock, const SlaRule& rule, const SlaPolicy& policy,
                         int policy_version, TimePoint now);

}  // namespace heed::responder
