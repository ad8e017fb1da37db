#include "heed/responder/sla_clock.h"

#include <algorithm>

namespace heed::responder {

std::vector<PauseInterval> PausesFromStatus(const std::vector<store::StatusEvent>& history) {
  std::vector<PauseInterval> pauses;
  for (const store::StatusEvent& event : history) {
    bool waiting = event.status == store::ItemStatus::kWaiting;
    bool open = !pauses.empty() && !pauses.back().to;
    if (waiting && !open) {
      pauses.push_back({event.at, std::nullopt});
    } else if (!waiting && open) {
      pauses.back().to = event.at;
    }
  }
  return pauses;
}

SlaClock EvaluateClock(const BusinessCalendar& calendar, const SlaStages& stages,
                       std::string target, TimePoint starts_at, Millis budget,
                       const std::vector<PauseInterval>& pauses, TimePoint now) {
  SlaClock clock;
  clock.target = std::move(target);
  clock.starts_at = starts_at;
  clock.budget = budget;
  clock.paused_now = std::any_of(pauses.begin(), pauses.end(), [&](const PauseInterval& p) {
    return p.from <= now && (!p.to || *p.to > now);
  });
  if (now > starts_at) {
    // Wall time not paused, from a calendar that is always open; the rest was paused.
    Millis running = BusinessCalendar::AlwaysOpen().BusinessTimeBetween(starts_at, now, pauses);
    clock.paused = (now - starts_at) - running;
    clock.elapsed = calendar.BusinessTimeBetween(starts_at, now, pauses);
  }

  std::vector<std::pair<std::string, int>> marks;  // stage name, percent of the budget
  for (int percent : stages.warning_percent) {
    marks.emplace_back("warning_" + std::to_string(percent), percent);
  }
  marks.emplace_back("breached", 100);
  marks.emplace_back("escalated", stages.escalate_percent);
  std::stable_sort(marks.begin(), marks.end(),
                   [](const auto& a, const auto& b) { return a.second < b.second; });
  std::vector<Millis> budgets;
  for (const auto& mark : marks) budgets.push_back(budget * mark.second / 100);

  std::vector<TimePoint> times = calendar.AddBusinessTimes(starts_at, budgets, pauses);
  for (size_t i = 0; i < marks.size(); ++i) {
    // An open pause makes every later stage TimePoint::max(): it has no time yet.
    if (times[i] == TimePoint::max()) continue;
    if (marks[i].first == "breached" && !clock.paused_now) clock.due_at = times[i];
    clock.stages.emplace_back(marks[i].first, times[i]);
  }
  return clock;
}

std::vector<std::string> StagesDue(const SlaClock& clock, TimePoint now) {
  std::vector<std::string> due;
  for (const auto& [name, at] : clock.stages) {
    if (at <= now) due.push_back(name);
  }
  return due;
}

std::string ExplainClock(const SlaClock& clock, const SlaRule& rule, const SlaPolicy& policy,
                         int policy_version, TimePoint now) {
  std::string out = "policy: " + policy.name + "@" + std::to_string(policy_version);
  for (size_t i = 0; i < policy.rules.size(); ++i) {
    if (policy.rules[i].name == rule.name) {
      out += " (rule " + std::to_string(i + 1) + " of " + std::to_string(policy.rules.size()) +
             ", first match wins)";
      break;
    }
  }
  out += "\nrule: " + rule.name + ", matched on " + DescribeConditions(rule) + "\n";
  out += "calendar: " +
         (rule.calendar.empty() ? std::string("always open (elapsed time)") : rule.calendar) + "\n";
  std::string target = clock.target == "first_reply" ? "first public reply" : clock.target;
  out += "target: " + target + " within " + FormatDuration(clock.budget) +
         (rule.calendar.empty() ? "" : " of business time") + "\n";
  out += "clock started: " + FormatIso8601(clock.starts_at) + " (the post's own timestamp)\n";
  out += "paused: " + FormatDuration(clock.paused) +
         (clock.paused_now ? " (paused now: waiting for the customer)" : "") + "\n";
  out += "used: " + FormatDuration(clock.elapsed) + " of " + FormatDuration(clock.budget) + "\n";
  if (clock.due_at) {
    out += "due: " + FormatIso8601(*clock.due_at) + ", " +
           (*clock.due_at >= now ? FormatDuration(*clock.due_at - now) + " left"
                                 : "overdue by " + FormatDuration(now - *clock.due_at)) +
           "\n";
  } else if (clock.paused_now) {
    Millis left = clock.budget - clock.elapsed;
    out += "due: none while paused, " +
           (left >= Millis(0) ? FormatDuration(left) + " of the budget left"
                              : "overdue by " + FormatDuration(-left)) +
           "\n";
  } else {
    out += "due: never (the clock cannot run)\n";
  }
  if (!clock.stages.empty()) {
    out += "stages:";
    for (const auto& [name, at] : clock.stages) {
      out += " " + name + " " + FormatIso8601(at) + (at <= now ? " (reached)" : "") + ";";
    }
    out.back() = '\n';
  }
  return out;
}

}  // namespace heed::responder
