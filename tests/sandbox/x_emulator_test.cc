// X emulator details over real loopback HTTP: auth, rate-limit headers, field selection,
// pagination tokens, reply validation and the forbidden hide-replies call.
#include <gtest/gtest.h>

#include "sandbox_test_util.h"

namespace heed::sandbox::testing {
namespace {

constexpr char kFields[] =
    "&tweet.fields=created_at,lang,author_id,referenced_tweets&expansions=author_id"
    "&user.fields=username,name";

class XEmulatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sandbox_ = StartSandbox(&clock_, 1, 30, 5);
    ASSERT_NE(sandbox_, nullptr);
    client_ = std::make_unique<Client>(sandbox_->PlatformUrl("x"));
  }
  SimulatedClock clock_{TestStart()};
  std::unique_ptr<Sandbox> sandbox_;
  std::unique_ptr<Client> client_;
};

TEST_F(XEmulatorTest, AuthHeadersPagingAndRateLimit) {
  Reply anonymous = client_->Get("/2/tweets/search/recent?query=acme");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(std::string(anonymous.json["title"].GetString()), "Unauthorized");

  Reply first = client_->Get(std::string("/2/tweets/search/recent?query=acme") + kFields, "t");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.Header("x-rate-limit-limit"), "5");
  EXPECT_EQ(first.Header("x-rate-limit-remaining"), "4");
  EXPECT_GT(std::stoll(first.Header("x-rate-limit-reset")), 1785592800);
  ASSERT_EQ(first.json["data"].Size(), 10u);
  const auto& tweet = first.json["data"][0];
  EXPECT_TRUE(tweet.HasMember("created_at"));
  EXPECT_TRUE(tweet.HasMember("author_id"));
  EXPECT_FALSE(tweet.HasMember("conversation_id"));  // not requested
  EXPECT_TRUE(first.json["includes"]["users"].IsArray());
  std::string token = first.json["meta"]["next_token"].GetString();

  Reply second =
      client_->Get("/2/tweets/search/recent?query=acme&next_token=" + token + kFields, "t");
  ASSERT_EQ(second.status, 200);
  EXPECT_LT(std::stoull(second.json["data"][0]["id"].GetString()),
            std::stoull(first.json["meta"]["oldest_id"].GetString()));

  Reply bad_token = client_->Get("/2/tweets/search/recent?query=acme&next_token=zzz", "t");
  EXPECT_EQ(bad_token.status, 400);
  Reply bad_size = client_->Get("/2/tweets/search/recent?query=acme&max_results=5", "t");
  EXPECT_EQ(bad_size.status, 400);
  EXPECT_EQ(client_->Get("/2/users/me", "t").status, 200);  // the 5th of 5
  Reply limited = client_->Get("/2/tweets/search/recent?query=acme", "t");
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.Header("x-rate-limit-remaining"), "0");
  EXPECT_EQ(std::string(limited.json["title"].GetString()), "Too Many Requests");
}

TEST_F(XEmulatorTest, RepliesAreValidatedAndHidingIsForbidden) {
  Reply search = client_->Get("/2/tweets/search/recent?query=acme", "t");
  ASSERT_EQ(search.status, 200);
  std::string id = search.json["data"][0]["id"].GetString();
  std::string body = R"({"text":"Thanks!","reply":{"in_reply_to_tweet_id":")" + id + "\"}}";
  Reply posted = client_->Send("POST", "/2/tweets", "t", body, "application/json");
  EXPECT_EQ(posted.status, 201) << posted.body;
  Reply duplicate = client_->Send("POST", "/2/tweets", "t", body, "application/json");
  EXPECT_EQ(duplicate.status, 403);
  Reply unknown =
      client_->Send("POST", "/2/tweets", "t",
                    R"({"text":"x","reply":{"in_reply_to_tweet_id":"1"}})", "application/json");
  EXPECT_EQ(unknown.status, 403);
  ASSERT_EQ(sandbox_->Replies().size(), 1u);
  EXPECT_EQ(sandbox_->Replies()[0].in_reply_to_id, id);

  Reply hide = client_->Send("PUT", "/2/tweets/" + id + "/hidden", "t", R"({"hidden":true})",
                             "application/json");
  EXPECT_EQ(hide.status, 403);
  EXPECT_EQ(sandbox_->Violations().size(), 1u);
}

}  // namespace
}  // namespace heed::sandbox::testing
