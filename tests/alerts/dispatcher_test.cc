// AlertDispatcher with a simulated clock and recording channels: de-duplication, quiet hours,
// urgency, retries of failed channels and the once-a-day digest.
#include "heed/alerts/dispatcher.h"

#include <gtest/gtest.h>

#include <deque>

namespace heed::alerts {
namespace {

TimePoint At(const char* iso) { return *ParseIso8601(iso); }

// Records what it was given; fails while `failures` > 0.
class RecordingChannel final : public AlertChannel {
 public:
  explicit RecordingChannel(std::string name) : name_(std::move(name)) {}
  std::string_view name() const override { return name_; }
  Status Send(const Alert& alert) override { return Record(sent, alert); }
  Status SendDigest(const Digest& digest) override { return Record(digests, digest); }
  int failures = 0;
  std::vector<Alert> sent;
  std::vector<Digest> digests;

 private:
  template <typename T>
  Status Record(std::vector<T>& into, const T& item) {
    if (failures > 0) {
      --failures;
      return Status::Unavailable(name_ + ": receiver down");
    }
    into.push_back(item);
    return Status::Ok();
  }

  std::string name_;
};

// A ledger whose reads fail on demand: the dispatcher must then send nothing.
class BrokenLedger final : public AlertLedger {
 public:
  Result<bool> AlreadySent(int64_t, std::string_view, std::string_view, std::string_view) override {
    return Status::Unavailable("database is locked");
  }
  Status RecordSent(int64_t, std::string_view, std::string_view, std::string_view,
                    TimePoint) override {
    return Status::Unavailable("database is locked");
  }
};

Alert MakeAlert(int64_t id, std::string stage, bool urgent = false) {
  Alert a;
  a.mention_id = id;
  a.platform = "mastodon";
  a.author = "x";
  a.excerpt = "post " + std::to_string(id);
  a.stage = std::move(stage);
  a.target = "first_reply";
  a.due_at = At("2026-11-23T12:00:00Z");
  a.fired_at = At("2026-11-23T12:00:00Z");
  a.urgent = urgent;
  return a;
}

class DispatcherTest : public ::testing::Test {
 protected:
  // Europe/Rome (UTC+1 in November), quiet 22:00-07:00, digest at 08:30.
  void Build(bool digest = true, std::set<std::string> urgent_stages = {}) {
    DispatcherOptions options;
    options.zone = *TimeZone::Make("Europe/Rome");
    options.quiet_hours = *QuietHours::Parse("22:00-07:00", options.zone);
    if (digest) options.digest_minute = 8 * 60 + 30;
    options.urgent_stages = std::move(urgent_stages);
    auto a = std::make_unique<RecordingChannel>("slack");
    auto b = std::make_unique<RecordingChannel>("mail");
    slack_ = a.get();
    mail_ = b.get();
    std::vector<std::unique_ptr<AlertChannel>> channels;
    channels.push_back(std::move(a));
    channels.push_back(std::move(b));
    dispatcher_ =
        std::make_unique<AlertDispatcher>(std::move(channels), ledger_, clock_, std::move(options));
  }

