// Scanning through a faulty platform: rate limits are waited out on the injected clock, outages
// are retried and then reported clearly, garbage pages are skipped, and in the end every item
// is stored exactly once.
#include <gtest/gtest.h>

#include "heed/app/scanner.h"
#include "heed/connectors/connector.h"
#include "heed/core/text.h"
#include "heed/sandbox/sandbox.h"
#include "heed/sentiment/scorer.h"
#include "heed/store/store.h"

namespace heed {
namespace {

class FaultsTest : public ::testing::Test {
 protected:
  void Start(sandbox::FaultRates faults, int posts = 40) {
    sandbox::SandboxOptions options;
    options.clock = &clock_;
    options.seed = 3;
    options.post_count = posts;
    options.faults = faults;
    options.fault_delay = Millis(300);
    sandbox_ = std::move(sandbox::Sandbox::Start(options)).value();
    connectors::ConnectorConfig config;
    config.name = "faulty";
    config.platform = "mastodon";
    config.base_url = sandbox_->base_url();
    config.feed = "mentions";
    config.token = "t";
    config.page_limit = 10;
    connector_ = std::move(connectors::MakeConnector(config, *transport_, clock_)).value();
  }

  SimulatedClock clock_{*ParseIso8601("2026-11-23T12:00:00Z")};
  std::unique_ptr<HttpTransport> transport_ = connectors::MakeCpprestTransport();
  std::unique_ptr<sandbox::Sandbox> sandbox_;
  std::unique_ptr<connectors::Connector> connector_;
  std::unique_ptr<store::Store> store_ = std::move(store::Store::Open(":memory:")).value();
  std::unique_ptr<sentiment::Scorer> scorer_ =
      std::move(sentiment::Scorer::CreateDefault()).value();
  responder::DeadlinePolicy policy_;
};

TEST_F(FaultsTest, RateLimitIsWaitedOutOnTheInjectedClock) {
  sandbox::FaultRates faults;
  faults.rate_limited = 1.0;  // every request: 429 with Retry-After: 1
  Start(faults);
  TimePoint before = clock_.Now();
  app::ScanReport report = app::Scanner(*store_, *scorer_, policy_, clock_).Scan(*connector_);
  EXPECT_EQ(report.error.code(), StatusCode::kResourceExhausted) << report.error.ToString();
  EXPECT_GE(clock_.Now() - before, Millis(1000)) << "Retry-After was honoured by waiting";
  EXPECT_EQ(*store_->CountMentions(), 0);
}

TEST_F(FaultsTest, OutageIsRetriedThenReportedClearly) {
  sandbox::FaultRates faults;
  faults.server_error = 1.0;
  Start(faults);
  app::ScanReport report = app::Scanner(*store_, *scorer_, policy_, clock_).Scan(*connector_);
  EXPECT_EQ(report.error.code(), StatusCode::kUnavailable);
  EXPECT_NE(report.error.message().find("faulty"), std::string::npos) << report.error.message();
  EXPECT_NE(report.error.message().find("503"), std::string::npos) << report.error.message();
  EXPECT_GT(sandbox_->FaultsInjected(), 1u) << "the request was retried";
}

TEST_F(FaultsTest, MixedFaultsLoseAndDuplicateNothing) {
  sandbox::FaultRates faults;
  faults.rate_limited = 0.1;
  faults.server_error = 0.1;
  faults.malformed = 0.1;
  faults.truncated = 0.05;
  faults.html = 0.05;
  faults.timeout = 0.02;
  faults.slow = 0.05;
  faults.loop = 0.1;  // pages served again whatever the cursor: a pagination loop
  faults.bad_utf8 = 0.1;
  Start(faults, 150);
  app::Scanner scanner(*store_, *scorer_, policy_, clock_);
  int failed_runs = 0;
  for (int run = 0; run < 60; ++run) {  // as cron would: run again until a clean pass
    app::ScanReport report = scanner.Scan(*connector_);
    if (!report.error.ok()) {
      ++failed_runs;
      continue;
    }
    if (report.inserted == 0 && report.pages <= 1) break;
  }
  EXPECT_EQ(*store_->CountMentions(), 150);
  EXPECT_GT(sandbox_->FaultsInjected(), 0u);
  EXPECT_GT(failed_runs, 0) << "the faults did reach the scanner";
  EXPECT_TRUE(sandbox_->Violations().empty());
}

// Every page with invalid UTF-8 in its texts: nothing is refused, every text is stored repaired.
TEST_F(FaultsTest, InvalidUtf8InTextsIsRepairedNotRefused) {
  sandbox::FaultRates faults;
  faults.bad_utf8 = 1.0;
  Start(faults, 30);
  app::ScanReport report = app::Scanner(*store_, *scorer_, policy_, clock_).Scan(*connector_);
  ASSERT_TRUE(report.error.ok()) << report.error.ToString();
  EXPECT_EQ(*store_->CountMentions(), 30);
  auto items = store_->ListInbox(store::InboxQuery{});
  ASSERT_TRUE(items.ok()) << items.status().ToString();
  int repaired = 0;
  for (const store::InboxItem& item : *items) {
    EXPECT_TRUE(IsValidUtf8(item.stored.mention.text)) << item.stored.mention.remote_id;
    repaired += item.stored.mention.text.find("\uFFFD") != std::string::npos;
  }
  EXPECT_GT(repaired, 0) << "the fault reached the stored texts";
}

}  // namespace
}  // namespace heed
