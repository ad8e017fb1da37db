// The queue's shared state: assignments and customer cards. Both are append-only histories;
// the current assignee or card is the latest row.
#include <sqlite3.h>

#include <string>

#include "heed/store/store.h"
#include "rows.h"
#include "statement.h"

namespace heed::store {

using internal::Statement;

namespace {

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\n\v\f\r") == std::string_view::npos;
}

}  // namespace

Result<int64_t> Store::MaxMentionId() {
  HEED_ASSIGN_OR_RETURN(Statement stmt, statements_->Prepare("SELECT coalesce(max(id), 0) FROM "
                                                             "mentions",
                                                             "read the highest mention id"));
  HEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? stmt.Int64(0) : 0;
}

Result<std::vector<int64_t>> Store::UnansweredNegatives(std::string_view connector,
                                                        int64_t after_id) {
  HEED_ASSIGN_OR_RETURN(
      Statement stmt,
      statements_->Prepare(
          "SELECT m.id FROM mentions m JOIN inbox_state i ON i.mention_id = m.id"
          " WHERE m.id > ?2 AND m.connector = ?1 AND i.label = 'negative'"
          " AND i.status = 'new'"
          " AND NOT EXISTS (SELECT 1 FROM replies r WHERE r.mention_id = m.id)"
          " ORDER BY m.id",
          "list unanswered negatives of connector '" + std::string(connector) + "'"));
  stmt.BindText(1, connector);
  stmt.BindInt64(2, after_id);
  return internal::ReadAll(stmt, [](const Statement& row) { return row.Int64(0); });
}

Status Store::Assign(const Assignment& assignment) {
  const std::string what = "assign mention " + std::to_string(assignment.mention_id);
  if (IsBlank(assignment.by)) return Status::InvalidArgument(what + ": 'by' is required");
  HEED_ASSIGN_OR_RETURN(Statement stmt,
                        statements_->Prepare("INSERT INTO assignments (mention_id, assignee, by, "
                                             "at) VALUES (?1, ?2, ?3, ?4)",
                                             what));
  stmt.BindInt64(1, assignment.mention_id);
  stmt.BindText(2, assignment.assignee);
  stmt.BindText(3, assignment.by);
  stmt.BindTime(4, assignment.at);
  return stmt.Run();
}

Result<int64_t> Store::CreateCustomer(std::string_view name, std::string_view by, TimePoint at) {
  const std::string what = "create customer card";
  if (IsBlank(by)) return Status::InvalidArgument(what + ": 'by' is required");
  HEED_ASSIGN_OR_RETURN(Statement stmt,
                        statements_->Prepare("INSERT INTO customers (name, created_by, "
                                             "created_at) VALUES (?1, ?2, ?3)",
                                             what));
  stmt.BindText(1, name);
  stmt.BindText(2, by);
  stmt.BindTime(3, at);
  HEED_RETURN_IF_ERROR(stmt.Run());
  return sqlite3_last_insert_rowid(db_);
}

Status Store::LinkIdentity(int64_t customer_id, const Identity& identity, std::string_view by,
                           TimePoint at) {
  const std::string what = "link " + identity.platform + ":" + identity.handle + " to customer " +
                           std::to_string(customer_id);
  if (identity.platform.empty() || identity.handle.empty()) {
    return Status::InvalidArgument(what + ": platform and handle are required");
  }
  if (IsBlank(by)) return Status::InvalidArgument(what + ": 'by' is required");
  HEED_ASSIGN_OR_RETURN(Statement stmt,
                        statements_->Prepare("INSERT INTO customer_links (customer_id, platform, "
                                             "handle, by, at) VALUES (?1, ?2, ?3, ?4, ?5)",
                                             what));
  stmt.BindInt64(1, customer_id);
  stmt.BindText(2, identity.platform);
  stmt.BindText(3, identity.handle);
  stmt.BindText(4, by);
  stmt.BindTime(5, at);
  return stmt.Run();
}

Status Store::MergeCustomers(int64_t from, int64_t into, std::string_view by, TimePoint at) {
  const std::string what =
      "merge customer " + std::to_string(from) + " into " + std::to_string(into);
  if (from == into) return Status::FailedPrecondition(what + ": a card cannot merge into itself");
  HEED_ASSIGN_OR_RETURN(CustomerCard target, GetCustomer(into));
  if (target.id == from) {
    return Status::FailedPrecondition(what + ": customer " + std::to_string(into) +
                                      " was already merged into " + std::to_string(from));
  }
  HEED_ASSIGN_OR_RETURN(CustomerCard source, GetCustomer(from));
  if (source.id != from) {
    return Status::FailedPrecondition(what + ": customer " + std::to_string(from) +
                                      " was already merged into " + std::to_string(source.id));
  }
  for (const Identity& identity : source.identities) {
    HEED_RETURN_IF_ERROR(LinkIdentity(target.id, identity, by, at));
  }
  HEED_ASSIGN_OR_RETURN(Statement stmt,
                        statements_->Prepare("INSERT INTO customer_merges (from_id, into_id, by, "
                                             "at) VALUES (?1, ?2, ?3, ?4)",
                                             what));
  stmt.BindInt64(1, from);
  stmt.BindInt64(2, target.id);
  stmt.BindText(3, by);
  stmt.BindTime(4, at);
  return stmt.Run();
}

