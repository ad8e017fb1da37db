#include "platform_flow.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <set>

#include "heed/app/scanner.h"
#include "heed/connectors/connector.h"
#include "heed/sandbox/sandbox.h"
#include "heed/sentiment/scorer.h"
#include "heed/store/store.h"

namespace heed::testing {
namespace {

namespace fs = std::filesystem;

struct Session {
  std::unique_ptr<HttpTransport> transport;
  std::unique_ptr<connectors::Connector> connector;
  std::unique_ptr<store::Store> store;
};

Session Open(const PlatformFlow& flow, const std::string& base_url, const std::string& db,
             Clock& clock) {
  Session s;
  s.transport = connectors::MakeCpprestTransport();
  connectors::ConnectorConfig config;
  config.name = flow.platform + "-test";
  config.platform = flow.platform;
  config.base_url = base_url;
  config.feed = flow.feed;
  config.token = flow.token;
  config.account = flow.account;
  config.page_limit = flow.page_limit;
  auto connector = connectors::MakeConnector(config, *s.transport, clock);
  EXPECT_TRUE(connector.ok()) << connector.status().ToString();
  if (connector.ok()) s.connector = std::move(connector).value();
  auto store = store::Store::Open(db);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  if (store.ok()) s.store = std::move(store).value();
  return s;
}

}  // namespace

void RunPlatformFlow(const PlatformFlow& flow) {
  std::string pattern = (fs::temp_directory_path() / "heed-flow-XXXXXX").string();
  ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
  const std::string dir = pattern;
  const std::string db = dir + "/heed.db";
  SimulatedClock clock(*ParseIso8601("2026-11-23T12:00:00Z"));
  sandbox::SandboxOptions options;
  options.seed = 11;
  options.post_count = flow.post_count;
  options.clock = &clock;
  auto started = sandbox::Sandbox::Start(options);
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  std::unique_ptr<sandbox::Sandbox> sandbox = std::move(started).value();
  const std::string base_url = sandbox->PlatformUrl(flow.platform);

  auto scorer = std::move(sentiment::Scorer::CreateDefault()).value();
  responder::DeadlinePolicy policy;
  {
    Session first = Open(flow, base_url, db, clock);
    ASSERT_TRUE(first.connector && first.store);
    app::Scanner scanner(*first.store, *scorer, policy, clock);
    app::ScanReport report = scanner.Scan(*first.connector, /*max_pages=*/2);
    ASSERT_TRUE(report.error.ok()) << report.error.ToString();
    EXPECT_EQ(report.pages, 2);
    EXPECT_EQ(report.inserted, std::min(2 * flow.page_limit, flow.expected_items));
    EXPECT_TRUE(report.item_errors.empty()) << report.item_errors.front().ToString();
  }
  Session second = Open(flow, base_url, db, clock);
  ASSERT_TRUE(second.connector && second.store);
  app::Scanner scanner(*second.store, *scorer, policy, clock);
  app::ScanReport rest = scanner.Scan(*second.connector);
  ASSERT_TRUE(rest.error.ok()) << rest.error.ToString();
  EXPECT_EQ(rest.duplicates, 0) << "the restart re-read items it had already stored";
  EXPECT_EQ(*second.store->CountMentions(), flow.expected_items) << "gap or duplicate";
  app::ScanReport again = scanner.Scan(*second.connector);
  ASSERT_TRUE(again.error.ok()) << again.error.ToString();
  EXPECT_EQ(again.inserted, 0);

  store::InboxQuery query;
  query.include_resolved = true;
  auto items = *second.store->ListInbox(query);
  ASSERT_FALSE(items.empty());
  std::set<std::string> remote_ids;
  for (const store::InboxItem& item : items) {
    const Mention& m = item.stored.mention;
    EXPECT_EQ(m.platform, flow.platform);
    EXPECT_FALSE(m.text.empty()) << m.remote_id;
    EXPECT_FALSE(m.url.empty()) << m.remote_id;
    EXPECT_FALSE(m.raw_json.empty()) << m.remote_id;
    EXPECT_GT(ToUnixMillis(m.created_at), 0) << m.remote_id;
    remote_ids.insert(m.remote_id);
  }
  EXPECT_EQ(remote_ids.size(), items.size());

  const Mention& target = items.front().stored.mention;
  connectors::ReplyRequest reply{target, "Thank you for telling us, we are on it.",
                                 "heed-reply-flow-1"};
  reply.replace_existing = true;  // review sites: this test speaks for the operator
  Result<connectors::PostedReply> posted = second.connector->PostReply(reply);
  if (flow.can_reply) {
    ASSERT_TRUE(posted.ok()) << posted.status().ToString();
    auto replies = sandbox->Replies();
    ASSERT_EQ(replies.size(), 1u);
    EXPECT_EQ(replies[0].platform, flow.platform);
    EXPECT_EQ(replies[0].in_reply_to_id, target.remote_id);
    EXPECT_NE(replies[0].text.find("we are on it"), std::string::npos);
  } else {
    ASSERT_FALSE(posted.ok());
    EXPECT_EQ(posted.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_TRUE(sandbox->Replies().empty());
  }
  EXPECT_TRUE(sandbox->Violations().empty());
  for (const auto& request : sandbox->Requests()) EXPECT_NE(request.method, "DELETE");

  second = Session{};
  sandbox.reset();
  fs::remove_all(dir);
}

}  // namespace heed::testing
