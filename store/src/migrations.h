// Versioned schema migrations for the store database.
#pragma once

#include <sqlite3.h>

#include <string_view>

#include "heed/core/result.h"
#include "heed/core/status.h"

namespace heed::store::internal {

// PRAGMA user_version: the schema version of the open database (0 for a new file).
Result<int> ReadSchemaVersion(sqlite3* db);

// Brings the database from its user_version to kSchemaVersion, applying every pending step in
// order inside one IMMEDIATE transaction, so a crash or a concurrent opener never observes a
// half-migrated schema. path is used only in messages.
// kFailedPrecondition when the file is newer than this build or is a SQLite database that heed
// did not create.
Status Migrate(sqlite3* db, std::string_view path);

// The SQL that takes a database from version - 1 to version. REQUIRES: 1 <= version <=
// kSchemaVersion. For tests that build an old file and check the upgrade.
std::string_view MigrationScriptForTest(int version);

// The steps after version 3, one file each (schema_vN.cc).
extern const std::string_view kSchemaV4;

}  // namespace heed::store::internal
