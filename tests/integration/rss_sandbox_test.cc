#include <gtest/gtest.h>

#include <filesystem>

#include "heed/app/scanner.h"
#include "heed/connectors/connector.h"
#include "heed/sandbox/sandbox.h"
#include "heed/sentiment/scorer.h"
#include "heed/store/store.h"
#include "platform_flow.h"

namespace heed::testing {
namespace {

// The platform URL itself serves the Google-Alerts-like Atom feed of the 25 tag posts. The
// connector hands out page_limit entries per FetchPage, so the two-page/restart flow applies.
TEST(RssSandbox, AlertsFeedIncrementalScanReadOnly) {
  RunPlatformFlow({.platform = "rss", .feed = "feed", .expected_items = 25, .can_reply = false});
}

TEST(RssSandbox, SmallPagesAndQueryFilter) {
  RunPlatformFlow({.platform = "rss",
                   .feed = "feed:acme",
                   .page_limit = 3,
                   .post_count = 12,
                   .expected_items = 12,
                   .can_reply = false});
}

// The RSS 2.0 blog feed at its own path: full scan, then conditional GET answers 304.
TEST(RssSandbox, BlogFeedThenNotModified) {
  namespace fs = std::filesystem;
  SimulatedClock clock(*ParseIso8601("2026-11-23T12:00:00Z"));
  sandbox::SandboxOptions options;
  options.seed = 5;
  options.post_count = 25;
  options.clock = &clock;
  auto sandbox = sandbox::Sandbox::Start(options);
  ASSERT_TRUE(sandbox.ok()) << sandbox.status().ToString();
  std::string dir = (fs::temp_directory_path() / "heed-rss-blog-XXXXXX").string();
  ASSERT_NE(::mkdtemp(dir.data()), nullptr);

  auto transport = connectors::MakeCpprestTransport();
  connectors::ConnectorConfig config;
  config.name = "blog";
  config.platform = "rss";
  config.base_url = (*sandbox)->PlatformUrl("rss") + "/blog/rss.xml";
  config.feed = "feed";
  config.page_limit = 10;
  auto connector = connectors::MakeConnector(config, *transport, clock);
  ASSERT_TRUE(connector.ok()) << connector.status().ToString();
  auto store = store::Store::Open(dir + "/heed.db");
  ASSERT_TRUE(store.ok());
  auto scorer = std::move(sentiment::Scorer::CreateDefault()).value();
  responder::DeadlinePolicy policy;
  app::Scanner scanner(**store, *scorer, policy, clock);

  app::ScanReport first = scanner.Scan(**connector);
  ASSERT_TRUE(first.error.ok()) << first.error.ToString();
  EXPECT_EQ(first.inserted, 25);
  EXPECT_EQ(first.pages, 3);
  EXPECT_TRUE(first.item_errors.empty());
  auto items = *(*store)->ListInbox({.include_resolved = true});
  ASSERT_EQ(items.size(), 25u);
  for (const auto& item : items) {
    const Mention& m = item.stored.mention;
    EXPECT_EQ(m.remote_id.substr(0, 5), "blog-");
    EXPECT_EQ(m.url.substr(0, 27), "https://blog.example.net/p/");
    EXPECT_FALSE(m.author.handle.empty());
    EXPECT_EQ(m.text.find('<'), std::string::npos) << m.text;
  }
  size_t before = (*sandbox)->Requests().size();
  app::ScanReport again = scanner.Scan(**connector);
  ASSERT_TRUE(again.error.ok()) << again.error.ToString();
  EXPECT_EQ(again.inserted, 0);
  EXPECT_EQ(again.pages, 1);
  EXPECT_EQ((*sandbox)->Requests().size(), before + 1);
  EXPECT_TRUE((*sandbox)->Violations().empty());
  store->reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace heed::testing
