// The outbox: recorded before sent, sent once, interrupted sends never re-posted blindly,
// failed sends retried with backoff, approvals by a second operator.
#include "heed/responder/outbox.h"

#include <gtest/gtest.h>

#include "heed/responder/responder.h"

namespace heed::responder {
namespace {

class CountingPublisher : public ReplyPublisher {
 public:
  Result<PublishedReply> Publish(const store::StoredMention&, const std::string& text,
                                 const std::string& idempotency_key, bool) override {
    keys.push_back(idempotency_key);
    texts.push_back(text);
    if (!fail_with.ok()) return fail_with;
    return PublishedReply{"r" + std::to_string(keys.size()), "https://example.test/r"};
  }
  DeliveryCheck CheckInterruptedSend(const store::StoredMention&) override { return check; }

  std::vector<std::string> keys;
  std::vector<std::string> texts;
  Status fail_with;
  DeliveryCheck check = DeliveryCheck::kUnverifiable;
};

class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Store::Open(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    Mention m;
    m.platform = "mastodon";
    m.remote_id = "1";
    m.author.handle = "giulia@example.social";
    m.text = "Still no refund";
    m.created_at = clock_.Now();
    id_ = store_->InsertMention(m, "mastodon", clock_.Now())->id;
  }

  // What a crash between "record" and "send" leaves behind: the reply row and a started
  // attempt, and nothing after it.
  int64_t RecordInterruptedReply() {
    store::ReplyRecord reply;
    reply.mention_id = id_;
    reply.text = "Hi Giulia, sorry for the wait";
    reply.operator_name = "GB";
    reply.created_at = clock_.Now();
    int64_t reply_id = *store_->InsertReply(reply);
    EXPECT_TRUE(store_->AppendReplyAttempt({0, reply_id, "started", "", "", clock_.Now()}).ok());
    return reply_id;
  }
  DeliveryState StateOf(int64_t reply_id) {
    auto reply = store_->GetReply(reply_id);
    return ReadDeliveryStatus({*reply, *store_->ReplyAttempts(reply_id)}, RetryPolicy{}).state;
  }

