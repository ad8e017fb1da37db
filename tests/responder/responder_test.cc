#include "heed/responder/responder.h"

#include <gtest/gtest.h>

namespace heed::responder {
namespace {

class ScriptedPublisher : public ReplyPublisher {
 public:
  Result<PublishedReply> Publish(const store::StoredMention& mention, const std::string& text,
                                 const std::string& idempotency_key,
                                 bool replace_existing) override {
    last_replace = replace_existing;
    calls.push_back({mention.id, text, idempotency_key});
    if (!fail_with.ok()) return fail_with;
    return PublishedReply{"reply-" + std::to_string(calls.size()), "https://example.test/r/1"};
  }
  struct Call {
    int64_t mention_id;
    std::string text;
    std::string key;
  };
  std::vector<Call> calls;
  bool last_replace = false;
  Status fail_with;
};

class ResponderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Store::Open(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    Mention m;
    m.platform = "mastodon";
    m.remote_id = "1001";
    m.author.handle = "giulia@example.social";
    m.text = "Il pacco non è ancora arrivato";
    m.language = "it";
    m.created_at = clock_.Now() - std::chrono::minutes(30);
    auto inserted = store_->InsertMention(m, "mastodon-mentions", clock_.Now());
    ASSERT_TRUE(inserted.ok());
    id_ = inserted->id;
  }

  store::ItemStatus CurrentStatus() { return store_->GetDetail(id_)->item.status; }

  SimulatedClock clock_{*ParseIso8601("2026-11-23T10:00:00Z")};
  std::unique_ptr<store::Store> store_;
  int64_t id_ = 0;
  ScriptedPublisher publisher_;
};

TEST_F(ResponderTest, ReplyIsRecordedSentAndMovesItemInProgress) {
  Result<store::ReplyRecord> reply =
      Responder(*store_, clock_).Reply(id_, "Ciao!", "DM", publisher_);
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  ASSERT_EQ(publisher_.calls.size(), 1u);
  EXPECT_EQ(publisher_.calls[0].text, "Ciao!");
  EXPECT_EQ(publisher_.calls[0].key, "heed-reply-" + std::to_string(reply->id));
  store::MentionDetail detail = *store_->GetDetail(id_);
  ASSERT_EQ(detail.replies.size(), 1u);
  EXPECT_EQ(detail.replies[0].state, store::ReplyState::kSent);
  EXPECT_EQ(detail.replies[0].remote_id, "reply-1");
  EXPECT_EQ(detail.replies[0].operator_name, "DM");
  EXPECT_EQ(detail.item.status, store::ItemStatus::kInProgress);
}

TEST_F(ResponderTest, FailedSendStaysRecordedAsFailed) {
  publisher_.fail_with = Status::Unavailable("platform down");
  Result<store::ReplyRecord> reply = Responder(*store_, clock_).Reply(id_, "Hi", "DM", publisher_);
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.status().code(), StatusCode::kUnavailable);
  store::MentionDetail detail = *store_->GetDetail(id_);
  ASSERT_EQ(detail.replies.size(), 1u);
  EXPECT_EQ(detail.replies[0].state, store::ReplyState::kFailed);
  EXPECT_NE(detail.replies[0].error.find("platform down"), std::string::npos);
  EXPECT_EQ(detail.item.status, store::ItemStatus::kNew);
}

TEST_F(ResponderTest, RejectsEmptyTextOperatorAndUnknownItem) {
  Responder responder(*store_, clock_);
  EXPECT_EQ(responder.Reply(id_, "  ", "DM", publisher_).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(responder.Reply(id_, "Hi", "", publisher_).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(responder.Reply(id_ + 99, "Hi", "DM", publisher_).status().code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(publisher_.calls.empty());
}

TEST_F(ResponderTest, NotesAreSignedAndStatusChangesAppend) {
  Responder responder(*store_, clock_);
  EXPECT_EQ(responder.Note(id_, "called back", "").status().code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(responder.Note(id_, "called back", "DM").ok());
  clock_.Advance(std::chrono::minutes(5));
  ASSERT_TRUE(responder.SetStatus(id_, store::ItemStatus::kResolved, "DM").ok());
  ASSERT_TRUE(responder.SetStatus(id_, store::ItemStatus::kResolved, "DM").ok());  // no-op
  store::MentionDetail detail = *store_->GetDetail(id_);
  ASSERT_EQ(detail.notes.size(), 1u);
  EXPECT_EQ(detail.notes[0].operator_name, "DM");
  ASSERT_EQ(detail.history.size(), 1u);
  EXPECT_EQ(detail.history[0].status, store::ItemStatus::kResolved);
  EXPECT_EQ(detail.history[0].at, clock_.Now());
  EXPECT_EQ(CurrentStatus(), store::ItemStatus::kResolved);
}

TEST_F(ResponderTest, ReplaceConfirmationReachesThePublisher) {
  Responder responder(*store_, clock_);
  ASSERT_TRUE(responder.Reply(id_, "Ciao!", "DM", publisher_).ok());
  EXPECT_FALSE(publisher_.last_replace);
  ASSERT_TRUE(responder.Reply(id_, "Ciao di nuovo!", "DM", publisher_, true).ok());
  EXPECT_TRUE(publisher_.last_replace);
}

TEST_F(ResponderTest, ManualRepliesAreRecordedAsSentByHand) {
  Responder responder(*store_, clock_);
  Result<store::ReplyRecord> reply =
      responder.RecordManualReply(id_, "Answered in the thread", "DM");
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  EXPECT_TRUE(publisher_.calls.empty()) << "nothing is sent for a manual reply";
  store::MentionDetail detail = *store_->GetDetail(id_);
  ASSERT_EQ(detail.replies.size(), 1u);
  EXPECT_TRUE(detail.replies[0].manual);
  EXPECT_EQ(detail.replies[0].state, store::ReplyState::kSent);
  EXPECT_EQ(detail.item.status, store::ItemStatus::kInProgress);
  EXPECT_EQ(responder.RecordManualReply(id_, "", "DM").status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace heed::responder
