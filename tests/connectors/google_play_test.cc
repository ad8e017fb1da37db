// Google Play: parsing (fixtures in tests/data/google_play) and the connector over
// FakeHttpTransport: requests, paging, error mapping, replies and the replace confirmation.
#include <gtest/gtest.h>

#include "google_play_connector.h"
#include "google_play_parse.h"
#include "heed/testing/fake_http.h"

namespace heed::connectors {
namespace {

using heed::testing::FakeHttpTransport;
using heed::testing::ReadTestData;

constexpr char kToken[] = "ya29.play-s3cr3t";
constexpr char kPackage[] = "com.acme.app";
constexpr char kReviewsPath[] = "/androidpublisher/v3/applications/com.acme.app/reviews";
constexpr char kBase[] = "https://play.example";

TimePoint At(const char* iso) { return *ParseIso8601(iso); }

ConnectorConfig Config(int limit = 40) {
  ConnectorConfig c;
  c.name = "acme-play";
  c.platform = "google_play";
  c.base_url = kBase;
  c.feed = std::string("app:") + kPackage;
  c.token = kToken;
  c.page_limit = limit;
  return c;
}

HttpResponse Json(int status, std::string body) {
  return HttpResponse{
      status, {{"Content-Type", "application/json; charset=UTF-8"}}, std::move(body)};
}

std::string ReviewJson(const std::string& id, int64_t seconds, const std::string& text = "ok") {
  return R"({"reviewId":")" + id + R"(","authorName":"A","comments":[{"userComment":{"text":")" +
         text + R"(","lastModified":{"seconds":")" + std::to_string(seconds) +
         R"(","nanos":0},"starRating":4}}]})";
}

std::string PageJson(const std::vector<std::pair<std::string, int64_t>>& reviews,
                     const std::string& next = "") {
  std::string body = R"({"reviews":[)";
  for (size_t i = 0; i < reviews.size(); ++i) {
    if (i > 0) body += ",";
    body += ReviewJson(reviews[i].first, reviews[i].second);
  }
  body += "]";
  if (!next.empty()) body += R"(,"tokenPagination":{"nextPageToken":")" + next + "\"}";
  return body + "}";
}

std::vector<std::string> Ids(const Page& page) {
  std::vector<std::string> ids;
  for (const Mention& m : page.mentions) ids.push_back(m.remote_id);
  return ids;
}

std::string QueryOf(const std::string& url) {
  size_t q = url.find('?');
  return q == std::string::npos ? "" : url.substr(q + 1);
}

TEST(GooglePlayParse, FixturePageAllFields) {
  auto page =
      google_play::ParseReviewsPage(ReadTestData("google_play/reviews_page.json"), {kPackage});
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->next_page_token, "Eg8KDQtok2");
  ASSERT_EQ(page->items.size(), 2u);

  const google::PageItem& first = page->items[0];
  ASSERT_TRUE(first.mention.ok()) << first.mention.status().ToString();
  EXPECT_EQ(first.id, "gp:AOqpTOFirst");
  EXPECT_EQ(first.key, 1785590000LL * 1000000000 + 525000000);
  const Mention& m = *first.mention;
  EXPECT_EQ(m.platform, "google_play");
  EXPECT_EQ(m.remote_id, "gp:AOqpTOFirst");
  EXPECT_EQ(m.text, "Alarm times out after 20 minutes, terrible default");  // tab trimmed
  EXPECT_EQ(m.rating, 2);
  EXPECT_EQ(m.language, "en");
  EXPECT_EQ(m.created_at, FromUnixMillis(1785590000525));
  EXPECT_EQ(m.author.display_name, "Joe Example");
  EXPECT_EQ(m.author.handle, "Joe Example");
  EXPECT_EQ(m.owner_reply, "You can change the time-out in the settings.");
  EXPECT_EQ(m.url,
            "https://play.google.com/store/apps/details?id=com.acme.app&reviewId=gp%3AAOqpTOFirst");
  EXPECT_NE(m.raw_json.find("deviceMetadata"), std::string::npos);
  EXPECT_TRUE(m.thread_id.empty());

  const Mention& second = *page->items[1].mention;
  EXPECT_EQ(second.text, "L'app si blocca quando apro i miei ordini");  // originalText wins
  EXPECT_EQ(second.language, "it");
  EXPECT_EQ(second.rating, 1);
  EXPECT_TRUE(second.author.handle.empty());
  EXPECT_TRUE(second.owner_reply.empty());
  EXPECT_EQ(page->items[1].key, 1785580000LL * 1000000000 + 1000);  // numeric seconds accepted
}

