// Trustpilot connector: parsing, the page-number review walk (including pages that shift while
// walking), requests over FakeHttpTransport, error mapping and the one-reply-per-review rule.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "heed/testing/fake_http.h"
#include "trustpilot_connector.h"
#include "trustpilot_parse.h"

namespace heed::connectors {
namespace {

using heed::testing::FakeHttpTransport;
using heed::testing::ReadTestData;

constexpr char kBusiness[] = "5f1e2d3c4b5a69788796a5b4";
constexpr char kReviews[] = "/v1/business-units/5f1e2d3c4b5a69788796a5b4/reviews";
constexpr char kApiKey[] = "k3y-value";
constexpr char kAccess[] = "acc3ss-token-value";

TimePoint At(const char* iso) { return *ParseIso8601(iso); }

TEST(TrustpilotParseTest, FixturePageAllFields) {
  auto page = trustpilot::ParseReviewsPage(ReadTestData("trustpilot/reviews_page.json"), "ctx");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->items.size(), 4u);
  EXPECT_EQ(page->has_next_link, true);

  ASSERT_TRUE(page->items[0].mention.ok()) << page->items[0].mention.status().ToString();
  const Mention& m = *page->items[0].mention;
  EXPECT_EQ(m.platform, "trustpilot");
  EXPECT_EQ(m.remote_id, "66ab0f10e1d2c3b4a5968778");
  EXPECT_EQ(m.text, "Consegna in ritardo\nIl pacco è arrivato con una settimana di ritardo.");
  EXPECT_EQ(m.rating, 2);
  EXPECT_EQ(m.language, "it");
  EXPECT_EQ(m.author.id, "5c8a1b2c3d4e5f6a7b8c9d0e");
  EXPECT_EQ(m.author.display_name, "Giulia B.");
  EXPECT_EQ(m.author.handle, "Giulia B.");
  EXPECT_EQ(m.author.profile_url, "https://www.trustpilot.com/users/5c8a1b2c3d4e5f6a7b8c9d0e");
  EXPECT_EQ(m.url, "https://www.trustpilot.com/reviews/66ab0f10e1d2c3b4a5968778");
  EXPECT_EQ(m.created_at, At("2026-08-01T13:00:00Z"));
  EXPECT_EQ(m.owner_reply, "Ci scusi, abbiamo segnalato il corriere.");
  EXPECT_NE(m.raw_json.find("isVerified"), std::string::npos);

  const Mention& second = *page->items[1].mention;
  EXPECT_EQ(second.rating, 5);
  EXPECT_TRUE(second.owner_reply.empty()) << "companyReply null";
  EXPECT_EQ(second.language, "en");

