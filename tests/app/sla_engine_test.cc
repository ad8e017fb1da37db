// The SLA engine over a real (in-memory) store with an injected clock: business hours across a
// weekend and a holiday, pause and resume, stages fired exactly once, versioned policies, the
// first reply handing over to the resolution target.
#include "heed/app/sla_engine.h"

#include <gtest/gtest.h>

#include "heed/app/config.h"

namespace heed::app {
namespace {

constexpr char kPolicy[] = R"(
[calendar.office]
time_zone = Europe/Rome
hours = mon-fri 09:00-18:00
holiday_dates = 2026-12-07

[sla]
warning = 50%, 80%
escalate = 200%

[sla.rule.reviews]
platform = trustpilot
first_reply = 4h
resolution = 2d
calendar = office

[sla.rule.negative]
label = negative
first_reply = 1h

[sla.rule.praise]
label = positive
first_reply = none
)";

SlaSetup SetupFrom(const std::string& text) {
  auto config = ParseConfig(text, "test.conf");
  EXPECT_TRUE(config.ok()) << config.status().ToString();
  return {config->sla, config->calendars};
}

TimePoint At(const char* iso) { return *ParseIso8601(iso); }

class SlaEngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(store::Store::Open(":memory:")).value();
    engine_ = std::make_unique<SlaEngine>(*store_, clock_, SetupFrom(kPolicy));
  }

  int64_t Post(const std::string& id, const std::string& platform, const std::string& label,
               TimePoint created_at, SlaEngine* engine = nullptr) {
    Mention m;
    m.platform = platform;
    m.remote_id = id;
    m.author.handle = "someone";
    m.text = "text " + id;
    m.created_at = created_at;
    store::ScoreRecord score;
    score.label = label;
    score.scored_at = clock_.Now();
    int64_t mention_id = 0;
    Status status = store_->InTransaction([&]() -> Status {
      HEED_ASSIGN_OR_RETURN(store::InsertOutcome outcome,
                            store_->InsertMention(m, platform, clock_.Now()));
      mention_id = outcome.id;
      HEED_RETURN_IF_ERROR(store_->InsertScore(mention_id, score));
      return (engine ? *engine : *engine_).StartClocks(mention_id, m, score);
    });
    EXPECT_TRUE(status.ok()) << status.ToString();
    return mention_id;
  }
  store::InboxItem Item(int64_t id) { return store_->GetDetail(id)->item; }
  std::vector<std::string> Fired(const std::vector<FiredStage>& fired) {
    std::vector<std::string> names;
    for (const FiredStage& f : fired) names.push_back(f.target + ":" + f.stage);
    return names;
  }

  SimulatedClock clock_{At("2026-12-04T16:00:00Z")};  // Friday 17:00 in Rome
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<SlaEngine> engine_;
};

TEST_F(SlaEngineTest, BusinessHoursSkipTheWeekendAndTheHoliday) {
  // Friday 17:00 Rome, 4h of office time: 1h on Friday; Monday 7 December is a holiday, so the
  // other 3h run on Tuesday 09:00-12:00 Rome (08:00-11:00 UTC).
  int64_t id = Post("r1", "trustpilot", "neutral", clock_.Now());
  store::InboxItem item = Item(id);
  ASSERT_TRUE(item.deadline.has_value());
  EXPECT_EQ(item.deadline->target, "first_reply");
  EXPECT_EQ(item.deadline->due_at, At("2026-12-08T11:00:00Z"));
  EXPECT_EQ(item.deadline->calendar, "office");
  EXPECT_EQ(item.deadline->rule, "reviews");
  EXPECT_NE(item.deadline->explanation.find("calendar: office"), std::string::npos);
  // The resolution clock runs too, behind the first reply.
  EXPECT_EQ(store_->LatestDeadlines(id)->size(), 2u);
}

TEST_F(SlaEngineTest, StagesFireExactlyOnceEach) {
  int64_t id = Post("n1", "mastodon", "negative", clock_.Now());  // 1h, always open
  EXPECT_TRUE(engine_->EvaluateAll()->empty());
  clock_.Advance(std::chrono::minutes(30));
  EXPECT_EQ(Fired(*engine_->EvaluateAll()), std::vector<std::string>{"first_reply:warning_50"});
  EXPECT_TRUE(engine_->EvaluateAll()->empty());
  clock_.Advance(std::chrono::minutes(20));
  EXPECT_EQ(Fired(*engine_->EvaluateAll()), std::vector<std::string>{"first_reply:warning_80"});
  // heed was not running for a while: both stages it missed are recorded at their own times.
  clock_.Advance(std::chrono::minutes(100));
  auto fired = engine_->EvaluateAll();
  ASSERT_TRUE(fired.ok()) << fired.status().ToString();
  EXPECT_EQ(Fired(*fired),
            (std::vector<std::string>{"first_reply:breached", "first_reply:escalated"}));
  EXPECT_EQ((*fired)[0].at, At("2026-12-04T17:00:00Z"));
  EXPECT_EQ((*fired)[1].at, At("2026-12-04T18:00:00Z"));
  EXPECT_TRUE(engine_->EvaluateAll()->empty());
  EXPECT_EQ(store_->GetDetail(id)->sla_events.size(), 4u);
}