  SimulatedClock clock_{At("2026-11-23T12:00:00Z")};  // 13:00 in Rome: loud
  InMemoryAlertLedger ledger_;
  RecordingChannel* slack_ = nullptr;
  RecordingChannel* mail_ = nullptr;
  std::unique_ptr<AlertDispatcher> dispatcher_;
};

TEST_F(DispatcherTest, SameAlertTwiceIsSentOncePerChannel) {
  Build();
  DispatchReport first = *dispatcher_->Dispatch(MakeAlert(1, "warning_80"));
  EXPECT_TRUE(first.Delivered());
  ASSERT_EQ(first.channels.size(), 2u);
  EXPECT_FALSE(first.channels[0].duplicate);
  clock_.Advance(std::chrono::minutes(1));
  DispatchReport second = *dispatcher_->Dispatch(MakeAlert(1, "warning_80"));
  EXPECT_TRUE(second.Delivered());
  EXPECT_TRUE(second.channels[0].duplicate);
  EXPECT_TRUE(second.channels[1].duplicate);
  EXPECT_EQ(slack_->sent.size(), 1u);
  EXPECT_EQ(mail_->sent.size(), 1u);
  // Another stage or target of the same item is a new alert.
  ASSERT_TRUE(dispatcher_->Dispatch(MakeAlert(1, "breached")).ok());
  Alert resolution = MakeAlert(1, "warning_80");
  resolution.target = "resolution";
  ASSERT_TRUE(dispatcher_->Dispatch(resolution).ok());
  EXPECT_EQ(slack_->sent.size(), 3u);
  EXPECT_EQ(ledger_.size(), 6u);
}

TEST_F(DispatcherTest, FailedChannelIsRetriedAtTheNextDispatchOnly) {
  Build();
  mail_->failures = 1;
  DispatchReport report = *dispatcher_->Dispatch(MakeAlert(1, "breached"));
  EXPECT_FALSE(report.Delivered());
  EXPECT_TRUE(report.channels[0].status.ok());
  EXPECT_EQ(report.channels[1].status.code(), StatusCode::kUnavailable);
  EXPECT_EQ(report.channels[1].channel, "mail");

  report = *dispatcher_->Dispatch(MakeAlert(1, "breached"));
  EXPECT_TRUE(report.Delivered());
  EXPECT_TRUE(report.channels[0].duplicate);   // slack already had it
  EXPECT_FALSE(report.channels[1].duplicate);  // mail got it now
  EXPECT_EQ(slack_->sent.size(), 1u);
  EXPECT_EQ(mail_->sent.size(), 1u);
}

TEST_F(DispatcherTest, LedgerErrorsSendNothing) {
  BrokenLedger broken;
  auto channel = std::make_unique<RecordingChannel>("slack");
  RecordingChannel* raw = channel.get();
  std::vector<std::unique_ptr<AlertChannel>> channels;
  channels.push_back(std::move(channel));
  AlertDispatcher dispatcher(std::move(channels), broken, clock_, {});
  Result<DispatchReport> report = dispatcher.Dispatch(MakeAlert(1, "breached"));
  EXPECT_EQ(report.status().code(), StatusCode::kUnavailable);
  EXPECT_TRUE(raw->sent.empty());
  EXPECT_EQ(dispatcher.Dispatch(MakeAlert(1, "nonsense")).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(DispatcherTest, QuietHoursHoldUntilTheDigestWhichGoesOutOncePerDay) {
  Build();
  clock_.Set(At("2026-11-23T22:00:00Z"));  // 23:00 in Rome
  DispatchReport held = *dispatcher_->Dispatch(MakeAlert(1, "warning_50"));
  EXPECT_TRUE(held.held);
  EXPECT_FALSE(held.Delivered());
  EXPECT_TRUE(held.channels.empty());
  EXPECT_TRUE(slack_->sent.empty());
  // Evaluated again every minute: still one held alert.
  clock_.Advance(std::chrono::minutes(1));
  EXPECT_TRUE(dispatcher_->Dispatch(MakeAlert(1, "warning_50"))->held);
  ASSERT_EQ(dispatcher_->held().size(), 1u);
  EXPECT_EQ(ledger_.size(), 0u);  // nothing recorded: nothing went out

  // 07:30 in Rome: quiet hours are over, but the held alert waits for the 08:30 digest.
  clock_.Set(At("2026-11-24T06:30:00Z"));
  EXPECT_TRUE(dispatcher_->Dispatch(MakeAlert(1, "warning_50"))->held);
  EXPECT_FALSE(dispatcher_->MaybeSendDigest(clock_.Now())->attempted);
  // A new alert in the morning goes out at once and is counted in the digest.
  EXPECT_TRUE(dispatcher_->Dispatch(MakeAlert(2, "breached"))->Delivered());

  clock_.Set(At("2026-11-24T07:30:00Z"));  // 08:30
  DigestReport digest = *dispatcher_->MaybeSendDigest(clock_.Now());
  EXPECT_TRUE(digest.attempted);
  EXPECT_EQ(digest.local_date, "2026-11-24");
  EXPECT_EQ(digest.held, 1u);
  ASSERT_EQ(slack_->digests.size(), 1u);
  ASSERT_EQ(mail_->digests.size(), 1u);
  const Digest& d = slack_->digests[0];
  ASSERT_EQ(d.held.size(), 1u);
  EXPECT_EQ(d.held[0].mention_id, 1);
  EXPECT_EQ(d.stage_counts, (std::map<std::string, int>{{"breached", 1}, {"warning_50", 1}}));
  EXPECT_TRUE(dispatcher_->held().empty());

  // Once per day, even if asked every minute.
  clock_.Advance(std::chrono::minutes(1));
  EXPECT_FALSE(dispatcher_->MaybeSendDigest(clock_.Now())->attempted);
  clock_.Set(At("2026-11-24T22:59:00Z"));  // 23:59 the same local day
  EXPECT_FALSE(dispatcher_->MaybeSendDigest(clock_.Now())->attempted);
  // The held alert reached both channels in the digest: never sent on its own.
  EXPECT_TRUE(dispatcher_->Dispatch(MakeAlert(1, "warning_50"))->Delivered());
  EXPECT_TRUE(slack_->sent.size() == 1u && slack_->sent[0].mention_id == 2);
  // Next local day, next digest (empty, but it reports the day's counts).
  clock_.Set(At("2026-11-25T07:31:00Z"));
  EXPECT_TRUE(dispatcher_->Tick(clock_.Now())->digest.attempted);
  ASSERT_EQ(slack_->digests.size(), 2u);
  EXPECT_TRUE(slack_->digests[1].held.empty());
  EXPECT_EQ(slack_->digests[1].local_date, "2026-11-25");
}

TEST_F(DispatcherTest, DigestSurvivesARestartThroughTheLedger) {
  Build();
  clock_.Set(At("2026-11-24T07:45:00Z"));  // 08:45
  EXPECT_TRUE(dispatcher_->MaybeSendDigest(clock_.Now())->attempted);
  Build();  // a new dispatcher over the same ledger: the daemon restarted
  EXPECT_FALSE(dispatcher_->MaybeSendDigest(clock_.Now())->attempted);
  EXPECT_TRUE(slack_->digests.empty());
}

TEST_F(DispatcherTest, FailedDigestChannelIsRetriedAndOthersAreNotRepeated) {
  Build();
  clock_.Set(At("2026-11-23T23:00:00Z"));
  ASSERT_TRUE(dispatcher_->Dispatch(MakeAlert(1, "warning_80"))->held);
  clock_.Set(At("2026-11-24T07:30:00Z"));
  mail_->failures = 1;
  DigestReport first = *dispatcher_->MaybeSendDigest(clock_.Now());
  EXPECT_TRUE(first.channels[0].status.ok());
  EXPECT_FALSE(first.channels[1].status.ok());
  EXPECT_EQ(dispatcher_->held().size(), 1u);  // kept for the channel that missed it
  clock_.Advance(std::chrono::minutes(1));
  DigestReport second = *dispatcher_->MaybeSendDigest(clock_.Now());
  ASSERT_EQ(second.channels.size(), 1u);
  EXPECT_EQ(second.channels[0].channel, "mail");
  EXPECT_TRUE(second.channels[0].status.ok());
  EXPECT_EQ(slack_->digests.size(), 1u);
  ASSERT_EQ(mail_->digests.size(), 1u);
  EXPECT_EQ(mail_->digests[0].held.size(), 1u);
  EXPECT_TRUE(dispatcher_->held().empty());
}

TEST_F(DispatcherTest, UrgentAlertsPassQuietHours) {
  Build(/*digest=*/true, /*urgent_stages=*/{"escalated"});
  clock_.Set(At("2026-11-24T02:00:00Z"));  // 03:00 in Rome
  // Flagged urgent and breached: out now.
  EXPECT_TRUE(dispatcher_->Dispatch(MakeAlert(1, "breached", /*urgent=*/true))->Delivered());
  // Escalated is a configured urgent stage: out now even without the flag.
  EXPECT_TRUE(dispatcher_->Dispatch(MakeAlert(2, "escalated"))->Delivered());
  // An urgent flag does not make a warning wake anyone; a plain breach waits.
  EXPECT_TRUE(dispatcher_->Dispatch(MakeAlert(3, "warning_80", true))->held);
  EXPECT_TRUE(dispatcher_->Dispatch(MakeAlert(4, "breached"))->held);
  EXPECT_EQ(slack_->sent.size(), 2u);
  EXPECT_EQ(dispatcher_->held().size(), 2u);
  EXPECT_TRUE(dispatcher_->IsUrgent(MakeAlert(5, "breached", true)));
  EXPECT_FALSE(dispatcher_->IsUrgent(MakeAlert(5, "breached")));
}

TEST_F(DispatcherTest, WithoutADigestHeldAlertsGoOutWhenQuietHoursEnd) {
  Build(/*digest=*/false);
  clock_.Set(At("2026-11-23T23:00:00Z"));
  ASSERT_TRUE(dispatcher_->Dispatch(MakeAlert(1, "warning_50"))->held);
  ASSERT_TRUE(dispatcher_->Dispatch(MakeAlert(2, "warning_50"))->held);
  dispatcher_->DropHeld(2);                                        // answered in the night
  EXPECT_TRUE(dispatcher_->Tick(clock_.Now())->released.empty());  // still quiet
  clock_.Set(At("2026-11-24T06:00:00Z"));                          // 07:00
  TickReport tick = *dispatcher_->Tick(clock_.Now());
  ASSERT_EQ(tick.released.size(), 1u);
  EXPECT_TRUE(tick.released[0].Delivered());
  EXPECT_FALSE(tick.digest.attempted);
  ASSERT_EQ(slack_->sent.size(), 1u);
  EXPECT_EQ(slack_->sent[0].mention_id, 1);
  EXPECT_TRUE(dispatcher_->held().empty());
  EXPECT_TRUE(dispatcher_->Tick(clock_.Now())->released.empty());
}

}  // namespace
}  // namespace heed::alerts
