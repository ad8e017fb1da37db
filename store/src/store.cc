// Opening, transactions and every write. Reads that assemble inbox rows live in inbox.cc.
#include "heed/store/store.h"

#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <system_error>
#include <utility>

#include "migrations.h"
#include "rows.h"
#include "statement.h"

namespace heed::store {

using internal::ExecScript;
using internal::SqliteStatus;
using internal::Statement;

namespace {

constexpr int kBusyTimeoutMs = 5000;
// Page cache ceiling in KiB (negative: KiB for PRAGMA cache_size). The inbox ranking touches
// every mention; SQLite's 2 MiB default makes large inboxes thrash. Allocated only as used.
constexpr std::string_view kCacheSizePragma = "PRAGMA cache_size = -32768";

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\n\v\f\r") == std::string_view::npos;
}

// Applies connection settings and migrates. Errors carry no path; Open adds it.
Status Configure(sqlite3* db, bool in_memory, std::string_view path) {
  // Extended codes let SqliteStatus tell a trigger RAISE from a foreign-key or CHECK failure.
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  // Per connection and off by default; must be set outside a transaction.
  HEED_RETURN_IF_ERROR(ExecScript(db, "PRAGMA foreign_keys = ON", "enable foreign keys"));
  HEED_RETURN_IF_ERROR(ExecScript(db, kCacheSizePragma, "set cache size"));
  // The first statement that reads the file: a non-database fails here with SQLITE_NOTADB.
  HEED_ASSIGN_OR_RETURN(int version, internal::ReadSchemaVersion(db));
  static_cast<void>(version);
  if (!in_memory) {
    HEED_ASSIGN_OR_RETURN(Statement wal, Statement::Prepare(db, "PRAGMA journal_mode = WAL",
                                                            "switch to WAL journal"));
    HEED_ASSIGN_OR_RETURN(bool row, wal.Step());
    // SQLite answers with the mode in effect; it keeps the old one when WAL is impossible
    // (e.g. a filesystem without shared memory), which would break multi-process use.
    if (!row || wal.Text(0) != "wal") {
      return Status::Unavailable("switch to WAL journal: SQLite kept journal mode '" +
                                 (row ? wal.Text(0) : std::string()) + "'");
    }
    // In WAL mode NORMAL syncs at checkpoints, not at every commit: a crash of heed loses
    // nothing and the file stays consistent; a power cut may drop the last commits, which a
    // scan then fetches again, because a page's mentions and its checkpoint share a commit.
    HEED_RETURN_IF_ERROR(ExecScript(db, "PRAGMA synchronous = NORMAL", "set synchronous mode"));
  }
  return internal::Migrate(db, path);
}

}  // namespace

std::string_view ItemStatusName(ItemStatus s) {
  switch (s) {
    case ItemStatus::kNew:
      return "new";
    case ItemStatus::kInProgress:
      return "in_progress";
    case ItemStatus::kWaiting:
      return "waiting";
    case ItemStatus::kResolved:
      return "resolved";
  }
  return "new";
}

Result<ItemStatus> ParseItemStatus(std::string_view name) {
  for (ItemStatus s :
       {ItemStatus::kNew, ItemStatus::kInProgress, ItemStatus::kWaiting, ItemStatus::kResolved}) {
    if (name == ItemStatusName(s)) return s;
  }
  return Status::InvalidArgument("unknown status '" + std::string(name) +
                                 "' (expected new, in_progress, waiting or resolved)");
}

