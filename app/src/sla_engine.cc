#include "heed/app/sla_engine.h"

#include <algorithm>
#include <set>

#include "heed/responder/sla_clock.h"

namespace heed::app {
namespace {

constexpr const char* kFirstReply = "first_reply";
constexpr const char* kResolution = "resolution";

std::optional<Millis> BudgetOf(const responder::SlaRule& rule, const std::string& target) {
  return target == kFirstReply ? rule.first_reply : rule.resolution;
}

// When the first public reply went out; heed's automatic acknowledgement does not count.
std::optional<TimePoint> FirstPublicReply(const std::vector<store::ReplyRecord>& replies) {
  std::optional<TimePoint> first;
  for (const store::ReplyRecord& r : replies) {
    if (r.state != store::ReplyState::kSent || r.auto_ack || !r.sent_at) continue;
    if (!first || *r.sent_at < *first) first = r.sent_at;
  }
  return first;
}

// "name@3" -> 3; 0 when the text has no version.
int VersionNumber(const std::string& policy_at_version) {
  size_t at = policy_at_version.rfind('@');
  if (at == std::string::npos) return 0;
  int version = 0;
  for (char c : policy_at_version.substr(at + 1)) {
    if (c < '0' || c > '9' || version > 1'000'000) return 0;
    version = version * 10 + (c - '0');
  }
  return version;
}

bool SameDeadline(const store::DeadlineRecord& a, const store::DeadlineRecord& b) {
  return a.due_at == b.due_at && a.paused_now == b.paused_now && a.budget == b.budget &&
         a.rule == b.rule && a.policy == b.policy;
}

}  // namespace

struct SlaEngine::Loaded {
  SlaSetup setup;
  int version = 0;

