// Writes and their validation: mentions, scores, statuses, replies, notes, checkpoints and
// transactions.
#include "heed/store/store.h"

#include <gtest/gtest.h>

#include <string>

#include "store_test_util.h"

namespace heed::store {
namespace {

using testing::At;
using testing::OpenOrDie;
using testing::SampleMention;
using testing::T0;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenOrDie(":memory:");
    ASSERT_NE(store_, nullptr);
  }

  int64_t AddMention(const std::string& remote_id) {
    auto outcome = store_->InsertMention(SampleMention(remote_id), "mastodon-main", T0());
    EXPECT_TRUE(outcome.ok()) << outcome.status().ToString();
    return outcome.ok() ? outcome->id : 0;
  }

  std::unique_ptr<Store> store_;
};

TEST_F(StoreTest, InsertMentionDeduplicatesPerPlatform) {
  auto first = store_->InsertMention(SampleMention("42"), "mastodon-main", T0());
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(first->inserted);

  Mention changed = SampleMention("42");
  changed.text = "a later fetch with edited text";
  auto second = store_->InsertMention(changed, "mastodon-other", At(5));
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_FALSE(second->inserted);
  EXPECT_EQ(second->id, first->id);

  auto other_platform = store_->InsertMention(SampleMention("42", "bluesky"), "bsky", T0());
  ASSERT_TRUE(other_platform.ok());
  EXPECT_TRUE(other_platform->inserted);
  EXPECT_NE(other_platform->id, first->id);

  auto count = store_->CountMentions();
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 2);
  // The stored row is untouched; the edited text is an appended version, and it is current.
  EXPECT_TRUE(second->changed);
  auto detail = store_->GetDetail(first->id);
  ASSERT_TRUE(detail.ok());
  ASSERT_EQ(detail->versions.size(), 2u);
  EXPECT_EQ(detail->versions[0].text, SampleMention("42").text);
  EXPECT_EQ(detail->item.stored.mention.text, "a later fetch with edited text");
  EXPECT_EQ(detail->item.stored.connector, "mastodon-main");
}

TEST_F(StoreTest, InsertMentionValidatesIdentityAndRating) {
  EXPECT_EQ(store_->InsertMention(SampleMention(""), "c", T0()).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->InsertMention(SampleMention("1", ""), "c", T0()).status().code(),
            StatusCode::kInvalidArgument);
  Mention review = SampleMention("r1", "trustpilot");
  review.rating = 6;
  EXPECT_EQ(store_->InsertMention(review, "c", T0()).status().code(), StatusCode::kInvalidArgument);
  auto count = store_->CountMentions();
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 0);
}

TEST_F(StoreTest, GetMentionRoundTripsEveryFieldAndRawBytes) {
  Mention m = SampleMention("7", "trustpilot");
  m.rating = 2;
  // Invalid UTF-8 and an embedded NUL are stored and returned byte for byte.
  m.text = std::string("bad \xff\xfe bytes \0 and more", 23);
  m.author.display_name = "Zoë";
  auto outcome = store_->InsertMention(m, "tp", At(9));
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();

  auto stored = store_->GetMention(outcome->id);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(stored->id, outcome->id);
  EXPECT_EQ(stored->connector, "tp");
  EXPECT_EQ(stored->fetched_at, At(9));
  const Mention& got = stored->mention;
  EXPECT_EQ(got.platform, m.platform);
  EXPECT_EQ(got.remote_id, m.remote_id);
  EXPECT_EQ(got.thread_id, m.thread_id);
  EXPECT_EQ(got.parent_id, m.parent_id);
  EXPECT_EQ(got.author.id, m.author.id);
  EXPECT_EQ(got.author.handle, m.author.handle);
  EXPECT_EQ(got.author.display_name, m.author.display_name);
  EXPECT_EQ(got.author.profile_url, m.author.profile_url);
  EXPECT_EQ(got.text, m.text);
  EXPECT_EQ(got.text.size(), 23u);
  EXPECT_EQ(got.language, m.language);
  EXPECT_EQ(got.url, m.url);
  EXPECT_EQ(got.created_at, m.created_at);
  EXPECT_EQ(got.rating, std::optional<int>(2));
  EXPECT_EQ(got.raw_json, m.raw_json);

  EXPECT_EQ(store_->GetMention(outcome->id + 100).status().code(), StatusCode::kNotFound);
}

