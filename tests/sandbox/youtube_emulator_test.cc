// YouTube emulator details over real loopback HTTP: auth, error envelopes, keyset page tokens,
// the per-window limit, reply validation and the forbidden moderation calls.
#include <gtest/gtest.h>

#include "sandbox_test_util.h"

namespace heed::sandbox::testing {
namespace {

constexpr char kList[] =
    "/youtube/v3/commentThreads?part=snippet,replies&allThreadsRelatedToChannelId="
    "UCacmeOfficial0000000000&maxResults=7";

class YoutubeEmulatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sandbox_ = StartSandbox(&clock_, 1, 10, 7);
    ASSERT_NE(sandbox_, nullptr);
    client_ = std::make_unique<Client>(sandbox_->PlatformUrl("youtube"));
  }
  std::string Reason(const Reply& r) { return r.json["error"]["errors"][0]["reason"].GetString(); }
  SimulatedClock clock_{TestStart()};
  std::unique_ptr<Sandbox> sandbox_;
  std::unique_ptr<Client> client_;
};

TEST_F(YoutubeEmulatorTest, ListingPagingErrorsAndLimit) {
  Reply anonymous = client_->Get(kList);
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(Reason(anonymous), "required");

  Reply first = client_->Get(kList, "t");
  ASSERT_EQ(first.status, 200) << first.body;
  ASSERT_EQ(first.json["items"].Size(), 7u);
  std::string token = first.json["nextPageToken"].GetString();
  Reply second = client_->Get(std::string(kList) + "&pageToken=" + token, "t");
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(second.json["items"].Size(), 7u);  // 20 threads: 7 + 7 + 6
  EXPECT_STRNE(first.json["items"][6]["id"].GetString(), second.json["items"][0]["id"].GetString());

  EXPECT_EQ(Reason(client_->Get(std::string(kList) + "&pageToken=nope", "t")), "invalidPageToken");
  EXPECT_EQ(
      Reason(client_->Get("/youtube/v3/commentThreads?part=snippet&videoId=zzzzzzzzzzz", "t")),
      "videoNotFound");
  EXPECT_EQ(Reason(client_->Get("/youtube/v3/commentThreads?part=snippet&videoId=acmeVid1000"
                                "&maxResults=500",
                                "t")),
            "invalidParameter");
  // 7 requests per window per credential: these are the 6th and 7th, then the limit.
  EXPECT_EQ(client_->Get(kList, "t").status, 200);
  EXPECT_EQ(client_->Get(kList, "t").status, 200);
  Reply limited = client_->Get(kList, "t");
  EXPECT_EQ(limited.status, 403);
  EXPECT_EQ(Reason(limited), "rateLimitExceeded");
}

TEST_F(YoutubeEmulatorTest, RepliesAndForbiddenModeration) {
  Reply list = client_->Get(kList, "t");
  ASSERT_EQ(list.status, 200);
  std::string parent = list.json["items"][0]["id"].GetString();
  std::string body = R"({"snippet":{"parentId":")" + parent + R"(","textOriginal":"Thanks!"}})";
  Reply posted =
      client_->Send("POST", "/youtube/v3/comments?part=snippet", "t", body, "application/json");
  ASSERT_EQ(posted.status, 200) << posted.body;
  EXPECT_EQ(std::string(posted.json["snippet"]["parentId"].GetString()), parent);
  Reply empty = client_->Send("POST", "/youtube/v3/comments?part=snippet", "t",
                              R"({"snippet":{"parentId":")" + parent + R"(","textOriginal":""}})",
                              "application/json");
  EXPECT_EQ(Reason(empty), "commentTextRequired");
  Reply orphan =
      client_->Send("POST", "/youtube/v3/comments?part=snippet", "t",
                    R"({"snippet":{"parentId":"Ugnope","textOriginal":"x"}})", "application/json");
  EXPECT_EQ(Reason(orphan), "parentCommentNotFound");
  ASSERT_EQ(sandbox_->Replies().size(), 1u);
  EXPECT_EQ(sandbox_->Replies()[0].in_reply_to_id, parent);

  Reply with_reply = client_->Get(kList, "t");
  EXPECT_EQ(with_reply.json["items"][0]["snippet"]["totalReplyCount"].GetInt(), 1);
  EXPECT_TRUE(with_reply.json["items"][0].HasMember("replies"));

  client_->Send(
      "POST",
      "/youtube/v3/comments/setModerationStatus?id=" + parent + "&moderationStatus=rejected", "t");
  client_->Send("POST", "/youtube/v3/comments/markAsSpam?id=" + parent, "t");
  EXPECT_EQ(sandbox_->Violations().size(), 2u);
}

}  // namespace
}  // namespace heed::sandbox::testing
