// Schema v4: SLA policy versions and stage events, assignments, customer cards, the outbox's
// approvals and delivery log, and the alert ledger. All append-only.
#include <gtest/gtest.h>

#include "store_test_util.h"

namespace heed::store {
namespace {

using testing::At;
using testing::SampleMention;
using testing::T0;

class HistoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = testing::OpenOrDie(":memory:");
    ASSERT_NE(store_, nullptr);
    id_ = Insert("1", "mastodon", "giulia@mastodon.social");
  }
  int64_t Insert(const std::string& remote_id, const std::string& platform,
                 const std::string& handle, int minutes = 0) {
    Mention m = SampleMention(remote_id, platform);
    m.author.handle = handle;
    m.created_at = At(minutes);
    auto outcome = store_->InsertMention(m, platform, At(minutes + 1));
    EXPECT_TRUE(outcome.ok()) << outcome.status().ToString();
    return outcome.ok() ? outcome->id : 0;
  }
  void ExpectRefused(const std::string& sql) {
    Status status = store_->ExecForTest(sql);
    EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition) << sql << ": " << status.ToString();
  }

  std::unique_ptr<Store> store_;
  int64_t id_ = 0;
};

TEST_F(HistoryTest, PolicyVersionsAreNumberedByDistinctDefinition) {
  auto v1 = store_->RecordPolicyVersion("default", "negative 1h", T0());
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
  EXPECT_EQ(*v1, 1);
  EXPECT_EQ(*store_->RecordPolicyVersion("default", "negative 1h", At(1)), 1);
  EXPECT_EQ(*store_->RecordPolicyVersion("default", "negative 2h", At(2)), 2);
  EXPECT_EQ(*store_->RecordPolicyVersion("vip", "negative 2h", At(2)), 1);
  // Going back to an earlier definition reuses its number: history is never renumbered.
  EXPECT_EQ(*store_->RecordPolicyVersion("default", "negative 1h", At(3)), 1);
  EXPECT_EQ(*store_->GetPolicyDefinition("default", 2), "negative 2h");
  EXPECT_EQ(store_->GetPolicyDefinition("default", 3).status().code(), StatusCode::kNotFound);
  ExpectRefused("UPDATE sla_policies SET definition = 'x'");
  ExpectRefused("DELETE FROM sla_policies");
  ExpectRefused(
      "INSERT OR REPLACE INTO sla_policies (name, version, definition, created_at) "
      "VALUES ('default', 1, 'rewritten', 0)");
}

TEST_F(HistoryTest, EachStageIsRecordedOnce) {
  SlaEvent event{0, id_, "first_reply", "warning_50", std::nullopt, At(60), At(30), At(31)};
  EXPECT_TRUE(*store_->RecordSlaEvent(event));
  event.recorded_at = At(40);
  EXPECT_FALSE(*store_->RecordSlaEvent(event));
  event.target = "resolution";
  EXPECT_TRUE(*store_->RecordSlaEvent(event));
  auto detail = store_->GetDetail(id_);
  ASSERT_TRUE(detail.ok()) << detail.status().ToString();
  ASSERT_EQ(detail->sla_events.size(), 2u);
  EXPECT_EQ(detail->sla_events[0].recorded_at, At(31));
  ExpectRefused("UPDATE sla_events SET stage = 'x'");
  ExpectRefused("DELETE FROM sla_events");
}

TEST_F(HistoryTest, LatestDeadlinePerTargetAndExplanationRoundTrip) {
  DeadlineRecord first{"default@1", "negative", T0(), At(60), T0()};
  first.budget = std::chrono::hours(1);
  first.explanation = "policy default@1";
  ASSERT_TRUE(store_->InsertDeadline(id_, first).ok());
  DeadlineRecord paused = first;
  paused.due_at.reset();
  paused.paused_now = true;
  paused.paused = std::chrono::minutes(5);
  auto paused_id = store_->InsertDeadline(id_, paused);
  ASSERT_TRUE(paused_id.ok());
  DeadlineRecord resolution = first;
  resolution.target = "resolution";
  resolution.calendar = "office";
  ASSERT_TRUE(store_->InsertDeadline(id_, resolution).ok());

  auto latest = store_->LatestDeadlines(id_);
  ASSERT_TRUE(latest.ok()) << latest.status().ToString();
  ASSERT_EQ(latest->size(), 2u);
  EXPECT_EQ((*latest)[0].target, "first_reply");
  EXPECT_TRUE((*latest)[0].paused_now);
  EXPECT_EQ((*latest)[0].paused, std::chrono::minutes(5));
  EXPECT_FALSE((*latest)[0].due_at.has_value());
  EXPECT_EQ((*latest)[1].calendar, "office");
  EXPECT_EQ((*latest)[1].budget, Millis(std::chrono::hours(1)));
  EXPECT_EQ((*latest)[1].explanation, "policy default@1");
  EXPECT_EQ(store_->GetDetail(id_)->deadlines.size(), 3u);
  // Scheduling: due now or earlier only; a status change makes the item due at once.
  EXPECT_TRUE(store_->ItemsToCheck(At(100), 10)->empty());
  ASSERT_TRUE(store_->SetNextCheck(id_, At(30)).ok());
  EXPECT_TRUE(store_->ItemsToCheck(At(29), 10)->empty());
  EXPECT_EQ(*store_->ItemsToCheck(At(30), 10), std::vector<int64_t>{id_});
  ASSERT_TRUE(store_->SetNextCheck(id_, std::nullopt).ok());
  ASSERT_TRUE(store_->AppendStatus({id_, ItemStatus::kWaiting, "GB", At(40)}).ok());
  EXPECT_EQ(*store_->ItemsToCheck(At(40), 10), std::vector<int64_t>{id_});
  ASSERT_TRUE(store_->AppendStatus({id_, ItemStatus::kResolved, "GB", At(41)}).ok());
  EXPECT_TRUE(store_->ItemsToCheck(At(50), 10)->empty());  // resolved items are done
}

