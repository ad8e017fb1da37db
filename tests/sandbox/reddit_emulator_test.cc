// The Reddit emulator over real loopback HTTP: auth and rate-limit shapes, listing paging,
// /api/comment errors inside 200 bodies, and the calls it refuses as violations.
#include <gtest/gtest.h>

#include "sandbox_test_util.h"

namespace heed::sandbox {
namespace {

using testing::Client;
using testing::Reply;
using testing::StartSandbox;
using testing::Str;

constexpr char kForm[] = "application/x-www-form-urlencoded";

class RedditEmulatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sandbox_ = StartSandbox(&clock_, 5, 12);
    ASSERT_NE(sandbox_, nullptr);
    client_ = std::make_unique<Client>(sandbox_->PlatformUrl("reddit"));
  }
  SimulatedClock clock_{testing::TestStart()};
  std::unique_ptr<Sandbox> sandbox_;
  std::unique_ptr<Client> client_;
};

TEST_F(RedditEmulatorTest, AuthAndRateLimitHeaders) {
  Reply anonymous = client_->Get("/message/mentions");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(Str(anonymous.json, "message"), "Unauthorized");
  Reply page = client_->Get("/message/mentions?limit=5&raw_json=1", "tok");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.Header("x-ratelimit-remaining").find(".0"),
            page.Header("x-ratelimit-remaining").size() - 2);
  EXPECT_FALSE(page.Header("x-ratelimit-used").empty());
  EXPECT_LE(std::stoi(page.Header("x-ratelimit-reset")), 600);
}

TEST_F(RedditEmulatorTest, ListingsPageWithAfterAndBefore) {
  Reply first = client_->Get("/r/acme/comments.json?limit=5", "tok");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(Str(first.json, "kind"), "Listing");
  const auto& data = first.json["data"];
  ASSERT_EQ(data["children"].Size(), 5u);
  std::string after = Str(data, "after");
  EXPECT_EQ(after, Str(data["children"][4]["data"], "name"));
  Reply rest = client_->Get("/r/acme/comments/?limit=100&after=" + after, "tok");
  EXPECT_EQ(rest.json["data"]["children"].Size(), 7u);
  EXPECT_TRUE(rest.json["data"]["after"].IsNull());
  Reply newer = client_->Get("/r/acme/comments?limit=2&before=" + after, "tok");
  ASSERT_EQ(newer.json["data"]["children"].Size(), 2u);
  EXPECT_EQ(Str(newer.json["data"]["children"][1]["data"], "name"),
            Str(data["children"][3]["data"], "name"));
  EXPECT_EQ(client_->Get("/r/unknown_sub/comments", "tok").status, 404);
  Reply search = client_->Get("/search?q=acme&sort=new&type=link", "tok");
  ASSERT_EQ(search.status, 200);
  EXPECT_EQ(Str(search.json["data"]["children"][0], "kind"), "t3");
}

TEST_F(RedditEmulatorTest, CommentErrorsComeInside200) {
  Reply page = client_->Get("/message/mentions?limit=1", "tok");
  std::string target = Str(page.json["data"]["children"][0]["data"], "name");
  Reply empty = client_->Send("POST", "/api/comment", "tok",
                              "api_type=json&thing_id=" + target + "&text=", kForm);
  EXPECT_EQ(empty.status, 200);
  EXPECT_EQ(std::string(empty.json["json"]["errors"][0][0].GetString()), "NO_TEXT");
  Reply gone = client_->Send("POST", "/api/comment", "tok",
                             "api_type=json&thing_id=t1_zzzzzz&text=hi", kForm);
  EXPECT_EQ(gone.json["json"]["data"]["things"].Size(), 0u);
  Reply ok = client_->Send("POST", "/api/comment", "tok",
                           "api_type=json&thing_id=" + target + "&text=Thanks%21", kForm);
  ASSERT_EQ(ok.status, 200);
  const auto& thing = ok.json["json"]["data"]["things"][0]["data"];
  EXPECT_EQ(Str(thing, "parent_id"), target);
  EXPECT_EQ(Str(thing, "body"), "Thanks!");
  ASSERT_EQ(sandbox_->Replies().size(), 1u);
  EXPECT_EQ(sandbox_->Replies()[0].in_reply_to_id, target);
}

TEST_F(RedditEmulatorTest, ModerationCallsAreViolations) {
  for (const char* path : {"/api/del", "/api/remove", "/api/spam", "/api/hide", "/api/lock"}) {
    EXPECT_EQ(client_->Send("POST", path, "tok", "id=t1_abc", kForm).status, 403) << path;
  }
  EXPECT_EQ(sandbox_->Violations().size(), 5u);
}

}  // namespace
}  // namespace heed::sandbox
