// The append-only rules live in the database file (triggers), so they are tested through raw
// SQL, as someone with the sqlite3 shell would try.
#include <gtest/gtest.h>

#include <string>

#include "heed/store/store.h"
#include "store_test_util.h"

namespace heed::store {
namespace {

using testing::At;
using testing::OpenOrDie;
using testing::SampleMention;
using testing::T0;

class AppendOnlyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenOrDie(":memory:");
    ASSERT_NE(store_, nullptr);
    auto mention = store_->InsertMention(SampleMention("1"), "mastodon-main", T0());
    ASSERT_TRUE(mention.ok());
    id_ = mention->id;
    ASSERT_TRUE(
        store_->InsertScore(id_, {-0.6, "negative", "en", "heed-lex-0.1", "", "", T0()}).ok());
    ASSERT_TRUE(store_->InsertDeadline(id_, {"default@1", "negative", T0(), At(60), T0()}).ok());
    ASSERT_TRUE(store_->AppendStatus({id_, ItemStatus::kInProgress, "GB", At(1)}).ok());
    auto note = store_->InsertNote({0, id_, "GB", "called the courier", At(2)});
    ASSERT_TRUE(note.ok());
    ReplyRecord reply;
    reply.mention_id = id_;
    reply.text = "Sorry! We are on it.";
    reply.operator_name = "GB";
    reply.created_at = At(3);
    auto reply_id = store_->InsertReply(reply);
    ASSERT_TRUE(reply_id.ok());
    reply_id_ = *reply_id;
  }

  void ExpectRefused(const std::string& sql) {
    Status s = store_->ExecForTest(sql);
    EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << sql << " -> " << s.ToString();
    EXPECT_NE(s.message().find("append-only"), std::string::npos) << s.message();
  }

  // Everything SetUp wrote is still there, unchanged where it matters.
  void ExpectIntact() {
    auto detail = store_->GetDetail(id_);
    ASSERT_TRUE(detail.ok()) << detail.status().ToString();
    EXPECT_EQ(detail->item.stored.mention.text, SampleMention("1").text);
    ASSERT_TRUE(detail->item.score.has_value());
    EXPECT_EQ(detail->item.score->label, "negative");
    ASSERT_TRUE(detail->item.deadline.has_value());
    EXPECT_EQ(detail->item.deadline->due_at, At(60));
    ASSERT_EQ(detail->history.size(), 1u);
    EXPECT_EQ(detail->history[0].status, ItemStatus::kInProgress);
    ASSERT_EQ(detail->notes.size(), 1u);
    EXPECT_EQ(detail->notes[0].text, "called the courier");
    ASSERT_EQ(detail->replies.size(), 1u);
    EXPECT_EQ(detail->replies[0].text, "Sorry! We are on it.");
  }

  std::unique_ptr<Store> store_;
  int64_t id_ = 0;
  int64_t reply_id_ = 0;
};

TEST_F(AppendOnlyTest, DeleteIsRefusedOnEveryHistoryTable) {
  for (const char* table :
       {"mentions", "sentiment_scores", "deadlines", "status_events", "notes", "replies"}) {
    ExpectRefused(std::string("DELETE FROM ") + table);
  }
  ExpectIntact();
}

TEST_F(AppendOnlyTest, UpdateIsRefusedOnImmutableTables) {
  ExpectRefused("UPDATE mentions SET text = 'nothing to see here'");
  ExpectRefused("UPDATE sentiment_scores SET label = 'positive'");
  ExpectRefused("UPDATE deadlines SET due_at = NULL");
  ExpectRefused("UPDATE status_events SET status = 'resolved'");
  ExpectRefused("UPDATE notes SET text = 'rewritten'");
  ExpectIntact();
}

TEST_F(AppendOnlyTest, RefusalMessageNamesTableAndRule) {
  Status s = store_->ExecForTest("DELETE FROM notes");
  EXPECT_NE(s.message().find("notes are append-only: DELETE refused"), std::string::npos)
      << s.message();
  s = store_->ExecForTest("UPDATE mentions SET url = ''");
  EXPECT_NE(s.message().find("mentions are append-only: UPDATE refused"), std::string::npos)
      << s.message();
}

TEST_F(AppendOnlyTest, ReplyContentIsImmutable) {
  for (const char* column :
       {"text = 'edited'", "operator = 'XX'", "created_at = 0", "mention_id = mention_id"}) {
    ExpectRefused(std::string("UPDATE replies SET ") + column);
  }
  Status s = store_->ExecForTest("UPDATE replies SET text = 'edited'");
  EXPECT_NE(s.message().find("replies are append-only: UPDATE of content refused"),
            std::string::npos)
      << s.message();
  ExpectIntact();
}

TEST_F(AppendOnlyTest, ReplyDeliveryColumnsMayChange) {
  ASSERT_TRUE(store_
                  ->ExecForTest("UPDATE replies SET state = 'failed', error = 'HTTP 503', "
                                "remote_id = '', url = '', sent_at = NULL")
                  .ok());
  auto detail = store_->GetDetail(id_);
  ASSERT_TRUE(detail.ok());
  ASSERT_EQ(detail->replies.size(), 1u);
  EXPECT_EQ(detail->replies[0].state, ReplyState::kFailed);
  EXPECT_EQ(detail->replies[0].error, "HTTP 503");
}

TEST_F(AppendOnlyTest, ReplaceCannotOverwriteRows) {
  // INSERT OR REPLACE deletes the old row without firing DELETE triggers; it must not get
  // through either.
  ExpectRefused(
      "INSERT OR REPLACE INTO notes (id, mention_id, operator, text, created_at) "
      "SELECT id, mention_id, operator, 'forged', created_at FROM notes");
  ExpectRefused(
      "REPLACE INTO status_events (id, mention_id, status, by, at) "
      "SELECT id, mention_id, 'resolved', by, at FROM status_events");
  ExpectRefused(
      "INSERT OR REPLACE INTO replies (id, mention_id, text, operator, created_at, state, "
      "remote_id, url, error) SELECT id, mention_id, 'forged', operator, created_at, state, "
      "remote_id, url, error FROM replies");
  ExpectRefused(
      "INSERT OR REPLACE INTO mentions SELECT id, 'other', 'x', connector, thread_id, parent_id, "
      "author_id, author_handle, author_name, author_url, 'forged', language, url, created_at, "
      "fetched_at, rating, raw_json, owner_reply, removed_at_source, author_reach FROM mentions");
  // Same (platform, remote_id): silently ignored, as re-inserting a mention always is.
  ASSERT_TRUE(store_
                  ->ExecForTest("INSERT OR REPLACE INTO mentions (platform, remote_id, connector, "
                                "thread_id, parent_id, author_id, author_handle, author_name, "
                                "author_url, text, language, url, created_at, fetched_at, "
                                "raw_json) SELECT platform, remote_id, connector, thread_id, "
                                "parent_id, author_id, author_handle, author_name, author_url, "
                                "'forged', language, url, created_at, fetched_at, raw_json "
                                "FROM mentions")
                  .ok());
  ExpectIntact();
}

}  // namespace
}  // namespace heed::store
