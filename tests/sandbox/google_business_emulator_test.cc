// The Google Business Profile and Google Play emulators, called directly (no HTTP): auth, Google
// error envelopes, rate limits, paging tokens, reply validation and the forbidden calls.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "content.h"
#include "platforms/google_business.h"
#include "platforms/google_play.h"
#include "platforms/platforms.h"
#include "request_log.h"
#include "sandbox_test_util.h"

namespace heed::sandbox {
namespace {

using testing::TestStart;

constexpr char kReviews[] =
    "/v4/accounts/112233445566778899001/locations/5566778899001122334/reviews";
constexpr char kPlayReviews[] = "/androidpublisher/v3/applications/com.acme.app/reviews";

ApiRequest Request(std::string method, std::string query = "", std::string body = "",
                   bool auth = true) {
  ApiRequest r;
  r.method = std::move(method);
  r.query = std::move(query);
  r.body = std::move(body);
  if (auth) r.headers.emplace_back("Authorization", "Bearer t");
  return r;
}

rapidjson::Document Parse(const ApiResponse& r) {
  rapidjson::Document doc;
  doc.Parse(r.body.c_str());
  return doc;
}

std::string ErrorStatus(const ApiResponse& r) {
  rapidjson::Document doc = Parse(r);
  if (!doc.IsObject() || !doc.HasMember("error")) return "";
  return doc["error"]["status"].GetString();
}

class GoogleEmulatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    CorpusOptions options;
    options.seed = 7;
    options.post_count = 40;
    options.brand = "acme";
    options.base_url = "http://127.0.0.1:1";
    options.now = clock_.Now();
    corpus_ = GenerateCorpus(options);
    context_.base_url = "http://127.0.0.1:1/google_business";
    context_.brand = "acme";
    context_.corpus = &corpus_;
    context_.clock = &clock_;
    context_.log = &log_;
    context_.seed = 7;
    context_.rate_limit = 5;
  }

  SimulatedClock clock_{TestStart()};
  Corpus corpus_;
  RequestLog log_;
  EmulatorContext context_;
};

TEST_F(GoogleEmulatorTest, BusinessListPagingAndShapes) {
  context_.rate_limit = 100;
  auto emulator = MakeGoogleBusinessEmulator(context_);
  ASSERT_NE(emulator, nullptr);

  ApiResponse anonymous = emulator->Handle(Request("GET", "", "", false), kReviews);
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(ErrorStatus(anonymous), "UNAUTHENTICATED");

  size_t seen = 0;
  int translated = 0, edited = 0, answered = 0;
  std::string token;
  std::string previous_update = "9999";
  for (int page = 0; page < 10; ++page) {
    std::string query = "pageSize=15&orderBy=updateTime%20desc";
    if (!token.empty()) query += "&pageToken=" + token;
    ApiResponse r = emulator->Handle(Request("GET", query), kReviews);
    ASSERT_EQ(r.status, 200) << r.body;
    rapidjson::Document doc = Parse(r);
    ASSERT_TRUE(doc.IsObject());
    EXPECT_EQ(doc["totalReviewCount"].GetInt(), 40);
    for (const auto& review : doc["reviews"].GetArray()) {
      ++seen;
      std::string update = review["updateTime"].GetString();
      EXPECT_LE(update, previous_update);  // updateTime desc
      previous_update = update;
      std::string comment = review["comment"].GetString();
      translated += comment.find("(Translated by Google)") != std::string::npos;
      edited += update != std::string(review["createTime"].GetString());
      answered += review.HasMember("reviewReply");
      std::string name = review["name"].GetString();
      EXPECT_EQ(name, std::string(kReviews).substr(4) + "/" + review["reviewId"].GetString());
    }
    token = doc.HasMember("nextPageToken") ? doc["nextPageToken"].GetString() : "";
    if (token.empty()) break;
  }
  EXPECT_EQ(seen, 40u);
  EXPECT_GT(translated, 0);
  EXPECT_GT(edited, 0);
  EXPECT_GT(answered, 0);

  EXPECT_EQ(emulator->Handle(Request("GET", "pageToken=bogus"), kReviews).status, 400);
  EXPECT_EQ(emulator->Handle(Request("GET", "orderBy=rating"), kReviews).status, 400);
  ApiResponse other = emulator->Handle(Request("GET"), "/v4/accounts/1/locations/2/reviews");
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(ErrorStatus(other), "NOT_FOUND");
}

