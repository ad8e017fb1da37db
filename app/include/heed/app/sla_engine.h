// The SLA engine: gives each new item its deadlines under the policy in force, keeps them
// current as the item waits on the customer or gets its first public reply, and records each
// SLA stage (warning_N, breached, escalated, and "met" when a target is reached) once in the
// append-only event log.
//
// Versioning: the policy in force is stored as a version (SerializeSla text) the first time it
// is used; every deadline row names "policy@version" and the rule, and re-evaluation loads that
// version, so editing the config never changes an item that started under an older policy.
//
// Deadline rows: the target that governs the inbox (the first reply until it is sent, then the
// resolution) is always written last, because the inbox ranks by an item's latest row.
//
// Thread safety: confine to one thread (it uses one Store).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "heed/app/sla_setup.h"
#include "heed/core/clock.h"
#include "heed/core/mention.h"
#include "heed/store/store.h"

namespace heed::app {

// A stage an item reached that no earlier evaluation had recorded: what alerts are made of.
struct FiredStage {
  int64_t mention_id = 0;
  std::string target;  // "first_reply" | "resolution"
  std::string stage;   // "warning_50", ..., "breached", "escalated"
  TimePoint at;        // when the stage was reached
  std::optional<TimePoint> due_at;
  std::string rule;     // the rule's name
  std::string urgency;  // the item's urgency flags ("legal,refund"), may be empty
};

class SlaEngine {
 public:
  // store and clock must outlive the engine.
  SlaEngine(store::Store& store, Clock& clock, SlaSetup setup);
  ~SlaEngine();

  // The deadlines of a newly stored item, computed from its platform timestamp. Call inside the
  // transaction that stores the item. An item no rule matches gets a row without a due time.
  Status StartClocks(int64_t mention_id, const Mention& mention, const store::ScoreRecord& score);

  // Brings one open item up to date: a row is appended when its due time or pause state
  // changed, and stages that came due are recorded. Returns the stages recorded now.
  // Items whose deadlines predate versioned policies are left as they are.
  Result<std::vector<FiredStage>> EvaluateItem(int64_t mention_id);
  // Every open item with deadlines, each in its own transaction.
  Result<std::vector<FiredStage>> EvaluateAll();

  // "name@version" of the policy in force (recorded on first use).
  Result<std::string> CurrentVersion();

 private:
  struct Loaded;
  Result<const Loaded*> LoadVersion(const std::string& policy_at_version);

  store::Store& store_;
  Clock& clock_;
  SlaSetup current_;
  std::optional<std::string> current_version_;
  std::map<std::string, std::unique_ptr<Loaded>> versions_;  // by "name@version"
};

}  // namespace heed::app
