// The watcher's schedule under a SimulatedClock: per-connector intervals with bounded,
// seed-determined jitter; the minute tick recording SLA stages once; backoff of a failing
// connector that leaves the others alone; a stop between pages that keeps what was committed.
#include "heed/app/watcher.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "heed/app/alerting.h"
#include "scripted_connector.h"

namespace heed::app {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr char kPolicy[] = R"(
[sla]
warning = 50%, 80%
escalate = 200%

[sla.rule.negative]
label = negative
first_reply = 1h
)";

using FeedConnector = test_support::ScriptedConnector;

// Records what it is sent; fails while `down`.
class RecordingChannel : public alerts::AlertChannel {
 public:
  std::string_view name() const override { return "ops"; }
  Status Send(const alerts::Alert& alert) override {
    if (down) return Status::Unavailable("webhook returned 503");
    sent.push_back(alert.stage);
    return Status::Ok();
  }
  Status SendDigest(const alerts::Digest&) override { return Status::Ok(); }

  bool down = false;
  std::vector<std::string> sent;
};

class NoPublisher : public responder::ReplyPublisher {
 public:
  Result<responder::PublishedReply> Publish(const store::StoredMention&, const std::string&,
                                            const std::string&, bool) override {
    return Status::FailedPrecondition("no replies in this test");
  }
};

Mention Post(const std::string& id, const std::string& text, TimePoint at) {
  Mention m;
  m.platform = "mastodon";
  m.remote_id = id;
  m.author.handle = "user" + id;
  m.text = text;
  m.language = "en";
  m.created_at = at;
  return m;
}

class WatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(store::Store::Open(":memory:")).value();
    scorer_ = std::move(sentiment::Scorer::CreateDefault()).value();
    Result<Config> config = ParseConfig(kPolicy, "test.conf");
    ASSERT_TRUE(config.ok()) << config.status().ToString();
    engine_ = std::make_unique<SlaEngine>(*store_, clock_, SlaSetup{config->sla, {}});
    scanner_ = std::make_unique<Scanner>(*store_, *scorer_, *engine_, clock_);
    outbox_ = std::make_unique<responder::Outbox>(*store_, clock_);
  }

  // A connector polled every `interval`.
  FeedConnector& AddConnector(const std::string& name, Millis interval) {
    auto entry = std::make_unique<ConnectorEntry>();
    entry->connector.name = name;
    entry->poll_interval = interval;
    feeds_.push_back(std::make_unique<FeedConnector>(name));
    watched_.push_back({entry.get(), feeds_.back().get()});
    entries_.push_back(std::move(entry));
    return *feeds_.back();
  }

  std::unique_ptr<Watcher> MakeWatcher(uint64_t seed, StopPredicate stop = {},
                                       alerts::AlertDispatcher* dispatcher = nullptr) {
    WatcherOptions options;
    options.seed = seed;
    return std::make_unique<Watcher>(
        WatcherParts{*store_, *scanner_, *engine_, *outbox_, publisher_, dispatcher, nullptr},
        watched_, options, [this](const WatchEvent& e) { events_.push_back(e); }, std::move(stop));
  }

  // Wakes the watcher whenever it asks until `end`, as `heed watch` does with a real clock.
  void RunUntil(Watcher& watcher, TimePoint end) {
    TimePoint now = clock_.Now();
    for (int guard = 0; now <= end; ++guard) {
      ASSERT_LT(guard, 100000) << "the watcher never advanced";
      clock_.Set(now);
      Result<TimePoint> next = watcher.RunDue(now);
      ASSERT_TRUE(next.ok()) << next.status().ToString();
      ASSERT_GT(*next, now) << "RunDue asked to be woken again at once";
      now = *next;
    }
  }

  std::vector<TimePoint> Times(WatchEventKind kind, const std::string& source) const {
    std::vector<TimePoint> times;
    for (const WatchEvent& e : events_) {
      if (e.kind == kind && e.source == source) times.push_back(e.at);
    }
    return times;
  }

  const TimePoint start_ = *ParseIso8601("2026-11-23T10:00:00Z");
  SimulatedClock clock_{start_};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<sentiment::Scorer> scorer_;
  std::unique_ptr<SlaEngine> engine_;
  std::unique_ptr<Scanner> scanner_;
  std::unique_ptr<responder::Outbox> outbox_;
  NoPublisher publisher_;
  std::vector<std::unique_ptr<ConnectorEntry>> entries_;
  std::vector<std::unique_ptr<FeedConnector>> feeds_;
  std::vector<WatchedConnector> watched_;
  std::vector<WatchEvent> events_;
};

