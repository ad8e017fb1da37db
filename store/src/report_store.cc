// Read queries for heed::report. Every figure comes from the append-only tables; inbox_state
// (derived, current-state only) is never read, so a report can be recomputed from history.
#include <string>

#include "heed/store/store.h"
#include "rows.h"
#include "statement.h"

namespace heed::store {

using internal::Statement;

namespace {

// The mentions of the period, through mentions_by_platform_created_at: the recursive part walks
// the distinct platforms one index seek at a time (a loose index scan), so even "every
// platform" is a range scan per platform rather than a pass over the whole table. ?3 = ''
// means every platform. Per item, each history table is read through its by-mention index
// (replies must be told: SQLite would rather scan every sent reply through replies_by_state).
constexpr std::string_view kItemsSql = R"sql(
WITH RECURSIVE p(name) AS (
  SELECT CASE WHEN ?3 = '' THEN (SELECT min(platform) FROM mentions) ELSE ?3 END
  UNION ALL
  SELECT (SELECT min(platform) FROM mentions WHERE platform > p.name) FROM p
  WHERE ?3 = '' AND p.name IS NOT NULL
)
SELECT m.id, m.platform, m.created_at, m.fetched_at,
       CASE WHEN v.id IS NULL THEN m.rating ELSE v.rating END,
       coalesce(s.label, ''), r.sent_at, coalesce(r.operator, ''),
       (SELECT min(at) FROM status_events WHERE mention_id = m.id AND status = 'resolved'),
       (SELECT due_at FROM deadlines WHERE mention_id = m.id AND target = 'first_reply'
        AND due_at IS NOT NULL ORDER BY id DESC LIMIT 1)
FROM p JOIN mentions m ON m.platform = p.name AND m.created_at >= ?1 AND m.created_at < ?2
LEFT JOIN mention_versions v
  ON v.id = (SELECT max(id) FROM mention_versions WHERE mention_id = m.id)
LEFT JOIN sentiment_scores s
  ON s.id = (SELECT max(id) FROM sentiment_scores WHERE mention_id = m.id)
LEFT JOIN replies r
  ON r.id = (SELECT id FROM replies INDEXED BY replies_by_mention
             WHERE mention_id = m.id AND state = 'sent' AND auto_ack = 0
             AND sent_at IS NOT NULL ORDER BY sent_at, id LIMIT 1)
WHERE p.name IS NOT NULL
)sql";

// A stage is recorded when heed notices it, never before it is reached (recorded_at >= at),
// so the recorded_at index bounds the scan from below.
constexpr std::string_view kBreachesSql = R"sql(
SELECT e.mention_id, m.platform, e.target, e.at, e.due_at, m.created_at, m.fetched_at,
       coalesce((SELECT label FROM sentiment_scores WHERE mention_id = e.mention_id
                 ORDER BY id DESC LIMIT 1), ''),
       d.budget_ms, coalesce(d.calendar, ''),
       coalesce((SELECT assignee FROM assignments WHERE mention_id = e.mention_id
                 AND at <= e.at ORDER BY at DESC, id DESC LIMIT 1), ''),
       EXISTS (SELECT 1 FROM replies rp WHERE rp.mention_id = e.mention_id
               AND rp.requires_approval = 1 AND rp.created_at <= e.at
               AND NOT EXISTS (SELECT 1 FROM reply_approvals a
                               WHERE a.reply_id = rp.id AND a.at <= e.at))
FROM sla_events e
JOIN mentions m ON m.id = e.mention_id
LEFT JOIN deadlines d ON d.id = coalesce(e.deadline_id,
  (SELECT max(id) FROM deadlines WHERE mention_id = e.mention_id AND target = e.target))
WHERE e.recorded_at >= ?1 AND e.at >= ?1 AND e.at < ?2 AND e.stage = 'breached'
  AND (?3 = '' OR m.platform = ?3)
ORDER BY e.at, e.id
)sql";

}  // namespace

Status Store::ForEachReportItem(const ReportPeriod& period,
                                const std::function<Status(const ReportItemRow&)>& visit) {
  HEED_ASSIGN_OR_RETURN(Statement stmt,
                        statements_->Prepare(kItemsSql, "read the mentions of the report period"));
  stmt.BindTime(1, period.from);
  stmt.BindTime(2, period.to);
  stmt.BindText(3, period.platform);
  ReportItemRow row;
  while (true) {
    HEED_ASSIGN_OR_RETURN(bool more, stmt.Step());
    if (!more) return Status::Ok();
    row.mention_id = stmt.Int64(0);
    row.platform = stmt.Text(1);
    row.created_at = stmt.Time(2);
    row.fetched_at = stmt.Time(3);
    row.rating =
        stmt.IsNull(4) ? std::nullopt : std::optional<int>(static_cast<int>(stmt.Int64(4)));
    row.label = stmt.Text(5);
    row.replied_at = stmt.OptionalTime(6);
    row.reply_operator = stmt.Text(7);
    row.resolved_at = stmt.OptionalTime(8);
    row.first_reply_due = stmt.OptionalTime(9);
    HEED_RETURN_IF_ERROR(visit(row));
  }
}

Result<std::vector<ReportBreachRow>> Store::ReportBreaches(const ReportPeriod& period) {
  HEED_ASSIGN_OR_RETURN(Statement stmt,
                        statements_->Prepare(kBreachesSql, "read the SLA breaches of the period"));
  stmt.BindTime(1, period.from);
  stmt.BindTime(2, period.to);
  stmt.BindText(3, period.platform);
  return internal::ReadAll(stmt, [](const Statement& s) {
    ReportBreachRow row;
    row.mention_id = s.Int64(0);
    row.platform = s.Text(1);
    row.target = s.Text(2);
    row.at = s.Time(3);
    row.due_at = s.OptionalTime(4);
    row.created_at = s.Time(5);
    row.fetched_at = s.Time(6);
    row.label = s.Text(7);
    if (!s.IsNull(8)) row.budget = Millis(s.Int64(8));
    row.calendar = s.Text(9);
    row.assignee_at_breach = s.Text(10);
    row.awaiting_approval = s.Int64(11) != 0;
    return row;
  });
}

Result<std::vector<ReportMentionText>> Store::ReportMentionTexts(const std::vector<int64_t>& ids) {
  std::vector<ReportMentionText> texts;
  texts.reserve(ids.size());
  for (int64_t id : ids) {
    HEED_ASSIGN_OR_RETURN(
        Statement stmt,
        statements_->Prepare("SELECT m.id, m.platform, m.author_handle, coalesce(v.text, m.text), "
                             "m.url, m.created_at FROM mentions m" +
                                 std::string(internal::kCurrentVersionJoin) + " WHERE m.id = ?1",
                             "read the text of a mention for a report"));
    stmt.BindInt64(1, id);
    HEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) continue;
    texts.push_back(
        {stmt.Int64(0), stmt.Text(1), stmt.Text(2), stmt.Text(3), stmt.Text(4), stmt.Time(5)});
  }
  return texts;
}

}  // namespace heed::store
