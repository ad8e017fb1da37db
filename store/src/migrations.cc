#include "migrations.h"

#include <array>
#include <string>

#include "heed/store/store.h"
#include "statement.h"

namespace heed::store::internal {
namespace {

// Version 1. Conventions: times are INTEGER Unix milliseconds; text columns are NOT NULL with
// '' for "absent" so readers never distinguish NULL from empty; "latest row per mention" means
// the highest id, which is why every per-mention index ends (implicitly) in the rowid.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE mentions (
  id            INTEGER PRIMARY KEY,
  platform      TEXT    NOT NULL CHECK (platform <> ''),
  remote_id     TEXT    NOT NULL CHECK (remote_id <> ''),
  connector     TEXT    NOT NULL,
  thread_id     TEXT    NOT NULL,
  parent_id     TEXT    NOT NULL,
  author_id     TEXT    NOT NULL,
  author_handle TEXT    NOT NULL,
  author_name   TEXT    NOT NULL,
  author_url    TEXT    NOT NULL,
  text          TEXT    NOT NULL,
  language      TEXT    NOT NULL,
  url           TEXT    NOT NULL,
  created_at    INTEGER NOT NULL,
  fetched_at    INTEGER NOT NULL,
  rating        INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
  raw_json      TEXT    NOT NULL,
  UNIQUE (platform, remote_id)
);
-- Covers the inbox ranking scan (id, platform, created_at) without reading the wide rows.
CREATE INDEX mentions_by_platform_created_at ON mentions (platform, created_at);

CREATE TABLE sentiment_scores (
  id              INTEGER PRIMARY KEY,
  mention_id      INTEGER NOT NULL REFERENCES mentions (id),
  compound        REAL    NOT NULL CHECK (compound BETWEEN -1 AND 1),
  label           TEXT    NOT NULL CHECK (label IN ('negative', 'neutral', 'positive')),
  language        TEXT    NOT NULL,
  lexicon_version TEXT    NOT NULL,
  explanation     TEXT    NOT NULL,
  urgency         TEXT    NOT NULL,
  scored_at       INTEGER NOT NULL
);
CREATE INDEX sentiment_scores_by_mention ON sentiment_scores (mention_id);

CREATE TABLE deadlines (
  id          INTEGER PRIMARY KEY,
  mention_id  INTEGER NOT NULL REFERENCES mentions (id),
  policy      TEXT    NOT NULL,
  rule        TEXT    NOT NULL,
  starts_at   INTEGER NOT NULL,
  due_at      INTEGER,
  computed_at INTEGER NOT NULL
);
CREATE INDEX deadlines_by_mention ON deadlines (mention_id);

CREATE TABLE status_events (
  id         INTEGER PRIMARY KEY,
  mention_id INTEGER NOT NULL REFERENCES mentions (id),
  status     TEXT    NOT NULL CHECK (status IN ('new', 'in_progress', 'waiting', 'resolved')),
  by         TEXT    NOT NULL CHECK (by <> ''),
  at         INTEGER NOT NULL
);
CREATE INDEX status_events_by_mention ON status_events (mention_id);

CREATE TABLE replies (
  id         INTEGER PRIMARY KEY,
  mention_id INTEGER NOT NULL REFERENCES mentions (id),
  text       TEXT    NOT NULL CHECK (text <> ''),
  operator   TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  state      TEXT    NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
  remote_id  TEXT    NOT NULL,
  url        TEXT    NOT NULL,
  sent_at    INTEGER,
  error      TEXT    NOT NULL
);
CREATE INDEX replies_by_mention ON replies (mention_id);

CREATE TABLE notes (
  id         INTEGER PRIMARY KEY,
  mention_id INTEGER NOT NULL REFERENCES mentions (id),
  operator   TEXT    NOT NULL CHECK (trim(operator, ' ' || char(9, 10, 11, 12, 13)) <> ''),
  text       TEXT    NOT NULL CHECK (trim(text, ' ' || char(9, 10, 11, 12, 13)) <> ''),
  created_at INTEGER NOT NULL
);
CREATE INDEX notes_by_mention ON notes (mention_id);

CREATE TABLE checkpoints (
  connector  TEXT PRIMARY KEY NOT NULL,
  value      TEXT    NOT NULL,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;

-- Append-only. These live in the file so that any client (the sqlite3 shell included) is held
-- to them, not just this library.
CREATE TRIGGER mentions_no_delete BEFORE DELETE ON mentions
BEGIN SELECT RAISE(ABORT, 'mentions are append-only: DELETE refused'); END;
CREATE TRIGGER mentions_no_update BEFORE UPDATE ON mentions
BEGIN SELECT RAISE(ABORT, 'mentions are append-only: UPDATE refused'); END;

CREATE TRIGGER sentiment_scores_no_delete BEFORE DELETE ON sentiment_scores
BEGIN SELECT RAISE(ABORT, 'sentiment_scores are append-only: DELETE refused'); END;
CREATE TRIGGER sentiment_scores_no_update BEFORE UPDATE ON sentiment_scores
BEGIN SELECT RAISE(ABORT, 'sentiment_scores are append-only: UPDATE refused'); END;

CREATE TRIGGER deadlines_no_delete BEFORE DELETE ON deadlines
BEGIN SELECT RAISE(ABORT, 'deadlines are append-only: DELETE refused'); END;
CREATE TRIGGER deadlines_no_update BEFORE UPDATE ON deadlines
BEGIN SELECT RAISE(ABORT, 'deadlines are append-only: UPDATE refused'); END;

CREATE TRIGGER status_events_no_delete BEFORE DELETE ON status_events
BEGIN SELECT RAISE(ABORT, 'status_events are append-only: DELETE refused'); END;
CREATE TRIGGER status_events_no_update BEFORE UPDATE ON status_events
BEGIN SELECT RAISE(ABORT, 'status_events are append-only: UPDATE refused'); END;

CREATE TRIGGER notes_no_delete BEFORE DELETE ON notes
BEGIN SELECT RAISE(ABORT, 'notes are append-only: DELETE refused'); END;
CREATE TRIGGER notes_no_update BEFORE UPDATE ON notes
BEGIN SELECT RAISE(ABORT, 'notes are append-only: UPDATE refused'); END;

CREATE TRIGGER replies_no_delete BEFORE DELETE ON replies
BEGIN SELECT RAISE(ABORT, 'replies are append-only: DELETE refused'); END;
CREATE TRIGGER replies_no_content_update BEFORE UPDATE OF mention_id, text, operator, created_at
ON replies
BEGIN SELECT RAISE(ABORT, 'replies are append-only: UPDATE of content refused'); END;

-- INSERT OR REPLACE (and REPLACE INTO) deletes the conflicting row without firing DELETE
-- triggers unless the connection enabled recursive_triggers, so conflicts are refused before
-- the insert. In a BEFORE INSERT trigger NEW.id is -1 when the id is left to SQLite, so these
-- probes cost one primary-key lookup on normal inserts. A duplicate (platform, remote_id) is
-- ignored rather than refused: re-inserting a mention is a no-op by contract.
CREATE TRIGGER mentions_no_replace_key BEFORE INSERT ON mentions
WHEN EXISTS (SELECT 1 FROM mentions WHERE platform = NEW.platform AND remote_id = NEW.remote_id)
BEGIN SELECT RAISE(IGNORE); END;
CREATE TRIGGER mentions_no_replace_id BEFORE INSERT ON mentions
WHEN EXISTS (SELECT 1 FROM mentions WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'mentions are append-only: overwriting a row refused'); END;
CREATE TRIGGER sentiment_scores_no_replace BEFORE INSERT ON sentiment_scores
WHEN EXISTS (SELECT 1 FROM sentiment_scores WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'sentiment_scores are append-only: overwriting a row refused'); END;
CREATE TRIGGER deadlines_no_replace BEFORE INSERT ON deadlines
WHEN EXISTS (SELECT 1 FROM deadlines WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'deadlines are append-only: overwriting a row refused'); END;
CREATE TRIGGER status_events_no_replace BEFORE INSERT ON status_events
WHEN EXISTS (SELECT 1 FROM status_events WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'status_events are append-only: overwriting a row refused'); END;
CREATE TRIGGER notes_no_replace BEFORE INSERT ON notes
WHEN EXISTS (SELECT 1 FROM notes WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'notes are append-only: overwriting a row refused'); END;
CREATE TRIGGER replies_no_replace BEFORE INSERT ON replies
WHEN EXISTS (SELECT 1 FROM replies WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'replies are append-only: overwriting a row refused'); END;
)sql";

// Version 2: what the source shows can change after the first fetch (edits, the brand's reply
// on review sites, removal at the source). The mentions row stays as first fetched; each later
// difference is appended to mention_versions, and readers take the latest version.
constexpr std::string_view kSchemaV2 = R"sql(
ALTER TABLE mentions ADD COLUMN owner_reply TEXT NOT NULL DEFAULT '';
ALTER TABLE mentions ADD COLUMN removed_at_source INTEGER NOT NULL DEFAULT 0
  CHECK (removed_at_source IN (0, 1));

CREATE TABLE mention_versions (
  id                INTEGER PRIMARY KEY,
  mention_id        INTEGER NOT NULL REFERENCES mentions (id),
  text              TEXT    NOT NULL,
  rating            INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
  owner_reply       TEXT    NOT NULL,
  removed_at_source INTEGER NOT NULL CHECK (removed_at_source IN (0, 1)),
  raw_json          TEXT    NOT NULL,
  fetched_at        INTEGER NOT NULL
);
CREATE INDEX mention_versions_by_mention ON mention_versions (mention_id);

-- A reply the operator posted by hand on a read-only source and confirmed in heed.
ALTER TABLE replies ADD COLUMN manual INTEGER NOT NULL DEFAULT 0 CHECK (manual IN (0, 1));
CREATE TRIGGER replies_no_manual_update BEFORE UPDATE OF manual ON replies
BEGIN SELECT RAISE(ABORT, 'replies are append-only: UPDATE of content refused'); END;

CREATE TRIGGER mention_versions_no_delete BEFORE DELETE ON mention_versions
BEGIN SELECT RAISE(ABORT, 'mention_versions are append-only: DELETE refused'); END;
CREATE TRIGGER mention_versions_no_update BEFORE UPDATE ON mention_versions
BEGIN SELECT RAISE(ABORT, 'mention_versions are append-only: UPDATE refused'); END;
CREATE TRIGGER mention_versions_no_replace BEFORE INSERT ON mention_versions
WHEN EXISTS (SELECT 1 FROM mention_versions WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'mention_versions are append-only: overwriting a row refused'); END;
)sql";

