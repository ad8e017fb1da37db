// The Bluesky emulator over real loopback HTTP: auth shapes, rate-limit headers, paging,
// createRecord validation and the calls it refuses as violations.
#include <gtest/gtest.h>

#include "sandbox_test_util.h"

namespace heed::sandbox {
namespace {

using testing::Client;
using testing::Reply;
using testing::StartSandbox;
using testing::Str;

constexpr char kJson[] = "application/json";

class BlueskyEmulatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sandbox_ = StartSandbox(&clock_, 3, 12);
    ASSERT_NE(sandbox_, nullptr);
    client_ = std::make_unique<Client>(sandbox_->PlatformUrl("bluesky"));
    Reply session = client_->Send("POST", "/xrpc/com.atproto.server.createSession", "",
                                  R"({"identifier":"acme.bsky.social","password":"pw"})", kJson);
    ASSERT_EQ(session.status, 200) << session.body;
    jwt_ = Str(session.json, "accessJwt");
    did_ = Str(session.json, "did");
  }

  SimulatedClock clock_{testing::TestStart()};
  std::unique_ptr<Sandbox> sandbox_;
  std::unique_ptr<Client> client_;
  std::string jwt_, did_;
};

TEST_F(BlueskyEmulatorTest, AuthErrorsUseTheXrpcEnvelope) {
  Reply wrong = client_->Send("POST", "/xrpc/com.atproto.server.createSession", "",
                              R"({"identifier":"someone.else","password":"pw"})", kJson);
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(Str(wrong.json, "error"), "AuthenticationRequired");
  Reply missing = client_->Get("/xrpc/app.bsky.notification.listNotifications");
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(Str(missing.json, "error"), "AuthMissing");
  Reply search = client_->Get("/xrpc/app.bsky.feed.searchPosts?q=acme");
  EXPECT_EQ(search.status, 403);
  Reply bogus = client_->Get("/xrpc/app.bsky.notification.listNotifications", "nope");
  EXPECT_EQ(Str(bogus.json, "error"), "InvalidToken");
  clock_.Advance(std::chrono::hours(3));
  Reply expired = client_->Get("/xrpc/app.bsky.notification.listNotifications", jwt_);
  EXPECT_EQ(expired.status, 400);
  EXPECT_EQ(Str(expired.json, "error"), "ExpiredToken");
}

TEST_F(BlueskyEmulatorTest, NotificationsPageWithCursorAndRateLimitHeaders) {
  Reply page = client_->Get("/xrpc/app.bsky.notification.listNotifications?limit=5", jwt_);
  ASSERT_EQ(page.status, 200) << page.body;
  ASSERT_EQ(page.json["notifications"].Size(), 5u);
  EXPECT_FALSE(page.Header("ratelimit-limit").empty());
  EXPECT_FALSE(page.Header("ratelimit-remaining").empty());
  EXPECT_GT(std::stoll(page.Header("ratelimit-reset")), 1000000000LL);
  std::string cursor = Str(page.json, "cursor");
  ASSERT_NE(cursor.find("::"), std::string::npos);
  Reply next =
      client_->Get("/xrpc/app.bsky.notification.listNotifications?limit=10&cursor=" + cursor, jwt_);
  ASSERT_EQ(next.status, 200);
  EXPECT_EQ(next.json["notifications"].Size(), 7u);
  EXPECT_FALSE(next.json.HasMember("cursor"));
  EXPECT_NE(Str(page.json["notifications"][4], "indexedAt"),
            Str(next.json["notifications"][0], "indexedAt"));
  EXPECT_EQ(client_->Get("/xrpc/app.bsky.notification.listNotifications?limit=500", jwt_).status,
            400);
}

TEST_F(BlueskyEmulatorTest, CreateRecordValidatesAndRecords) {
  Reply page = client_->Get("/xrpc/app.bsky.notification.listNotifications?limit=1", jwt_);
  const auto& n = page.json["notifications"][0];
  std::string uri = Str(n, "uri"), cid = Str(n, "cid");
  auto body = [&](const std::string& text, const std::string& parent_cid) {
    return R"({"repo":")" + did_ +
           R"(","collection":"app.bsky.feed.post","rkey":"3kabcdefghij2",)" +
           R"("record":{"$type":"app.bsky.feed.post","text":")" + text +
           R"(","createdAt":"2026-08-01T14:00:00.000Z","reply":{"root":{"uri":")" + uri +
           R"(","cid":")" + parent_cid + R"("},"parent":{"uri":")" + uri + R"(","cid":")" +
           parent_cid + R"("}}}})";
  };
  const std::string create = "/xrpc/com.atproto.repo.createRecord";
  EXPECT_EQ(client_->Send("POST", create, jwt_, body("", cid), kJson).status, 400);
  EXPECT_EQ(client_->Send("POST", create, jwt_, body(std::string(301, 'x'), cid), kJson).status,
            400);
  Reply unknown = client_->Send("POST", create, jwt_, body("hi", "bafywrong"), kJson);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(Str(unknown.json, "error"), "InvalidRequest");
  Reply ok = client_->Send("POST", create, jwt_, body("Thanks!", cid), kJson);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Str(ok.json, "uri"), "at://" + did_ + "/app.bsky.feed.post/3kabcdefghij2");
  Reply again = client_->Send("POST", create, jwt_, body("Thanks!", cid), kJson);
  EXPECT_EQ(again.status, 400);
  EXPECT_NE(Str(again.json, "message").find("already exists"), std::string::npos);
  auto replies = sandbox_->Replies();
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies[0].platform, "bluesky");
  EXPECT_EQ(replies[0].in_reply_to_id, uri);
}

TEST_F(BlueskyEmulatorTest, HidingAndDeletingAreViolations) {
  EXPECT_EQ(client_->Send("POST", "/xrpc/com.atproto.repo.deleteRecord", jwt_, "{}", kJson).status,
            403);
  EXPECT_EQ(client_->Send("POST", "/xrpc/app.bsky.graph.muteThread", jwt_, "{}", kJson).status,
            403);
  Reply gate = client_->Send(
      "POST", "/xrpc/com.atproto.repo.createRecord", jwt_,
      R"({"repo":")" + did_ + R"(","collection":"app.bsky.feed.threadgate","record":{}})", kJson);
  EXPECT_EQ(gate.status, 403);
  EXPECT_EQ(sandbox_->Violations().size(), 3u);
}

}  // namespace
}  // namespace heed::sandbox
