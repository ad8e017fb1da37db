// The Instagram Graph API emulator over real loopback HTTP: media, comments newest first,
// tags, both reply edges and forbidden hide calls.
#include <gtest/gtest.h>

#include "heed/sandbox/sandbox.h"
#include "sandbox_test_util.h"

namespace heed::sandbox {
namespace {

using testing::Client;
using testing::Reply;
using testing::StartSandbox;
using testing::Str;

constexpr char kForm[] = "application/x-www-form-urlencoded";
constexpr char kUser[] = "/instagram/v21.0/17841400000000001";

class InstagramEmulatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sandbox_ = StartSandbox(&clock_, 5, 20);
    ASSERT_NE(sandbox_, nullptr);
    client_ = std::make_unique<Client>(sandbox_->base_url());
  }
  SimulatedClock clock_{testing::TestStart()};
  std::unique_ptr<Sandbox> sandbox_;
  std::unique_ptr<Client> client_;
};

TEST_F(InstagramEmulatorTest, MediaCommentsNewestFirstAndReplies) {
  EXPECT_EQ(client_->Get(std::string(kUser) + "/media").status, 401);
  Reply media =
      client_->Get(std::string(kUser) + "/media?fields=id,permalink,comments_count", "tok");
  ASSERT_EQ(media.status, 200) << media.body;
  ASSERT_EQ(media.json["data"].Size(), 4u);
  int total = 0;
  std::string target;
  for (const auto& m : media.json["data"].GetArray()) {
    total += m["comments_count"].GetInt();
    if (m["comments_count"].GetInt() == 0) continue;
    Reply comments = client_->Get("/instagram/v21.0/" + Str(m, "id") +
                                      "/comments?fields=id,text,timestamp,username,from&limit=50",
                                  "tok");
    ASSERT_EQ(comments.status, 200);
    std::string previous = "9999";
    for (const auto& c : comments.json["data"].GetArray()) {
      EXPECT_LE(Str(c, "timestamp"), previous);  // newest first
      previous = Str(c, "timestamp");
      target = Str(c, "id");
    }
  }
  EXPECT_EQ(total, 20);

  std::string path = "/instagram/v21.0/" + target + "/replies";
  EXPECT_EQ(client_->Send("POST", path, "tok", "message=" + std::string(2201, 'a'), kForm).status,
            400);
  Reply ok = client_->Send("POST", path, "tok", "message=Grazie%21", kForm);
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto replies = sandbox_->Replies();
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies[0].platform, "instagram");
  EXPECT_EQ(replies[0].in_reply_to_id, target);
  EXPECT_EQ(replies[0].text, "Grazie!");
  Reply thread = client_->Get("/instagram/v21.0/" + target + "/replies", "tok");
  EXPECT_EQ(thread.json["data"].Size(), 1u);
}

TEST_F(InstagramEmulatorTest, TagsAndMentionReplies) {
  Reply tags = client_->Get(
      std::string(kUser) + "/tags?fields=id,caption,permalink,timestamp,username&limit=5", "tok");
  ASSERT_EQ(tags.status, 200);
  ASSERT_EQ(tags.json["data"].Size(), 5u);
  ASSERT_TRUE(tags.json["paging"].HasMember("next"));
  std::string media_id = Str(tags.json["data"][0], "id");
  EXPECT_EQ(
      client_
          ->Send("POST", std::string(kUser) + "/mentions", "tok", "media_id=123&message=hi", kForm)
          .status,
      400);
  Reply ok = client_->Send("POST", std::string(kUser) + "/mentions", "tok",
                           "media_id=" + media_id + "&message=hi", kForm);
  ASSERT_EQ(ok.status, 200) << ok.body;
  ASSERT_EQ(sandbox_->Replies().size(), 1u);
  EXPECT_EQ(sandbox_->Replies()[0].in_reply_to_id, media_id);
}

TEST_F(InstagramEmulatorTest, HidingIsAViolation) {
  EXPECT_EQ(client_->Send("POST", "/instagram/v21.0/17858154000000000?hide=true", "tok").status,
            403);
  EXPECT_EQ(
      client_->Send("POST", "/instagram/v21.0/17858154000000000", "tok", "hide=true", kForm).status,
      403);
  EXPECT_EQ(sandbox_->Violations().size(), 2u);
}

}  // namespace
}  // namespace heed::sandbox
