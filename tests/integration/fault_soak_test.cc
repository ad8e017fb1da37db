// The fault soak: every platform's read connector scans a sandbox that injects all nine fault
// kinds at once (429, 500, timeout, malformed, truncate, html, slow, loop, utf8), again and again
// as cron would, until a pass goes through cleanly. Then every item the platform serves for the
// feed must be stored exactly once: the same remote ids as a fault-free scan of a sandbox with the
// same seed (same corpus), no more and no fewer. Faults of several kinds must have been injected
// (the sandbox's per-kind counters) and no delete/hide call made.
//
// Deterministic: the sandbox picks faults from (seed, request number), the client is one thread,
// and every wait (Retry-After, retry backoff) goes through the SimulatedClock, so nothing sleeps
// but the sandbox's short fault_delay on "timeout" and "slow" faults. Each platform runs with
// several seed offsets (kDefaultSeedOffsets: the extra ones each met a loss once), so the suite
// covers more fault sequences than one while staying deterministic.
//
// The per-kind counts are printed ("[ soak ] ...") and recorded as test properties, for
// docs/RELIABILITY.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "heed/app/scanner.h"
#include "heed/connectors/connector.h"
#include "heed/core/text.h"
#include "heed/sandbox/sandbox.h"
#include "heed/sentiment/scorer.h"
#include "heed/store/store.h"
#include "heed/testing/test_keys.h"
#include "platform_flow.h"

namespace heed::testing {
namespace {

// One read connector per platform: all 13 of connectors/src/factory.cc. Feeds and accounts are
// those of the emulators (sandbox/src/platforms/*.h), as in the <platform>_sandbox_test.cc files.
struct SoakCase {
  std::string platform;
  std::string feed;
  std::string account;
  std::string token = "sandbox-token";  // "p8": a fresh App Store key (NewP8Key)
  int items_per_post = 1;  // the feed covers both corpus feeds (mentions and #brand): 2
  uint64_t seed = 1;       // per platform, so each meets its own sequence of faults
};

void PrintTo(const SoakCase& c, std::ostream* os) {
  *os << c.platform << " " << c.feed << " seed " << c.seed;
}

const SoakCase kCases[] = {
    {.platform = "mastodon", .feed = "mentions", .seed = 101},
    {.platform = "bluesky",
     .feed = "search:acme",
     .account = "acme.bsky.social",
     .items_per_post = 2,
     .seed = 102},
    {.platform = "reddit", .feed = "mentions", .account = "acme", .seed = 103},
    {.platform = "x", .feed = "search:acme", .items_per_post = 2, .seed = 104},
    {.platform = "youtube",
     .feed = "channel:UCacmeOfficial0000000000",
     .items_per_post = 2,
     .seed = 105},
    {.platform = "facebook", .feed = "page:104000000000001", .seed = 106},
    {.platform = "instagram", .feed = "account:17841400000000001", .seed = 107},
    {.platform = "google_business",
     .feed = "location:accounts/112233445566778899001/locations/5566778899001122334",
     .seed = 108},
    {.platform = "trustpilot",
     .feed = "business:5f1e2d3c4b5a69788796a5b4",
     .token = "sandbox-key:sandbox-token",
     .seed = 109},
    {.platform = "google_play", .feed = "app:com.acme.app", .seed = 110},
    {.platform = "app_store",
     .feed = "app:1234567890",
     .account = "69a6de7f-0c3b-47e3-e053-5b8c7c11a4d1:2X9R4HXF34",
     .token = "p8",
     .seed = 111},
    {.platform = "hackernews", .feed = "search:acme", .items_per_post = 2, .seed = 112},
    {.platform = "rss", .feed = "feed", .seed = 113},
};

// Small pages, so a pass takes many requests (many chances to fail); few enough posts that the
// whole feed (at most 2 x kPosts items) fits in every connector's first-scan backfill bound
// (10 pages at least), so the reference scan reads all of it.
constexpr int kPosts = 15;
constexpr int kPageLimit = 4;
constexpr int kMaxRuns = 100;        // cron runs before the soak gives up on a clean pass
constexpr size_t kMinRequests = 40;  // scans go on (as cron would) until this many were made
constexpr char kStart[] = "2026-11-23T12:00:00Z";

// The seed offsets every platform runs with by default. 7 and 10 found losses that offset 0 did
// not (pages served again: app_store and hackernews with 7, trustpilot and bluesky with 10);
// each offset costs about 4 s for the 13 platforms.
constexpr uint64_t kDefaultSeedOffsets[] = {0, 7, 10};

// HEED_SOAK_SEED_OFFSET=N runs every platform with that one seed offset instead, to explore other
// fault sequences by hand.
std::vector<uint64_t> SeedOffsets() {
  if (const char* offset = std::getenv("HEED_SOAK_SEED_OFFSET")) {
    return {std::strtoull(offset, nullptr, 10)};
  }
  return {std::begin(kDefaultSeedOffsets), std::end(kDefaultSeedOffsets)};
}

// Every case with every seed offset (seed shifted, offset kept for the name).
struct SoakParam {
  SoakCase soak;
  uint64_t offset = 0;
};

void PrintTo(const SoakParam& p, std::ostream* os) { PrintTo(p.soak, os); }

std::vector<SoakParam> SoakParams() {
  std::vector<SoakParam> params;
  for (uint64_t offset : SeedOffsets()) {
    for (const SoakCase& c : kCases) {
      SoakParam p{c, offset};
      p.soak.seed += offset;
      params.push_back(std::move(p));
    }
  }
  return params;
}

// "app_store" for offset 0, "app_store_offset7" otherwise.
std::string CaseName(const ::testing::TestParamInfo<SoakParam>& info) {
  return info.param.soak.platform +
         (info.param.offset == 0 ? "" : "_offset" + std::to_string(info.param.offset));
}

// Moderate rates of every kind (57% of platform requests fail in some way).
sandbox::FaultRates AllFaults() {
  sandbox::FaultRates f;
  f.rate_limited = 0.1;
  f.server_error = 0.1;
  f.timeout = 0.02;
  f.malformed = 0.1;
  f.truncated = 0.05;
  f.html = 0.05;
  f.slow = 0.05;
  f.loop = 0.1;
  f.bad_utf8 = 0.1;
  return f;
}

class FaultSoak : public ::testing::TestWithParam<SoakParam> {
 protected:
  void SetUp() override {
    soak_ = GetParam().soak;
    if (soak_.token == "p8") {
      soak_.token = NewP8Key();
      ASSERT_FALSE(soak_.token.empty());
    }
  }