  EXPECT_TRUE(page->items[2].key_ok);
  EXPECT_EQ(page->items[2].mention.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(page->items[2].mention.status().message().find("stars"), std::string::npos);
  EXPECT_FALSE(page->items[3].key_ok) << "an id that is unsafe in a URL path is not used";
}

TEST(TrustpilotParseTest, UnreadablePagesAndErrorsIn200) {
  for (const char* body : {"<!DOCTYPE html><html>Maintenance</html>", "{\"reviews\": [", "[]",
                           "{\"reviews\": {}}", "null"}) {
    EXPECT_EQ(trustpilot::ParseReviewsPage(body, "ctx").status().code(), StatusCode::kDataLoss)
        << body;
  }
  auto key = trustpilot::ParseReviewsPage(
      R"({"fault":{"faultstring":"Invalid ApiKey","detail":{"errorcode":"oauth.v2.InvalidApiKey"}}})",
      "ctx");
  EXPECT_EQ(key.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(key.status().message().find("Invalid ApiKey"), std::string::npos);
  auto quota = trustpilot::ParseReviewsPage(
      R"({"fault":{"faultstring":"Rate limit quota violation","detail":{"errorcode":"policies.ratelimit.QuotaViolation"}}})",
      "ctx");
  EXPECT_EQ(quota.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(trustpilot::ParseErrorMessage(R"({"message":"Review not found","details":"x"})"),
            "Review not found: x");
  EXPECT_EQ(trustpilot::ParseErrorMessage("<html>"), "");
}

TEST(TrustpilotParseTest, ReplyBody) {
  rapidjson::Document doc;
  doc.Parse(trustpilot::BuildReplyBody("Grazie \"mille\"", "bu-user-1").c_str());
  ASSERT_TRUE(doc.IsObject());
  EXPECT_STREQ(doc["message"].GetString(), "Grazie \"mille\"");
  EXPECT_STREQ(doc["authorBusinessUserId"].GetString(), "bu-user-1");
  doc.Parse(trustpilot::BuildReplyBody("Hi", "").c_str());
  EXPECT_FALSE(doc.HasMember("authorBusinessUserId"));
}

// The "reviews" member of a page: (id, createdAt) pairs, newest first.
std::string ReviewsArrayJson(const std::vector<std::pair<std::string, std::string>>& reviews) {
  std::string array = R"("reviews":[)";
  for (size_t i = 0; i < reviews.size(); ++i) {
    if (i > 0) array += ",";
    array += R"({"id":")" + reviews[i].first + R"(","stars":4,"title":"t","text":"x )" +
             reviews[i].first + R"(","language":"en","createdAt":")" + reviews[i].second +
             R"(","consumer":{"id":"c1","displayName":"C"}})";
  }
  return array + "]";
}

// A reviews page (newest first) of (id, createdAt); next adds a next-page link.
std::string ReviewsJson(const std::vector<std::pair<std::string, std::string>>& reviews,
                        bool next) {
  std::string body =
      R"({"links":[{"href":"https://api.trustpilot.com/x","method":"GET","rel":"self"})";
  if (next) body += R"(,{"href":"https://api.trustpilot.com/y","method":"GET","rel":"next-page"})";
  return body + "]," + ReviewsArrayJson(reviews) + "}";
}

// A reviews page whose links carry page numbers, as the API's do: self (page `page`), and
// next-page (page + 1) when next.
std::string NumberedReviewsJson(int page,
                                const std::vector<std::pair<std::string, std::string>>& reviews,
                                bool next) {
  const std::string href = "https://api.trustpilot.com/v1/business-units/" +
                           std::string(kBusiness) + "/reviews?perPage=2&page=";
  std::string body =
      R"({"links":[{"href":")" + href + std::to_string(page) + R"(","method":"GET","rel":"self"})";
  if (next) {
    body += R"(,{"href":")" + href + std::to_string(page + 1) +
            R"(","method":"GET","rel":"next-page"})";
  }
  return body + "]," + ReviewsArrayJson(reviews) + "}";
}

HttpResponse Ok(std::string body, int status = 200, HttpHeaders headers = {}) {
  headers.emplace_back("Content-Type", "application/json");
  return HttpResponse{status, std::move(headers), std::move(body)};
}

std::vector<std::string> Ids(const Page& page) {
  std::vector<std::string> ids;
  for (const Mention& m : page.mentions) ids.push_back(m.remote_id);
  return ids;
}

class TrustpilotConnectorTest : public ::testing::Test {
 protected:
  ConnectorConfig Config(std::string token = std::string(kApiKey) + ":" + kAccess) {
    ConnectorConfig c;
    c.name = "acme-tp";
    c.platform = "trustpilot";
    c.base_url = "https://api.trustpilot.com";
    c.feed = std::string("business:") + kBusiness;
    c.token = std::move(token);
    c.page_limit = 2;
    return c;
  }
  std::unique_ptr<TrustpilotConnector> Make(const ConnectorConfig& config) {
    auto c = TrustpilotConnector::Create(config, fake_, clock_);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? std::move(c).value() : nullptr;
  }
  std::unique_ptr<TrustpilotConnector> Make() { return Make(Config()); }
  void ExpectNoSecret(const Status& s) {
    EXPECT_EQ(s.message().find(kApiKey), std::string::npos) << s.message();
    EXPECT_EQ(s.message().find(kAccess), std::string::npos) << s.message();
  }

  FakeHttpTransport fake_;
  SimulatedClock clock_{At("2026-08-01T14:00:00Z")};
};