  SimulatedClock clock_{*ParseIso8601("2026-11-23T10:00:00Z")};
  std::unique_ptr<store::Store> store_;
  int64_t id_ = 0;
  CountingPublisher publisher_;
};

TEST_F(OutboxTest, DeliveryLogRecordsStartBeforeSendAndTheResult) {
  auto reply = Responder(*store_, clock_).Reply(id_, "Hi Giulia", "GB", publisher_);
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  EXPECT_EQ(reply->state, store::ReplyState::kSent);
  auto log = store_->ReplyAttempts(reply->id);
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ((*log)[0].outcome, "started");
  EXPECT_EQ((*log)[1].outcome, "sent");
  EXPECT_EQ((*log)[1].detail, "r1");
  // Sending it again is refused: once is the contract.
  EXPECT_EQ(Outbox(*store_, clock_).Deliver(reply->id, publisher_).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(publisher_.keys.size(), 1u);
}

TEST_F(OutboxTest, InterruptedSendIsResentOnlyWhereTheKeyMakesItHarmless) {
  int64_t reply_id = RecordInterruptedReply();
  publisher_.check = DeliveryCheck::kSafeToResend;
  auto report = Outbox(*store_, clock_).Process(publisher_);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->sent, 1);
  ASSERT_EQ(publisher_.keys.size(), 1u);
  EXPECT_EQ(publisher_.keys[0], "heed-reply-" + std::to_string(reply_id));  // the same key
  EXPECT_EQ(StateOf(reply_id), DeliveryState::kSent);
  // A second pass finds nothing to do.
  EXPECT_EQ(Outbox(*store_, clock_).Process(publisher_)->sent, 0);
  EXPECT_EQ(publisher_.keys.size(), 1u);
}

TEST_F(OutboxTest, InterruptedSendOnAnUnverifiablePlatformWaitsForAnOperator) {
  int64_t reply_id = RecordInterruptedReply();
  Outbox outbox(*store_, clock_);
  auto report = outbox.Process(publisher_);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->needs_confirmation, 1);
  EXPECT_TRUE(publisher_.keys.empty());  // never re-posted blindly
  EXPECT_EQ(StateOf(reply_id), DeliveryState::kNeedsConfirmation);
  EXPECT_EQ(outbox.Deliver(reply_id, publisher_).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(outbox.Process(publisher_)->needs_confirmation, 1);
  EXPECT_TRUE(publisher_.keys.empty());

  // The operator looked: it is not there. The next pass sends it, once.
  ASSERT_TRUE(outbox.Confirm(reply_id, false, "", "MR").ok());
  EXPECT_EQ(outbox.Process(publisher_)->sent, 1);
  EXPECT_EQ(publisher_.keys.size(), 1u);
}

TEST_F(OutboxTest, OperatorConfirmsAnInterruptedSendWentOut) {
  int64_t reply_id = RecordInterruptedReply();
  Outbox outbox(*store_, clock_);
  ASSERT_TRUE(outbox.Process(publisher_).ok());
  EXPECT_EQ(outbox.Confirm(reply_id, true, "https://example.test/seen", "").code(),
            StatusCode::kInvalidArgument);
  ASSERT_TRUE(outbox.Confirm(reply_id, true, "https://example.test/seen", "MR").ok());
  EXPECT_EQ(store_->GetReply(reply_id)->url, "https://example.test/seen");
  EXPECT_EQ(StateOf(reply_id), DeliveryState::kSent);
  EXPECT_TRUE(publisher_.keys.empty());
  EXPECT_EQ(outbox.Confirm(reply_id, false, "", "MR").code(), StatusCode::kFailedPrecondition);
}

TEST_F(OutboxTest, FailedSendsAreRetriedWithBackoffThenGivenUp) {
  publisher_.fail_with = Status::Unavailable("HTTP 503");
  RetryPolicy policy;  // 1m, 4m, 16m, 64m; five attempts
  auto reply = Responder(*store_, clock_).Reply(id_, "Hi Giulia", "GB", publisher_);
  ASSERT_FALSE(reply.ok());
  Outbox outbox(*store_, clock_, policy);
  EXPECT_EQ(outbox.Process(publisher_)->waiting, 1);  // backing off: not yet
  EXPECT_EQ(publisher_.keys.size(), 1u);
  for (int minutes : {1, 4, 16, 64}) {
    clock_.Advance(std::chrono::minutes(minutes) - std::chrono::seconds(1));
    EXPECT_EQ(outbox.Process(publisher_)->failed, 0) << minutes;
    clock_.Advance(std::chrono::seconds(1));
    auto report = outbox.Process(publisher_);
    EXPECT_EQ(report->failed, 1) << minutes;
    ASSERT_EQ(report->errors.size(), 1u);
    EXPECT_NE(report->errors[0].find("HTTP 503"), std::string::npos);
  }
  EXPECT_EQ(publisher_.keys.size(), 5u);
  clock_.Advance(std::chrono::hours(10));
  EXPECT_EQ(outbox.Process(publisher_)->waiting, 1);  // gave up; shown, not retried
  EXPECT_EQ(publisher_.keys.size(), 5u);
  auto entries = store_->ListOutbox();
  ASSERT_EQ(entries->size(), 1u);
  DeliveryStatus status = ReadDeliveryStatus(entries->front(), policy);
  EXPECT_EQ(status.state, DeliveryState::kGaveUp);
  EXPECT_EQ(status.attempts, 5);

  publisher_.fail_with = Status::Ok();  // the operator retries by hand after fixing things
  ASSERT_TRUE(outbox.Confirm(entries->front().reply.id, false, "", "GB").ok());
  EXPECT_EQ(outbox.Process(publisher_)->sent, 1);
}

TEST_F(OutboxTest, ApprovalHoldsTheReplyUntilASecondOperator) {
  Responder responder(*store_, clock_);
  auto held = responder.Reply(id_, "Hi Giulia, sorry", "GB", publisher_,
                              ReplyOptions{.requires_approval = true});
  ASSERT_TRUE(held.ok()) << held.status().ToString();
  EXPECT_EQ(held->state, store::ReplyState::kPending);
  EXPECT_TRUE(publisher_.keys.empty());
  EXPECT_EQ(Outbox(*store_, clock_).Process(publisher_)->awaiting_approval, 1);
  EXPECT_TRUE(publisher_.keys.empty());

  EXPECT_EQ(responder.Approve(held->id, "GB", publisher_).status().code(),
            StatusCode::kFailedPrecondition);
  auto sent = responder.Approve(held->id, "MR", publisher_);
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  EXPECT_EQ(sent->state, store::ReplyState::kSent);
  EXPECT_EQ(sent->approved_by, "MR");
  EXPECT_EQ(publisher_.keys.size(), 1u);
  EXPECT_EQ(responder.Approve(held->id, "AL", publisher_).status().code(),
            StatusCode::kFailedPrecondition);
}

TEST_F(OutboxTest, AutomaticAcknowledgementLeavesTheItemNewAndHappensOnce) {
  Responder responder(*store_, clock_);
  ReplyOptions ack{.auto_ack = true};
  ASSERT_TRUE(responder.Reply(id_, "We've seen this", "heed", publisher_, ack).ok());
  EXPECT_EQ(store_->GetDetail(id_)->item.status, store::ItemStatus::kNew);
  EXPECT_EQ(responder.Reply(id_, "We've seen this", "heed", publisher_, ack).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(publisher_.keys.size(), 1u);
}

}  // namespace
}  // namespace heed::responder