  std::unique_ptr<sandbox::Sandbox> StartSandbox(Clock& clock, const sandbox::FaultRates& faults) {
    sandbox::SandboxOptions options;
    options.seed = soak_.seed;
    options.post_count = kPosts;
    options.clock = &clock;
    options.faults = faults;
    // Long enough to be a real stall, short enough that ~a dozen of them cost well under a
    // second; far below the transport's timeout, so "timeout" faults end in 504 (retried).
    options.fault_delay = Millis(40);
    auto started = sandbox::Sandbox::Start(options);
    EXPECT_TRUE(started.ok()) << started.status().ToString();
    return started.ok() ? std::move(started).value() : nullptr;
  }

  // A new connector and transport: a new cron process, which knows only the store.
  struct Process {
    std::unique_ptr<HttpTransport> transport = connectors::MakeCpprestTransport();
    std::unique_ptr<connectors::Connector> connector;
  };
  Process NewProcess(const sandbox::Sandbox& sandbox, Clock& clock) {
    Process p;
    connectors::ConnectorConfig config;
    config.name = soak_.platform + "-soak";
    config.platform = soak_.platform;
    config.base_url = sandbox.PlatformUrl(soak_.platform);
    config.feed = soak_.feed;
    config.token = soak_.token;
    config.account = soak_.account;
    config.page_limit = kPageLimit;
    auto connector = connectors::MakeConnector(config, *p.transport, clock);
    EXPECT_TRUE(connector.ok()) << connector.status().ToString();
    if (connector.ok()) p.connector = std::move(connector).value();
    return p;
  }

  static std::multiset<std::string> StoredIds(store::Store& store) {
    std::multiset<std::string> ids;
    for (const store::InboxItem& item : *store.ListInbox({.include_resolved = true})) {
      ids.insert(item.stored.mention.remote_id);
    }
    return ids;
  }