TEST(GooglePlayParse, BadItemsAreSkippedWithErrors) {
  auto page =
      google_play::ParseReviewsPage(ReadTestData("google_play/reviews_bad_items.json"), {kPackage});
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->items.size(), 6u);
  int good = 0;
  for (const auto& item : page->items) {
    if (item.mention.ok()) {
      ++good;
      EXPECT_EQ(item.mention->remote_id, "gp:AOqpTOGood");
    } else {
      EXPECT_EQ(item.mention.status().code(), StatusCode::kDataLoss);
    }
  }
  EXPECT_EQ(good, 1);
}

TEST(GooglePlayParse, UnreadablePagesAndErrorsIn200) {
  for (const char* body :
       {"<!DOCTYPE html><html>Error 502</html>", R"({"reviews":[)", "[1]", R"({"reviews":{}})",
        R"({"tokenPagination":"x"})", R"({"tokenPagination":{"nextPageToken":1}})"}) {
    auto page = google_play::ParseReviewsPage(body, {kPackage});
    ASSERT_FALSE(page.ok()) << body;
    EXPECT_EQ(page.status().code(), StatusCode::kDataLoss) << body;
  }
  auto denied = google_play::ParseReviewsPage(ReadTestData("google_play/error_403_permission.json"),
                                              {kPackage});
  EXPECT_EQ(denied.status().code(), StatusCode::kPermissionDenied);
  auto empty = google_play::ParseReviewsPage(R"({"pageInfo":{"totalResults":0}})", {kPackage});
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->items.empty());
  EXPECT_TRUE(empty->next_page_token.empty());
}

TEST(GooglePlayParse, Helpers) {
  EXPECT_EQ(google_play::LanguageOf("en_US"), "en");
  EXPECT_EQ(google_play::LanguageOf("pt-BR"), "pt");
  EXPECT_EQ(google_play::LanguageOf("IT"), "it");
  EXPECT_EQ(google_play::LanguageOf(""), "");
  EXPECT_EQ(google_play::LanguageOf("e1"), "");
  EXPECT_TRUE(google_play::IsPackageName("com.acme.app"));
  EXPECT_TRUE(google_play::IsPackageName("com.acme_2.app"));
  EXPECT_FALSE(google_play::IsPackageName("com..acme"));
  EXPECT_FALSE(google_play::IsPackageName("com.1acme"));
  EXPECT_FALSE(google_play::IsPackageName("com/acme"));
  EXPECT_FALSE(google_play::IsPackageName(""));
}

class GooglePlayConnectorTest : public ::testing::Test {
 protected:
  std::unique_ptr<GooglePlayConnector> Make(const ConnectorConfig& config = Config()) {
    auto c = GooglePlayConnector::Create(config, fake_, clock_);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? std::move(c).value() : nullptr;
  }
  void ExpectNoToken(const Status& s) {
    EXPECT_EQ(s.message().find(kToken), std::string::npos) << s.message();
  }
  Mention Target(const std::string& owner_reply = "") {
    Mention m;
    m.platform = "google_play";
    m.remote_id = "gp:AOqpTOFirst";
    m.url = "https://play.google.com/store/apps/details?id=com.acme.app&reviewId=gp%3AAOqpTOFirst";
    m.owner_reply = owner_reply;
    return m;
  }

  FakeHttpTransport fake_;
  SimulatedClock clock_{At("2026-08-01T14:00:00Z")};
};

TEST_F(GooglePlayConnectorTest, ConfigValidationAndCapabilities) {
  for (const char* feed : {"mentions", "app:", "app:com..x", "search:acme", "app:com.acme/x"}) {
    ConnectorConfig c = Config();
    c.feed = feed;
    auto r = GooglePlayConnector::Create(c, fake_, clock_);
    ASSERT_FALSE(r.ok()) << feed;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(r.status().message().find("app:PACKAGE_NAME"), std::string::npos);
  }
  auto connector = Make();
  EXPECT_EQ(connector->platform(), "google_play");
  Capabilities caps = connector->capabilities();
  EXPECT_TRUE(caps.can_reply);
  EXPECT_TRUE(caps.reply_replaces_existing);
  EXPECT_EQ(caps.max_reply_length, 350);
  EXPECT_GT(caps.backfill_pages, 0);
}

