// Google Play against its sandbox emulator: the shared end-to-end flow, plus the replace
// confirmation and the review id's colon over real HTTP.
#include <gtest/gtest.h>

#include "heed/connectors/connector.h"
#include "heed/sandbox/sandbox.h"
#include "platform_flow.h"

namespace heed::testing {
namespace {

// The emulator's one app for brand "acme" (sandbox/src/platforms/google_play.h).
constexpr char kFeed[] = "app:com.acme.app";

TEST(GooglePlaySandbox, AppReviewsIncrementalScanAndReply) {
  RunPlatformFlow({.platform = "google_play", .feed = kFeed});
}

TEST(GooglePlaySandbox, SmallPagesAndOddCounts) {
  RunPlatformFlow({.platform = "google_play",
                   .feed = kFeed,
                   .page_limit = 4,
                   .post_count = 17,
                   .expected_items = 17});
}

TEST(GooglePlaySandbox, ReplaceConfirmationAndUnknownApp) {
  SimulatedClock clock(*ParseIso8601("2026-11-23T12:00:00Z"));
  sandbox::SandboxOptions options;
  options.seed = 3;
  options.post_count = 30;
  options.clock = &clock;
  auto started = sandbox::Sandbox::Start(options);
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  auto sandbox = std::move(started).value();
  auto transport = connectors::MakeCpprestTransport();
  connectors::ConnectorConfig config;
  config.name = "play";
  config.platform = "google_play";
  config.base_url = sandbox->PlatformUrl("google_play");
  config.feed = kFeed;
  config.token = "sandbox-token";
  config.page_limit = 100;
  auto connector = connectors::MakeConnector(config, *transport, clock);
  ASSERT_TRUE(connector.ok()) << connector.status().ToString();

  auto page = (*connector)->FetchPage("");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->mentions.size(), 30u);
  const Mention* answered = nullptr;
  for (const Mention& m : page->mentions) {
    EXPECT_EQ(m.remote_id.rfind("gp:", 0), 0u);
    EXPECT_FALSE(m.text.empty());
    EXPECT_NE(m.text.front(), '\t');
    if (!m.owner_reply.empty() && answered == nullptr) answered = &m;
  }
  ASSERT_NE(answered, nullptr);
  const size_t before = sandbox->Requests().size();
  auto refused = (*connector)->PostReply({*answered, "Hello", "k"});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(sandbox->Requests().size(), before);
  EXPECT_TRUE(sandbox->Replies().empty());

  connectors::ReplyRequest confirmed{*answered, std::string(351, 'x'), "k"};
  confirmed.replace_existing = true;
  EXPECT_EQ((*connector)->PostReply(confirmed).status().code(), StatusCode::kInvalidArgument);
  confirmed.text = "Fixed in 4.32, thanks!";
  ASSERT_TRUE((*connector)->PostReply(confirmed).ok());
  auto replies = sandbox->Replies();
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies[0].in_reply_to_id, answered->remote_id);
  EXPECT_EQ(replies[0].text, "Fixed in 4.32, thanks!");

  config.feed = "app:com.other.app";
  auto other = connectors::MakeConnector(config, *transport, clock);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ((*other)->FetchPage("").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(sandbox->Violations().empty());
}

}  // namespace
}  // namespace heed::testing
