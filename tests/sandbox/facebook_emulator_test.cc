// The Facebook Graph API emulator over real loopback HTTP: auth, paging, filters, replies,
// forbidden hide calls and usage-based rate limiting.
#include <gtest/gtest.h>

#include <set>

#include "heed/sandbox/sandbox.h"
#include "sandbox_test_util.h"

namespace heed::sandbox {
namespace {

using testing::Client;
using testing::Reply;
using testing::StartSandbox;
using testing::Str;

constexpr char kForm[] = "application/x-www-form-urlencoded";
constexpr char kFeed[] = "/facebook/v21.0/104000000000001/feed?fields=id,updated_time,message";

class FacebookEmulatorTest : public ::testing::Test {
 protected:
  void Start(int rate_limit = 300) {
    sandbox_ = StartSandbox(&clock_, 3, 30, rate_limit);
    ASSERT_NE(sandbox_, nullptr);
    client_ = std::make_unique<Client>(sandbox_->base_url());
  }
  std::vector<std::string> PostIds() {
    Reply feed = client_->Get(kFeed, "tok");
    std::vector<std::string> ids;
    for (const auto& p : feed.json["data"].GetArray()) ids.push_back(Str(p, "id"));
    return ids;
  }
  // Every comment id of every post, walking cursors.
  std::vector<std::string> AllComments(const std::string& filter) {
    std::vector<std::string> out;
    for (const std::string& post : PostIds()) {
      std::string path = "/facebook/v21.0/" + post + "/comments?filter=" + filter + "&limit=3";
      for (int guard = 0; guard < 100 && !path.empty(); ++guard) {
        Reply r = client_->Get(path, "tok");
        EXPECT_EQ(r.status, 200) << r.body;
        for (const auto& c : r.json["data"].GetArray()) out.push_back(Str(c, "id"));
        path = r.json.HasMember("paging") && r.json["paging"].HasMember("next")
                   ? testing::PathAndQuery(Str(r.json["paging"], "next"))
                   : "";
      }
    }
    return out;
  }