// Every gap between consecutive times lies within [lo, hi].
void ExpectGapsWithin(const std::vector<TimePoint>& times, Millis lo, Millis hi) {
  for (size_t i = 1; i < times.size(); ++i) {
    const Millis gap = times[i] - times[i - 1];
    EXPECT_GE(gap, lo) << "gap " << i << ": " << FormatDuration(gap);
    EXPECT_LE(gap, hi) << "gap " << i << ": " << FormatDuration(gap);
  }
}

// Every gap is the interval within the ±10% jitter.
void ExpectGapsAbout(const std::vector<TimePoint>& times, Millis interval) {
  ExpectGapsWithin(times, interval * 9 / 10, interval * 11 / 10);
}

TEST_F(WatcherTest, EachConnectorAtItsOwnIntervalWithBoundedJitter) {
  AddConnector("fast", minutes(5));
  AddConnector("slow", minutes(12));
  auto watcher = MakeWatcher(42);
  RunUntil(*watcher, start_ + hours(3));

  const std::vector<TimePoint> fast = Times(WatchEventKind::kScan, "fast");
  const std::vector<TimePoint> slow = Times(WatchEventKind::kScan, "slow");
  // First runs: spread over [start, start + 30s), one half of that window each, in order.
  ASSERT_FALSE(fast.empty());
  ASSERT_FALSE(slow.empty());
  EXPECT_GE(fast[0], start_);
  EXPECT_LT(fast[0], start_ + seconds(15));
  EXPECT_GE(slow[0], start_ + seconds(15));
  EXPECT_LT(slow[0], start_ + seconds(30));
  // Then each at its own interval, within ±10%.
  ExpectGapsAbout(fast, minutes(5));
  ExpectGapsAbout(slow, minutes(12));
  EXPECT_GE(fast.size(), 33u);
  EXPECT_LE(fast.size(), 40u);
  EXPECT_GE(slow.size(), 14u);
  EXPECT_LE(slow.size(), 17u);
  // Jittered, not a fixed period.
  std::set<Millis> gaps;
  for (size_t i = 1; i < fast.size(); ++i) gaps.insert(fast[i] - fast[i - 1]);
  EXPECT_GT(gaps.size(), 5u);
  // The evaluation tick: every minute on the minute from the start, whatever the scans do.
  const std::vector<TimePoint> ticks = Times(WatchEventKind::kEvaluate, "sla");
  ASSERT_EQ(ticks.size(), 181u);
  ExpectGapsWithin(ticks, minutes(1), minutes(1));
  EXPECT_EQ(ticks[0], start_);
}

TEST_F(WatcherTest, TheSeedFixesTheSchedule) {
  AddConnector("a", minutes(5));
  AddConnector("b", minutes(7));
  auto scans = [&](uint64_t seed) {
    events_.clear();
    clock_.Set(start_);
    auto watcher = MakeWatcher(seed);
    RunUntil(*watcher, start_ + hours(1));
    std::vector<TimePoint> all = Times(WatchEventKind::kScan, "a");
    for (TimePoint t : Times(WatchEventKind::kScan, "b")) all.push_back(t);
    return all;
  };
  const std::vector<TimePoint> first = scans(7);
  EXPECT_EQ(scans(7), first);
  EXPECT_NE(scans(8), first);
}

