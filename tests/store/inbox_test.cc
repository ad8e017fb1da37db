// ListInbox ordering and filtering, and GetDetail.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "heed/store/store.h"
#include "store_test_util.h"

namespace heed::store {
namespace {

using testing::At;
using testing::OpenOrDie;
using testing::SampleMention;
using testing::T0;

class InboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenOrDie(":memory:");
    ASSERT_NE(store_, nullptr);
  }

  int64_t Add(const std::string& name, int created_minutes, std::string platform = "mastodon") {
    Mention m = SampleMention(name, std::move(platform));
    m.created_at = At(created_minutes);
    auto outcome = store_->InsertMention(m, "conn", T0());
    EXPECT_TRUE(outcome.ok()) << outcome.status().ToString();
    names_[outcome->id] = name;
    return outcome->id;
  }
  void Due(int64_t id, std::optional<int> due_minutes) {
    std::optional<TimePoint> due;
    if (due_minutes) due = At(*due_minutes);
    ASSERT_TRUE(store_->InsertDeadline(id, {"default@1", "rule", T0(), due, T0()}).ok());
  }
  void Set(int64_t id, ItemStatus status, int at_minutes) {
    ASSERT_TRUE(store_->AppendStatus({id, status, "GB", At(at_minutes)}).ok());
  }
  std::vector<std::string> Names(const InboxQuery& query) {
    auto items = store_->ListInbox(query);
    EXPECT_TRUE(items.ok()) << items.status().ToString();
    std::vector<std::string> out;
    if (items.ok()) {
      for (const InboxItem& item : *items) out.push_back(names_[item.stored.id]);
    }
    return out;
  }

  // Six mentions covering every ordering rule; see the expectations in the tests below.
  void AddScenario() {
    int64_t m1 = Add("due30", -10);
    Due(m1, 100);
    Due(m1, 30);  // recomputed: the latest deadline counts
    Due(Add("due10", -5), 10);
    Add("old-no-deadline", -20, "bluesky");
    Add("new-no-deadline", -1);
    Due(Add("no-reply-needed", 0), std::nullopt);
    int64_t resolved = Add("resolved", -30);
    Due(resolved, 5);
    Set(resolved, ItemStatus::kInProgress, 1);
    Set(resolved, ItemStatus::kResolved, 2);
    int64_t reopened = Add("reopened", -3);
    Set(reopened, ItemStatus::kResolved, 1);
    Set(reopened, ItemStatus::kWaiting, 2);
  }

  std::unique_ptr<Store> store_;
  std::map<int64_t, std::string> names_;
};

TEST_F(InboxTest, EmptyStoreHasEmptyInbox) { EXPECT_TRUE(Names({}).empty()); }

TEST_F(InboxTest, DueItemsFirstThenNewestWithoutDeadline) {
  AddScenario();
  EXPECT_EQ(Names({}),
            (std::vector<std::string>{"due10", "due30", "no-reply-needed", "new-no-deadline",
                                      "reopened", "old-no-deadline"}));
}

TEST_F(InboxTest, ResolvedOnlyWhenAsked) {
  AddScenario();
  InboxQuery all;
  all.include_resolved = true;
  EXPECT_EQ(Names(all),
            (std::vector<std::string>{"resolved", "due10", "due30", "no-reply-needed",
                                      "new-no-deadline", "reopened", "old-no-deadline"}));
}