Result<std::optional<int64_t>> Store::FindCustomer(const Identity& identity) {
  HEED_ASSIGN_OR_RETURN(
      Statement stmt,
      statements_->Prepare("SELECT customer_id FROM customer_links WHERE platform = ?1 AND "
                           "handle = ?2 ORDER BY id DESC LIMIT 1",
                           "find customer of " + identity.platform + ":" + identity.handle));
  stmt.BindText(1, identity.platform);
  stmt.BindText(2, identity.handle);
  HEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<int64_t>();
  HEED_ASSIGN_OR_RETURN(CustomerCard card, GetCustomer(stmt.Int64(0)));
  return std::optional<int64_t>(card.id);
}

Result<CustomerCard> Store::GetCustomer(int64_t customer_id) {
  const std::string what = "get customer " + std::to_string(customer_id);
  // Follow merges to the live card; merges form chains without cycles (a merged card cannot
  // merge again and nothing merges into itself), bounded here anyway.
  int64_t id = customer_id;
  for (int hops = 0;; ++hops) {
    if (hops > 1000) return Status::DataLoss(what + ": merge chain does not end");
    HEED_ASSIGN_OR_RETURN(Statement stmt,
                          statements_->Prepare("SELECT into_id FROM customer_merges "
                                               "WHERE from_id = ?1",
                                               what));
    stmt.BindInt64(1, id);
    HEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    id = stmt.Int64(0);
  }
  CustomerCard card;
  {
    HEED_ASSIGN_OR_RETURN(Statement stmt, statements_->Prepare("SELECT id, name, created_by, "
                                                               "created_at FROM customers "
                                                               "WHERE id = ?1",
                                                               what));
    stmt.BindInt64(1, id);
    HEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return Status::NotFound("customer " + std::to_string(customer_id) + " not found");
    card.id = stmt.Int64(0);
    card.name = stmt.Text(1);
    card.created_by = stmt.Text(2);
    card.created_at = stmt.Time(3);
  }
  {
    // An identity belongs to this card when its latest link points here.
    HEED_ASSIGN_OR_RETURN(
        Statement stmt,
        statements_->Prepare("SELECT l.platform, l.handle FROM customer_links l "
                             "WHERE l.customer_id = ?1 AND l.id = (SELECT max(id) FROM "
                             "customer_links WHERE platform = l.platform AND handle = l.handle) "
                             "ORDER BY l.id",
                             what));
    stmt.BindInt64(1, id);
    HEED_ASSIGN_OR_RETURN(card.identities, internal::ReadAll(stmt, [](const Statement& row) {
                            return Identity{row.Text(0), row.Text(1)};
                          }));
  }
  {
    HEED_ASSIGN_OR_RETURN(Statement stmt,
                          statements_->Prepare("SELECT from_id FROM customer_merges "
                                               "WHERE into_id = ?1 ORDER BY id",
                                               what));
    stmt.BindInt64(1, id);
    HEED_ASSIGN_OR_RETURN(card.merged_from, internal::ReadAll(stmt, [](const Statement& row) {
                            return row.Int64(0);
                          }));
  }
  return card;
}

namespace {

// Everything by the identities the CTE `ids` (platform, handle) selects, and everything staff
// did on those mentions, in one query so SQLite decides the order across kinds.
std::string TimelineSql(std::string_view ids_cte) {
  std::string sql = "WITH ids AS (";
  sql.append(ids_cte);
  sql.append(
      "), ms AS (SELECT m.id, m.platform, m.author_handle, m.text, m.created_at FROM mentions m"
      "  JOIN ids ON m.platform = ids.platform AND m.author_handle = ids.handle)"
      " SELECT created_at, 'mention', id, platform, author_handle, text, id FROM ms"
      " UNION ALL SELECT r.created_at, 'reply', r.mention_id, ms.platform, r.operator, r.text,"
      "  r.id FROM replies r JOIN ms ON r.mention_id = ms.id"
      " UNION ALL SELECT n.created_at, 'note', n.mention_id, ms.platform, n.operator, n.text,"
      "  n.id FROM notes n JOIN ms ON n.mention_id = ms.id"
      " UNION ALL SELECT e.at, 'status', e.mention_id, ms.platform, e.by, e.status, e.id"
      "  FROM status_events e JOIN ms ON e.mention_id = ms.id"
      " ORDER BY 1, 3, 7");
  return sql;
}

TimelineEntry ReadTimelineEntry(const Statement& row) {
  return TimelineEntry{row.Time(0), row.Text(1), row.Int64(2),
                       row.Text(3), row.Text(4), row.Text(5)};
}

}  // namespace

Result<std::vector<TimelineEntry>> Store::CustomerTimeline(int64_t customer_id) {
  HEED_ASSIGN_OR_RETURN(CustomerCard card, GetCustomer(customer_id));
  static const std::string kSql = TimelineSql(
      "SELECT l.platform, l.handle FROM customer_links l"
      " WHERE l.customer_id = ?1 AND l.id = (SELECT max(id) FROM customer_links"
      "  WHERE platform = l.platform AND handle = l.handle)");
  HEED_ASSIGN_OR_RETURN(
      Statement stmt,
      statements_->Prepare(kSql, "get timeline of customer " + std::to_string(customer_id)));
  stmt.BindInt64(1, card.id);
  return internal::ReadAll(stmt, ReadTimelineEntry);
}

Result<std::vector<TimelineEntry>> Store::IdentityTimeline(const Identity& identity) {
  static const std::string kSql = TimelineSql("SELECT ?1 AS platform, ?2 AS handle");
  HEED_ASSIGN_OR_RETURN(
      Statement stmt,
      statements_->Prepare(kSql, "get timeline of " + identity.platform + ":" + identity.handle));
  stmt.BindText(1, identity.platform);
  stmt.BindText(2, identity.handle);
  return internal::ReadAll(stmt, ReadTimelineEntry);
}

}  // namespace heed::store
