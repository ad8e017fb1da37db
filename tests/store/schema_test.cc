// Opening files: migrations, reopening, and the ways a file can be unusable.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "heed/store/store.h"
#include "store_test_util.h"

namespace heed::store {
namespace {

using testing::OpenOrDie;
using testing::SampleMention;
using testing::T0;

class SchemaTest : public testing::TempDirTest {
 protected:
  void WriteFile(const std::string& path, const std::string& contents) {
    std::ofstream out(path, std::ios::binary);
    out << contents;
  }
};

constexpr const char* kTables[] = {"mentions",      "sentiment_scores", "deadlines",
                                   "status_events", "replies",          "notes",
                                   "checkpoints"};

TEST_F(SchemaTest, MigratesANewFileToTheCurrentVersion) {
  const std::string path = PathFor("heed.db");
  auto store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->SchemaVersion(), kSchemaVersion);
  for (const char* table : kTables) {
    EXPECT_TRUE(store->ExecForTest(std::string("SELECT * FROM ") + table + " LIMIT 0").ok())
        << table;
  }
  // The migration wrote through the WAL, proving journal_mode=WAL took effect.
  EXPECT_TRUE(std::filesystem::exists(path + "-wal"));
}

TEST_F(SchemaTest, InMemoryStoreIsMigrated) {
  auto store = OpenOrDie(":memory:");
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->SchemaVersion(), kSchemaVersion);
  EXPECT_TRUE(store->ExecForTest("SELECT * FROM mentions LIMIT 0").ok());
}

TEST_F(SchemaTest, ReopeningAnExistingFileIsIdempotent) {
  const std::string path = PathFor("heed.db");
  int64_t id = 0;
  {
    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    auto outcome = store->InsertMention(SampleMention("1"), "mastodon-main", T0());
    ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
    id = outcome->id;
  }
  for (int i = 0; i < 2; ++i) {
    auto store = OpenOrDie(path, Store::OpenMode::kMustExist);
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(store->SchemaVersion(), kSchemaVersion);
    auto count = store->CountMentions();
    ASSERT_TRUE(count.ok());
    EXPECT_EQ(*count, 1);
    auto again = store->InsertMention(SampleMention("1"), "mastodon-main", T0());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->id, id);
    EXPECT_FALSE(again->inserted);
  }
}

TEST_F(SchemaTest, TwoConnectionsOnOneFileSeeEachOthersWrites) {
  const std::string path = PathFor("heed.db");
  auto a = OpenOrDie(path);
  auto b = OpenOrDie(path, Store::OpenMode::kMustExist);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  ASSERT_TRUE(a->SetCheckpoint("mastodon-main", "cursor-9", T0()).ok());
  auto value = b->GetCheckpoint("mastodon-main");
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(value->value_or(""), "cursor-9");
}

TEST_F(SchemaTest, MustExistOnAMissingFileIsNotFoundAndCreatesNothing) {
  const std::string path = PathFor("missing.db");
  auto store = Store::Open(path, Store::OpenMode::kMustExist);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kNotFound);
  EXPECT_NE(store.status().message().find(path), std::string::npos) << store.status().message();
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST_F(SchemaTest, GarbageFileIsDataLossNamingThePath) {
  const std::string short_text = PathFor("notes.txt");
  WriteFile(short_text, "this is not a database\n");
  const std::string long_junk = PathFor("junk.db");
  WriteFile(long_junk, std::string(8192, '\x5a'));
  for (const std::string& path : {short_text, long_junk}) {
    for (auto mode : {Store::OpenMode::kCreate, Store::OpenMode::kMustExist}) {
      auto store = Store::Open(path, mode);
      ASSERT_FALSE(store.ok()) << path;
      EXPECT_EQ(store.status().code(), StatusCode::kDataLoss) << store.status().ToString();
      EXPECT_NE(store.status().message().find(path), std::string::npos) << store.status().message();
    }
  }
}

TEST_F(SchemaTest, NewerSchemaVersionIsRefused) {
  const std::string path = PathFor("future.db");
  {
    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(
        store->ExecForTest("PRAGMA user_version = " + std::to_string(kSchemaVersion + 1)).ok());
  }
  auto store = Store::Open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
  const std::string expected = "database schema version " + std::to_string(kSchemaVersion + 1) +
                               " is newer than this heed (" + std::to_string(kSchemaVersion) +
                               "); upgrade heed";
  EXPECT_NE(store.status().message().find(expected), std::string::npos) << store.status().message();
}

TEST_F(SchemaTest, ForeignSqliteDatabaseIsRefusedUntouched) {
  const std::string path = PathFor("other.db");
  {
    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    // Make it look like somebody else's database: version 0 with a table of its own.
    ASSERT_TRUE(store->ExecForTest("PRAGMA user_version = 0; CREATE TABLE other (x)").ok());
  }
  auto store = Store::Open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(store.status().message().find("not a heed database"), std::string::npos)
      << store.status().message();
}

TEST_F(SchemaTest, EmptyPathIsInvalid) {
  auto store = Store::Open("");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kInvalidArgument);
}

TEST(ItemStatusTest, NamesRoundTrip) {
  for (ItemStatus s :
       {ItemStatus::kNew, ItemStatus::kInProgress, ItemStatus::kWaiting, ItemStatus::kResolved}) {
    auto parsed = ParseItemStatus(ItemStatusName(s));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, s);
  }
  EXPECT_EQ(ItemStatusName(ItemStatus::kInProgress), "in_progress");
  EXPECT_EQ(ParseItemStatus("done").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ReplyStateName(ReplyState::kFailed), "failed");
}

}  // namespace
}  // namespace heed::store
