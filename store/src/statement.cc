#include "statement.h"

#include <cstdint>
#include <utility>

namespace heed::store::internal {
namespace {

// SQLITE_TRANSIENT spelled without the macro's C-style cast (the build warns on those).
const sqlite3_destructor_type kTransient =
    reinterpret_cast<sqlite3_destructor_type>(static_cast<intptr_t>(-1));

}  // namespace

Status SqliteStatus(sqlite3* db, int rc, std::string_view what) {
  // sqlite3_errmsg describes the connection's most recent failure; use it only when it is the
  // failure we were handed, else fall back to the generic text for rc.
  std::string detail;
  if (db != nullptr && (sqlite3_extended_errcode(db) & 0xff) == (rc & 0xff)) {
    detail = sqlite3_errmsg(db);
  } else {
    detail = sqlite3_errstr(rc);
  }
  std::string message = std::string(what) + ": " + detail;

  switch (rc) {
    case SQLITE_CONSTRAINT_TRIGGER:
      return Status::FailedPrecondition(std::move(message));
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return Status::NotFound(std::string(what) + ": referenced mention does not exist (" + detail +
                              ")");
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return Status::AlreadyExists(std::move(message));
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL:
      return Status::InvalidArgument(std::move(message));
    default:
      break;
  }
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
    case SQLITE_READONLY:
      return Status::FailedPrecondition(std::move(message));
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return Status::DataLoss(std::move(message));
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_PROTOCOL:
      return Status::Unavailable(std::move(message));
    default:
      return Status::Internal(std::move(message));
  }
}

Result<Statement> Statement::Prepare(sqlite3* db, std::string_view sql, std::string_view what) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return SqliteStatus(db, rc, what);
  }
  if (stmt == nullptr) return Status::Internal(std::string(what) + ": empty SQL statement");
  return Statement(db, stmt, std::string(what));
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      cache_(other.cache_),
      what_(std::move(other.what_)),
      bind_error_(std::move(other.bind_error_)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    Release();
    db_ = other.db_;
    stmt_ = std::exchange(other.stmt_, nullptr);
    cache_ = other.cache_;
    what_ = std::move(other.what_);
    bind_error_ = std::move(other.bind_error_);
  }
  return *this;
}

Statement::~Statement() { Release(); }

void Statement::Release() {
  if (stmt_ == nullptr) return;
  if (cache_ != nullptr) {
    // Back to the cache ready for the next use; reset also ends any open read.
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    cache_->Return(stmt_);
  } else {
    sqlite3_finalize(stmt_);
  }
  stmt_ = nullptr;
}

StatementCache::~StatementCache() {
  for (auto& [sql, entry] : statements_) sqlite3_finalize(entry.stmt);
}

void StatementCache::Return(sqlite3_stmt* stmt) {
  auto it = by_stmt_.find(stmt);
  if (it != by_stmt_.end()) it->second->in_use = false;
}

Result<Statement> StatementCache::Prepare(std::string_view sql, std::string_view what) {
  auto it = statements_.find(std::string(sql));
  if (it == statements_.end()) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(stmt);
      return SqliteStatus(db_, rc, what);
    }
    if (stmt == nullptr) return Status::Internal(std::string(what) + ": empty SQL statement");
    it = statements_.emplace(std::string(sql), Entry{stmt, false}).first;
    by_stmt_[stmt] = &it->second;
  }
  // A caller further up still holds this text (a nested query): give it its own statement.
  if (it->second.in_use) return Statement::Prepare(db_, sql, what);
  it->second.in_use = true;
  return Statement(db_, it->second.stmt, std::string(what), this);
}

void Statement::NoteBind(int rc) {
  if (rc != SQLITE_OK && bind_error_.ok()) bind_error_ = SqliteStatus(db_, rc, what_ + " (bind)");
}

void Statement::BindInt64(int index, int64_t value) {
  NoteBind(sqlite3_bind_int64(stmt_, index, value));
}

void Statement::BindDouble(int index, double value) {
  NoteBind(sqlite3_bind_double(stmt_, index, value));
}

void Statement::BindText(int index, std::string_view value) {
  // An empty string_view may carry a null data(), which SQLite would store as NULL.
  const char* data = value.empty() ? "" : value.data();
  NoteBind(sqlite3_bind_text64(stmt_, index, data, value.size(), kTransient, SQLITE_UTF8));
}

void Statement::BindNull(int index) { NoteBind(sqlite3_bind_null(stmt_, index)); }

void Statement::BindOptionalTime(int index, const std::optional<TimePoint>& t) {
  if (t.has_value()) {
    BindTime(index, *t);
  } else {
    BindNull(index);
  }
}

Result<bool> Statement::Step() {
  if (!bind_error_.ok()) return bind_error_;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteStatus(db_, rc, what_);
}

Status Statement::Run() {
  while (true) {
    HEED_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) return Status::Ok();
  }
}

bool Statement::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

int64_t Statement::Int64(int col) const { return sqlite3_column_int64(stmt_, col); }

double Statement::Double(int col) const { return sqlite3_column_double(stmt_, col); }

std::string Statement::Text(int col) const {
  const unsigned char* text = sqlite3_column_text(stmt_, col);
  if (text == nullptr) return {};
  // column_bytes after column_text gives the length of exactly that buffer, so embedded NULs
  // and invalid UTF-8 come back byte for byte.
  int size = sqlite3_column_bytes(stmt_, col);
  return std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size));
}

std::optional<TimePoint> Statement::OptionalTime(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Time(col);
}

Status ExecScript(sqlite3* db, std::string_view sql, std::string_view what) {
  const char* next = sql.data();
  const char* end = sql.data() + sql.size();
  while (next < end) {
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(db, next, static_cast<int>(end - next), &raw, &tail);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(raw);
      return SqliteStatus(db, rc, what);
    }
    if (raw == nullptr) break;  // only whitespace or comments were left
    next = tail;
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) {
      Status s = SqliteStatus(db, rc, what);
      sqlite3_finalize(raw);
      return s;
    }
    sqlite3_finalize(raw);
  }
  return Status::Ok();
}

}  // namespace heed::store::internal