TEST_F(GoogleEmulatorTest, BusinessReplyValidationAndRecording) {
  context_.rate_limit = 100;
  auto emulator = MakeGoogleBusinessEmulator(context_);
  rapidjson::Document list = Parse(emulator->Handle(Request("GET", "pageSize=1"), kReviews));
  std::string name = list["reviews"][0]["name"].GetString();
  std::string path = "/v4/" + name + "/reply";

  EXPECT_EQ(emulator->Handle(Request("PUT", "", R"({"comment":""})"), path).status, 400);
  EXPECT_EQ(emulator->Handle(Request("PUT", "", "not json"), path).status, 400);
  std::string long_comment = R"({"comment":")" + std::string(4097, 'a') + "\"}";
  EXPECT_EQ(emulator->Handle(Request("PUT", "", long_comment), path).status, 400);
  EXPECT_EQ(
      emulator
          ->Handle(Request("PUT", "", R"({"comment":"x"})"), std::string(kReviews) + "/nope/reply")
          .status,
      404);
  EXPECT_TRUE(log_.Replies().empty());

  ApiResponse ok = emulator->Handle(Request("PUT", "", R"({"comment":"Thanks!"})"), path);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_STREQ(Parse(ok)["comment"].GetString(), "Thanks!");
  auto replies = log_.Replies();
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies[0].platform, "google_business");
  EXPECT_EQ(replies[0].in_reply_to_id, name);
  rapidjson::Document review = Parse(emulator->Handle(Request("GET"), "/v4/" + name));
  EXPECT_STREQ(review["reviewReply"]["comment"].GetString(), "Thanks!");

  // Forbidden: anything but the reply PUT that writes under /v4/.
  EXPECT_FALSE(emulator->IsForbidden(Request("PUT"), path));
  EXPECT_TRUE(emulator->IsForbidden(Request("POST"), path));
  EXPECT_TRUE(emulator->IsForbidden(Request("PATCH"), "/v4/" + name));
  EXPECT_FALSE(emulator->IsForbidden(Request("GET"), "/v4/" + name));
}

TEST_F(GoogleEmulatorTest, BusinessRateLimit) {
  auto emulator = MakeGoogleBusinessEmulator(context_);  // 5 per minute
  for (int i = 0; i < 5; ++i) EXPECT_EQ(emulator->Handle(Request("GET"), kReviews).status, 200);
  ApiResponse limited = emulator->Handle(Request("GET"), kReviews);
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(ErrorStatus(limited), "RESOURCE_EXHAUSTED");
  EXPECT_NE(limited.body.find("google.rpc.RetryInfo"), std::string::npos);
  clock_.Advance(std::chrono::minutes(1));
  EXPECT_EQ(emulator->Handle(Request("GET"), kReviews).status, 200);
}

TEST_F(GoogleEmulatorTest, PlayListWindowRepliesAndForbidden) {
  context_.rate_limit = 100;
  auto emulator = MakeGooglePlayEmulator(context_);
  ASSERT_NE(emulator, nullptr);
  EXPECT_EQ(emulator->Handle(Request("GET", "", "", false), kPlayReviews).status, 401);
  ApiResponse r = emulator->Handle(Request("GET", "maxResults=100"), kPlayReviews);
  ASSERT_EQ(r.status, 200);
  rapidjson::Document doc = Parse(r);
  ASSERT_EQ(doc["reviews"].Size(), 40u);
  EXPECT_FALSE(doc.HasMember("tokenPagination"));
  std::string id = doc["reviews"][0]["reviewId"].GetString();
  EXPECT_EQ(id.rfind("gp:", 0), 0u);

  // Reply with the colon percent-encoded, as the connector sends it.
  std::string encoded = id;
  encoded.replace(2, 1, "%3A");
  std::string reply_path = std::string(kPlayReviews) + "/" + encoded + ":reply";
  EXPECT_EQ(emulator->Handle(Request("POST", "", R"({"replyText":" "})"), reply_path).status, 400);
  std::string too_long = R"({"replyText":")" + std::string(351, 'a') + "\"}";
  EXPECT_EQ(emulator->Handle(Request("POST", "", too_long), reply_path).status, 400);
  ApiResponse ok = emulator->Handle(Request("POST", "", R"({"replyText":"Thanks"})"), reply_path);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_STREQ(Parse(ok)["result"]["replyText"].GetString(), "Thanks");
  ASSERT_EQ(log_.Replies().size(), 1u);
  EXPECT_EQ(log_.Replies()[0].in_reply_to_id, id);
  EXPECT_EQ(emulator
                ->Handle(Request("POST", "", R"({"replyText":"x"})"),
                         std::string(kPlayReviews) + "/gp%3Anope:reply")
                .status,
            404);

  EXPECT_FALSE(emulator->IsForbidden(Request("POST"), reply_path));
  EXPECT_TRUE(emulator->IsForbidden(Request("POST"), std::string(kPlayReviews) + "/" + encoded));
  EXPECT_TRUE(emulator->IsForbidden(Request("PUT"), reply_path));

  // Only the last 7 days are listed.
  clock_.Advance(std::chrono::hours(24 * 7));
  rapidjson::Document later = Parse(emulator->Handle(Request("GET"), kPlayReviews));
  size_t left = later.HasMember("reviews") ? later["reviews"].Size() : 0;
  EXPECT_LT(left, 40u);
  EXPECT_EQ(emulator->Handle(Request("GET"), "/androidpublisher/v3/applications/com.x.app/reviews")
                .status,
            404);
}

}  // namespace
}  // namespace heed::sandbox