TEST_F(TrustpilotConnectorTest, ConfigValidation) {
  ConnectorConfig c = Config();
  c.feed = "mentions";
  auto bad = TrustpilotConnector::Create(c, fake_, clock_);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("business:BUSINESS_UNIT_ID"), std::string::npos);
  c.feed = "business:../x";
  EXPECT_EQ(TrustpilotConnector::Create(c, fake_, clock_).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(TrustpilotConnector::Create(Config(""), fake_, clock_).status().code(),
            StatusCode::kInvalidArgument);
  auto bad_token = TrustpilotConnector::Create(Config("a key:b"), fake_, clock_);
  EXPECT_EQ(bad_token.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad_token.status().message().find("a key"), std::string::npos);

  auto connector = Make();
  Capabilities caps = connector->capabilities();
  EXPECT_TRUE(caps.can_reply);
  EXPECT_TRUE(caps.reply_replaces_existing);
  EXPECT_EQ(caps.max_reply_length, TrustpilotConnector::kMaxReplyLength);
  EXPECT_EQ(connector->FetchPage("w1;F;W1;T;L;Pzz;N0;S0").status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(TrustpilotConnectorTest, RequestShapeAndWalk) {
  fake_.Enqueue(
      "GET", kReviews,
      Ok(ReviewsJson({{"r6", "2026-08-01T13:00:00Z"}, {"r5", "2026-08-01T12:00:00Z"}}, true)));
  fake_.Enqueue(
      "GET", kReviews,
      Ok(ReviewsJson({{"r4", "2026-08-01T11:00:00Z"}, {"r3", "2026-08-01T10:00:00Z"}}, true)));
  fake_.Enqueue("GET", kReviews, Ok(ReviewsJson({{"r2", "2026-08-01T09:00:00Z"}}, false)));
  auto connector = Make();
  auto p1 = connector->FetchPage("");
  ASSERT_TRUE(p1.ok()) << p1.status().ToString();
  EXPECT_EQ(Ids(*p1), (std::vector<std::string>{"r6", "r5"}));
  EXPECT_TRUE(p1->has_more);
  auto p2 = connector->FetchPage(p1->next_checkpoint);
  ASSERT_TRUE(p2.ok());
  EXPECT_EQ(Ids(*p2), (std::vector<std::string>{"r4", "r3"}));
  auto p3 = connector->FetchPage(p2->next_checkpoint);
  ASSERT_TRUE(p3.ok());
  EXPECT_EQ(Ids(*p3), (std::vector<std::string>{"r2"}));
  EXPECT_FALSE(p3->has_more);

  auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].url,
            "https://api.trustpilot.com/v1/business-units/5f1e2d3c4b5a69788796a5b4/reviews"
            "?orderBy=createdat.desc&perPage=2&page=1");
  EXPECT_TRUE(requests[1].url.ends_with("&page=2"));
  EXPECT_TRUE(requests[2].url.ends_with("&page=3"));
  EXPECT_EQ(FindHeader(requests[0].headers, "apikey").value_or(""), kApiKey);
  EXPECT_FALSE(FindHeader(requests[0].headers, "Authorization").has_value())
      << "the access token is only for the private reply endpoint";

  // Next scan: nothing new; page 1 reaches below the floor at once.
  fake_.Enqueue(
      "GET", kReviews,
      Ok(ReviewsJson({{"r6", "2026-08-01T13:00:00Z"}, {"r5", "2026-08-01T12:00:00Z"}}, true)));
  auto p4 = connector->FetchPage(p3->next_checkpoint);
  ASSERT_TRUE(p4.ok());
  EXPECT_TRUE(p4->mentions.empty());
  EXPECT_FALSE(p4->has_more);
  EXPECT_TRUE(fake_.requests().back().url.ends_with("&page=1"));
}

// Two reviews arrive between page 1 and page 2: page 2 now repeats page 1's items. They are not
// emitted twice, the walk goes on, and the newcomers are read by the next walk.
TEST_F(TrustpilotConnectorTest, PagesShiftedByNewReviewsNeitherDuplicateNorSkip) {
  fake_.Enqueue(
      "GET", kReviews,
      Ok(ReviewsJson({{"r6", "2026-08-01T13:00:00Z"}, {"r5", "2026-08-01T12:00:00Z"}}, true)));
  fake_.Enqueue(
      "GET", kReviews,  // page 2 after r8, r7 arrived: r6, r5 slid down
      Ok(ReviewsJson({{"r6", "2026-08-01T13:00:00Z"}, {"r5", "2026-08-01T12:00:00Z"}}, true)));
  fake_.Enqueue(
      "GET", kReviews,
      Ok(ReviewsJson({{"r4", "2026-08-01T11:00:00Z"}, {"r3", "2026-08-01T10:00:00Z"}}, false)));
  auto connector = Make();
  std::vector<std::string> seen;
  std::string checkpoint;
  bool more = true;
  while (more) {
    auto page = connector->FetchPage(checkpoint);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    EXPECT_TRUE(page->item_errors.empty()) << page->item_errors.front().ToString();
    for (auto& id : Ids(*page)) seen.push_back(id);
    checkpoint = page->next_checkpoint;
    more = page->has_more;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"r6", "r5", "r4", "r3"}));

  fake_.Enqueue(
      "GET", kReviews,
      Ok(ReviewsJson({{"r8", "2026-08-01T13:40:00Z"}, {"r7", "2026-08-01T13:20:00Z"}}, true)));
  fake_.Enqueue(
      "GET", kReviews,
      Ok(ReviewsJson({{"r6", "2026-08-01T13:00:00Z"}, {"r5", "2026-08-01T12:00:00Z"}}, true)));
  auto next = connector->FetchPage(checkpoint);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(Ids(*next), (std::vector<std::string>{"r8", "r7"}));
  ASSERT_TRUE(next->has_more);
  auto end = connector->FetchPage(next->next_checkpoint);
  ASSERT_TRUE(end.ok());
  EXPECT_TRUE(end->mentions.empty());
  EXPECT_FALSE(end->has_more);
}