  SimulatedClock clock_{testing::TestStart()};
  std::unique_ptr<Sandbox> sandbox_;
  std::unique_ptr<Client> client_;
};

TEST_F(FacebookEmulatorTest, TokenRequiredAndErrorEnvelope) {
  Start();
  Reply r = client_->Get(kFeed);
  EXPECT_EQ(r.status, 401);
  ASSERT_TRUE(r.json.HasMember("error"));
  EXPECT_EQ(r.json["error"]["code"].GetInt(), 104);
  EXPECT_EQ(Str(r.json["error"], "type"), "OAuthException");
  Reply unknown = client_->Get("/facebook/v21.0/999/comments", "tok");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.json["error"]["code"].GetInt(), 100);
  EXPECT_EQ(unknown.json["error"]["error_subcode"].GetInt(), 33);
  // access_token in the query works as well.
  EXPECT_EQ(client_->Get(std::string(kFeed) + "&access_token=tok").status, 200);
}

TEST_F(FacebookEmulatorTest, FeedAndCommentsShapes) {
  Start();
  Reply feed = client_->Get(kFeed, "tok");
  ASSERT_EQ(feed.status, 200);
  EXPECT_NE(feed.Header("x-app-usage").find("call_count"), std::string::npos);
  EXPECT_NE(feed.Header("x-business-use-case-usage").find("\"type\":\"pages\""), std::string::npos);
  ASSERT_EQ(feed.json["data"].Size(), 4u);
  EXPECT_FALSE(Str(feed.json["data"][0], "updated_time").empty());
  EXPECT_TRUE(Str(feed.json["data"][0], "updated_time").ends_with("+0000"));

  std::vector<std::string> stream = AllComments("stream");
  std::vector<std::string> top = AllComments("toplevel");
  EXPECT_EQ(stream.size(), 30u);  // one comment per corpus mention
  EXPECT_LT(top.size(), stream.size());
  EXPECT_EQ(std::set<std::string>(stream.begin(), stream.end()).size(), stream.size());

  std::string post = PostIds().front();
  Reply full =
      client_->Get("/facebook/v21.0/" + post +
                       "/comments?filter=stream&fields=id,message,created_time,"
                       "from%7Bid,name%7D,permalink_url,parent%7Bid%7D,is_hidden&summary=1",
                   "tok");
  ASSERT_EQ(full.status, 200) << full.body;
  ASSERT_GT(full.json["data"].Size(), 0u);
  const auto& c = full.json["data"][0];
  EXPECT_TRUE(c.HasMember("from"));
  EXPECT_NE(Str(c, "permalink_url").find("?comment_id="), std::string::npos);
  EXPECT_TRUE(full.json["summary"]["total_count"].IsInt());

  // since is inclusive and in unix seconds.
  Reply later =
      client_->Get("/facebook/v21.0/" + post + "/comments?filter=stream&since=4102444800", "tok");
  EXPECT_EQ(later.json["data"].Size(), 0u);
}

TEST_F(FacebookEmulatorTest, RepliesAreValidatedAndRecorded) {
  Start();
  std::string post = PostIds().front();
  Reply list = client_->Get("/facebook/v21.0/" + post + "/comments?filter=stream", "tok");
  ASSERT_GT(list.json["data"].Size(), 0u);
  std::string target = Str(list.json["data"][0], "id");
  std::string path = "/facebook/v21.0/" + target + "/comments";

  EXPECT_EQ(client_->Send("POST", path, "tok", "message=", kForm).status, 400);
  EXPECT_EQ(client_->Send("POST", path, "tok", "message=" + std::string(8001, 'a'), kForm).status,
            400);
  EXPECT_EQ(
      client_->Send("POST", "/facebook/v21.0/1_2/comments", "tok", "message=hi", kForm).status,
      400);
  EXPECT_EQ(client_->Send("POST", path, "", "message=hi", kForm).status, 401);
  EXPECT_TRUE(sandbox_->Replies().empty());

  Reply ok = client_->Send("POST", path + "?fields=id,permalink_url", "tok",
                           "message=Thanks%20for%20writing", kForm);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_FALSE(Str(ok.json, "id").empty());
  EXPECT_NE(Str(ok.json, "permalink_url").find("reply_comment_id="), std::string::npos);
  auto replies = sandbox_->Replies();
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies[0].platform, "facebook");
  EXPECT_EQ(replies[0].in_reply_to_id, target);
  EXPECT_EQ(replies[0].text, "Thanks for writing");
  EXPECT_TRUE(sandbox_->Violations().empty());
}

TEST_F(FacebookEmulatorTest, HidingIsAViolation) {
  Start();
  EXPECT_EQ(client_->Send("POST", "/facebook/v21.0/1_2?is_hidden=true", "tok").status, 403);
  EXPECT_EQ(client_->Send("POST", "/facebook/v21.0/1_2", "tok", "is_hidden=true", kForm).status,
            403);
  EXPECT_EQ(client_->Send("DELETE", "/facebook/v21.0/1_2", "tok").status, 403);
  EXPECT_EQ(sandbox_->Violations().size(), 3u);
}

TEST_F(FacebookEmulatorTest, UsageLimitAnswersCode4) {
  Start(/*rate_limit=*/3);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(client_->Get(kFeed, "tok").status, 200);
  Reply limited = client_->Get(kFeed, "tok");
  EXPECT_EQ(limited.status, 403);
  EXPECT_EQ(limited.json["error"]["code"].GetInt(), 4);
  EXPECT_TRUE(limited.json["error"]["is_transient"].GetBool());
  EXPECT_NE(limited.Header("x-app-usage").find("\"call_count\":100"), std::string::npos);
  EXPECT_NE(limited.Header("x-business-use-case-usage").find("estimated_time_to_regain_access"),
            std::string::npos);
}

}  // namespace
}  // namespace heed::sandbox