TEST_F(SlaEngineTest, WaitingPausesTheClockAndResumingShiftsTheDeadline) {
  int64_t id = Post("n1", "mastodon", "negative", clock_.Now());
  clock_.Advance(std::chrono::minutes(10));
  ASSERT_TRUE(store_->AppendStatus({id, store::ItemStatus::kWaiting, "GB", clock_.Now()}).ok());
  ASSERT_TRUE(engine_->EvaluateAll().ok());  // the status change made the item due
  store::InboxItem paused = Item(id);
  EXPECT_TRUE(paused.deadline->paused_now);
  EXPECT_FALSE(paused.deadline->due_at.has_value());
  // Three hours waiting for the customer: no stage fires meanwhile.
  clock_.Advance(std::chrono::hours(3));
  EXPECT_TRUE(engine_->EvaluateItem(id)->empty());
  ASSERT_TRUE(store_->AppendStatus({id, store::ItemStatus::kInProgress, "GB", clock_.Now()}).ok());
  ASSERT_TRUE(engine_->EvaluateAll().ok());
  store::InboxItem resumed = Item(id);
  EXPECT_FALSE(resumed.deadline->paused_now);
  EXPECT_EQ(resumed.deadline->paused, Millis(std::chrono::hours(3)));
  EXPECT_EQ(resumed.deadline->due_at, At("2026-12-04T16:00:00Z") + std::chrono::hours(4));
  EXPECT_NE(resumed.deadline->explanation.find("paused: 3h"), std::string::npos);
}

TEST_F(SlaEngineTest, FirstReplyMeetsTheTargetAndTheResolutionTakesOver) {
  int64_t id = Post("r1", "trustpilot", "negative", clock_.Now());
  store::ReplyRecord reply;
  reply.mention_id = id;
  reply.text = "Hi, sorry";
  reply.operator_name = "GB";
  reply.created_at = clock_.Now();
  int64_t reply_id = *store_->InsertReply(reply);
  clock_.Advance(std::chrono::minutes(20));
  ASSERT_TRUE(store_->MarkReplySent(reply_id, "x", "https://t.test/x", clock_.Now()).ok());
  ASSERT_TRUE(engine_->EvaluateAll().ok());  // the sent reply made the item due for a check
  store::InboxItem item = Item(id);
  EXPECT_EQ(item.deadline->target, "resolution");
  // 48h of office time from Friday 17:00: Friday 1h, (Monday holiday), Tuesday to Friday 36h,
  // Monday 14th 9h, then 2h on Tuesday 15th: 11:00 Rome.
  EXPECT_EQ(item.deadline->due_at, At("2026-12-15T10:00:00Z"));
  auto events = store_->GetDetail(id)->sla_events;
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].stage, "met");
  // Nothing about the first reply fires any more, however late it gets.
  clock_.Advance(std::chrono::hours(30));
  for (const FiredStage& f : *engine_->EvaluateAll()) EXPECT_EQ(f.target, "resolution");
}

TEST_F(SlaEngineTest, AChangedPolicyIsANewVersionAndOldItemsKeepTheirs) {
  int64_t old_item = Post("n1", "mastodon", "negative", clock_.Now());
  EXPECT_EQ(*engine_->CurrentVersion(), "default@1");

  std::string longer = kPolicy;
  longer.replace(longer.find("first_reply = 1h"), 16, "first_reply = 3h");
  SlaEngine updated(*store_, clock_, SetupFrom(longer));
  EXPECT_EQ(*updated.CurrentVersion(), "default@2");
  int64_t new_item = Post("n2", "mastodon", "negative", clock_.Now(), &updated);
  EXPECT_EQ(Item(new_item).deadline->due_at, clock_.Now() + std::chrono::hours(3));

  // Re-evaluated by the engine of the new config, the old item still has its 1h.
  ASSERT_TRUE(
      store_->AppendStatus({old_item, store::ItemStatus::kWaiting, "GB", clock_.Now()}).ok());
  clock_.Advance(std::chrono::minutes(30));
  ASSERT_TRUE(
      store_->AppendStatus({old_item, store::ItemStatus::kInProgress, "GB", clock_.Now()}).ok());
  ASSERT_TRUE(updated.EvaluateItem(old_item).ok());
  store::InboxItem old = Item(old_item);
  EXPECT_EQ(old.deadline->policy, "default@1");
  EXPECT_EQ(old.deadline->due_at, At("2026-12-04T17:30:00Z"));
  // The same config again is the same version, not a third.
  EXPECT_EQ(*SlaEngine(*store_, clock_, SetupFrom(kPolicy)).CurrentVersion(), "default@1");
}

TEST_F(SlaEngineTest, NoReplyNeededHasNoDueTimeAndFiresNothing) {
  int64_t id = Post("p1", "mastodon", "positive", clock_.Now());
  store::InboxItem item = Item(id);
  ASSERT_TRUE(item.deadline.has_value());
  EXPECT_FALSE(item.deadline->due_at.has_value());
  EXPECT_EQ(item.deadline->rule, "praise");
  clock_.Advance(std::chrono::hours(100));
  EXPECT_TRUE(engine_->EvaluateAll()->empty());
}

TEST_F(SlaEngineTest, ResolvedItemsAreLeftAlone) {
  int64_t id = Post("n1", "mastodon", "negative", clock_.Now());
  ASSERT_TRUE(store_->AppendStatus({id, store::ItemStatus::kResolved, "GB", clock_.Now()}).ok());
  clock_.Advance(std::chrono::hours(5));
  EXPECT_TRUE(engine_->EvaluateAll()->empty());
  EXPECT_TRUE(store_->GetDetail(id)->sla_events.empty());
}

}  // namespace
}  // namespace heed::app