// Reviews sharing one createdAt across a page boundary and across walks.
TEST_F(TrustpilotConnectorTest, EqualTimestampsAtTheBoundary) {
  const char* t = "2026-08-01T12:00:00Z";
  fake_.Enqueue("GET", kReviews, Ok(ReviewsJson({{"a3", t}, {"a2", t}}, true)));
  fake_.Enqueue("GET", kReviews, Ok(ReviewsJson({{"a1", t}}, false)));
  auto connector = Make();
  auto p1 = connector->FetchPage("");
  auto p2 = connector->FetchPage(p1->next_checkpoint);
  ASSERT_TRUE(p1.ok() && p2.ok());
  EXPECT_EQ(Ids(*p1).size() + Ids(*p2).size(), 3u);
  // A fourth review at the same instant appears later: only it is new.
  fake_.Enqueue("GET", kReviews, Ok(ReviewsJson({{"a4", t}, {"a3", t}}, true)));
  fake_.Enqueue("GET", kReviews, Ok(ReviewsJson({{"a2", t}, {"a1", t}}, false)));
  auto p3 = connector->FetchPage(p2->next_checkpoint);
  ASSERT_TRUE(p3.ok());
  EXPECT_EQ(Ids(*p3), std::vector<std::string>{"a4"});
  ASSERT_TRUE(p3->has_more);
  auto p4 = connector->FetchPage(p3->next_checkpoint);
  ASSERT_TRUE(p4.ok());
  EXPECT_TRUE(p4->mentions.empty());
  EXPECT_FALSE(p4->has_more);
}

TEST_F(TrustpilotConnectorTest, PageThatNeverMovesStops) {
  auto connector = Make();
  fake_.Enqueue(
      "GET", kReviews,
      Ok(ReviewsJson({{"r6", "2026-08-01T13:00:00Z"}, {"r5", "2026-08-01T12:00:00Z"}}, true)));
  // A server ignoring `page`: the same items again and again.
  for (int i = 0; i < 5; ++i) {
    fake_.Enqueue(
        "GET", kReviews,
        Ok(ReviewsJson({{"r6", "2026-08-01T13:00:00Z"}, {"r5", "2026-08-01T12:00:00Z"}}, true)));
  }
  auto page = connector->FetchPage("");
  int fetched = 1;
  while (page.ok() && page->has_more && fetched < 10) {
    page = connector->FetchPage(page->next_checkpoint);
    ++fetched;
  }
  ASSERT_TRUE(page.ok());
  EXPECT_FALSE(page->has_more);
  EXPECT_LT(fetched, 10);
  ASSERT_EQ(page->item_errors.size(), 1u);
  EXPECT_NE(page->item_errors[0].message().find("nothing new"), std::string::npos);
}

TEST(TrustpilotParseTest, LinkedPage) {
  auto page_of = [](const std::string& links) {
    auto parsed = trustpilot::ParseReviewsPage(R"({"links":[)" + links + R"(],"reviews":[]})", "c");
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    return parsed.ok() ? parsed->linked_page : std::nullopt;
  };
  auto link = [](const std::string& rel, const std::string& query) {
    return R"({"href":"https://api.trustpilot.com/v1/x/reviews)" + query +
           R"(","method":"GET","rel":")" + rel + R"("})";
  };
  EXPECT_EQ(page_of(link("self", "?perPage=2&page=3") + "," + link("next-page", "?page=4")), 3);
  EXPECT_EQ(page_of(link("next-page", "?orderBy=x&page=4")), 3);
  EXPECT_EQ(page_of(link("prev-page", "?page=4&perPage=2")), 5);
  EXPECT_EQ(page_of(link("self", "") + "," + link("next-page", "?page=2")), 1);
  // Links without a usable page number say nothing.
  EXPECT_EQ(page_of(link("self", "")), std::nullopt);
  EXPECT_EQ(page_of(link("self", "?page=x") + "," + link("next-page", "?pages=2")), std::nullopt);
  EXPECT_EQ(page_of(""), std::nullopt);
}

