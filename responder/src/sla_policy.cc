#include "heed/responder/sla_policy.h"

#include <algorithm>
#include <set>

namespace heed::responder {
namespace {

bool Contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// True when the comma list `flags` holds any of `wanted`.
bool HasAnyFlag(std::string_view flags, const std::vector<std::string>& wanted) {
  size_t pos = 0;
  while (pos <= flags.size()) {
    size_t comma = std::min(flags.find(',', pos), flags.size());
    std::string_view flag = flags.substr(pos, comma - pos);
    while (!flag.empty() && flag.front() == ' ') flag.remove_prefix(1);
    while (!flag.empty() && flag.back() == ' ') flag.remove_suffix(1);
    if (!flag.empty() && Contains(wanted, flag)) return true;
    pos = comma + 1;
  }
  return false;
}

// Sorted and comma-joined: list order never changes what a rule matches.
std::string SortedList(const std::vector<std::string>& list) {
  std::set<std::string> sorted(list.begin(), list.end());
  std::string out;
  for (const std::string& item : sorted) out += (out.empty() ? "" : ",") + item;
  return out;
}

std::string OptionalMillis(const std::optional<Millis>& d) {
  return d ? std::to_string(d->count()) + "ms" : "none";
}

std::string Joined(const std::vector<std::string>& list, std::string_view separator) {
  std::string out;
  for (const std::string& item : list) out += (out.empty() ? "" : std::string(separator)) + item;
  return out;
}

}  // namespace

std::string SlaPolicy::Canonical() const {
  std::string out = "sla " + name + "\nstages warning=";
  for (size_t i = 0; i < stages.warning_percent.size(); ++i) {
    out += (i ? "," : "") + std::to_string(stages.warning_percent[i]);
  }
  out += " escalate=" + std::to_string(stages.escalate_percent) + "\n";
  for (const SlaRule& r : rules) {
    out += "rule " + r.name + " platform=" + SortedList(r.platforms) +
           " label=" + SortedList(r.labels) + " urgency=" + SortedList(r.urgency_any) +
           " max_rating=" + (r.max_rating ? std::to_string(*r.max_rating) : "any") +
           " min_reach=" + (r.min_reach ? std::to_string(*r.min_reach) : "any") +
           " first_reply=" + OptionalMillis(r.first_reply) +
           " resolution=" + OptionalMillis(r.resolution) + " calendar=" + r.calendar + "\n";
  }
  return out;
}

std::string SlaPolicy::Canonical(const std::map<std::string, BusinessCalendar>& calendars) const {
  std::string out = Canonical();
  std::set<std::string> used;
  for (const SlaRule& r : rules) {
    if (!r.calendar.empty()) used.insert(r.calendar);
  }
  for (const std::string& calendar : used) {
    auto it = calendars.find(calendar);
    out += "calendar " + calendar + " " +
           (it == calendars.end() ? "missing" : it->second.Canonical()) + "\n";
  }
  return out;
}

const SlaRule* MatchRule(const SlaPolicy& policy, const SlaFacts& facts) {
  for (const SlaRule& rule : policy.rules) {
    if (!rule.platforms.empty() && !Contains(rule.platforms, facts.platform)) continue;
    if (!rule.labels.empty() && !Contains(rule.labels, facts.label)) continue;
    if (!rule.urgency_any.empty() && !HasAnyFlag(facts.urgency, rule.urgency_any)) continue;
    if (rule.max_rating && (!facts.rating || *facts.rating > *rule.max_rating)) continue;
    if (rule.min_reach && (!facts.reach || *facts.reach < *rule.min_reach)) continue;
    return &rule;
  }
  return nullptr;
}

std::string DescribeConditions(const SlaRule& rule) {
  std::vector<std::string> parts;
  if (!rule.platforms.empty()) parts.push_back("platform " + Joined(rule.platforms, " or "));
  if (!rule.labels.empty()) parts.push_back("label " + Joined(rule.labels, " or "));
  if (!rule.urgency_any.empty()) parts.push_back("urgency " + Joined(rule.urgency_any, " or "));
  if (rule.max_rating) parts.push_back("rating <= " + std::to_string(*rule.max_rating));
  if (rule.min_reach) parts.push_back("reach >= " + std::to_string(*rule.min_reach));
  return parts.empty() ? "any post" : Joined(parts, ", ");
}

SlaPolicy PolicyFromLegacy(const DeadlinePolicy& legacy) {
  SlaPolicy policy;
  policy.name = legacy.name;
  auto rule = [](std::string name, std::vector<std::string> labels,
                 std::vector<std::string> urgency, std::optional<Millis> budget) {
    SlaRule r;
    r.name = std::move(name);
    r.labels = std::move(labels);
    r.urgency_any = std::move(urgency);
    r.first_reply = budget;
    return r;
  };
  // ComputeDeadline's order: a polite refund request is handled as fast as an angry post, and a
  // question in a positive post still needs an answer.
  policy.rules = {
      rule("negative", {"negative"}, {}, legacy.negative),
      rule("urgent", {}, {"legal", "safety", "refund", "churn"}, legacy.negative),
      rule("question", {}, {"question"}, legacy.question),
      rule("positive", {"positive"}, {}, legacy.positive),
      rule("neutral", {}, {}, legacy.neutral),
  };
  return policy;
}

}  // namespace heed::responder