  const responder::BusinessCalendar& CalendarFor(const responder::SlaRule& rule) const {
    static const responder::BusinessCalendar kAlwaysOpen =
        responder::BusinessCalendar::AlwaysOpen();
    auto it = setup.calendars.find(rule.calendar);
    return it == setup.calendars.end() ? kAlwaysOpen : it->second;
  }
  const responder::SlaRule* Rule(const std::string& name) const {
    for (const responder::SlaRule& rule : setup.policy.rules) {
      if (rule.name == name) return &rule;
    }
    return nullptr;
  }
  // One target's row, evaluated at `at` (now, or when the target was met).
  store::DeadlineRecord Row(const responder::SlaRule& rule, const std::string& policy_at_version,
                            const std::string& target, TimePoint starts_at,
                            const std::vector<responder::PauseInterval>& pauses, TimePoint at,
                            bool met, TimePoint now, responder::SlaClock* clock_out) const {
    Millis budget = *BudgetOf(rule, target);
    responder::SlaClock clock = responder::EvaluateClock(CalendarFor(rule), setup.policy.stages,
                                                         target, starts_at, budget, pauses, at);
    store::DeadlineRecord row;
    row.policy = policy_at_version;
    row.rule = rule.name;
    row.starts_at = starts_at;
    row.due_at = met ? std::nullopt : clock.due_at;
    row.computed_at = now;
    row.target = target;
    row.budget = budget;
    row.paused = clock.paused;
    row.paused_now = clock.paused_now;
    row.calendar = rule.calendar;
    row.explanation = responder::ExplainClock(clock, rule, setup.policy, version, at);
    if (met) row.explanation += "met: " + FormatIso8601(at) + " (first public reply)\n";
    if (clock_out) *clock_out = std::move(clock);
    return row;
  }
};

SlaEngine::SlaEngine(store::Store& store, Clock& clock, SlaSetup setup)
    : store_(store), clock_(clock), current_(std::move(setup)) {}

SlaEngine::~SlaEngine() = default;

Result<std::string> SlaEngine::CurrentVersion() {
  if (!current_version_) {
    HEED_ASSIGN_OR_RETURN(
        int version,
        store_.RecordPolicyVersion(current_.policy.name, SerializeSla(current_), clock_.Now()));
    current_version_ = current_.policy.name + "@" + std::to_string(version);
    auto loaded = std::make_unique<Loaded>();
    loaded->setup = current_;
    loaded->version = version;
    versions_[*current_version_] = std::move(loaded);
  }
  return *current_version_;
}

Result<const SlaEngine::Loaded*> SlaEngine::LoadVersion(const std::string& policy_at_version) {
  if (auto it = versions_.find(policy_at_version); it != versions_.end()) return it->second.get();
  const int version = VersionNumber(policy_at_version);
  if (version == 0) return Status::NotFound("not a versioned policy: " + policy_at_version);
  const std::string name = policy_at_version.substr(0, policy_at_version.rfind('@'));
  HEED_ASSIGN_OR_RETURN(std::string definition, store_.GetPolicyDefinition(name, version));
  HEED_ASSIGN_OR_RETURN(SlaSetup setup, ParseSlaSnapshot(definition));
  auto loaded = std::make_unique<Loaded>();
  loaded->setup = std::move(setup);
  loaded->version = version;
  const Loaded* raw = loaded.get();
  versions_[policy_at_version] = std::move(loaded);
  return raw;
}

Status SlaEngine::StartClocks(int64_t mention_id, const Mention& mention,
                              const store::ScoreRecord& score) {
  HEED_ASSIGN_OR_RETURN(std::string version, CurrentVersion());
  HEED_ASSIGN_OR_RETURN(const Loaded* loaded, LoadVersion(version));
  const TimePoint now = clock_.Now();
  responder::SlaFacts facts{mention.platform, score.label, score.urgency, mention.rating,
                            mention.author.reach};
  const responder::SlaRule* rule = responder::MatchRule(loaded->setup.policy, facts);
  if (rule == nullptr || (!rule->first_reply && !rule->resolution)) {
    store::DeadlineRecord none;
    none.policy = version;
    none.rule = rule ? rule->name : "";
    none.starts_at = mention.created_at;
    none.computed_at = now;
    none.explanation = "policy: " + version + "\n" +
                       (rule ? "rule: " + rule->name + ", matched on " +
                                   responder::DescribeConditions(*rule) + ": no reply needed\n"
                             : std::string("no rule matches: no reply needed\n"));
    return store_.InsertDeadline(mention_id, none).status();
  }
  // The resolution row first: the inbox ranks by the latest row, which must be the first reply
  // while that target is open.
  std::optional<TimePoint> next_check;
  for (const char* target : {kResolution, kFirstReply}) {
    if (!BudgetOf(*rule, target)) continue;
    responder::SlaClock clock;
    HEED_RETURN_IF_ERROR(store_.InsertDeadline(
        mention_id,
        loaded->Row(*rule, version, target, mention.created_at, {}, now, false, now, &clock)));
    // The first stage, even if already past (a post fetched late): the next pass records it.
    if (!clock.stages.empty())
      next_check = std::min(next_check.value_or(TimePoint::max()), clock.stages.front().second);
  }
  return store_.SetNextCheck(mention_id, next_check);
}

Result<std::vector<FiredStage>> SlaEngine::EvaluateItem(int64_t mention_id) {
  std::vector<FiredStage> fired;
  Status status = store_.InTransaction([&]() -> Status {
    fired.clear();
    HEED_ASSIGN_OR_RETURN(store::MentionDetail detail, store_.GetDetail(mention_id));
    // Nothing more can happen to a resolved item, or one without a versioned rule (rows from
    // before versioned policies keep what was computed for them), until a status change or a
    // reply schedules it again.
    if (detail.item.status == store::ItemStatus::kResolved || detail.deadlines.empty()) {
      return store_.SetNextCheck(mention_id, std::nullopt);
    }
    const store::DeadlineRecord& last = detail.deadlines.back();
    Result<const Loaded*> loaded = LoadVersion(last.policy);
    if (!loaded.ok()) {
      if (loaded.status().code() != StatusCode::kNotFound) return loaded.status();
      return store_.SetNextCheck(mention_id, std::nullopt);
    }
    const responder::SlaRule* rule = (*loaded)->Rule(last.rule);
    if (rule == nullptr) return store_.SetNextCheck(mention_id, std::nullopt);

    const TimePoint now = clock_.Now();
    const std::vector<responder::PauseInterval> pauses =
        responder::PausesFromStatus(detail.history);
    const std::optional<TimePoint> replied = FirstPublicReply(detail.replies);
    const std::string urgency = detail.item.score ? detail.item.score->urgency : "";

    std::map<std::string, store::DeadlineRecord> rows;
    std::map<std::string, const store::DeadlineRecord*> latest;
    for (const store::DeadlineRecord& row : detail.deadlines) latest[row.target] = &row;
    bool first_reply_open = false;
    std::optional<TimePoint> next_check;
    for (const char* target : {kResolution, kFirstReply}) {
      if (!BudgetOf(*rule, target)) continue;
      const bool met = target == std::string(kFirstReply) && replied && *replied <= now;
      const TimePoint at = met ? *replied : now;
      first_reply_open = first_reply_open || (target == std::string(kFirstReply) && !met);
      responder::SlaClock clock;
      rows[target] =
          (*loaded)->Row(*rule, last.policy, target, last.starts_at, pauses, at, met, now, &clock);
      for (const std::string& stage : responder::StagesDue(clock, at)) {
        TimePoint reached = at;
        for (const auto& [name, when] : clock.stages) {
          if (name == stage) reached = when;
        }
        store::SlaEvent event{0,       mention_id, target, stage, std::nullopt, clock.due_at,
                              reached, now};
        HEED_ASSIGN_OR_RETURN(bool recorded, store_.RecordSlaEvent(event));
        if (recorded) {
          fired.push_back({mention_id, target, stage, reached, clock.due_at, rule->name, urgency});
        }
      }
      if (!met) {
        for (const auto& [name, when] : clock.stages) {
          if (when > at) {
            next_check = std::min(next_check.value_or(TimePoint::max()), when);
            break;
          }
        }
      }
      if (met) {
        HEED_RETURN_IF_ERROR(store_
                                 .RecordSlaEvent({0, mention_id, target, "met", std::nullopt,
                                                  clock.due_at, *replied, now})
                                 .status());
      }
    }
    const std::string governing = first_reply_open || !rule->resolution ? kFirstReply : kResolution;
    HEED_RETURN_IF_ERROR(store_.SetNextCheck(mention_id, next_check));
    bool changed = latest.count(governing) == 0 || last.target != governing;
    for (const auto& [target, row] : rows) {
      if (!latest.count(target) || !SameDeadline(*latest[target], row)) changed = true;
    }
    if (!changed) return Status::Ok();
    for (const auto& [target, row] : rows) {
      if (target != governing)
        HEED_RETURN_IF_ERROR(store_.InsertDeadline(mention_id, row).status());
    }
    if (rows.count(governing)) {
      HEED_RETURN_IF_ERROR(store_.InsertDeadline(mention_id, rows[governing]).status());
    }
    return Status::Ok();
  });
  if (!status.ok()) return status.WithContext("evaluate SLA of item " + std::to_string(mention_id));
  return fired;
}

Result<std::vector<FiredStage>> SlaEngine::EvaluateAll() {
  // Only items whose next check is due: each evaluation moves its item's next check into the
  // future (or clears it), so the batches shrink to nothing. The set of seen ids guards
  // against an item that would stay due (a clock bug must not become an endless loop).
  constexpr size_t kBatch = 500;
  const TimePoint now = clock_.Now();
  std::vector<FiredStage> fired;
  std::set<int64_t> seen;
  while (true) {
    HEED_ASSIGN_OR_RETURN(std::vector<int64_t> ids, store_.ItemsToCheck(now, kBatch));
    size_t fresh = 0;
    for (int64_t id : ids) {
      if (!seen.insert(id).second) continue;
      ++fresh;
      HEED_ASSIGN_OR_RETURN(std::vector<FiredStage> item, EvaluateItem(id));
      fired.insert(fired.end(), item.begin(), item.end());
    }
    if (ids.size() < kBatch || fresh == 0) break;
  }
  return fired;
}

}  // namespace heed::app