// Version 3: the inbox's ranking data kept current by triggers, so listing the most urgent open
// items is an index range scan instead of a pass over every mention (the inbox must answer in
// milliseconds with millions of mentions). inbox_state is derived data, not history: it is
// maintained only by these triggers and can be rebuilt from the append-only tables.
constexpr std::string_view kSchemaV3 = R"sql(
CREATE TABLE inbox_state (
  mention_id  INTEGER PRIMARY KEY REFERENCES mentions (id),
  platform    TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  status      TEXT    NOT NULL DEFAULT 'new',
  open        INTEGER NOT NULL DEFAULT 1,  -- status <> 'resolved'
  deadline_id INTEGER,                     -- latest deadline
  due_at      INTEGER,                     -- its due time; NULL: no reply needed or none yet
  label       TEXT    NOT NULL DEFAULT '', -- latest score's label
  language    TEXT    NOT NULL DEFAULT ''
);
-- Each matches one ORDER BY of the inbox query exactly, so SQLite walks it in order and stops at
-- the LIMIT.
CREATE INDEX inbox_state_open_rank
  ON inbox_state (open, (due_at IS NULL), due_at, created_at DESC, mention_id DESC);
CREATE INDEX inbox_state_rank
  ON inbox_state ((due_at IS NULL), due_at, created_at DESC, mention_id DESC);