TEST_F(StoreTest, RowsForUnknownMentionsAreNotFound) {
  EXPECT_EQ(store_->InsertScore(999, {0.1, "neutral", "en", "v", "", "", T0()}).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->InsertDeadline(999, {"default@1", "r", T0(), std::nullopt, T0()}).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->AppendStatus({999, ItemStatus::kWaiting, "GB", T0()}).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->InsertNote({0, 999, "GB", "hello", T0()}).status().code(),
            StatusCode::kNotFound);
}

TEST_F(StoreTest, ScoreLabelIsChecked) {
  int64_t id = AddMention("1");
  Status s = store_->InsertScore(id, {0.1, "meh", "en", "v", "", "", T0()});
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << s.ToString();
}

TEST_F(StoreTest, NotesMustBeSignedAndNonEmpty) {
  int64_t id = AddMention("1");
  for (const auto& [op, text] : std::vector<std::pair<std::string, std::string>>{
           {"", "text"}, {"  \t", "text"}, {"GB", ""}, {"GB", " \n "}}) {
    auto note = store_->InsertNote({0, id, op, text, T0()});
    EXPECT_EQ(note.status().code(), StatusCode::kInvalidArgument) << "'" << op << "' '" << text;
  }
  auto first = store_->InsertNote({0, id, "GB", "courier says Tuesday", T0()});
  auto second = store_->InsertNote({0, id, "AM", "customer confirmed", At(1)});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(second.ok());
  EXPECT_LT(*first, *second);
}

TEST_F(StoreTest, StatusEventNeedsAnAuthor) {
  int64_t id = AddMention("1");
  EXPECT_EQ(store_->AppendStatus({id, ItemStatus::kWaiting, "", T0()}).code(),
            StatusCode::kInvalidArgument);
}

