// The SQLite seam of heed::store: a RAII prepared statement and the single mapping from SQLite
// result codes to Status. Every query in the module goes through Statement, so values always
// travel as bound parameters and every failure names what was being attempted.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "heed/core/clock.h"
#include "heed/core/result.h"
#include "heed/core/status.h"

namespace heed::store::internal {

// Converts a failed SQLite call on db (rc, preferably an extended code) into a Status whose
// message is "<what>: <SQLite's message>". This is the only place that decides which
// StatusCode a SQLite failure becomes:
//   trigger RAISE (append-only refusal)  -> kFailedPrecondition, SQLite's message kept
//   FOREIGN KEY                          -> kNotFound (the referenced mention does not exist)
//   UNIQUE / PRIMARY KEY                 -> kAlreadyExists
//   CHECK / NOT NULL                     -> kInvalidArgument
//   NOTADB / CORRUPT                     -> kDataLoss
//   BUSY / LOCKED / IOERR / FULL / ...   -> kUnavailable
Status SqliteStatus(sqlite3* db, int rc, std::string_view what);

class StatementCache;

class Statement {
 public:
  // Prepares the first statement of sql. `what` describes the operation for error messages.
  static Result<Statement> Prepare(sqlite3* db, std::string_view sql, std::string_view what);

  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binders take SQLite's 1-based parameter index. Text is copied (SQLITE_TRANSIENT), so
  // temporaries are safe. A failed bind is remembered and returned by the next Step/Run, which
  // lets call sites bind a whole row without checking each call.
  void BindInt64(int index, int64_t value);
  void BindDouble(int index, double value);
  void BindText(int index, std::string_view value);
  void BindNull(int index);
  void BindTime(int index, TimePoint t) { BindInt64(index, ToUnixMillis(t)); }
  void BindOptionalTime(int index, const std::optional<TimePoint>& t);

  // true: a row is ready for the column readers; false: the statement is done.
  Result<bool> Step();
  // Steps to completion, discarding any rows.
  Status Run();

  // Column readers take a 0-based index and are valid only after Step returned true.
  // Text returns the stored bytes unchanged (also when they are not valid UTF-8); NULL -> "".
  bool IsNull(int col) const;
  int64_t Int64(int col) const;
  double Double(int col) const;
  std::string Text(int col) const;
  TimePoint Time(int col) const { return FromUnixMillis(Int64(col)); }
  std::optional<TimePoint> OptionalTime(int col) const;

 private:
  friend class StatementCache;
  Statement(sqlite3* db, sqlite3_stmt* stmt, std::string what, StatementCache* cache = nullptr)
      : db_(db), stmt_(stmt), cache_(cache), what_(std::move(what)) {}
  void NoteBind(int rc);
  void Release();

  sqlite3* db_ = nullptr;
  // Owned and finalized by the destructor, unless borrowed from cache_: then the destructor
  // resets it, clears its bindings and hands it back; the cache finalizes it.
  sqlite3_stmt* stmt_ = nullptr;
  StatementCache* cache_ = nullptr;
  std::string what_;
  Status bind_error_;  // first failed bind, reported by Step
};

// Prepared statements kept for the life of a connection. Compiling an INSERT also compiles the
// table's triggers, which made preparing cost more than running; the store's statements are a
// fixed set of constant texts, so each is compiled once.
// Not thread-safe (one per connection, like the connection). Must be destroyed before the
// connection is closed.
class StatementCache {
 public:
  explicit StatementCache(sqlite3* db) : db_(db) {}
  ~StatementCache();
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  // Like Statement::Prepare, reusing the compiled statement for the same sql text. A statement
  // still in use (a nested query with the same text) gets a fresh, uncached one.
  Result<Statement> Prepare(std::string_view sql, std::string_view what);

 private:
  friend class Statement;
  struct Entry {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  void Return(sqlite3_stmt* stmt);

  sqlite3* db_;
  std::unordered_map<std::string, Entry> statements_;
  std::unordered_map<sqlite3_stmt*, Entry*> by_stmt_;  // node-based map: pointers are stable
};

// Runs every statement in sql (a ;-separated script without parameters), discarding rows.
// For schema scripts, transaction control and ExecForTest only; never for values.
Status ExecScript(sqlite3* db, std::string_view sql, std::string_view what);

}  // namespace heed::store::internal
