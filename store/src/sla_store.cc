// SLA history: policy versions, stage events, the latest deadlines per target, and the alert
// ledger that de-duplicates notifications.
#include <sqlite3.h>

#include <string>

#include "heed/store/store.h"
#include "rows.h"
#include "statement.h"

namespace heed::store {

using internal::Statement;

Result<int> Store::RecordPolicyVersion(std::string_view name, std::string_view definition,
                                       TimePoint at) {
  const std::string what = "record version of SLA policy '" + std::string(name) + "'";
  if (name.empty()) return Status::InvalidArgument(what + ": policy name is empty");
  {
    HEED_ASSIGN_OR_RETURN(Statement find,
                          statements_->Prepare("SELECT version FROM sla_policies "
                                               "WHERE name = ?1 AND definition = ?2",
                                               what));
    find.BindText(1, name);
    find.BindText(2, definition);
    HEED_ASSIGN_OR_RETURN(bool row, find.Step());
    if (row) return static_cast<int>(find.Int64(0));
  }
  // The read and the insert share the caller's transaction, or race harmlessly: a concurrent
  // writer of the same version makes this insert fail on UNIQUE, and the caller retries.
  HEED_ASSIGN_OR_RETURN(
      Statement insert,
      statements_->Prepare("INSERT INTO sla_policies (name, version, definition, created_at) "
                           "SELECT ?1, coalesce(max(version), 0) + 1, ?2, ?3 FROM sla_policies "
                           "WHERE name = ?1 RETURNING version",
                           what));
  insert.BindText(1, name);
  insert.BindText(2, definition);
  insert.BindTime(3, at);
  HEED_ASSIGN_OR_RETURN(bool row, insert.Step());
  if (!row) return Status::Internal(what + ": insert returned no version");
  int version = static_cast<int>(insert.Int64(0));
  HEED_RETURN_IF_ERROR(insert.Run());
  return version;
}

Result<std::string> Store::GetPolicyDefinition(std::string_view name, int version) {
  const std::string what =
      "get SLA policy '" + std::string(name) + "' version " + std::to_string(version);
  HEED_ASSIGN_OR_RETURN(
      Statement stmt,
      statements_->Prepare("SELECT definition FROM sla_policies WHERE name = ?1 AND version = ?2",
                           what));
  stmt.BindText(1, name);
  stmt.BindInt64(2, version);
  HEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Status::NotFound(what + ": never recorded");
  return stmt.Text(0);
}

Result<bool> Store::RecordSlaEvent(const SlaEvent& event) {
  const std::string what =
      "record SLA stage '" + event.stage + "' of mention " + std::to_string(event.mention_id);
  HEED_ASSIGN_OR_RETURN(
      Statement stmt,
      statements_->Prepare("INSERT INTO sla_events (mention_id, target, stage, deadline_id, "
                           "due_at, at, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                           what));
  stmt.BindInt64(1, event.mention_id);
  stmt.BindText(2, event.target);
  stmt.BindText(3, event.stage);
  if (event.deadline_id) {
    stmt.BindInt64(4, *event.deadline_id);
  } else {
    stmt.BindNull(4);
  }
  stmt.BindOptionalTime(5, event.due_at);
  stmt.BindTime(6, event.at);
  stmt.BindTime(7, event.recorded_at);
  HEED_RETURN_IF_ERROR(stmt.Run());
  // The sla_events_once trigger turns a repeat into a silent no-op.
  return sqlite3_changes(db_) == 1;
}

Result<std::vector<DeadlineRecord>> Store::LatestDeadlines(int64_t mention_id) {
  HEED_ASSIGN_OR_RETURN(
      Statement stmt,
      statements_->Prepare("SELECT " + std::string(internal::kDeadlineColumns) +
                               " FROM deadlines d WHERE d.id IN (SELECT max(id) FROM deadlines "
                               "WHERE mention_id = ?1 GROUP BY target) ORDER BY d.id",
                           "get latest deadlines of mention " + std::to_string(mention_id)));
  stmt.BindInt64(1, mention_id);
  return internal::ReadAll(stmt,
                           [](const Statement& row) { return *internal::ReadDeadline(row, 0); });
}

Result<std::vector<int64_t>> Store::ItemsToCheck(TimePoint now, size_t limit) {
  HEED_ASSIGN_OR_RETURN(Statement stmt,
                        // Without statistics SQLite would rather walk the open-items
                        // index; the partial index holds only items with a check pending.
                        statements_->Prepare("SELECT mention_id FROM inbox_state "
                                             "INDEXED BY inbox_state_next_check "
                                             "WHERE next_check_at <= ?1 AND open = 1 "
                                             "ORDER BY next_check_at LIMIT ?2",
                                             "list items due for an SLA check"));
  stmt.BindTime(1, now);
  stmt.BindInt64(2, static_cast<int64_t>(limit));
  return internal::ReadAll(stmt, [](const Statement& row) { return row.Int64(0); });
}

Status Store::SetNextCheck(int64_t mention_id, std::optional<TimePoint> at) {
  HEED_ASSIGN_OR_RETURN(
      Statement stmt,
      statements_->Prepare("UPDATE inbox_state SET next_check_at = ?2 "
                           "WHERE mention_id = ?1",
                           "schedule the SLA check of mention " + std::to_string(mention_id)));
  stmt.BindInt64(1, mention_id);
  stmt.BindOptionalTime(2, at);
  return stmt.Run();
}

Result<std::vector<SlaEvent>> Store::RecentSlaEvents(TimePoint since) {
  HEED_ASSIGN_OR_RETURN(
      Statement stmt,
      statements_->Prepare("SELECT " + std::string(internal::kSlaEventColumns) +
                               " FROM sla_events e WHERE e.recorded_at >= ?1 AND e.stage <> 'met'"
                               " AND EXISTS (SELECT 1 FROM inbox_state i"
                               "  WHERE i.mention_id = e.mention_id AND i.open = 1)"
                               " ORDER BY e.id",
                           "list recent SLA stages"));
  stmt.BindTime(1, since);
  return internal::ReadAll(stmt,
                           [](const Statement& row) { return internal::ReadSlaEvent(row, 0); });
}

Result<bool> Store::AlertSent(int64_t mention_id, std::string_view target, std::string_view stage,
                              std::string_view channel) {
  HEED_ASSIGN_OR_RETURN(
      Statement stmt,
      statements_->Prepare("SELECT 1 FROM alerts_sent WHERE mention_id = ?1 AND target = ?2 "
                           "AND stage = ?3 AND channel = ?4",
                           "look up alert ledger"));
  stmt.BindInt64(1, mention_id);
  stmt.BindText(2, target);
  stmt.BindText(3, stage);
  stmt.BindText(4, channel);
  return stmt.Step();
}

Result<bool> Store::RecordAlertSent(int64_t mention_id, std::string_view target,
                                    std::string_view stage, std::string_view channel,
                                    TimePoint at) {
  HEED_ASSIGN_OR_RETURN(
      Statement stmt,
      statements_->Prepare("INSERT INTO alerts_sent (mention_id, target, stage, channel, at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5)",
                           "record alert in ledger"));
  stmt.BindInt64(1, mention_id);
  stmt.BindText(2, target);
  stmt.BindText(3, stage);
  stmt.BindText(4, channel);
  stmt.BindTime(5, at);
  HEED_RETURN_IF_ERROR(stmt.Run());
  return sqlite3_changes(db_) == 1;
}

}  // namespace heed::store