CREATE INDEX inbox_state_platform_open_rank
  ON inbox_state (platform, open, (due_at IS NULL), due_at, created_at DESC, mention_id DESC);

INSERT INTO inbox_state (mention_id, platform, created_at, status, open, deadline_id, due_at,
                         label, language)
SELECT m.id, m.platform, m.created_at, coalesce(e.status, 'new'),
       coalesce(e.status, 'new') <> 'resolved', d.id, d.due_at, coalesce(s.label, ''),
       m.language
FROM mentions m
LEFT JOIN deadlines d ON d.id = (SELECT max(id) FROM deadlines WHERE mention_id = m.id)
LEFT JOIN status_events e ON e.id = (SELECT max(id) FROM status_events WHERE mention_id = m.id)
LEFT JOIN sentiment_scores s
  ON s.id = (SELECT max(id) FROM sentiment_scores WHERE mention_id = m.id);

CREATE TRIGGER inbox_state_on_mention AFTER INSERT ON mentions
BEGIN
  INSERT INTO inbox_state (mention_id, platform, created_at, language)
  VALUES (NEW.id, NEW.platform, NEW.created_at, NEW.language);
END;
CREATE TRIGGER inbox_state_on_score AFTER INSERT ON sentiment_scores
BEGIN
  UPDATE inbox_state SET label = NEW.label WHERE mention_id = NEW.mention_id;
