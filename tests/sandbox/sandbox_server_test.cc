// The sandbox as a server: ports, auth, rate limiting, violations, request recording.
#include <gtest/gtest.h>

#include <regex>

#include "heed/sandbox/sandbox.h"
#include "sandbox_test_util.h"

namespace heed::sandbox {
namespace {

using testing::Client;
using testing::Reply;
using testing::StartSandbox;
using testing::Str;

constexpr char kMentions[] = "/api/v1/notifications?types%5B%5D=mention";

class SandboxServerTest : public ::testing::Test {
 protected:
  SimulatedClock clock_{testing::TestStart()};
};

TEST_F(SandboxServerTest, StartsOnAFreeLoopbackPort) {
  auto sandbox = StartSandbox(&clock_);
  ASSERT_NE(sandbox, nullptr);
  EXPECT_NE(sandbox->port(), 0);
  EXPECT_EQ(sandbox->base_url(), "http://127.0.0.1:" + std::to_string(sandbox->port()));
  Reply reply = Client(sandbox->base_url()).Get("/api/v1/timelines/tag/acme");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.Header("content-type"), "application/json; charset=utf-8");
  EXPECT_TRUE(reply.json.IsArray());
}

TEST_F(SandboxServerTest, RefusesNonLoopbackHosts) {
  SandboxOptions options;
  options.clock = &clock_;
  options.host = "0.0.0.0";
  auto started = Sandbox::Start(options);
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(SandboxServerTest, ReportsUnavailableWhenThePortIsTaken) {
  auto first = StartSandbox(&clock_);
  ASSERT_NE(first, nullptr);
  SandboxOptions options;
  options.clock = &clock_;
  options.port = first->port();
  auto second = Sandbox::Start(options);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kUnavailable);
}

TEST_F(SandboxServerTest, TwoSandboxesRunSideBySide) {
  auto a = StartSandbox(&clock_, 1);
  auto b = StartSandbox(&clock_, 2);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_NE(a->port(), b->port());
  EXPECT_EQ(Client(a->base_url()).Get(kMentions, "tok").status, 200);
  EXPECT_EQ(Client(b->base_url()).Get(kMentions, "tok").status, 200);
  EXPECT_EQ(Client(b->base_url()).Get("/api/v1/timelines/tag/acme").status, 200);
  EXPECT_EQ(a->Requests().size(), 1u);
  EXPECT_EQ(b->Requests().size(), 2u);
}

TEST_F(SandboxServerTest, NotificationsRequireABearerToken) {
  auto sandbox = StartSandbox(&clock_);
  ASSERT_NE(sandbox, nullptr);
  Client client(sandbox->base_url());
  Reply anonymous = client.Get(kMentions);
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(Str(anonymous.json, "error"), "The access token is invalid");
  Reply empty_token = client.Send("GET", kMentions, "", "", "", {{"Authorization", "Bearer  "}});
  EXPECT_EQ(empty_token.status, 401);
  Reply basic = client.Send("GET", kMentions, "", "", "", {{"Authorization", "Basic abc"}});
  EXPECT_EQ(basic.status, 401);
  Reply authorized = client.Get(kMentions, "secret-token");
  EXPECT_EQ(authorized.status, 200);
  ASSERT_TRUE(authorized.json.IsArray());
  EXPECT_EQ(authorized.json.Size(), 40u);  // default limit

  auto requests = sandbox->Requests();
  ASSERT_EQ(requests.size(), 4u);
  EXPECT_FALSE(requests[0].authorized);
  EXPECT_FALSE(requests[1].authorized);
  EXPECT_TRUE(requests[3].authorized);
  EXPECT_EQ(requests[3].method, "GET");
  EXPECT_EQ(requests[3].path, "/api/v1/notifications");
  EXPECT_EQ(requests[3].query, "types%5B%5D=mention");
}

TEST_F(SandboxServerTest, RateLimitHeadersCountDownWithinTheWindow) {
  auto sandbox = StartSandbox(&clock_);
  ASSERT_NE(sandbox, nullptr);
  Client client(sandbox->base_url());
  clock_.Advance(Millis(940));  // 14:00:00.940
  Reply first = client.Get(kMentions, "tok");
  Reply second = client.Get("/api/v1/timelines/tag/acme", "tok");
  EXPECT_EQ(first.Header("x-ratelimit-limit"), "300");
  EXPECT_EQ(first.Header("x-ratelimit-remaining"), "299");
  EXPECT_EQ(second.Header("x-ratelimit-remaining"), "298");
  // Windows are 5-minute aligned; the reset keeps the request's sub-second part.
  EXPECT_EQ(first.Header("x-ratelimit-reset"), "2026-08-01T14:05:00.940Z");
  // Errors carry the headers too, and unauthenticated clients are counted per IP.
  Reply anonymous = client.Get(kMentions);
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.Header("x-ratelimit-remaining"), "299");
  // A new window restores the budget.
  clock_.Advance(std::chrono::minutes(5));
  EXPECT_EQ(client.Get(kMentions, "tok").Header("x-ratelimit-remaining"), "299");
}

TEST_F(SandboxServerTest, TooManyRequestsPastTheBudget) {
  auto sandbox = StartSandbox(&clock_, 1, 10, /*rate_limit=*/3);
  ASSERT_NE(sandbox, nullptr);
  Client client(sandbox->base_url());
  for (int i = 0; i < 3; ++i) EXPECT_EQ(client.Get(kMentions, "tok").status, 200);
  Reply limited = client.Get(kMentions, "tok");
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(Str(limited.json, "error"), "Too many requests");
  EXPECT_EQ(limited.Header("x-ratelimit-remaining"), "0");
  EXPECT_EQ(limited.Header("x-ratelimit-limit"), "3");
  EXPECT_FALSE(limited.Header("x-ratelimit-reset").empty());
  // Another token has its own budget.
  EXPECT_EQ(client.Get(kMentions, "other").status, 200);
  clock_.Advance(std::chrono::minutes(5));
  EXPECT_EQ(client.Get(kMentions, "tok").status, 200);
}