TEST_F(InboxTest, LatestRowsWin) {
  AddScenario();
  int64_t id = Add("scored", 5);
  ASSERT_TRUE(store_->InsertScore(id, {0.0, "neutral", "en", "v1", "", "", T0()}).ok());
  ASSERT_TRUE(
      store_->InsertScore(id, {-0.7, "negative", "en", "v2", "refund", "refund", At(1)}).ok());
  Set(id, ItemStatus::kInProgress, 1);
  auto items = store_->ListInbox({});
  ASSERT_TRUE(items.ok());
  const InboxItem* found = nullptr;
  for (const InboxItem& item : *items) {
    if (item.stored.id == id) found = &item;
    if (names_[item.stored.id] == "due30") {
      ASSERT_TRUE(item.deadline.has_value());
      EXPECT_EQ(item.deadline->due_at, std::optional<TimePoint>(At(30)));
    }
    if (names_[item.stored.id] == "reopened") {
      EXPECT_EQ(item.status, ItemStatus::kWaiting);
    }
    if (names_[item.stored.id] == "new-no-deadline") {
      EXPECT_EQ(item.status, ItemStatus::kNew);
      EXPECT_FALSE(item.score.has_value());
      EXPECT_FALSE(item.deadline.has_value());
    }
  }
  ASSERT_NE(found, nullptr);
  ASSERT_TRUE(found->score.has_value());
  EXPECT_EQ(found->score->label, "negative");
  EXPECT_DOUBLE_EQ(found->score->compound, -0.7);
  EXPECT_EQ(found->score->lexicon_version, "v2");
  EXPECT_EQ(found->score->scored_at, At(1));
  EXPECT_EQ(found->status, ItemStatus::kInProgress);
}

TEST_F(InboxTest, PlatformFilterAndLimit) {
  AddScenario();
  InboxQuery bluesky;
  bluesky.platform = "bluesky";
  EXPECT_EQ(Names(bluesky), std::vector<std::string>{"old-no-deadline"});
  InboxQuery top2;
  top2.limit = 2;
  EXPECT_EQ(Names(top2), (std::vector<std::string>{"due10", "due30"}));
  InboxQuery nowhere;
  nowhere.platform = "myspace";
  EXPECT_TRUE(Names(nowhere).empty());
}

