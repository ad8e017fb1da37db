// Reads that assemble inbox rows: ListInbox and GetDetail.
//
// An item's current score, deadline and status are its latest rows (highest id) in the
// append-only tables, found per mention through the (mention_id) indexes, whose entries end in
// the rowid, so max(id) is a single index probe.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "heed/store/store.h"
#include "rows.h"
#include "statement.h"

namespace heed::store {

using internal::Statement;

namespace {

// Result columns: mention, score, deadline, then the status name.
constexpr int kScoreFirst = internal::kMentionColumnCount;
constexpr int kDeadlineFirst = kScoreFirst + internal::kScoreColumnCount;
constexpr int kStatusColumn = kDeadlineFirst + internal::kDeadlineColumnCount;
constexpr int kAssigneeColumn = kStatusColumn + 1;

// Inbox items for the rows of inbox_state (alias i) matching filter, a constant condition that
// may use ?1; ?3 is the LIMIT (-1 for none).
//
// Two phases: `ranked` orders and limits on inbox_state alone, whose indexes match kRankOrder
// so the scan stops at the LIMIT, and only the survivors have their text, score and deadline
// read.
std::string ItemQuery(std::string_view filter) {
  constexpr std::string_view kRankOrder =
      " ORDER BY i.due_at IS NULL, i.due_at, i.created_at DESC, i.mention_id DESC";
  constexpr std::string_view kResultOrder =
      " ORDER BY ranked.due_at IS NULL, ranked.due_at, ranked.created_at DESC,"
      " ranked.mention_id DESC";
  std::string sql =
      "WITH ranked AS ("
      " SELECT i.mention_id AS mention_id, i.created_at AS created_at,"
      "  i.deadline_id AS deadline_id, i.due_at AS due_at, i.status AS status,"
      "  i.assignee AS assignee"
      " FROM inbox_state i WHERE ";
  sql.append(filter);
  sql.append(kRankOrder);
  sql.append(" LIMIT ?3) SELECT ");
  sql.append(internal::kMentionColumns);
  sql.append(", ");
  sql.append(internal::kScoreColumns);
  sql.append(", ");
  sql.append(internal::kDeadlineColumns);
  sql.append(
      ", ranked.status, ranked.assignee FROM ranked JOIN mentions m ON m.id = ranked.mention_id");
  sql.append(internal::kCurrentVersionJoin);
  sql.append(
      " LEFT JOIN sentiment_scores s"
      "  ON s.id = (SELECT max(id) FROM sentiment_scores WHERE mention_id = m.id)"
      " LEFT JOIN deadlines d ON d.id = ranked.deadline_id");
  // SQLite does not promise that a join preserves the subquery's order, so state it again.
  sql.append(kResultOrder);
  return sql;
}

Result<InboxItem> ReadItem(const Statement& row) {
  InboxItem item;
  item.stored = internal::ReadMention(row, 0);
  item.score = internal::ReadScore(row, kScoreFirst);
  item.deadline = internal::ReadDeadline(row, kDeadlineFirst);
  HEED_ASSIGN_OR_RETURN(item.status, internal::ReadItemStatus(row, kStatusColumn));
  item.assignee = row.Text(kAssigneeColumn);
  return item;
}

}  // namespace

Result<std::vector<InboxItem>> Store::ListInbox(const InboxQuery& query) {
  // The filter is assembled from constant fragments only (values are bound), and only the
  // fragments a query needs, rather than "?1 = '' OR platform = ?1": such catch-all conditions
  // would stop SQLite from walking the index that matches the case. The few distinct texts are
  // compiled once each by the statement cache.
  std::string filter = "1";
  // An explicit status decides by itself; overdue only makes sense for open items.
  const bool open_only =
      query.overdue_at.has_value() || (!query.include_resolved && !query.status.has_value());
  if (!query.platform.empty()) filter += " AND i.platform = ?1";
  if (open_only) filter += " AND i.open = 1";
  if (query.status) filter += " AND i.status = ?4";
  if (!query.label.empty()) filter += " AND i.label = ?5";
  if (!query.language.empty()) filter += " AND i.language = ?6";
  if (query.overdue_at) filter += " AND i.due_at < ?7";
  if (query.assignee) filter += " AND i.assignee = ?8";
  // Ids are integers formatted here, never text from the caller, so splicing them is safe; a
  // bulk operation names at most a few hundred.
  if (!query.ids.empty()) {
    filter += " AND i.mention_id IN (";
    for (size_t k = 0; k < query.ids.size(); ++k) {
      if (k > 0) filter += ",";
      filter += std::to_string(query.ids[k]);
    }
    filter += ")";
  }

  HEED_ASSIGN_OR_RETURN(Statement stmt, statements_->Prepare(ItemQuery(filter), "list inbox"));
  if (!query.platform.empty()) stmt.BindText(1, query.platform);
  if (query.status) stmt.BindText(4, ItemStatusName(*query.status));
  if (!query.label.empty()) stmt.BindText(5, query.label);
  if (!query.language.empty()) stmt.BindText(6, query.language);
  if (query.overdue_at) stmt.BindTime(7, *query.overdue_at);
  if (query.assignee) stmt.BindText(8, *query.assignee);
  // LIMIT -1 is SQLite's "no limit".
  stmt.BindInt64(3, query.limit == 0 ? -1 : static_cast<int64_t>(query.limit));

  std::vector<InboxItem> items;
  while (true) {
    HEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    HEED_ASSIGN_OR_RETURN(InboxItem item, ReadItem(stmt));
    items.push_back(std::move(item));
  }
  return items;
}

Result<MentionDetail> Store::GetDetail(int64_t mention_id) {
  const std::string id = std::to_string(mention_id);
  MentionDetail detail;
  {
    static const std::string kSql = ItemQuery("i.mention_id = ?1");
    HEED_ASSIGN_OR_RETURN(Statement stmt,
                          statements_->Prepare(kSql, "get detail of mention " + id));
    stmt.BindInt64(1, mention_id);
    stmt.BindInt64(3, -1);
    HEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return Status::NotFound("mention " + id + " not found");
    HEED_ASSIGN_OR_RETURN(detail.item, ReadItem(stmt));
  }
  {
    HEED_ASSIGN_OR_RETURN(
        Statement stmt,
        statements_->Prepare("SELECT " + std::string(internal::kStatusEventColumns) +
                                 " FROM status_events WHERE mention_id = ?1 ORDER BY id",
                             "get status history of mention " + id));
    stmt.BindInt64(1, mention_id);
    while (true) {
      HEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      HEED_ASSIGN_OR_RETURN(StatusEvent event, internal::ReadStatusEvent(stmt, 0));
      detail.history.push_back(std::move(event));
    }
  }
  {
    HEED_ASSIGN_OR_RETURN(
        Statement stmt, statements_->Prepare("SELECT " + std::string(internal::kReplyColumns) +
                                                 " FROM replies WHERE mention_id = ?1 ORDER BY id",
                                             "get replies of mention " + id));
    stmt.BindInt64(1, mention_id);
    while (true) {
      HEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      HEED_ASSIGN_OR_RETURN(ReplyRecord reply, internal::ReadReply(stmt, 0));
      detail.replies.push_back(std::move(reply));
    }
  }
  {
    HEED_ASSIGN_OR_RETURN(Statement stmt,
                          statements_->Prepare("SELECT " + std::string(internal::kNoteColumns) +
                                                   " FROM notes WHERE mention_id = ?1 ORDER BY id",
                                               "get notes of mention " + id));
    stmt.BindInt64(1, mention_id);
    while (true) {
      HEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      detail.notes.push_back(internal::ReadNote(stmt, 0));
    }
  }
  {
    // The first fetch is the mentions row itself; later ones are mention_versions.
    HEED_ASSIGN_OR_RETURN(
        Statement stmt,
        statements_->Prepare("SELECT text, rating, owner_reply, removed_at_source, fetched_at "
                             "FROM mentions WHERE id = ?1 UNION ALL "
                             "SELECT * FROM (SELECT text, rating, owner_reply, removed_at_source, "
                             "fetched_at FROM mention_versions WHERE mention_id = ?1 ORDER BY id)",
                             "get versions of mention " + id));
    stmt.BindInt64(1, mention_id);
    while (true) {
      HEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      MentionVersion version;
      version.text = stmt.Text(0);
      if (!stmt.IsNull(1)) version.rating = static_cast<int>(stmt.Int64(1));
      version.owner_reply = stmt.Text(2);
      version.removed_at_source = stmt.Int64(3) != 0;
      version.fetched_at = stmt.Time(4);
      detail.versions.push_back(std::move(version));
    }
  }
  {
    HEED_ASSIGN_OR_RETURN(
        Statement stmt,
        statements_->Prepare("SELECT " + std::string(internal::kSlaEventColumns) +
                                 " FROM sla_events WHERE mention_id = ?1 ORDER BY at, id",
                             "get SLA events of mention " + id));
    stmt.BindInt64(1, mention_id);
    HEED_ASSIGN_OR_RETURN(detail.sla_events, internal::ReadAll(stmt, [](const Statement& row) {
                            return internal::ReadSlaEvent(row, 0);
                          }));
  }
  {
    HEED_ASSIGN_OR_RETURN(
        Statement stmt, statements_->Prepare("SELECT mention_id, assignee, by, at FROM assignments "
                                             "WHERE mention_id = ?1 ORDER BY id",
                                             "get assignments of mention " + id));
    stmt.BindInt64(1, mention_id);
    HEED_ASSIGN_OR_RETURN(detail.assignments, internal::ReadAll(stmt, [](const Statement& row) {
                            return Assignment{row.Int64(0), row.Text(1), row.Text(2), row.Time(3)};
                          }));
  }
  {
    HEED_ASSIGN_OR_RETURN(
        Statement stmt,
        statements_->Prepare("SELECT " + std::string(internal::kDeadlineColumns) +
                                 " FROM deadlines d WHERE d.mention_id = ?1 ORDER BY d.id",
                             "get deadlines of mention " + id));
    stmt.BindInt64(1, mention_id);
    HEED_ASSIGN_OR_RETURN(detail.deadlines, internal::ReadAll(stmt, [](const Statement& row) {
                            return *internal::ReadDeadline(row, 0);
                          }));
  }
  return detail;
}

}  // namespace heed::store