TEST_F(SandboxServerTest, DeletingHidingAndModeratingAreViolations) {
  auto sandbox = StartSandbox(&clock_);
  ASSERT_NE(sandbox, nullptr);
  Client client(sandbox->base_url());
  Reply page = client.Get(kMentions, "tok");
  ASSERT_TRUE(page.json.IsArray());
  std::string status_id = Str(page.json[0]["status"], "id");
  std::string account_id = Str(page.json[0]["account"], "id");
  EXPECT_EQ(client.Get("/api/v1/statuses/" + status_id).status, 200);

  const std::pair<std::string, std::string> kForbidden[] = {
      {"DELETE", "/api/v1/statuses/" + status_id},
      {"POST", "/api/v1/accounts/" + account_id + "/mute"},
      {"POST", "/api/v1/accounts/" + account_id + "/block"},
      {"POST", "/api/v1/statuses/" + status_id + "/mute"},
      {"POST", "/api/v1/notifications/1/dismiss"},
      {"POST", "/api/v1/notifications/clear"},
      {"GET", "/api/v1/admin/accounts"},
      {"POST", "/api/v1/admin/accounts/" + account_id + "/action"},
      {"PUT", "/api/v2/admin/statuses/" + status_id + "/unpublish"},
  };
  for (const auto& [method, path] : kForbidden) {
    Reply reply = client.Send(method, path, "tok");
    EXPECT_EQ(reply.status, 403) << method << " " << path;
    EXPECT_EQ(Str(reply.json, "error"), "heed sandbox: deleting or hiding content is forbidden");
    EXPECT_FALSE(reply.Header("x-ratelimit-remaining").empty());
  }
  // The status is still there.
  EXPECT_EQ(client.Get("/api/v1/statuses/" + status_id).status, 200);

  auto violations = sandbox->Violations();
  ASSERT_EQ(violations.size(), std::size(kForbidden));
  EXPECT_EQ(violations[0].method, "DELETE");
  EXPECT_EQ(violations[0].path, "/api/v1/statuses/" + status_id);
  EXPECT_EQ(violations[1].path, "/api/v1/accounts/" + account_id + "/mute");
  for (const auto& v : violations) EXPECT_TRUE(v.authorized);
  EXPECT_EQ(sandbox->Requests().size(), std::size(kForbidden) + 3);

  // The inspection endpoints report the same, and are not themselves recorded.
  Reply listed = client.Get("/_sandbox/violations");
  ASSERT_TRUE(listed.json.IsArray());
  EXPECT_EQ(listed.json.Size(), std::size(kForbidden));
  EXPECT_EQ(Str(listed.json[0], "method"), "DELETE");
  Reply requests = client.Get("/_sandbox/requests");
  ASSERT_TRUE(requests.json.IsArray());
  EXPECT_EQ(requests.json.Size(), std::size(kForbidden) + 3);
  EXPECT_EQ(sandbox->Requests().size(), std::size(kForbidden) + 3);
}

TEST_F(SandboxServerTest, NormalCallsAreNotViolations) {
  auto sandbox = StartSandbox(&clock_);
  ASSERT_NE(sandbox, nullptr);
  Client client(sandbox->base_url());
  client.Get(kMentions, "tok");
  client.Get("/api/v1/timelines/tag/acme");
  client.Get("/api/v2/search?q=refund&type=statuses");
  client.Get("/api/v1/mutes", "tok");  // reading is not hiding (404 here, but no violation)
  client.Send("POST", "/api/v1/statuses", "tok", "status=hello",
              "application/x-www-form-urlencoded");
  EXPECT_TRUE(sandbox->Violations().empty());
  EXPECT_EQ(sandbox->Requests().size(), 5u);
}

TEST_F(SandboxServerTest, UnknownPathsAndStatusesAre404Json) {
  auto sandbox = StartSandbox(&clock_);
  ASSERT_NE(sandbox, nullptr);
  Client client(sandbox->base_url());
  Reply unknown = client.Get("/api/v1/nope");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_TRUE(unknown.json.IsObject());
  EXPECT_FALSE(Str(unknown.json, "error").empty());
  EXPECT_EQ(unknown.Header("content-type"), "application/json; charset=utf-8");
  Reply missing = client.Get("/api/v1/statuses/12345");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(Str(missing.json, "error"), "Record not found");
  EXPECT_EQ(client.Get("/api/v1/statuses/not-a-number").status, 404);
}

TEST_F(SandboxServerTest, VerifyCredentialsReturnsTheBrandAccount) {
  auto sandbox = StartSandbox(&clock_);
  ASSERT_NE(sandbox, nullptr);
  Client client(sandbox->base_url());
  EXPECT_EQ(client.Get("/api/v1/accounts/verify_credentials").status, 401);
  Reply me = client.Get("/api/v1/accounts/verify_credentials", "tok");
  EXPECT_EQ(me.status, 200);
  EXPECT_EQ(Str(me.json, "acct"), "acme");
  EXPECT_EQ(Str(me.json, "url"), sandbox->base_url() + "/@acme");
}

}  // namespace
}  // namespace heed::sandbox