TEST_F(HistoryTest, AssignmentsDriveTheInboxFilter) {
  int64_t other = Insert("2", "mastodon", "marco@mastodon.social");
  ASSERT_TRUE(store_->Assign({id_, "GB", "MR", At(1)}).ok());
  ASSERT_TRUE(store_->Assign({other, "GB", "MR", At(1)}).ok());
  ASSERT_TRUE(store_->Assign({other, "", "MR", At(2)}).ok());  // unassigned again

  InboxQuery mine;
  mine.assignee = "GB";
  auto items = store_->ListInbox(mine);
  ASSERT_TRUE(items.ok()) << items.status().ToString();
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ(items->front().stored.id, id_);
  EXPECT_EQ(items->front().assignee, "GB");

  InboxQuery unassigned;
  unassigned.assignee = "";
  ASSERT_EQ(store_->ListInbox(unassigned)->size(), 1u);
  EXPECT_EQ(store_->ListInbox(unassigned)->front().stored.id, other);

  InboxQuery by_id;
  by_id.ids = {other};
  ASSERT_EQ(store_->ListInbox(by_id)->size(), 1u);
  EXPECT_EQ(store_->GetDetail(other)->assignments.size(), 2u);

  EXPECT_EQ(store_->Assign({id_, "GB", " ", At(3)}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->Assign({999, "GB", "MR", At(3)}).code(), StatusCode::kNotFound);
  ExpectRefused("UPDATE assignments SET assignee = 'x'");
  ExpectRefused("DELETE FROM assignments");
}

TEST_F(HistoryTest, CustomerCardsLinkMergeAndTellTheWholeStory) {
  int64_t bluesky = Insert("b1", "bluesky", "giulia.bsky.social", 10);
  Insert("x1", "x", "someone_else", 20);
  ASSERT_TRUE(store_->InsertNote({0, bluesky, "GB", "asked for the order number", At(12)}).ok());
  ASSERT_TRUE(store_->AppendStatus({id_, ItemStatus::kResolved, "GB", At(5)}).ok());

  auto giulia = store_->CreateCustomer("Giulia R.", "GB", T0());
  ASSERT_TRUE(giulia.ok());
  ASSERT_TRUE(
      store_->LinkIdentity(*giulia, {"mastodon", "giulia@mastodon.social"}, "GB", T0()).ok());
  auto second = store_->CreateCustomer("", "MR", T0());
  ASSERT_TRUE(store_->LinkIdentity(*second, {"bluesky", "giulia.bsky.social"}, "MR", T0()).ok());

  // Merging moves the handles and leaves a pointer behind.
  ASSERT_TRUE(store_->MergeCustomers(*second, *giulia, "GB", At(30)).ok());
  EXPECT_EQ(**store_->FindCustomer({"bluesky", "giulia.bsky.social"}), *giulia);
  auto via_old = store_->GetCustomer(*second);
  ASSERT_TRUE(via_old.ok());
  EXPECT_EQ(via_old->id, *giulia);
  EXPECT_EQ(via_old->identities.size(), 2u);
  EXPECT_EQ(via_old->merged_from, std::vector<int64_t>{*second});
  EXPECT_EQ(store_->MergeCustomers(*second, *giulia, "GB", At(31)).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->MergeCustomers(*giulia, *giulia, "GB", At(31)).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_FALSE(store_->FindCustomer({"x", "someone_else"})->has_value());

  auto timeline = store_->CustomerTimeline(*giulia);
  ASSERT_TRUE(timeline.ok()) << timeline.status().ToString();
  std::vector<std::string> kinds;
  for (const TimelineEntry& e : *timeline) kinds.push_back(e.kind + "@" + e.platform);
  EXPECT_EQ(kinds, (std::vector<std::string>{"mention@mastodon", "status@mastodon",
                                             "mention@bluesky", "note@bluesky"}));
  EXPECT_EQ(store_->GetCustomer(999).status().code(), StatusCode::kNotFound);
  ExpectRefused("UPDATE customer_links SET handle = 'x'");
  ExpectRefused("DELETE FROM customers");
  ExpectRefused("DELETE FROM customer_merges");
}

TEST_F(HistoryTest, ApprovalNeedsASecondOperatorOnce) {
  ReplyRecord reply;
  reply.mention_id = id_;
  reply.text = "Ciao Giulia, ci dispiace";
  reply.operator_name = "GB";
  reply.created_at = T0();
  reply.requires_approval = true;
  auto reply_id = store_->InsertReply(reply);
  ASSERT_TRUE(reply_id.ok());
  EXPECT_EQ(store_->ApproveReply(*reply_id, "GB", At(1)).code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(store_->ApproveReply(*reply_id, "MR", At(1)).ok());
  EXPECT_EQ(store_->ApproveReply(*reply_id, "AL", At(2)).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->GetReply(*reply_id)->approved_by, "MR");
  ExpectRefused("UPDATE replies SET requires_approval = 0");
  ExpectRefused("DELETE FROM reply_approvals");

  reply.requires_approval = false;
  auto plain = store_->InsertReply(reply);
  EXPECT_EQ(store_->ApproveReply(*plain, "MR", At(1)).code(), StatusCode::kFailedPrecondition);
}

TEST_F(HistoryTest, DeliveryLogAndOutbox) {
  ReplyRecord reply;
  reply.mention_id = id_;
  reply.text = "Hi Giulia, sorry about this";
  reply.operator_name = "GB";
  reply.created_at = T0();
  auto reply_id = store_->InsertReply(reply);
  ASSERT_TRUE(reply_id.ok());
  ASSERT_TRUE(store_->AppendReplyAttempt({0, *reply_id, "started", "", "", At(1)}).ok());
  ASSERT_TRUE(store_->AppendReplyAttempt({0, *reply_id, "failed", "HTTP 503", "", At(1)}).ok());
  EXPECT_EQ(store_->AppendReplyAttempt({0, *reply_id, "exploded", "", "", At(1)}).code(),
            StatusCode::kInvalidArgument);
  auto outbox = store_->ListOutbox();
  ASSERT_TRUE(outbox.ok()) << outbox.status().ToString();
  ASSERT_EQ(outbox->size(), 1u);
  ASSERT_EQ(outbox->front().attempts.size(), 2u);
  EXPECT_EQ(outbox->front().attempts[0].by, "heed");
  EXPECT_EQ(outbox->front().attempts[1].detail, "HTTP 503");
  ASSERT_TRUE(store_->MarkReplySent(*reply_id, "r-1", "https://x.test/r-1", At(2)).ok());
  EXPECT_TRUE(store_->ListOutbox()->empty());
  ExpectRefused("UPDATE reply_attempts SET outcome = 'sent'");
  ExpectRefused("DELETE FROM reply_attempts");
}

TEST_F(HistoryTest, OnlyOneAutomaticAcknowledgementPerItem) {
  ReplyRecord ack;
  ack.mention_id = id_;
  ack.text = "We've seen this and will answer within 1h.";
  ack.operator_name = "heed";
  ack.created_at = T0();
  ack.auto_ack = true;
  ASSERT_TRUE(store_->InsertReply(ack).ok());
  EXPECT_EQ(store_->InsertReply(ack).status().code(), StatusCode::kFailedPrecondition);
  ack.auto_ack = false;
  EXPECT_TRUE(store_->InsertReply(ack).ok());
}

TEST_F(HistoryTest, AlertLedgerDeduplicates) {
  EXPECT_FALSE(*store_->AlertSent(id_, "first_reply", "breached", "slack"));
  EXPECT_TRUE(*store_->RecordAlertSent(id_, "first_reply", "breached", "slack", T0()));
  EXPECT_FALSE(*store_->RecordAlertSent(id_, "first_reply", "breached", "slack", At(1)));
  EXPECT_TRUE(*store_->AlertSent(id_, "first_reply", "breached", "slack"));
  EXPECT_FALSE(*store_->AlertSent(id_, "first_reply", "breached", "mail"));
  ExpectRefused("DELETE FROM alerts_sent");
}

TEST_F(HistoryTest, AuthorReachRoundTrips) {
  Mention m = SampleMention("reach");
  m.author.reach = 12345;
  auto outcome = store_->InsertMention(m, "mastodon", T0());
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(store_->GetMention(outcome->id)->mention.author.reach, 12345);
  EXPECT_FALSE(store_->GetMention(id_)->mention.author.reach.has_value());
}

}  // namespace
}  // namespace heed::store