END;
CREATE TRIGGER inbox_state_on_deadline AFTER INSERT ON deadlines
BEGIN
  UPDATE inbox_state SET deadline_id = NEW.id, due_at = NEW.due_at
  WHERE mention_id = NEW.mention_id;
END;
CREATE TRIGGER inbox_state_on_status AFTER INSERT ON status_events
BEGIN
  UPDATE inbox_state SET status = NEW.status, open = NEW.status <> 'resolved'
  WHERE mention_id = NEW.mention_id;
END;
)sql";

// kMigrations[i] takes a database from version i to i + 1. Sized by kSchemaVersion so bumping
// the version without adding its step does not compile. Never edit a released step: files in
// the field have already run it; add a new one instead (later steps live in schema_vN.cc).
// kSchemaV4 is a string_view over a literal, so it is constant-initialized before this array.
const std::array<std::string_view, kSchemaVersion> kMigrations = {kSchemaV1, kSchemaV2, kSchemaV3,
                                                                  kSchemaV4};

Result<bool> HasUserTables(sqlite3* db) {
  HEED_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(db,
                         "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE "
                         "'sqlite!_%' ESCAPE '!' LIMIT 1",
                         "inspect schema"));
  return stmt.Step();
}

Status RejectNewer(int version) {
  return Status::FailedPrecondition("database schema version " + std::to_string(version) +
                                    " is newer than this heed (" + std::to_string(kSchemaVersion) +
                                    "); upgrade heed");
}

Status ApplyPending(sqlite3* db, std::string_view path) {
  // Re-read under the write lock: another process may have migrated since we last looked.
  HEED_ASSIGN_OR_RETURN(int version, ReadSchemaVersion(db));
  if (version > kSchemaVersion) return RejectNewer(version);
  if (version == 0) {
    HEED_ASSIGN_OR_RETURN(bool has_tables, HasUserTables(db));
    if (has_tables) {
      return Status::FailedPrecondition(std::string(path) +
                                        " is a SQLite database but not a heed database "
                                        "(it has tables and no schema version)");
    }
  }
  for (int v = version; v < kSchemaVersion; ++v) {
    HEED_RETURN_IF_ERROR(ExecScript(db, kMigrations[static_cast<size_t>(v)],
                                    "migrate schema to version " + std::to_string(v + 1)));
  }
  // PRAGMA takes no bound parameters; the value is this build's constant, never input.
  return ExecScript(db, "PRAGMA user_version = " + std::to_string(kSchemaVersion),
                    "record schema version");
}

}  // namespace

Result<int> ReadSchemaVersion(sqlite3* db) {
  HEED_ASSIGN_OR_RETURN(Statement stmt,
                        Statement::Prepare(db, "PRAGMA user_version", "read schema version"));
  HEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Status::Internal("read schema version: PRAGMA user_version returned no row");
  return static_cast<int>(stmt.Int64(0));
}

std::string_view MigrationScriptForTest(int version) {
  return kMigrations[static_cast<size_t>(version - 1)];
}

Status Migrate(sqlite3* db, std::string_view path) {
  // Checked before taking the write lock so an up-to-date file opens without writing.
  HEED_ASSIGN_OR_RETURN(int version, ReadSchemaVersion(db));
  if (version > kSchemaVersion) return RejectNewer(version);
  if (version == kSchemaVersion) return Status::Ok();

  HEED_RETURN_IF_ERROR(ExecScript(db, "BEGIN IMMEDIATE", "begin migration"));
  Status status = ApplyPending(db, path);
  if (status.ok()) status = ExecScript(db, "COMMIT", "commit migration");
  if (!status.ok() && sqlite3_get_autocommit(db) == 0) {
    Status ignored = ExecScript(db, "ROLLBACK", "roll back migration");
    static_cast<void>(ignored);  // the original failure is the one worth reporting
  }
  return status;
}

}  // namespace heed::store::internal