TEST_F(WatcherTest, TheMinuteTickRecordsEachSlaStageOnce) {
  FeedConnector& feed = AddConnector("mentions", minutes(5));
  feed.pages[""] = {
      {Post("1", "This is terrible, my order never arrived", start_)}, {}, "1", false};
  auto watcher = MakeWatcher(1);
  RunUntil(*watcher, start_ + hours(3));

  std::map<std::string, std::vector<TimePoint>> stages;  // by stage name
  for (const WatchEvent& e : events_) {
    if (e.kind != WatchEventKind::kStage) continue;
    ASSERT_EQ(e.message.rfind("item 1: first_reply ", 0), 0u) << e.message;
    const std::string stage = e.message.substr(20, e.message.find(' ', 20) - 20);
    stages[stage].push_back(e.at);
  }
  // The post is due an hour after it was written; each stage is recorded by the first tick at
  // or after it, and never again.
  const std::map<std::string, TimePoint> expected = {{"warning_50", start_ + minutes(30)},
                                                     {"warning_80", start_ + minutes(48)},
                                                     {"breached", start_ + hours(1)},
                                                     {"escalated", start_ + hours(2)}};
  ASSERT_EQ(stages.size(), expected.size());
  for (const auto& [stage, at] : expected) {
    ASSERT_EQ(stages[stage].size(), 1u) << stage;
    EXPECT_GE(stages[stage][0], at) << stage;
    EXPECT_LT(stages[stage][0], at + minutes(1)) << stage;
  }
  EXPECT_EQ(*store_->CountMentions(), 1);
}

TEST_F(WatcherTest, EachStageIsAlertedOnceAndAFailedDeliveryIsRetried) {
  FeedConnector& feed = AddConnector("mentions", minutes(5));
  feed.pages[""] = {
      {Post("1", "This is terrible, my order never arrived", start_)}, {}, "1", false};
  auto channel = std::make_unique<RecordingChannel>();
  RecordingChannel& ops = *channel;
  std::vector<std::unique_ptr<alerts::AlertChannel>> channels;
  channels.push_back(std::move(channel));
  StoreAlertLedger ledger(*store_);
  alerts::AlertDispatcher dispatcher(std::move(channels), ledger, clock_, {});
  auto watcher = MakeWatcher(2, {}, &dispatcher);

  // The webhook is down when the first warning comes due; the next tick delivers it.
  ops.down = true;
  RunUntil(*watcher, start_ + minutes(31));
  EXPECT_TRUE(ops.sent.empty());
  EXPECT_FALSE(Times(WatchEventKind::kError, "alerts").empty());
  ops.down = false;
  RunUntil(*watcher, start_ + hours(3));
  EXPECT_EQ(ops.sent,
            (std::vector<std::string>{"warning_50", "warning_80", "breached", "escalated"}));
  EXPECT_EQ(Times(WatchEventKind::kAlert, "alerts").size(), 4u);
}