std::string_view ReplyStateName(ReplyState s) {
  switch (s) {
    case ReplyState::kPending:
      return "pending";
    case ReplyState::kSent:
      return "sent";
    case ReplyState::kFailed:
      return "failed";
  }
  return "pending";
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, OpenMode mode) {
  // SQLite treats "" as a private temporary file, which is never what a caller meant.
  if (path.empty()) return Status::InvalidArgument("open database: empty path");
  const bool in_memory = path == ":memory:";
  if (mode == OpenMode::kMustExist && !in_memory) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      return Status::NotFound("database file " + path + " does not exist");
    }
  }

  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  // Without CREATE, a file removed since the check above still fails instead of being created.
  if (mode == OpenMode::kCreate) flags |= SQLITE_OPEN_CREATE;
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  // The handle is owned from here on, also on failure (SQLite allocates one to carry the error).
  std::unique_ptr<Store> store(new Store(raw));
  if (rc != SQLITE_OK) {
    if (rc == SQLITE_CANTOPEN && mode == OpenMode::kMustExist) {
      return Status::NotFound("database file " + path + " does not exist or cannot be opened");
    }
    return SqliteStatus(raw, rc, "open database " + path);
  }

  Status status = Configure(raw, in_memory, path);
  if (status.code() == StatusCode::kDataLoss) {
    return Status::DataLoss("database file " + path +
                            " is not a heed database or is corrupt: " + status.message());
  }
  if (!status.ok()) return status.WithContext("open database " + path);
  return store;
}

Store::Store(sqlite3* db) : db_(db), statements_(std::make_unique<internal::StatementCache>(db)) {}

// close_v2 so a leaked statement cannot make close fail and leak the connection.
Store::~Store() {
  statements_.reset();  // finalized before the connection closes
  sqlite3_close_v2(db_);
}

int Store::SchemaVersion() const {
  Result<int> version = internal::ReadSchemaVersion(db_);
  return version.ok() ? *version : -1;
}

Status Store::InTransaction(const std::function<Status()>& body) {
  if (sqlite3_get_autocommit(db_) == 0) {
    return Status::FailedPrecondition("InTransaction: a transaction is already open");
  }
  // IMMEDIATE takes the write lock up front, so a busy database is reported (after the busy
  // timeout) at BEGIN rather than midway through body.
  HEED_RETURN_IF_ERROR(ExecScript(db_, "BEGIN IMMEDIATE", "begin transaction"));
  // Rolls back whatever is still open when this scope exits, including by an exception
  // escaping body, so the connection is never left inside a transaction.
  struct RollbackGuard {
    sqlite3* db;
    ~RollbackGuard() {
      if (sqlite3_get_autocommit(db) == 0) {
        Status ignored = ExecScript(db, "ROLLBACK", "roll back transaction");
        static_cast<void>(ignored);  // the caller gets body's or COMMIT's failure instead
      }
    }
  } guard{db_};
  HEED_RETURN_IF_ERROR(body());
  return ExecScript(db_, "COMMIT", "commit transaction");
}

Result<InsertOutcome> Store::InsertMention(const Mention& m, std::string_view connector,
                                           TimePoint fetched_at) {
  if (m.platform.empty() || m.remote_id.empty()) {
    return Status::InvalidArgument("insert mention: platform and remote_id are required (got '" +
                                   m.platform + "', '" + m.remote_id + "')");
  }
  if (m.rating.has_value() && (*m.rating < 1 || *m.rating > 5)) {
    return Status::InvalidArgument("insert mention " + m.platform + "/" + m.remote_id +
                                   ": rating " + std::to_string(*m.rating) + " is outside 1..5");
  }
  const std::string what = "insert mention " + m.platform + "/" + m.remote_id;
  HEED_ASSIGN_OR_RETURN(
      Statement insert,
      statements_->Prepare("INSERT INTO mentions (platform, remote_id, connector, thread_id, "
                           "parent_id, author_id, author_handle, author_name, author_url, text, "
                           "language, url, created_at, fetched_at, rating, raw_json, owner_reply, "
                           "removed_at_source, author_reach) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                           "?15, ?16, ?17, ?18, ?19) ON CONFLICT (platform, remote_id) DO NOTHING",
                           what));
  insert.BindText(1, m.platform);
  insert.BindText(2, m.remote_id);
  insert.BindText(3, connector);
  insert.BindText(4, m.thread_id);
  insert.BindText(5, m.parent_id);
  insert.BindText(6, m.author.id);
  insert.BindText(7, m.author.handle);
  insert.BindText(8, m.author.display_name);
  insert.BindText(9, m.author.profile_url);
  insert.BindText(10, m.text);
  insert.BindText(11, m.language);
  insert.BindText(12, m.url);
  insert.BindTime(13, m.created_at);
  insert.BindTime(14, fetched_at);
  if (m.rating.has_value()) {
    insert.BindInt64(15, *m.rating);
  } else {
    insert.BindNull(15);
  }
  insert.BindText(16, m.raw_json);
  insert.BindText(17, m.owner_reply);
  insert.BindInt64(18, m.removed_at_source ? 1 : 0);
  if (m.author.reach.has_value() && *m.author.reach >= 0) {
    insert.BindInt64(19, *m.author.reach);
  } else {
    insert.BindNull(19);
  }
  HEED_RETURN_IF_ERROR(insert.Run());
  if (sqlite3_changes(db_) == 1) return InsertOutcome{sqlite3_last_insert_rowid(db_), true};
  return AppendVersionIfChanged(m, fetched_at);
}