TEST_F(StoreTest, RepliesRecordDeliveryOutcome) {
  int64_t id = AddMention("1");
  ReplyRecord reply;
  reply.mention_id = id;
  reply.text = "We are sorry, a refund is on its way.";
  reply.operator_name = "GB";
  reply.created_at = At(1);
  auto first = store_->InsertReply(reply);
  auto second = store_->InsertReply(reply);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(second.ok());

  ASSERT_TRUE(store_->MarkReplyFailed(*first, "HTTP 503 from mastodon.social").ok());
  ASSERT_TRUE(store_->MarkReplySent(*second, "r-99", "https://m.s/@brand/r-99", At(2)).ok());

  auto detail = store_->GetDetail(id);
  ASSERT_TRUE(detail.ok());
  ASSERT_EQ(detail->replies.size(), 2u);
  const ReplyRecord& failed = detail->replies[0];
  EXPECT_EQ(failed.id, *first);
  EXPECT_EQ(failed.state, ReplyState::kFailed);
  EXPECT_EQ(failed.error, "HTTP 503 from mastodon.social");
  EXPECT_FALSE(failed.sent_at.has_value());
  const ReplyRecord& sent = detail->replies[1];
  EXPECT_EQ(sent.state, ReplyState::kSent);
  EXPECT_EQ(sent.remote_id, "r-99");
  EXPECT_EQ(sent.url, "https://m.s/@brand/r-99");
  EXPECT_EQ(sent.sent_at, std::optional<TimePoint>(At(2)));
  EXPECT_EQ(sent.text, reply.text);
  EXPECT_EQ(sent.operator_name, "GB");
  EXPECT_EQ(sent.created_at, At(1));

  EXPECT_EQ(store_->MarkReplySent(12345, "x", "y", T0()).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->MarkReplyFailed(12345, "boom").code(), StatusCode::kNotFound);
  reply.text = "   ";
  EXPECT_EQ(store_->InsertReply(reply).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(StoreTest, CheckpointsGetAndSet) {
  auto missing = store_->GetCheckpoint("mastodon-main");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());

  ASSERT_TRUE(store_->SetCheckpoint("mastodon-main", "since:100", T0()).ok());
  ASSERT_TRUE(store_->SetCheckpoint("mastodon-main", "since:200", At(1)).ok());
  ASSERT_TRUE(store_->SetCheckpoint("bsky", "cursor-a", At(1)).ok());
  auto value = store_->GetCheckpoint("mastodon-main");
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(*value, std::optional<std::string>("since:200"));
  EXPECT_EQ(*store_->GetCheckpoint("bsky"), std::optional<std::string>("cursor-a"));
  EXPECT_EQ(store_->SetCheckpoint("", "v", T0()).code(), StatusCode::kInvalidArgument);
}

TEST_F(StoreTest, CheckpointFollowsItsTransaction) {
  ASSERT_TRUE(store_->SetCheckpoint("c", "v1", T0()).ok());
  Status rolled_back = store_->InTransaction([&] {
    HEED_RETURN_IF_ERROR(store_->SetCheckpoint("c", "v2", At(1)));
    return Status::Unavailable("platform went away");
  });
  EXPECT_EQ(rolled_back.code(), StatusCode::kUnavailable);
  EXPECT_EQ(*store_->GetCheckpoint("c"), std::optional<std::string>("v1"));

  Status committed = store_->InTransaction([&] {
    HEED_RETURN_IF_ERROR(store_->InsertMention(SampleMention("1"), "c", T0()).status());
    return store_->SetCheckpoint("c", "v3", At(2));
  });
  ASSERT_TRUE(committed.ok()) << committed.ToString();
  EXPECT_EQ(*store_->GetCheckpoint("c"), std::optional<std::string>("v3"));
  EXPECT_EQ(*store_->CountMentions(), 1);
}

TEST_F(StoreTest, RolledBackTransactionLeavesNoMention) {
  Status s = store_->InTransaction([&] {
    auto outcome = store_->InsertMention(SampleMention("1"), "c", T0());
    EXPECT_TRUE(outcome.ok());
    // Inside the transaction the row is visible...
    EXPECT_EQ(*store_->CountMentions(), 1);
    return Status::Internal("scoring failed");
  });
  EXPECT_EQ(s.code(), StatusCode::kInternal);
  EXPECT_EQ(s.message(), "scoring failed");
  // ...and after the rollback it is gone, and the connection is usable again.
  EXPECT_EQ(*store_->CountMentions(), 0);
  EXPECT_TRUE(store_->InTransaction([] { return Status::Ok(); }).ok());
}

TEST_F(StoreTest, InTransactionIsNotReentrant) {
  Status inner;
  Status outer = store_->InTransaction([&] {
    inner = store_->InTransaction([] { return Status::Ok(); });
    return Status::Ok();
  });
  EXPECT_TRUE(outer.ok());
  EXPECT_EQ(inner.code(), StatusCode::kFailedPrecondition);
}

TEST_F(StoreTest, RefusedStatementInsideTransactionDoesNotPoisonIt) {
  int64_t id = AddMention("1");
  Status s = store_->InTransaction([&] {
    Status refused = store_->ExecForTest("DELETE FROM mentions");
    EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
    return store_->AppendStatus({id, ItemStatus::kResolved, "GB", T0()});
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  auto detail = store_->GetDetail(id);
  ASSERT_TRUE(detail.ok());
  EXPECT_EQ(detail->item.status, ItemStatus::kResolved);
}

}  // namespace
}  // namespace heed::store

namespace heed::store {
namespace {

class VersionsTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = std::move(Store::Open(":memory:")).value(); }

  Mention Review(std::string text) {
    Mention m;
    m.platform = "google_play";
    m.remote_id = "gp:review:1";
    m.text = std::move(text);
    m.rating = 2;
    m.created_at = t0_;
    m.raw_json = "{}";
    return m;
  }

  TimePoint t0_ = *ParseIso8601("2026-11-01T10:00:00Z");
  std::unique_ptr<Store> store_;
};

TEST_F(VersionsTest, SameContentAppendsNothing) {
  Mention m = Review("App crashes on start");
  InsertOutcome first = *store_->InsertMention(m, "play", t0_);
  InsertOutcome again = *store_->InsertMention(m, "play", t0_ + Millis(60'000));
  EXPECT_TRUE(first.inserted);
  EXPECT_FALSE(again.inserted);
  EXPECT_FALSE(again.changed);
  EXPECT_EQ(store_->GetMention(first.id)->edits, 0);
  EXPECT_EQ(store_->GetDetail(first.id)->versions.size(), 1u);
}

TEST_F(VersionsTest, EditsOwnerRepliesAndRemovalBecomeVersions) {
  Mention m = Review("App crashes on start");
  int64_t id = store_->InsertMention(m, "play", t0_)->id;

  m.text = "App crashes on start. Update: fixed after reinstall";
  m.rating = 4;
  InsertOutcome edited = *store_->InsertMention(m, "play", t0_ + Millis(1000));
  EXPECT_TRUE(edited.changed);
  EXPECT_TRUE(edited.text_changed);

  m.owner_reply = "Thanks for the update!";
  InsertOutcome replied = *store_->InsertMention(m, "play", t0_ + Millis(2000));
  EXPECT_TRUE(replied.changed);
  EXPECT_FALSE(replied.text_changed);

  Mention removed = m;
  removed.text = "[deleted]";
  removed.removed_at_source = true;
  InsertOutcome gone = *store_->InsertMention(removed, "play", t0_ + Millis(3000));
  EXPECT_TRUE(gone.changed);
  EXPECT_FALSE(gone.text_changed) << "the placeholder text is not kept as an edit";

  StoredMention current = *store_->GetMention(id);
  EXPECT_EQ(current.mention.text, "App crashes on start. Update: fixed after reinstall");
  EXPECT_EQ(current.mention.rating, 4);
  EXPECT_EQ(current.mention.owner_reply, "Thanks for the update!");
  EXPECT_TRUE(current.mention.removed_at_source);
  EXPECT_EQ(current.edits, 3);
  EXPECT_EQ(current.fetched_at, t0_) << "first fetch time is kept";

  MentionDetail detail = *store_->GetDetail(id);
  ASSERT_EQ(detail.versions.size(), 4u);
  EXPECT_EQ(detail.versions[0].text, "App crashes on start");
  EXPECT_EQ(detail.versions[0].rating, 2);
  EXPECT_TRUE(detail.versions[3].removed_at_source);
  EXPECT_EQ(detail.item.stored.mention.text, current.mention.text);

  auto inbox = *store_->ListInbox({});
  ASSERT_EQ(inbox.size(), 1u);
  EXPECT_TRUE(inbox[0].stored.mention.removed_at_source);
  EXPECT_EQ(inbox[0].stored.edits, 3);
}

TEST_F(VersionsTest, VersionsAreAppendOnly) {
  Mention m = Review("first");
  store_->InsertMention(m, "play", t0_).value();
  m.text = "second";
  store_->InsertMention(m, "play", t0_).value();
  Status del = store_->ExecForTest("DELETE FROM mention_versions");
  EXPECT_EQ(del.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(del.message().find("append-only"), std::string::npos);
  EXPECT_EQ(store_->ExecForTest("UPDATE mention_versions SET text = 'x'").code(),
            StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace heed::store