TEST_F(InboxTest, DetailHasEverythingOldestFirst) {
  int64_t id = Add("detail", -10);
  Add("someone-else", -9);
  ASSERT_TRUE(store_->InsertScore(id, {-0.5, "negative", "en", "v1", "late: -0.5", "", T0()}).ok());
  Due(id, 50);
  Set(id, ItemStatus::kInProgress, 1);
  Set(id, ItemStatus::kWaiting, 2);
  ASSERT_TRUE(store_->InsertNote({0, id, "GB", "first note", At(1)}).ok());
  ASSERT_TRUE(store_->InsertNote({0, id, "AM", "second note", At(2)}).ok());
  ReplyRecord reply;
  reply.mention_id = id;
  reply.text = "first reply";
  reply.operator_name = "GB";
  reply.created_at = At(3);
  ASSERT_TRUE(store_->InsertReply(reply).ok());
  reply.text = "second reply";
  ASSERT_TRUE(store_->InsertReply(reply).ok());

  auto detail = store_->GetDetail(id);
  ASSERT_TRUE(detail.ok()) << detail.status().ToString();
  EXPECT_EQ(detail->item.stored.id, id);
  EXPECT_EQ(detail->item.stored.mention.remote_id, "detail");
  EXPECT_EQ(detail->item.status, ItemStatus::kWaiting);
  ASSERT_TRUE(detail->item.score.has_value());
  EXPECT_EQ(detail->item.score->explanation, "late: -0.5");
  ASSERT_TRUE(detail->item.deadline.has_value());
  EXPECT_EQ(detail->item.deadline->policy, "default@1");
  EXPECT_EQ(detail->item.deadline->due_at, std::optional<TimePoint>(At(50)));

  ASSERT_EQ(detail->history.size(), 2u);
  EXPECT_EQ(detail->history[0].status, ItemStatus::kInProgress);
  EXPECT_EQ(detail->history[0].by, "GB");
  EXPECT_EQ(detail->history[0].at, At(1));
  EXPECT_EQ(detail->history[1].status, ItemStatus::kWaiting);
  ASSERT_EQ(detail->notes.size(), 2u);
  EXPECT_EQ(detail->notes[0].text, "first note");
  EXPECT_EQ(detail->notes[1].operator_name, "AM");
  ASSERT_EQ(detail->replies.size(), 2u);
  EXPECT_EQ(detail->replies[0].text, "first reply");
  EXPECT_EQ(detail->replies[1].text, "second reply");
  EXPECT_EQ(detail->replies[1].state, ReplyState::kPending);

  EXPECT_EQ(store_->GetDetail(id + 1000).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace heed::store

namespace heed::store {
namespace {

class InboxFilterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(Store::Open(":memory:")).value();
    // id 1: negative Italian on mastodon, due at +1h, new
    // id 2: negative English on bluesky, due at +1h, in progress
    // id 3: positive English on mastodon, no deadline, resolved
    // id 4: neutral Italian on bluesky, due at +4h, waiting
    Add("mastodon", "1", "it", "negative", Millis(3'600'000), std::nullopt);
    Add("bluesky", "2", "en", "negative", Millis(3'600'000), ItemStatus::kInProgress);
    Add("mastodon", "3", "en", "positive", std::nullopt, ItemStatus::kResolved);
    Add("bluesky", "4", "it", "neutral", Millis(4 * 3'600'000), ItemStatus::kWaiting);
  }

  void Add(const std::string& platform, const std::string& id, const std::string& language,
           const std::string& label, std::optional<Millis> budget,
           std::optional<ItemStatus> status) {
    Mention m;
    m.platform = platform;
    m.remote_id = id;
    m.language = language;
    m.text = "text " + id;
    m.created_at = t0_ + Millis(std::stoi(id) * 1000);
    int64_t mid = store_->InsertMention(m, platform, t0_)->id;
    ASSERT_TRUE(store_->InsertScore(mid, {0, label, language, "v", "", "", t0_}).ok());
    DeadlineRecord d{"default@1", "r", m.created_at, std::nullopt, t0_};
    if (budget) d.due_at = m.created_at + *budget;
    ASSERT_TRUE(store_->InsertDeadline(mid, d).ok());
    if (status) {
      ASSERT_TRUE(store_->AppendStatus({mid, *status, "AB", t0_}).ok());
    }
  }

  std::vector<std::string> Query(const InboxQuery& q) {
    std::vector<std::string> ids;
    for (const auto& item : *store_->ListInbox(q)) ids.push_back(item.stored.mention.remote_id);
    return ids;
  }

  TimePoint t0_ = *ParseIso8601("2026-11-23T09:00:00Z");
  std::unique_ptr<Store> store_;
};

using Ids = std::vector<std::string>;

TEST_F(InboxFilterTest, EachFilterAndTheirCombination) {
  EXPECT_EQ(Query({}), (Ids{"1", "2", "4"}));
  EXPECT_EQ(Query({.include_resolved = true}), (Ids{"1", "2", "4", "3"}));
  EXPECT_EQ(Query({.status = ItemStatus::kResolved}), (Ids{"3"}));
  EXPECT_EQ(Query({.status = ItemStatus::kWaiting}), (Ids{"4"}));
  EXPECT_EQ(Query({.platform = "bluesky"}), (Ids{"2", "4"}));
  EXPECT_EQ(Query({.label = "negative"}), (Ids{"1", "2"}));
  EXPECT_EQ(Query({.language = "it"}), (Ids{"1", "4"}));
  EXPECT_EQ(Query({.platform = "bluesky", .label = "negative", .language = "en"}), (Ids{"2"}));
  EXPECT_EQ(Query({.label = "negative", .limit = 1}), (Ids{"1"}));
}

TEST_F(InboxFilterTest, OverdueIsOpenAndPastItsDeadline) {
  // At +2h the two negative posts (1h budget) are overdue; the 4h one and the resolved one not.
  EXPECT_EQ(Query({.overdue_at = t0_ + Millis(2 * 3'600'000)}), (Ids{"1", "2"}));
  EXPECT_EQ(Query({.overdue_at = t0_}), (Ids{}));
  EXPECT_EQ(Query({.overdue_at = t0_ + Millis(10 * 3'600'000)}), (Ids{"1", "2", "4"}));
}

TEST_F(InboxFilterTest, StateFollowsNewScoresDeadlinesAndStatuses) {
  int64_t id = store_->ListInbox({.label = "neutral", .language = "it"})->front().stored.id;
  ASSERT_TRUE(store_->InsertScore(id, {-0.5, "negative", "it", "v", "", "", t0_}).ok());
  ASSERT_TRUE(store_->AppendStatus({id, ItemStatus::kResolved, "AB", t0_}).ok());
  EXPECT_EQ(Query({.include_resolved = true, .label = "negative"}), (Ids{"1", "2", "4"}));
  EXPECT_EQ(Query({}), (Ids{"1", "2"}));
}

}  // namespace
}  // namespace heed::store
