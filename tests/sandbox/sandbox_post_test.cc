// POST /api/v1/statuses: replies recorded, idempotent, validated, retrievable.
#include <gtest/gtest.h>

#include "heed/sandbox/sandbox.h"
#include "sandbox_test_util.h"

namespace heed::sandbox {
namespace {

using testing::Client;
using testing::Reply;
using testing::StartSandbox;
using testing::Str;
using testing::StripHtml;

constexpr char kForm[] = "application/x-www-form-urlencoded";

class SandboxPostTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sandbox_ = StartSandbox(&clock_);
    ASSERT_NE(sandbox_, nullptr);
    client_ = std::make_unique<Client>(sandbox_->base_url());
    Reply page = client_->Get("/api/v1/notifications?types%5B%5D=mention&limit=1", "tok");
    ASSERT_TRUE(page.json.IsArray());
    ASSERT_EQ(page.json.Size(), 1u);
    target_id_ = Str(page.json[0]["status"], "id");
    target_acct_ = Str(page.json[0]["status"]["account"], "acct");
    target_account_id_ = Str(page.json[0]["status"]["account"], "id");
  }

  Reply PostForm(const std::string& body, const std::string& key = "") {
    std::vector<std::pair<std::string, std::string>> headers;
    if (!key.empty()) headers.emplace_back("Idempotency-Key", key);
    return client_->Send("POST", "/api/v1/statuses", "tok", body, kForm, headers);
  }

  SimulatedClock clock_{testing::TestStart()};
  std::unique_ptr<Sandbox> sandbox_;
  std::unique_ptr<Client> client_;
  std::string target_id_, target_acct_, target_account_id_;
};

TEST_F(SandboxPostTest, FormReplyIsRecordedAndRetrievable) {
  clock_.Advance(std::chrono::minutes(3));
  std::string text = "@" + target_acct_ + " Sorry about that & thanks for waiting!";
  Reply reply =
      PostForm("status=%40" + target_acct_ + "+Sorry+about+that+%26+thanks+for+waiting%21" +
               "&in_reply_to_id=" + target_id_ + "&visibility=public");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(Str(reply.json, "in_reply_to_id"), target_id_);
  EXPECT_EQ(Str(reply.json, "in_reply_to_account_id"), target_account_id_);
  EXPECT_EQ(Str(reply.json["account"], "acct"), "acme");
  EXPECT_EQ(Str(reply.json, "visibility"), "public");
  EXPECT_EQ(Str(reply.json, "created_at"), "2026-08-01T14:03:00.000Z");
  std::string content = Str(reply.json, "content");
  EXPECT_NE(content.find("class=\"u-url mention\""), std::string::npos) << content;
  EXPECT_NE(content.find("&amp;"), std::string::npos) << content;
  EXPECT_EQ(StripHtml(content), "@" + target_acct_.substr(0, target_acct_.find('@')) +
                                    " Sorry about that & thanks for waiting!");
  ASSERT_TRUE(reply.json["mentions"].IsArray());
  ASSERT_EQ(reply.json["mentions"].Size(), 1u);
  EXPECT_EQ(Str(reply.json["mentions"][0], "acct"), target_acct_);
  std::string id = Str(reply.json, "id");
  EXPECT_GT(std::stoull(id), std::stoull(target_id_));

  auto replies = sandbox_->Replies();
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies[0].id, id);
  EXPECT_EQ(replies[0].in_reply_to_id, target_id_);
  EXPECT_EQ(replies[0].text, text);
  EXPECT_EQ(replies[0].idempotency_key, "");

  Reply fetched = client_->Get("/api/v1/statuses/" + id);
  ASSERT_EQ(fetched.status, 200);
  EXPECT_EQ(fetched.body, reply.body);
  Reply parent = client_->Get("/api/v1/statuses/" + target_id_);
  EXPECT_GE(parent.json["replies_count"].GetInt(), 1);

  Reply listed = client_->Get("/_sandbox/replies");
  ASSERT_TRUE(listed.json.IsArray());
  ASSERT_EQ(listed.json.Size(), 1u);
  EXPECT_EQ(Str(listed.json[0], "text"), text);
}

TEST_F(SandboxPostTest, JsonReplyIsRecorded) {
  std::string body = R"({"status":"Ciao! Ti scriviamo in privato 🙏","in_reply_to_id":")" +
                     target_id_ + R"(","visibility":"public","language":"it"})";
  Reply reply = client_->Send("POST", "/api/v1/statuses", "tok", body, "application/json");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(Str(reply.json, "in_reply_to_id"), target_id_);
  EXPECT_EQ(Str(reply.json, "language"), "it");
  EXPECT_EQ(StripHtml(Str(reply.json, "content")), "Ciao! Ti scriviamo in privato 🙏");
  auto replies = sandbox_->Replies();
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies[0].in_reply_to_id, target_id_);
  EXPECT_EQ(replies[0].text, "Ciao! Ti scriviamo in privato 🙏");
  EXPECT_EQ(client_->Get("/api/v1/statuses/" + replies[0].id).status, 200);
}

TEST_F(SandboxPostTest, IdempotencyKeyReturnsTheSameStatus) {
  std::string body = "status=Thanks&in_reply_to_id=" + target_id_;
  Reply first = PostForm(body, "key-1");
  clock_.Advance(std::chrono::seconds(5));
  Reply again = PostForm(body, "key-1");
  ASSERT_EQ(first.status, 200);
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(Str(first.json, "id"), Str(again.json, "id"));
  ASSERT_EQ(sandbox_->Replies().size(), 1u);
  EXPECT_EQ(sandbox_->Replies()[0].idempotency_key, "key-1");
  Reply other = PostForm(body, "key-2");
  EXPECT_NE(Str(other.json, "id"), Str(first.json, "id"));
  EXPECT_EQ(sandbox_->Replies().size(), 2u);
}

TEST_F(SandboxPostTest, InvalidRepliesAreRejected) {
  Reply empty = PostForm("status=&in_reply_to_id=" + target_id_);
  EXPECT_EQ(empty.status, 422);
  EXPECT_EQ(Str(empty.json, "error"), "Validation failed: Text can't be blank");
  EXPECT_EQ(PostForm("status=+++&in_reply_to_id=" + target_id_).status, 422);

  std::string long_text;
  for (int i = 0; i < 501; ++i) long_text += "%C3%A8";  // "è": 501 code points, 1002 bytes
  EXPECT_EQ(PostForm("status=" + long_text).status, 422);
  std::string at_limit;
  for (int i = 0; i < 500; ++i) at_limit += "%C3%A8";
  EXPECT_EQ(PostForm("status=" + at_limit).status, 200);

  Reply unknown = PostForm("status=hi&in_reply_to_id=42");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(Str(unknown.json, "error"), "Record not found");

  Reply anonymous = client_->Send("POST", "/api/v1/statuses", "",
                                  "status=hi&in_reply_to_id=" + target_id_, kForm);
  EXPECT_EQ(anonymous.status, 401);

  EXPECT_EQ(sandbox_->Replies().size(), 1u);  // only the 500-character one
}

}  // namespace
}  // namespace heed::sandbox
