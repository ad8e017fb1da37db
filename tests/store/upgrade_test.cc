// A database written by an older heed opens, upgrades in place and keeps everything.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>

#include "heed/store/store.h"
#include "migrations.h"

namespace heed::store {
namespace {

namespace fs = std::filesystem;

TEST(Upgrade, VersionOneFileUpgradesAndKeepsItsMentions) {
  std::string dir = (fs::temp_directory_path() / "heed-upgrade-XXXXXX").string();
  ASSERT_NE(::mkdtemp(dir.data()), nullptr);
  const std::string path = dir + "/v1.db";
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    std::string script(internal::MigrationScriptForTest(1));
    script +=
        "PRAGMA user_version = 1;"
        "INSERT INTO mentions (platform, remote_id, connector, thread_id, parent_id, author_id, "
        "author_handle, author_name, author_url, text, language, url, created_at, fetched_at, "
        "rating, raw_json) VALUES ('mastodon', '7', 'm', '', '', 'a', 'ana', 'Ana', '', "
        "'written by heed 1', 'en', 'https://x.test/7', 1000, 2000, NULL, '{}');";
    char* error = nullptr;
    ASSERT_EQ(sqlite3_exec(db, script.c_str(), nullptr, nullptr, &error), SQLITE_OK) << error;
    sqlite3_close(db);
  }
  auto store = Store::Open(path, Store::OpenMode::kMustExist);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ((*store)->SchemaVersion(), kSchemaVersion);
  auto inbox = (*store)->ListInbox({});
  ASSERT_TRUE(inbox.ok()) << inbox.status().ToString();
  ASSERT_EQ(inbox->size(), 1u);
  const StoredMention& old = inbox->front().stored;
  EXPECT_EQ(old.mention.text, "written by heed 1");
  EXPECT_EQ(old.mention.owner_reply, "");
  EXPECT_FALSE(old.mention.removed_at_source);
  EXPECT_EQ(old.edits, 0);
  // The upgraded file accepts the new kinds of data.
  Mention edited = old.mention;
  edited.text = "edited after the upgrade";
  auto outcome = (*store)->InsertMention(edited, "m", FromUnixMillis(3000));
  ASSERT_TRUE(outcome.ok());
  EXPECT_TRUE(outcome->changed);
  store->reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace heed::store