// Regression (fault soak, seed offsets 9 and 10): asked for page 2, the API served page 1 again
// (a stale page). Its reviews were all read already, so the walk took it as a page shifted by new
// reviews and went on to page 3: page 2 was never read. Now the answer's links (self: page 1)
// show it is not page 2, and page 2 is asked again.
TEST_F(TrustpilotConnectorTest, StalePageIsAskedAgainNotSteppedPast) {
  const std::string page1 = NumberedReviewsJson(
      1, {{"r6", "2026-08-01T13:00:00Z"}, {"r5", "2026-08-01T12:00:00Z"}}, true);
  fake_.Enqueue("GET", kReviews, Ok(page1));
  fake_.Enqueue("GET", kReviews, Ok(page1));  // asked for page 2
  fake_.Enqueue("GET", kReviews,
                Ok(NumberedReviewsJson(
                    2, {{"r4", "2026-08-01T11:00:00Z"}, {"r3", "2026-08-01T10:00:00Z"}}, true)));
  fake_.Enqueue("GET", kReviews,
                Ok(NumberedReviewsJson(3, {{"r2", "2026-08-01T09:00:00Z"}}, false)));
  auto connector = Make();
  std::vector<std::string> seen;
  std::string checkpoint;
  bool more = true;
  for (int pages = 0; more && pages < 10; ++pages) {
    auto page = connector->FetchPage(checkpoint);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    EXPECT_TRUE(page->item_errors.empty()) << page->item_errors.front().ToString();
    for (auto& id : Ids(*page)) seen.push_back(id);
    checkpoint = page->next_checkpoint;
    more = page->has_more;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"r6", "r5", "r4", "r3", "r2"}));
  auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 4u);
  EXPECT_TRUE(requests[0].url.ends_with("&page=1"));
  EXPECT_TRUE(requests[1].url.ends_with("&page=2"));
  EXPECT_TRUE(requests[2].url.ends_with("&page=2")) << "page 2 asked again";
  EXPECT_TRUE(requests[3].url.ends_with("&page=3"));
}