  SoakCase soak_;
  std::unique_ptr<sentiment::Scorer> scorer_ =
      std::move(sentiment::Scorer::CreateDefault()).value();
  responder::DeadlinePolicy policy_;
};

TEST_P(FaultSoak, EveryItemStoredExactlyOnce) {
  // The reference: what the platform serves for this feed, read without faults.
  std::multiset<std::string> expected;
  {
    SimulatedClock clock(*ParseIso8601(kStart));
    auto clean = StartSandbox(clock, {});
    ASSERT_TRUE(clean);
    auto store = std::move(store::Store::Open(":memory:")).value();
    Process process = NewProcess(*clean, clock);
    ASSERT_TRUE(process.connector);
    app::ScanReport report =
        app::Scanner(*store, *scorer_, policy_, clock).Scan(*process.connector);
    ASSERT_TRUE(report.error.ok()) << report.error.ToString();
    expected = StoredIds(*store);
    // The whole feed as the corpus has it, not a backfill-bounded part.
    ASSERT_EQ(expected.size(), static_cast<size_t>(soak_.items_per_post * kPosts));
  }

  // The same corpus (same seed, same start time) behind every fault kind.
  SimulatedClock clock(*ParseIso8601(kStart));
  auto faulty = StartSandbox(clock, AllFaults());
  ASSERT_TRUE(faulty);
  auto store = std::move(store::Store::Open(":memory:")).value();
  app::Scanner scanner(*store, *scorer_, policy_, clock);
  int runs = 0;
  int failed_runs = 0;
  int item_errors = 0;
  bool clean_pass = false;
  std::string history;  // one line per scan, shown when the soak fails
  // Until the last scan is clean (to the end of the feed, nothing new) and enough requests were
  // made for the faults to be varied; scans after the first clean one must stay clean of
  // phantom or repeated items (the store would show them).
  while (runs < kMaxRuns && !(clean_pass && faulty->Requests().size() >= kMinRequests)) {
    ++runs;
    Process process = NewProcess(*faulty, clock);
    ASSERT_TRUE(process.connector);
    app::ScanReport report = scanner.Scan(*process.connector);
    item_errors += static_cast<int>(report.item_errors.size());
    history += "\n  scan " + std::to_string(runs) + ": " + std::to_string(report.pages) +
               " pages, " + std::to_string(report.inserted) + " new, " +
               std::to_string(report.duplicates) + " known; " + report.error.ToString();
    for (const Status& e : report.item_errors) history += "\n    skipped: " + e.ToString();
    if (!report.error.ok()) {
      ++failed_runs;
      clean_pass = false;
      continue;
    }
    // Went to the end of the feed and found nothing new: cron would see a quiet feed.
    clean_pass = report.inserted == 0 && report.item_errors.empty();
  }
  const sandbox::FaultCounts faults = faulty->FaultsInjectedByKind();
  std::cout << "[ soak     ] " << soak_.platform << ": " << runs << " scans (" << failed_runs
            << " failed), " << expected.size() << " items; faults injected: " << faults.Summary()
            << " (" << faults.Total() << " in " << faulty->Requests().size() << " requests), "
            << item_errors << " items skipped on the way" << std::endl;
  RecordProperty("scans", runs);
  RecordProperty("failed_scans", failed_runs);
  RecordProperty("items", static_cast<int>(expected.size()));
  for (size_t i = 0; i < faults.kKinds.size(); ++i) {
    RecordProperty("faults_" + std::string(faults.kKinds[i]), static_cast<int>(faults.counts[i]));
  }

  EXPECT_TRUE(clean_pass) << "no clean pass in " << kMaxRuns << " scans";
  std::multiset<std::string> stored = StoredIds(*store);
  std::set<std::string> distinct(stored.begin(), stored.end());
  EXPECT_EQ(distinct.size(), stored.size()) << "an item stored twice";
  std::vector<std::string> missing, extra;
  std::set_difference(expected.begin(), expected.end(), stored.begin(), stored.end(),
                      std::back_inserter(missing));
  std::set_difference(stored.begin(), stored.end(), expected.begin(), expected.end(),
                      std::back_inserter(extra));
  EXPECT_TRUE(missing.empty()) << missing.size() << " items lost, e.g. " << missing.front()
                               << history;
  EXPECT_TRUE(extra.empty()) << extra.size() << " items not served, e.g. " << extra.front()
                             << history;
  for (const store::InboxItem& item : *store->ListInbox({.include_resolved = true})) {
    const Mention& m = item.stored.mention;
    EXPECT_FALSE(m.text.empty()) << m.remote_id;
    EXPECT_TRUE(IsValidUtf8(m.text)) << m.remote_id;
  }

  EXPECT_GE(faults.KindsSeen(), 4) << faults.Summary();
  EXPECT_GT(failed_runs, 0) << "the faults never reached the scanner";
  EXPECT_TRUE(faulty->Violations().empty());
}

INSTANTIATE_TEST_SUITE_P(AllPlatforms, FaultSoak, ::testing::ValuesIn(SoakParams()), CaseName);

}  // namespace
}  // namespace heed::testing