TEST_F(GooglePlayConnectorTest, RequestShapeAndCheckpointProgression) {
  auto connector = Make(Config(500));
  fake_.Enqueue("GET", kReviewsPath, Json(200, ReadTestData("google_play/reviews_page.json")));
  fake_.Enqueue("GET", kReviewsPath, Json(200, PageJson({{"gp:C", 1785570000}})));
  auto p1 = connector->FetchPage("");
  ASSERT_TRUE(p1.ok()) << p1.status().ToString();
  EXPECT_EQ(p1->mentions.size(), 2u);
  EXPECT_TRUE(p1->has_more);
  auto p2 = Make()->FetchPage(p1->next_checkpoint);  // a restarted process
  ASSERT_TRUE(p2.ok());
  EXPECT_FALSE(p2->has_more);
  EXPECT_EQ(Ids(*p2), std::vector<std::string>{"gp:C"});

  auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].url, std::string(kBase) + kReviewsPath + "?maxResults=100");
  EXPECT_EQ(QueryOf(requests[1].url), "maxResults=40&token=Eg8KDQtok2");
  EXPECT_EQ(FindHeader(requests[0].headers, "Authorization").value_or(""),
            std::string("Bearer ") + kToken);

  // Next run: an edited review (same id, newer lastModified) and a new one; then the floor.
  std::string body = R"({"reviews":[)" + ReviewJson("gp:AOqpTOSecond", 1785599000, "edited") + "," +
                     ReviewJson("gp:D", 1785595000) + "," +
                     ReviewJson("gp:AOqpTOFirst", 1785590000) + "]}";
  // gp:AOqpTOFirst's key had nanos 525000000, so at .0 it ranks below the floor: old.
  fake_.Enqueue("GET", kReviewsPath, Json(200, body));
  auto p3 = Make()->FetchPage(p2->next_checkpoint);
  ASSERT_TRUE(p3.ok());
  EXPECT_EQ(Ids(*p3), (std::vector<std::string>{"gp:AOqpTOSecond", "gp:D"}));
  EXPECT_EQ(p3->mentions[0].text, "edited");
  EXPECT_FALSE(p3->has_more);

  fake_.Enqueue("GET", kReviewsPath, Json(200, body));
  auto p4 = Make()->FetchPage(p3->next_checkpoint);
  ASSERT_TRUE(p4.ok());
  EXPECT_TRUE(p4->mentions.empty());
}

// A token handed back is asked for again; three times in a row end the pass.
TEST_F(GooglePlayConnectorTest, RepeatingTokenStops) {
  auto connector = Make(Config(1));
  fake_.Enqueue("GET", kReviewsPath, Json(200, PageJson({{"gp:B", 1785590000}}, "T")));
  auto p = connector->FetchPage("");
  ASSERT_TRUE(p.ok() && p->has_more);
  for (int repeat = 1; repeat <= 3; ++repeat) {
    fake_.Enqueue("GET", kReviewsPath, Json(200, PageJson({{"gp:A", 1785580000}}, "T")));
    p = connector->FetchPage(p->next_checkpoint);
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    EXPECT_EQ(p->has_more, repeat < 3) << repeat;
    ASSERT_EQ(p->item_errors.size(), repeat < 3 ? 0u : 1u) << repeat;
  }
  EXPECT_NE(p->item_errors[0].message().find("repeats"), std::string::npos);
}