// A stale page that keeps coming back fails the fetch (kUnavailable, naming the platform and the
// page numbers): the caller's checkpoint stays on page 2 and the next run asks for it again.
TEST_F(TrustpilotConnectorTest, StalePageThatPersistsFailsTheFetch) {
  const std::string page1 = NumberedReviewsJson(
      1, {{"r6", "2026-08-01T13:00:00Z"}, {"r5", "2026-08-01T12:00:00Z"}}, true);
  fake_.Enqueue("GET", kReviews, Ok(page1));
  for (int i = 0; i < review_walk::kMaxStaleAnswers; ++i) fake_.Enqueue("GET", kReviews, Ok(page1));
  auto connector = Make();
  auto p1 = connector->FetchPage("");
  ASSERT_TRUE(p1.ok());
  auto p2 = connector->FetchPage(p1->next_checkpoint);
  ASSERT_FALSE(p2.ok());
  EXPECT_EQ(p2.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(p2.status().message().find("trustpilot connector 'acme-tp'"), std::string::npos)
      << p2.status().message();
  EXPECT_NE(p2.status().message().find("page 1, not page 2"), std::string::npos)
      << p2.status().message();
  ExpectNoSecret(p2.status());
  EXPECT_EQ(fake_.requests().size(), 1u + review_walk::kMaxStaleAnswers);
  fake_.Enqueue("GET", kReviews,
                Ok(NumberedReviewsJson(2, {{"r4", "2026-08-01T11:00:00Z"}}, false)));
  auto again = Make()->FetchPage(p1->next_checkpoint);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(Ids(*again), std::vector<std::string>{"r4"});
  EXPECT_TRUE(fake_.requests().back().url.ends_with("&page=2"));
}

TEST_F(TrustpilotConnectorTest, FixtureAndErrorMapping) {
  auto connector = Make();
  fake_.Enqueue("GET", kReviews, Ok(ReadTestData("trustpilot/reviews_page.json")));
  auto page = connector->FetchPage("");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->mentions.size(), 2u);
  EXPECT_EQ(page->item_errors.size(), 2u);
  EXPECT_TRUE(page->has_more);

  fake_.Enqueue(
      "GET", kReviews,
      Ok(R"({"fault":{"faultstring":"Invalid ApiKey","detail":{"errorcode":"oauth.v2.InvalidApiKey"}}})",
         401));
  auto unauth = connector->FetchPage("");
  EXPECT_EQ(unauth.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(unauth.status().message().find("Invalid ApiKey"), std::string::npos);
  ExpectNoSecret(unauth.status());
  fake_.Enqueue("GET", kReviews, Ok("{}", 429, {{"Retry-After", "30"}}));
  auto limited = connector->FetchPage("");
  EXPECT_EQ(limited.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(limited.status().retry_after(), Millis(30000));
  fake_.Enqueue("GET", kReviews, Ok("<html>oops</html>"));
  EXPECT_EQ(connector->FetchPage("").status().code(), StatusCode::kDataLoss);
  fake_.Enqueue("GET", kReviews, Ok(R"({"message":"Not found"})", 404));
  EXPECT_EQ(connector->FetchPage("").status().code(), StatusCode::kNotFound);
}

Mention Review(std::string owner_reply = "") {
  Mention m;
  m.platform = "trustpilot";
  m.remote_id = "66ab0f10e1d2c3b4a5968778";
  m.owner_reply = std::move(owner_reply);
  return m;
}

TEST_F(TrustpilotConnectorTest, PostReplyShape) {
  const std::string path = "/v1/private/reviews/66ab0f10e1d2c3b4a5968778/reply";
  fake_.Enqueue("POST", path, Ok("", 201));
  ConnectorConfig config = Config();
  config.account = "bu-user-7";
  auto connector = Make(config);
  auto posted = connector->PostReply({Review(), "Thanks for the feedback", "key-1"});
  ASSERT_TRUE(posted.ok()) << posted.status().ToString();
  EXPECT_EQ(posted->url, "https://www.trustpilot.com/reviews/66ab0f10e1d2c3b4a5968778");
  auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].url, "https://api.trustpilot.com" + path);
  EXPECT_EQ(FindHeader(requests[0].headers, "Authorization").value_or(""),
            std::string("Bearer ") + kAccess);
  rapidjson::Document doc;
  doc.Parse(requests[0].body.c_str());
  ASSERT_TRUE(doc.IsObject());
  EXPECT_STREQ(doc["message"].GetString(), "Thanks for the feedback");
  EXPECT_STREQ(doc["authorBusinessUserId"].GetString(), "bu-user-7");

  fake_.Enqueue("POST", path, Ok(R"({"message":"Review not found"})", 404));
  auto missing = connector->PostReply({Review(), "x", "k"});
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  ExpectNoSecret(missing.status());
}

TEST_F(TrustpilotConnectorTest, ReplaceNeedsConfirmationAndAccessToken) {
  auto connector = Make();
  ReplyRequest request{Review("Ci scusi, abbiamo segnalato il corriere."), "New", "k"};
  auto refused = connector->PostReply(request);
  ASSERT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find(
                "already has a public reply: \"Ci scusi, abbiamo segnalato il corriere.\"; "
                "confirm replacing it"),
            std::string::npos);
  EXPECT_TRUE(fake_.requests().empty());

  request.replace_existing = true;
  fake_.Enqueue("POST", "/v1/private/reviews/66ab0f10e1d2c3b4a5968778/reply", Ok("", 201));
  EXPECT_TRUE(connector->PostReply(request).ok());

  auto read_only = Make(Config(kApiKey));
  auto no_token = read_only->PostReply({Review(), "Hello", "k"});
  EXPECT_EQ(no_token.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(connector->PostReply({Review(), " ", "k"}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(connector->PostReply({Review(), std::string(2049, 'x'), "k"}).status().code(),
            StatusCode::kInvalidArgument);
  Mention bad = Review();
  bad.remote_id = "../admin";
  EXPECT_EQ(connector->PostReply({bad, "x", "k"}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(fake_.requests().size(), 1u);
}

}  // namespace
}  // namespace heed::connectors