TEST_F(WatcherTest, AFailingConnectorBacksOffAndTheOthersCarryOn) {
  FeedConnector& broken = AddConnector("broken", minutes(5));
  AddConnector("healthy", minutes(5));
  broken.failing = true;
  auto watcher = MakeWatcher(3);
  RunUntil(*watcher, start_ + hours(4));

  // Retries after 5m, 10m, 20m, 40m, then every hour (each ±10%).
  const std::vector<TimePoint> failures = Times(WatchEventKind::kError, "broken");
  ASSERT_GE(failures.size(), 7u);
  const Millis expected[] = {minutes(5), minutes(10), minutes(20), minutes(40), hours(1), hours(1)};
  for (size_t i = 0; i < std::size(expected); ++i) {
    const Millis gap = failures[i + 1] - failures[i];
    EXPECT_GE(gap, expected[i] * 9 / 10) << "retry " << i << ": " << FormatDuration(gap);
    EXPECT_LE(gap, expected[i] * 11 / 10) << "retry " << i << ": " << FormatDuration(gap);
  }
  EXPECT_EQ(watcher->schedule()[0].consecutive_failures, static_cast<int>(failures.size()));
  // The healthy connector kept its own interval all along, and the tick never missed a minute.
  const std::vector<TimePoint> healthy = Times(WatchEventKind::kScan, "healthy");
  ExpectGapsAbout(healthy, minutes(5));
  EXPECT_GE(healthy.size(), 44u);
  EXPECT_EQ(Times(WatchEventKind::kEvaluate, "sla").size(), 241u);

  // Recovery: the next attempt succeeds and the normal interval is back.
  broken.failing = false;
  events_.clear();
  RunUntil(*watcher, start_ + hours(6));
  EXPECT_EQ(watcher->schedule()[0].consecutive_failures, 0);
  EXPECT_TRUE(Times(WatchEventKind::kError, "broken").empty());
  const std::vector<TimePoint> recovered = Times(WatchEventKind::kScan, "broken");
  ASSERT_GE(recovered.size(), 10u);
  ExpectGapsAbout(recovered, minutes(5));
}

TEST_F(WatcherTest, StopEndsTheScanBetweenPagesKeepingWhatWasCommitted) {
  FeedConnector& feed = AddConnector("mentions", minutes(5));
  const TimePoint t = start_ - hours(1);
  feed.pages[""] = {{Post("1", "Love it", t), Post("2", "Great service", t)}, {}, "p2", true};
  feed.pages["p2"] = {{Post("3", "Where is my parcel?", t)}, {}, "p3", true};
  feed.pages["p3"] = {{Post("4", "Never again", t)}, {}, "p4", false};
  bool stop = false;
  // The stop arrives while page two is being fetched: that page still commits, page three is
  // never asked for.
  feed.on_fetch = [&](const std::string& checkpoint) { stop = stop || checkpoint == "p2"; };
  auto watcher = MakeWatcher(5, [&] { return stop; });

  // The first call places the schedule (the connector's first run is a few seconds away) and
  // runs the tick; the next call is the scan.
  Result<TimePoint> next = watcher->RunDue(start_);
  ASSERT_TRUE(next.ok());
  clock_.Set(*next);
  Result<TimePoint> after_stop = watcher->RunDue(*next);
  ASSERT_TRUE(after_stop.ok());
  EXPECT_EQ(*after_stop, *next) << "a stopped watcher asks for no further wait";
  EXPECT_EQ(feed.asked, (std::vector<std::string>{"", "p2"}));
  EXPECT_EQ(*store_->CountMentions(), 3);
  EXPECT_EQ(**store_->GetCheckpoint("mentions"), "p3");
  ASSERT_FALSE(events_.empty());
  EXPECT_EQ(events_.back().kind, WatchEventKind::kScan);
  EXPECT_NE(events_.back().message.find("stopped between pages"), std::string::npos);
  EXPECT_EQ(Times(WatchEventKind::kEvaluate, "sla").size(), 1u) << "no tick after the stop";

  // Started again, it resumes from the checkpoint: nothing lost, nothing twice.
  stop = false;
  feed.on_fetch = nullptr;
  ASSERT_TRUE(watcher->RunDue(*next).ok());
  EXPECT_EQ(feed.asked.back(), "p3");
  EXPECT_EQ(*store_->CountMentions(), 4);
  EXPECT_EQ(**store_->GetCheckpoint("mentions"), "p4");
}

TEST_F(WatcherTest, BadScheduleSettingsAreNamed) {
  AddConnector("zero", Millis(0));
  auto watcher = MakeWatcher(1);
  Result<TimePoint> next = watcher->RunDue(start_);
  ASSERT_FALSE(next.ok());
  EXPECT_EQ(next.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(next.status().message().find("zero: poll_interval"), std::string::npos);
}

}  // namespace
}  // namespace heed::app
