// Google Business Profile against its sandbox emulator: the shared end-to-end flow, plus the
// replace confirmation over real HTTP.
#include <gtest/gtest.h>

#include "heed/connectors/connector.h"
#include "heed/sandbox/sandbox.h"
#include "platform_flow.h"

namespace heed::testing {
namespace {

// The emulator's one location (sandbox/src/platforms/google_business.h).
constexpr char kFeed[] = "location:accounts/112233445566778899001/locations/5566778899001122334";

TEST(GoogleBusinessSandbox, LocationReviewsIncrementalScanAndReply) {
  RunPlatformFlow({.platform = "google_business", .feed = kFeed});
}

TEST(GoogleBusinessSandbox, SmallPagesAndOddCounts) {
  RunPlatformFlow({.platform = "google_business",
                   .feed = kFeed,
                   .page_limit = 3,
                   .post_count = 14,
                   .expected_items = 14});
}

class GoogleBusinessSandboxReply : public ::testing::Test {
 protected:
  void SetUp() override {
    sandbox::SandboxOptions options;
    options.seed = 5;
    options.post_count = 30;
    options.clock = &clock_;
    auto started = sandbox::Sandbox::Start(options);
    ASSERT_TRUE(started.ok()) << started.status().ToString();
    sandbox_ = std::move(started).value();
    transport_ = connectors::MakeCpprestTransport();
    connectors::ConnectorConfig config;
    config.name = "gbp";
    config.platform = "google_business";
    config.base_url = sandbox_->PlatformUrl("google_business");
    config.feed = kFeed;
    config.token = "sandbox-token";
    config.page_limit = 50;
    auto connector = connectors::MakeConnector(config, *transport_, clock_);
    ASSERT_TRUE(connector.ok()) << connector.status().ToString();
    connector_ = std::move(connector).value();
  }

  SimulatedClock clock_{*ParseIso8601("2026-11-23T12:00:00Z")};
  std::unique_ptr<sandbox::Sandbox> sandbox_;
  std::unique_ptr<HttpTransport> transport_;
  std::unique_ptr<connectors::Connector> connector_;
};

TEST_F(GoogleBusinessSandboxReply, ExistingReplyIsNotOverwrittenWithoutConfirmation) {
  auto page = connector_->FetchPage("");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->mentions.size(), 30u);
  EXPECT_TRUE(page->item_errors.empty());
  const Mention* answered = nullptr;
  const Mention* unanswered = nullptr;
  for (const Mention& m : page->mentions) {
    EXPECT_EQ(m.text.find("(Translated by Google)"), std::string::npos) << m.text;
    EXPECT_EQ(m.text.find("@acme"), std::string::npos) << m.text;
    ASSERT_TRUE(m.rating.has_value());
    EXPECT_GE(*m.rating, 1);
    EXPECT_LE(*m.rating, 5);
    if (!m.owner_reply.empty() && answered == nullptr) answered = &m;
    if (m.owner_reply.empty() && unanswered == nullptr) unanswered = &m;
  }
  ASSERT_NE(answered, nullptr);
  ASSERT_NE(unanswered, nullptr);
  const size_t requests_before = sandbox_->Requests().size();

  connectors::ReplyRequest request{*answered, "Thanks again!", "k1"};
  auto refused = connector_->PostReply(request);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(sandbox_->Requests().size(), requests_before);  // nothing sent

  request.replace_existing = true;
  ASSERT_TRUE(connector_->PostReply(request).ok());
  // The stored mention's reply is empty, but the platform now has one: checked live.
  Mention stale = *unanswered;
  connectors::ReplyRequest first{stale, "First answer", "k2"};
  ASSERT_TRUE(connector_->PostReply(first).ok());
  auto second = connector_->PostReply({stale, "Second answer", "k3"});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(second.status().message().find("First answer"), std::string::npos);

  auto replies = sandbox_->Replies();
  ASSERT_EQ(replies.size(), 2u);
  EXPECT_EQ(replies[0].in_reply_to_id, answered->remote_id);
  EXPECT_EQ(replies[1].in_reply_to_id, unanswered->remote_id);
  EXPECT_TRUE(sandbox_->Violations().empty());
}

TEST_F(GoogleBusinessSandboxReply, MissingTokenIsUnauthenticated) {
  connectors::ConnectorConfig config;
  config.name = "gbp-anon";
  config.platform = "google_business";
  config.base_url = sandbox_->PlatformUrl("google_business");
  config.feed = kFeed;
  auto connector = connectors::MakeConnector(config, *transport_, clock_);
  ASSERT_TRUE(connector.ok());
  auto page = (*connector)->FetchPage("");
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), StatusCode::kUnauthenticated);

  config.feed = "location:accounts/1/locations/2";
  config.token = "t";
  auto other = connectors::MakeConnector(config, *transport_, clock_);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ((*other)->FetchPage("").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace heed::testing