Result<InsertOutcome> Store::AppendVersionIfChanged(const Mention& m, TimePoint fetched_at) {
  const std::string what = "compare mention " + m.platform + "/" + m.remote_id;
  HEED_ASSIGN_OR_RETURN(
      Statement find,
      statements_->Prepare("SELECT " + std::string(internal::kMentionColumns) + " FROM mentions m" +
                               std::string(internal::kCurrentVersionJoin) +
                               " WHERE m.platform = ?1 AND m.remote_id = ?2",
                           what));
  find.BindText(1, m.platform);
  find.BindText(2, m.remote_id);
  HEED_ASSIGN_OR_RETURN(bool row, find.Step());
  if (!row) return Status::Internal(what + ": insert was skipped but no existing row was found");
  const StoredMention current = internal::ReadMention(find, 0);
  const Mention& now = current.mention;
  // Once removed, the source's placeholder text ("[deleted]") is not a new version of the post.
  const std::string& text = m.removed_at_source ? now.text : m.text;
  InsertOutcome outcome{current.id, false, false, text != now.text};
  if (!outcome.text_changed && m.rating == now.rating && m.owner_reply == now.owner_reply &&
      m.removed_at_source == now.removed_at_source) {
    return outcome;
  }
  HEED_ASSIGN_OR_RETURN(
      Statement insert,
      statements_->Prepare("INSERT INTO mention_versions (mention_id, text, rating, owner_reply, "
                           "removed_at_source, raw_json, fetched_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                           "append version of mention " + m.platform + "/" + m.remote_id));
  insert.BindInt64(1, current.id);
  insert.BindText(2, text);
  if (m.rating.has_value()) {
    insert.BindInt64(3, *m.rating);
  } else {
    insert.BindNull(3);
  }
  insert.BindText(4, m.owner_reply);
  insert.BindInt64(5, m.removed_at_source ? 1 : 0);
  insert.BindText(6, m.raw_json);
  insert.BindTime(7, fetched_at);
  HEED_RETURN_IF_ERROR(insert.Run());
  outcome.changed = true;
  return outcome;
}

Result<StoredMention> Store::GetMention(int64_t id) {
  const std::string what = "get mention " + std::to_string(id);
  HEED_ASSIGN_OR_RETURN(
      Statement stmt,
      statements_->Prepare("SELECT " + std::string(internal::kMentionColumns) + " FROM mentions m" +
                               std::string(internal::kCurrentVersionJoin) + " WHERE m.id = ?1",
                           what));
  stmt.BindInt64(1, id);
  HEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Status::NotFound("mention " + std::to_string(id) + " not found");
  return internal::ReadMention(stmt, 0);
}

Result<int64_t> Store::CountMentions() {
  HEED_ASSIGN_OR_RETURN(Statement stmt,
                        statements_->Prepare("SELECT count(*) FROM mentions", "count mentions"));
  HEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Status::Internal("count mentions: no result row");
  return stmt.Int64(0);
}

Status Store::InsertScore(int64_t mention_id, const ScoreRecord& score) {
  HEED_ASSIGN_OR_RETURN(
      Statement stmt,
      statements_->Prepare("INSERT INTO sentiment_scores (mention_id, compound, label, language, "
                           "lexicon_version, explanation, urgency, scored_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                           "insert score for mention " + std::to_string(mention_id)));
  stmt.BindInt64(1, mention_id);
  stmt.BindDouble(2, score.compound);
  stmt.BindText(3, score.label);
  stmt.BindText(4, score.language);
  stmt.BindText(5, score.lexicon_version);
  stmt.BindText(6, score.explanation);
  stmt.BindText(7, score.urgency);
  stmt.BindTime(8, score.scored_at);
  return stmt.Run();
}

Result<int64_t> Store::InsertDeadline(int64_t mention_id, const DeadlineRecord& deadline) {
  HEED_ASSIGN_OR_RETURN(
      Statement stmt, statements_->Prepare(
                          "INSERT INTO deadlines (mention_id, policy, rule, starts_at, due_at, "
                          "computed_at, target, budget_ms, paused_ms, paused_now, calendar, "
                          "explanation) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                          "insert deadline for mention " + std::to_string(mention_id)));
  stmt.BindInt64(1, mention_id);
  stmt.BindText(2, deadline.policy);
  stmt.BindText(3, deadline.rule);
  stmt.BindTime(4, deadline.starts_at);
  stmt.BindOptionalTime(5, deadline.due_at);
  stmt.BindTime(6, deadline.computed_at);
  stmt.BindText(7, deadline.target);
  if (deadline.budget) {
    stmt.BindInt64(8, deadline.budget->count());
  } else {
    stmt.BindNull(8);
  }
  stmt.BindInt64(9, deadline.paused.count());
  stmt.BindInt64(10, deadline.paused_now ? 1 : 0);
  stmt.BindText(11, deadline.calendar);
  stmt.BindText(12, deadline.explanation);
  HEED_RETURN_IF_ERROR(stmt.Run());
  return sqlite3_last_insert_rowid(db_);
}

Status Store::AppendStatus(const StatusEvent& event) {
  const std::string what = "append status for mention " + std::to_string(event.mention_id);
  if (IsBlank(event.by)) return Status::InvalidArgument(what + ": 'by' is required");
  HEED_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(
          db_, "INSERT INTO status_events (mention_id, status, by, at) VALUES (?1, ?2, ?3, ?4)",
          what));
  stmt.BindInt64(1, event.mention_id);
  stmt.BindText(2, ItemStatusName(event.status));
  stmt.BindText(3, event.by);
  stmt.BindTime(4, event.at);
  return stmt.Run();
}

Result<int64_t> Store::InsertReply(const ReplyRecord& reply) {
  const std::string what = "insert reply for mention " + std::to_string(reply.mention_id);
  if (IsBlank(reply.text)) return Status::InvalidArgument(what + ": reply text is empty");
  HEED_ASSIGN_OR_RETURN(
      Statement stmt,
      statements_->Prepare("INSERT INTO replies (mention_id, text, operator, created_at, state, "
                           "remote_id, url, sent_at, error, manual, requires_approval, auto_ack) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                           what));
  stmt.BindInt64(1, reply.mention_id);
  stmt.BindText(2, reply.text);
  stmt.BindText(3, reply.operator_name);
  stmt.BindTime(4, reply.created_at);
  stmt.BindText(5, ReplyStateName(reply.state));
  stmt.BindText(6, reply.remote_id);
  stmt.BindText(7, reply.url);
  stmt.BindOptionalTime(8, reply.sent_at);
  stmt.BindText(9, reply.error);
  stmt.BindInt64(10, reply.manual ? 1 : 0);
  stmt.BindInt64(11, reply.requires_approval ? 1 : 0);
  stmt.BindInt64(12, reply.auto_ack ? 1 : 0);
  HEED_RETURN_IF_ERROR(stmt.Run());
  return sqlite3_last_insert_rowid(db_);
}

Status Store::MarkReplySent(int64_t reply_id, std::string_view remote_id, std::string_view url,
                            TimePoint sent_at) {
  const std::string what = "mark reply " + std::to_string(reply_id) + " sent";
  HEED_ASSIGN_OR_RETURN(Statement stmt,
                        statements_->Prepare("UPDATE replies SET state = 'sent', remote_id = ?2, "
                                             "url = ?3, sent_at = ?4, error = '' WHERE id = ?1",
                                             what));
  stmt.BindInt64(1, reply_id);
  stmt.BindText(2, remote_id);
  stmt.BindText(3, url);
  stmt.BindTime(4, sent_at);
  HEED_RETURN_IF_ERROR(stmt.Run());
  if (sqlite3_changes(db_) == 0) return Status::NotFound(what + ": no such reply");
  return Status::Ok();
}

Status Store::MarkReplyFailed(int64_t reply_id, std::string_view error) {
  const std::string what = "mark reply " + std::to_string(reply_id) + " failed";
  HEED_ASSIGN_OR_RETURN(
      Statement stmt,
      statements_->Prepare("UPDATE replies SET state = 'failed', error = ?2 WHERE id = ?1", what));
  stmt.BindInt64(1, reply_id);
  stmt.BindText(2, error);
  HEED_RETURN_IF_ERROR(stmt.Run());
  if (sqlite3_changes(db_) == 0) return Status::NotFound(what + ": no such reply");
  return Status::Ok();
}

Result<int64_t> Store::InsertNote(const NoteRecord& note) {
  const std::string what = "insert note for mention " + std::to_string(note.mention_id);
  if (IsBlank(note.operator_name)) {
    return Status::InvalidArgument(what + ": notes must be signed (operator is empty)");
  }
  if (IsBlank(note.text)) return Status::InvalidArgument(what + ": note text is empty");
  HEED_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(
          db_, "INSERT INTO notes (mention_id, operator, text, created_at) VALUES (?1, ?2, ?3, ?4)",
          what));
  stmt.BindInt64(1, note.mention_id);
  stmt.BindText(2, note.operator_name);
  stmt.BindText(3, note.text);
  stmt.BindTime(4, note.created_at);
  HEED_RETURN_IF_ERROR(stmt.Run());
  return sqlite3_last_insert_rowid(db_);
}

Result<std::optional<std::string>> Store::GetCheckpoint(std::string_view connector) {
  HEED_ASSIGN_OR_RETURN(
      Statement stmt,
      statements_->Prepare("SELECT value FROM checkpoints WHERE connector = ?1",
                           "get checkpoint for connector '" + std::string(connector) + "'"));
  stmt.BindText(1, connector);
  HEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(stmt.Text(0));
}

Status Store::SetCheckpoint(std::string_view connector, std::string_view value, TimePoint at) {
  const std::string what = "set checkpoint for connector '" + std::string(connector) + "'";
  if (connector.empty()) return Status::InvalidArgument(what + ": connector name is empty");
  HEED_ASSIGN_OR_RETURN(
      Statement stmt,
      statements_->Prepare("INSERT INTO checkpoints (connector, value, updated_at) "
                           "VALUES (?1, ?2, ?3) ON CONFLICT (connector) DO UPDATE SET "
                           "value = excluded.value, updated_at = excluded.updated_at",
                           what));
  stmt.BindText(1, connector);
  stmt.BindText(2, value);
  stmt.BindTime(3, at);
  return stmt.Run();
}

Status Store::ExecForTest(std::string_view sql) { return ExecScript(db_, sql, "exec"); }

}  // namespace heed::store