TEST_F(GooglePlayConnectorTest, ErrorMapping) {
  auto connector = Make();
  fake_.Enqueue("GET", kReviewsPath,
                Json(429, R"({"error":{"code":429,"message":"Quota exceeded",)"
                          R"("status":"RESOURCE_EXHAUSTED"}})"));
  auto limited = connector->FetchPage("");
  EXPECT_EQ(limited.status().code(), StatusCode::kResourceExhausted);
  HttpResponse with_header = Json(429, "{}");
  with_header.headers.emplace_back("Retry-After", "30");
  fake_.Enqueue("GET", kReviewsPath, with_header);
  EXPECT_EQ(connector->FetchPage("").status().retry_after(), Millis(30000));
  fake_.Enqueue("GET", kReviewsPath,
                Json(403, ReadTestData("google_play/error_403_permission.json")));
  auto denied = connector->FetchPage("");
  EXPECT_EQ(denied.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(denied.status().message().find("insufficient permissions"), std::string::npos);
  ExpectNoToken(denied.status());
  fake_.Enqueue("GET", kReviewsPath,
                Json(401, R"({"error":{"code":401,"message":"Invalid Credentials",)"
                          R"("status":"UNAUTHENTICATED"}})"));
  EXPECT_EQ(connector->FetchPage("").status().code(), StatusCode::kUnauthenticated);
  fake_.Enqueue("GET", kReviewsPath, Json(200, R"({"reviews":[{"reviewId":)"));
  EXPECT_EQ(connector->FetchPage("").status().code(), StatusCode::kDataLoss);
  fake_.Enqueue("GET", kReviewsPath, Json(500, "oops"));
  EXPECT_EQ(connector->FetchPage("").status().code(), StatusCode::kUnavailable);
}

TEST_F(GooglePlayConnectorTest, PostReplyRequestShape) {
  const std::string reply_path = std::string(kReviewsPath) + "/gp%3AAOqpTOFirst:reply";
  fake_.Enqueue("POST", reply_path, Json(200, ReadTestData("google_play/reply_200.json")));
  auto connector = Make();
  ReplyRequest request{Target("Old answer"), "Thanks, fixed in 4.2.", "key-1"};
  request.replace_existing = true;
  auto posted = connector->PostReply(request);
  ASSERT_TRUE(posted.ok()) << posted.status().ToString();
  EXPECT_EQ(posted->remote_id, "gp:AOqpTOFirst/reply");
  auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].url, std::string(kBase) + reply_path);
  EXPECT_EQ(requests[0].body, R"({"replyText":"Thanks, fixed in 4.2."})");
  EXPECT_EQ(FindHeader(requests[0].headers, "Content-Type").value_or(""), "application/json");
}

TEST_F(GooglePlayConnectorTest, ExistingReplyNeedsConfirmation) {
  auto connector = Make();
  auto refused = connector->PostReply({Target("You can change the time-out."), "New", "k"});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find(
                "already has a public reply: \"You can change the time-out.\"; confirm replacing"),
            std::string::npos);
  EXPECT_TRUE(fake_.requests().empty());

  // Nothing stored: the live review is checked first.
  const std::string review_path = std::string(kReviewsPath) + "/gp%3AAOqpTOFirst";
  fake_.Enqueue("GET", review_path,
                Json(200, R"({"reviewId":"gp:AOqpTOFirst","comments":[)"
                          R"({"userComment":{"text":"x","lastModified":{"seconds":"1"}}},)"
                          R"({"developerComment":{"text":"Written in Play Console"}}]})"));
  auto live = connector->PostReply({Target(), "New", "k"});
  ASSERT_FALSE(live.ok());
  EXPECT_EQ(live.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(live.status().message().find("Written in Play Console"), std::string::npos);
  ASSERT_EQ(fake_.requests().size(), 1u);

  fake_.Enqueue("GET", review_path, Json(200, ReviewJson("gp:AOqpTOFirst", 1)));
  fake_.Enqueue("POST", review_path + ":reply",
                Json(200, ReadTestData("google_play/reply_200.json")));
  ASSERT_TRUE(connector->PostReply({Target(), "New", "k"}).ok());
  ASSERT_EQ(fake_.requests().size(), 3u);
  EXPECT_EQ(fake_.requests()[2].method, "POST");
}

TEST_F(GooglePlayConnectorTest, ReplyValidation) {
  auto connector = Make();
  ReplyRequest request{Target(), std::string(351, 'x'), "k"};
  request.replace_existing = true;
  auto too_long = connector->PostReply(request);
  EXPECT_EQ(too_long.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(too_long.status().message().find("350"), std::string::npos);
  request.text = "";
  EXPECT_EQ(connector->PostReply(request).status().code(), StatusCode::kInvalidArgument);
  request.text = "ok";
  request.in_reply_to.remote_id = "";
  EXPECT_EQ(connector->PostReply(request).status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(fake_.requests().empty());
}

}  // namespace
}  // namespace heed::connectors
