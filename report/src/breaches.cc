#include "breaches.h"

namespace heed::report::internal {

Breach ClassifyBreach(const store::ReportBreachRow& row, const LocalTimeZone& zone,
                      const ReportOptions& options) {
  Breach b;
  b.mention_id = row.mention_id;
  b.platform = row.platform;
  b.target = row.target;
  b.label = row.label;
  b.at = row.at;
  b.due_at = row.due_at;
  b.ingestion_lag = row.fetched_at - row.created_at;
  // lag > budget / 2, without rounding the half away.
  b.lagged = row.budget && b.ingestion_lag.count() * 2 > row.budget->count();
  b.unassigned = row.assignee_at_breach.empty();
  if (!row.calendar.empty()) {
    const LocalFields local = zone.Local(row.at);
    b.off_hours =
        local.weekday >= 5 || local.hour < options.open_hour || local.hour >= options.close_hour;
  }
  b.awaiting_approval = row.awaiting_approval;
  return b;
}

void CountReasons(const Breach& breach, BreachReasons& reasons) {
  reasons.lagged += breach.lagged;
  reasons.unassigned += breach.unassigned;
  reasons.off_hours += breach.off_hours;
  reasons.awaiting_approval += breach.awaiting_approval;
  reasons.unexplained +=
      !(breach.lagged || breach.unassigned || breach.off_hours || breach.awaiting_approval);
}

}  // namespace heed::report::internal
