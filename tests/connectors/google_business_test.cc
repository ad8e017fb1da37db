// Google Business Profile: parsing (fixtures in tests/data/google_business), the shared Google
// helpers (error envelope, checkpoint, newest-first pass), and the connector over
// FakeHttpTransport: requests, paging, error mapping, replies and the replace confirmation.
#include <gtest/gtest.h>

#include "google_api.h"
#include "google_business_connector.h"
#include "google_business_parse.h"
#include "heed/testing/fake_http.h"

namespace heed::connectors {
namespace {

using heed::testing::FakeHttpTransport;
using heed::testing::ReadTestData;

constexpr char kToken[] = "ya29.s3cr3t-token-value";
constexpr char kLocation[] = "accounts/111/locations/222";
constexpr char kReviewsPath[] = "/v4/accounts/111/locations/222/reviews";
constexpr char kBase[] = "https://mybusiness.example";

TimePoint At(const char* iso) { return *ParseIso8601(iso); }

ConnectorConfig Config(int limit = 50) {
  ConnectorConfig c;
  c.name = "acme-gbp";
  c.platform = "google_business";
  c.base_url = std::string(kBase) + "/";
  c.feed = std::string("location:") + kLocation;
  c.token = kToken;
  c.page_limit = limit;
  return c;
}

HttpResponse Json(int status, std::string body, HttpHeaders headers = {}) {
  headers.emplace_back("Content-Type", "application/json; charset=UTF-8");
  return HttpResponse{status, std::move(headers), std::move(body)};
}

// One review JSON object: id R, updateTime at the given second of 2026-08-01T10:00.
std::string ReviewJson(const std::string& id, int second, const std::string& comment = "ok") {
  std::string t =
      "2026-08-01T10:00:" + std::string(second < 10 ? "0" : "") + std::to_string(second) + "Z";
  return R"({"reviewId":")" + id + R"(","name":"accounts/111/locations/222/reviews/)" + id +
         R"(","reviewer":{"displayName":"U"},"starRating":"THREE","comment":")" + comment +
         R"(","createTime":")" + t + R"(","updateTime":")" + t + R"("})";
}

// A reviews page: (id, second) pairs in the given order, plus an optional next token.
std::string PageJson(const std::vector<std::pair<std::string, int>>& reviews,
                     const std::string& next = "") {
  std::string body = R"({"reviews":[)";
  for (size_t i = 0; i < reviews.size(); ++i) {
    if (i > 0) body += ",";
    body += ReviewJson(reviews[i].first, reviews[i].second);
  }
  body += "]";
  if (!next.empty()) body += R"(,"nextPageToken":")" + next + "\"";
  return body + "}";
}

std::string QueryOf(const std::string& url) {
  size_t q = url.find('?');
  return q == std::string::npos ? "" : url.substr(q + 1);
}

// ---- Parsing ----

TEST(GoogleBusinessParse, FixturePageAllFields) {
  google_business::ParseOptions options{kLocation};
  auto page =
      google_business::ParseReviewsPage(ReadTestData("google_business/reviews_page.json"), options);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->next_page_token, "CgwI9aKl");
  ASSERT_EQ(page->items.size(), 3u);

  const google::PageItem& edited = page->items[0];
  ASSERT_TRUE(edited.mention.ok()) << edited.mention.status().ToString();
  EXPECT_EQ(edited.id, "accounts/111/locations/222/reviews/AbFvOqEdited1");
  EXPECT_EQ(edited.key, ToUnixMillis(At("2026-08-01T12:00:00.500Z")));
  const Mention& m = *edited.mention;
  EXPECT_EQ(m.platform, "google_business");
  EXPECT_EQ(m.remote_id, "accounts/111/locations/222/reviews/AbFvOqEdited1");
  EXPECT_EQ(m.text, "Il frullatore è arrivato rotto.");  // the original, not the translation
  EXPECT_EQ(m.rating, 2);
  EXPECT_EQ(m.owner_reply, "Ci dispiace molto, ti abbiamo scritto in privato.");
  EXPECT_EQ(m.created_at, At("2026-07-30T09:15:00.125Z"));
  EXPECT_EQ(m.author.display_name, "Giulia Rossi");
  EXPECT_EQ(m.author.handle, "Giulia Rossi");
  EXPECT_TRUE(m.author.id.empty());
  EXPECT_TRUE(m.language.empty());
  EXPECT_TRUE(m.thread_id.empty());
  EXPECT_TRUE(m.parent_id.empty());
  EXPECT_FALSE(m.removed_at_source);
  EXPECT_EQ(m.url, "https://business.google.com/reviews?location=222&review=AbFvOqEdited1");
  EXPECT_NE(m.raw_json.find("\"reviewReply\""), std::string::npos);

  const Mention& stars_only = *page->items[1].mention;
  EXPECT_EQ(stars_only.text, "");  // rating-only review: stored with empty text
  EXPECT_EQ(stars_only.rating, 5);
  EXPECT_EQ(stars_only.author.handle, "anonymous");
  EXPECT_TRUE(stars_only.owner_reply.empty());

  const Mention& plain = *page->items[2].mention;
  EXPECT_EQ(plain.text, "Great support, fixed in minutes!");
  EXPECT_FALSE(plain.rating.has_value());  // STAR_RATING_UNSPECIFIED
}

TEST(GoogleBusinessParse, BadItemsAreSkippedWithErrors) {
  auto page = google_business::ParseReviewsPage(
      ReadTestData("google_business/reviews_bad_items.json"), {kLocation});
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->items.size(), 5u);
  int good = 0;
  for (const auto& item : page->items) {
    if (item.mention.ok()) {
      ++good;
      EXPECT_EQ(item.mention->text, "Fast delivery.");
    } else {
      EXPECT_EQ(item.mention.status().code(), StatusCode::kDataLoss);
    }
  }
  EXPECT_EQ(good, 1);
  // The bad reviewer still has an id and key, so it moves the checkpoint and is not re-read.
  EXPECT_FALSE(page->items[2].mention.ok());
  EXPECT_TRUE(page->items[2].key.has_value());
}

TEST(GoogleBusinessParse, UnreadablePagesAreDataLoss) {
  for (const char* body :
       {"<html><body>Service Unavailable</body></html>", R"({"reviews":[{"reviewId":"x")", "[]",
        R"({"reviews":"nope"})", R"({"reviews":[],"nextPageToken":5})", ""}) {
    auto page = google_business::ParseReviewsPage(body, {kLocation});
    ASSERT_FALSE(page.ok()) << body;
    EXPECT_EQ(page.status().code(), StatusCode::kDataLoss) << body;
  }
  std::string deep(200, '[');
  EXPECT_EQ(google_business::ParseReviewsPage(deep, {kLocation}).status().code(),
            StatusCode::kDataLoss);
}

TEST(GoogleBusinessParse, EmptyAndInvalidUtf8) {
  auto empty = google_business::ParseReviewsPage(R"({"totalReviewCount":0})", {kLocation});
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->items.empty());

  std::string body = PageJson({{"R1", 1}});
  body.replace(body.find("\"ok\""), 4, "\"bad \xC3\x28 byte\"");
  auto page = google_business::ParseReviewsPage(body, {kLocation});
  ASSERT_TRUE(page.ok());
  ASSERT_TRUE(page->items[0].mention.ok());
  EXPECT_EQ(page->items[0].mention->text, "bad \xEF\xBF\xBD( byte");
}

TEST(GoogleBusinessParse, ErrorEnvelopeInside200) {
  auto page =
      google_business::ParseReviewsPage(ReadTestData("google_business/error_in_200.json"), {});
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(page.status().message().find("does not have permission"), std::string::npos);
}

TEST(GoogleBusinessParse, NameBuiltFromReviewIdWhenMissing) {
  auto page = google_business::ParseReviewsPage(
      R"({"reviews":[{"reviewId":"R9","comment":"x","createTime":"2026-08-01T10:00:00Z"}]})",
      {kLocation});
  ASSERT_TRUE(page.ok());
  ASSERT_TRUE(page->items[0].mention.ok()) << page->items[0].mention.status().ToString();
  EXPECT_EQ(page->items[0].mention->remote_id, "accounts/111/locations/222/reviews/R9");
}

TEST(GoogleBusinessParse, OriginalText) {
  using google_business::OriginalText;
  EXPECT_EQ(OriginalText("  plain  "), "plain");
  EXPECT_EQ(OriginalText("(Translated by Google) Good\n\n(Original)\nBuono"), "Buono");
  EXPECT_EQ(OriginalText("Buono\n\n(Translated by Google)\nGood"), "Buono");
  EXPECT_EQ(OriginalText("(Translated by Google) Good"), "Good");
  EXPECT_EQ(google_business::StarRatingValue("THREE"), 3);
  EXPECT_FALSE(google_business::StarRatingValue("SIX").has_value());
  EXPECT_TRUE(google_business::IsReviewName("accounts/1/locations/2/reviews/A-b_3"));
  EXPECT_FALSE(google_business::IsReviewName("accounts/1/locations/2/reviews/"));
  EXPECT_FALSE(google_business::IsReviewName("accounts/1/locations/2/reviews/a/b"));
  EXPECT_FALSE(google_business::IsReviewName("accounts/1/locations/2"));
  EXPECT_TRUE(google_business::IsLocationName("accounts/1/locations/2"));
  EXPECT_FALSE(google_business::IsLocationName("accounts/1/locations/2/"));
  EXPECT_FALSE(google_business::IsLocationName("accounts/1/locations/a?b"));
}

// ---- Shared Google helpers ----

TEST(GoogleApi, ErrorEnvelopeMapping) {
  auto rate = google::ParseGoogleError(ReadTestData("google_business/error_429.json"));
  ASSERT_TRUE(rate.has_value());
  EXPECT_EQ(rate->status, "RESOURCE_EXHAUSTED");
  EXPECT_EQ(rate->retry_delay, Millis(17000));
  Status s = google::StatusFromGoogleError(429, rate, "ctx", std::nullopt);
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(s.retry_after(), Millis(17000));
  EXPECT_EQ(s.message().rfind("ctx: HTTP 429: Quota exceeded", 0), 0u) << s.message();

  // A header hint wins over RetryInfo.
  EXPECT_EQ(google::StatusFromGoogleError(429, rate, "ctx", Millis(3000)).retry_after(),
            Millis(3000));
  // Legacy envelope (no status) with a quota reason on a 403.
  auto quota = google::ParseGoogleError(
      R"({"error":{"code":403,"message":"quota","errors":[{"reason":"quotaExceeded"}]}})");
  EXPECT_EQ(google::StatusFromGoogleError(403, quota, "ctx", std::nullopt).code(),
            StatusCode::kResourceExhausted);
  auto unauth = google::ParseGoogleError(
      R"({"error":{"code":401,"message":"Invalid Credentials","status":"UNAUTHENTICATED"}})");
  EXPECT_EQ(google::StatusFromGoogleError(401, unauth, "ctx", std::nullopt).code(),
            StatusCode::kUnauthenticated);
  auto denied = google::ParseGoogleError(
      R"({"error":{"code":400,"message":"no","status":"PERMISSION_DENIED"}})");
  EXPECT_EQ(google::StatusFromGoogleError(400, denied, "ctx", std::nullopt).code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(google::StatusFromGoogleError(503, std::nullopt, "ctx", std::nullopt).code(),
            StatusCode::kUnavailable);
  EXPECT_EQ(google::StatusFromGoogleError(404, std::nullopt, "ctx", std::nullopt).code(),
            StatusCode::kNotFound);
  EXPECT_FALSE(google::ParseGoogleError("<html>").has_value());
  EXPECT_FALSE(google::ParseGoogleError(R"({"error":"string"})").has_value());
}

TEST(GoogleApi, CheckpointRoundTripAndRejects) {
  google::PassCheckpoint c;
  EXPECT_EQ(google::EncodeCheckpoint(c), "");
  c.floor_key = 1785578400000;
  c.floor_ids = {"accounts/1/locations/2/reviews/a", "weird,id;with=chars%"};
  c.page_token = "tok;en=1,2%";
  c.top_key = 1785578500000;
  c.top_ids = {"x"};
  c.pass_pages = 3;
  std::string text = google::EncodeCheckpoint(c);
  auto back = google::DecodeCheckpoint(text);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->floor_key, c.floor_key);
  EXPECT_EQ(back->floor_ids, c.floor_ids);
  EXPECT_EQ(back->page_token, c.page_token);
  EXPECT_EQ(back->top_key, c.top_key);
  EXPECT_EQ(back->top_ids, c.top_ids);
  EXPECT_EQ(back->pass_pages, 3);
  for (const char* bad : {"garbage", "g1;f=abc", "g1;z=1", "g1;f=1;f=2", "g1;tk=5", "g1;fi=a",
                          "g1;f=1;fi=%zz", "g1;f=1;fi=a,,b", "g2;f=1"}) {
    auto r = google::DecodeCheckpoint(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
    }
  }
}

google::PageItem Item(const std::string& id, int64_t key) {
  google::PageItem item;
  item.id = id;
  item.key = key;
  Mention m;
  m.remote_id = id;
  item.mention = m;
  return item;
}

std::vector<std::string> Ids(const Page& page) {
  std::vector<std::string> ids;
  for (const Mention& m : page.mentions) ids.push_back(m.remote_id);
  return ids;
}

TEST(GoogleApi, PassStopsAtFloorAndHandlesTies) {
  google::PassCheckpoint start;
  start.floor_key = 100;
  start.floor_ids = {"b"};
  // c and a share the floor's key: a is new (not in floor_ids), b was seen; d is older.
  auto step = google::AdvancePass(
      start, {Item("e", 120), Item("a", 100), Item("b", 100), Item("d", 90)}, "more", 0, "ctx");
  EXPECT_EQ(Ids(step.page), (std::vector<std::string>{"e", "a"}));
  EXPECT_FALSE(step.page.has_more);  // reached old items: the pass is over
  EXPECT_EQ(step.next.floor_key, 120);
  EXPECT_EQ(step.next.floor_ids, std::vector<std::string>{"e"});
  EXPECT_TRUE(step.next.page_token.empty());

  // Only a tie at the floor: the floor's ids grow.
  auto tie = google::AdvancePass(start, {Item("c", 100), Item("b", 100)}, "", 0, "ctx");
  EXPECT_EQ(Ids(tie.page), std::vector<std::string>{"c"});
  EXPECT_EQ(tie.next.floor_key, 100);
  EXPECT_EQ(tie.next.floor_ids, (std::vector<std::string>{"b", "c"}));
}

TEST(GoogleApi, FirstRunIsBoundedByBackfillPages) {
  google::PassCheckpoint start;
  auto one = google::AdvancePass(start, {Item("a", 10)}, "t1", 2, "ctx");
  EXPECT_TRUE(one.page.has_more);
  auto two = google::AdvancePass(one.next, {Item("b", 9)}, "t2", 2, "ctx");
  EXPECT_FALSE(two.page.has_more);
  EXPECT_EQ(two.next.floor_key, 10);
  EXPECT_EQ(two.next.floor_ids, std::vector<std::string>{"a"});
}

// ---- Connector ----

class GoogleBusinessConnectorTest : public ::testing::Test {
 protected:
  std::unique_ptr<GoogleBusinessConnector> Make(const ConnectorConfig& config = Config()) {
    auto c = GoogleBusinessConnector::Create(config, fake_, clock_);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? std::move(c).value() : nullptr;
  }
  void ExpectNoToken(const Status& s) {
    EXPECT_EQ(s.message().find(kToken), std::string::npos) << s.message();
  }
  Mention Target(const std::string& owner_reply = "") {
    Mention m;
    m.platform = "google_business";
    m.remote_id = "accounts/111/locations/222/reviews/AbFvOqPlain";
    m.url = "https://business.google.com/reviews?location=222&review=AbFvOqPlain";
    m.owner_reply = owner_reply;
    return m;
  }

  FakeHttpTransport fake_;
  SimulatedClock clock_{At("2026-08-01T14:00:00Z")};
};

TEST_F(GoogleBusinessConnectorTest, ConfigValidationAndCapabilities) {
  for (const char* feed : {"mentions", "location:", "location:accounts/1", "location:a/1/b/2",
                           "location:accounts/1/locations/2/reviews"}) {
    ConnectorConfig c = Config();
    c.feed = feed;
    auto r = GoogleBusinessConnector::Create(c, fake_, clock_);
    ASSERT_FALSE(r.ok()) << feed;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(r.status().message().find("location:accounts/ACCOUNT_ID/locations/LOCATION_ID"),
              std::string::npos);
  }
  ConnectorConfig bad_url = Config();
  bad_url.base_url = "ftp://x";
  EXPECT_FALSE(GoogleBusinessConnector::Create(bad_url, fake_, clock_).ok());

  auto connector = Make();
  EXPECT_EQ(connector->name(), "acme-gbp");
  EXPECT_EQ(connector->platform(), "google_business");
  Capabilities caps = connector->capabilities();
  EXPECT_TRUE(caps.can_read);
  EXPECT_TRUE(caps.can_reply);
  EXPECT_TRUE(caps.reply_replaces_existing);
  EXPECT_EQ(caps.max_reply_length, 4096);
  EXPECT_GT(caps.backfill_pages, 0);
}

TEST_F(GoogleBusinessConnectorTest, RequestShapeAndFixturePage) {
  fake_.Enqueue("GET", kReviewsPath, Json(200, ReadTestData("google_business/reviews_page.json")));
  auto connector = Make(Config(80));
  auto page = connector->FetchPage("");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].url,
            std::string(kBase) + kReviewsPath + "?pageSize=50&orderBy=updateTime%20desc");
  EXPECT_EQ(FindHeader(requests[0].headers, "Authorization").value_or(""),
            std::string("Bearer ") + kToken);
  EXPECT_EQ(page->mentions.size(), 3u);
  EXPECT_TRUE(page->item_errors.empty());
  EXPECT_TRUE(page->has_more);
  EXPECT_NE(page->next_checkpoint.find("CgwI9aKl"), std::string::npos);
}

TEST_F(GoogleBusinessConnectorTest, CheckpointProgressionOverPagesAndRuns) {
  auto connector = Make(Config(2));
  // Run 1, page 1 and 2 (newest first), then the end of the list.
  fake_.Enqueue("GET", kReviewsPath, Json(200, PageJson({{"R5", 50}, {"R4", 40}}, "T1")));
  fake_.Enqueue("GET", kReviewsPath, Json(200, PageJson({{"R3", 30}, {"R2", 20}}, "T2")));
  fake_.Enqueue("GET", kReviewsPath, Json(200, PageJson({{"R1", 10}})));
  auto p1 = connector->FetchPage("");
  ASSERT_TRUE(p1.ok()) << p1.status().ToString();
  EXPECT_TRUE(p1->has_more);
  EXPECT_EQ(p1->mentions.size(), 2u);
  // A "restart": a fresh connector continues from the stored checkpoint.
  auto restarted = Make(Config(2));
  auto p2 = restarted->FetchPage(p1->next_checkpoint);
  ASSERT_TRUE(p2.ok());
  EXPECT_TRUE(p2->has_more);
  auto p3 = restarted->FetchPage(p2->next_checkpoint);
  ASSERT_TRUE(p3.ok());
  EXPECT_FALSE(p3->has_more);
  EXPECT_EQ(p3->mentions.size(), 1u);
  auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(QueryOf(requests[0].url), "pageSize=2&orderBy=updateTime%20desc");
  EXPECT_EQ(QueryOf(requests[1].url), "pageSize=2&orderBy=updateTime%20desc&pageToken=T1");
  EXPECT_EQ(QueryOf(requests[2].url), "pageSize=2&orderBy=updateTime%20desc&pageToken=T2");

  // Run 2: one new review and one edited (R3 with a newer updateTime) above the floor.
  std::string body = R"({"reviews":[)" + ReviewJson("R3", 58, "edited text") + "," +
                     ReviewJson("R6", 55) + "," + ReviewJson("R5", 50) +
                     R"(],"nextPageToken":"T9"})";
  fake_.Enqueue("GET", kReviewsPath, Json(200, body));
  auto p4 = restarted->FetchPage(p3->next_checkpoint);
  ASSERT_TRUE(p4.ok());
  EXPECT_EQ(Ids(*p4), (std::vector<std::string>{"accounts/111/locations/222/reviews/R3",
                                                "accounts/111/locations/222/reviews/R6"}));
  EXPECT_EQ(p4->mentions[0].text, "edited text");
  EXPECT_FALSE(p4->has_more);  // reached R5, already seen: no need for T9
  EXPECT_EQ(fake_.requests().back().url.find("pageToken"), std::string::npos);

  // Run 3: nothing new.
  fake_.Enqueue("GET", kReviewsPath, Json(200, PageJson({{"R3", 58}, {"R6", 55}}, "T9")));
  auto p5 = restarted->FetchPage(p4->next_checkpoint);
  ASSERT_TRUE(p5.ok());
  EXPECT_TRUE(p5->mentions.empty());
  EXPECT_FALSE(p5->has_more);
  EXPECT_EQ(p5->next_checkpoint, p4->next_checkpoint);
}

// A token handed back is asked for again; three times in a row end the pass.
TEST_F(GoogleBusinessConnectorTest, RepeatingPageTokenStops) {
  auto connector = Make(Config(1));
  fake_.Enqueue("GET", kReviewsPath, Json(200, PageJson({{"R5", 50}}, "SAME")));
  auto p = connector->FetchPage("");
  ASSERT_TRUE(p.ok() && p->has_more);
  for (int repeat = 1; repeat <= 3; ++repeat) {
    fake_.Enqueue("GET", kReviewsPath, Json(200, PageJson({{"R4", 40}}, "SAME")));
    p = connector->FetchPage(p->next_checkpoint);
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    EXPECT_EQ(p->mentions.size(), 1u);  // re-emitted: the store absorbs it
    EXPECT_EQ(p->has_more, repeat < 3) << repeat;
    ASSERT_EQ(p->item_errors.size(), repeat < 3 ? 0u : 1u) << repeat;
  }
  EXPECT_NE(p->item_errors[0].message().find("repeats"), std::string::npos);
}

// Regression (fault soak, "loop" fault): a page served again once (a stale cache answer,
// carrying the token that was sent) used to end the pass, so the older reviews of the pass were
// never read. The same token is asked for again and the pass goes on.
TEST_F(GoogleBusinessConnectorTest, PageServedAgainOnceLosesNothing) {
  auto connector = Make(Config(1));
  fake_.Enqueue("GET", kReviewsPath, Json(200, PageJson({{"R5", 50}}, "T1")));
  fake_.Enqueue("GET", kReviewsPath, Json(200, PageJson({{"R4", 40}}, "T2")));
  fake_.Enqueue("GET", kReviewsPath, Json(200, PageJson({{"R4", 40}}, "T2")));  // stale
  fake_.Enqueue("GET", kReviewsPath, Json(200, PageJson({{"R3", 30}}, "")));
  auto p1 = connector->FetchPage("");
  ASSERT_TRUE(p1.ok());
  auto p2 = connector->FetchPage(p1->next_checkpoint);
  ASSERT_TRUE(p2.ok());
  auto p3 = connector->FetchPage(p2->next_checkpoint);
  ASSERT_TRUE(p3.ok());
  EXPECT_TRUE(p3->has_more);
  EXPECT_TRUE(p3->item_errors.empty());
  auto p4 = connector->FetchPage(p3->next_checkpoint);
  ASSERT_TRUE(p4.ok());
  EXPECT_NE(fake_.requests().back().url.find("pageToken=T2"), std::string::npos);
  ASSERT_EQ(p4->mentions.size(), 1u);
  EXPECT_NE(p4->mentions[0].remote_id.find("R3"), std::string::npos) << p4->mentions[0].remote_id;
  EXPECT_FALSE(p4->has_more);
}

TEST_F(GoogleBusinessConnectorTest, RejectedPageTokenRestartsThePass) {
  auto connector = Make(Config(1));
  fake_.Enqueue("GET", kReviewsPath, Json(200, PageJson({{"R5", 50}}, "T1")));
  fake_.Enqueue("GET", kReviewsPath,
                Json(400, R"({"error":{"code":400,"message":"Request contains an invalid )"
                          R"(argument.","status":"INVALID_ARGUMENT"}})"));
  fake_.Enqueue("GET", kReviewsPath, Json(200, PageJson({{"R5", 50}}, "T1b")));
  auto p1 = connector->FetchPage("");
  ASSERT_TRUE(p1.ok());
  auto p2 = connector->FetchPage(p1->next_checkpoint);
  ASSERT_TRUE(p2.ok()) << p2.status().ToString();
  ASSERT_FALSE(p2->item_errors.empty());
  EXPECT_NE(p2->item_errors[0].message().find("page token was rejected"), std::string::npos);
  EXPECT_TRUE(p2->has_more);
  auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[2].url.find("pageToken"), std::string::npos);
}

TEST_F(GoogleBusinessConnectorTest, ErrorMapping) {
  auto connector = Make();
  fake_.Enqueue("GET", kReviewsPath, Json(429, ReadTestData("google_business/error_429.json")));
  auto limited = connector->FetchPage("");
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(limited.status().retry_after(), Millis(17000));
  ExpectNoToken(limited.status());

  fake_.Enqueue("GET", kReviewsPath,
                Json(401, R"({"error":{"code":401,"message":"Request had invalid authentication )"
                          R"(credentials.","status":"UNAUTHENTICATED"}})"));
  EXPECT_EQ(connector->FetchPage("").status().code(), StatusCode::kUnauthenticated);
  fake_.Enqueue(
      "GET", kReviewsPath,
      Json(403, R"({"error":{"code":403,"message":"denied","status":"PERMISSION_DENIED"}})"));
  EXPECT_EQ(connector->FetchPage("").status().code(), StatusCode::kPermissionDenied);
  fake_.Enqueue("GET", kReviewsPath, Json(503, "<html>down</html>"));
  EXPECT_EQ(connector->FetchPage("").status().code(), StatusCode::kUnavailable);
  fake_.Enqueue("GET", kReviewsPath, Json(200, "<html>maintenance</html>"));
  EXPECT_EQ(connector->FetchPage("").status().code(), StatusCode::kDataLoss);
  fake_.Enqueue("GET", kReviewsPath, Json(200, ReadTestData("google_business/error_in_200.json")));
  EXPECT_EQ(connector->FetchPage("").status().code(), StatusCode::kPermissionDenied);
  fake_.Enqueue("GET", kReviewsPath, Status::Unavailable(std::string("reset, token ") + kToken));
  auto down = connector->FetchPage("");
  EXPECT_EQ(down.status().code(), StatusCode::kUnavailable);
  ExpectNoToken(down.status());

  auto bad_checkpoint = connector->FetchPage("not-a-checkpoint");
  EXPECT_EQ(bad_checkpoint.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(GoogleBusinessConnectorTest, BadItemsBecomeItemErrors) {
  fake_.Enqueue("GET", kReviewsPath,
                Json(200, ReadTestData("google_business/reviews_bad_items.json")));
  auto page = Make()->FetchPage("");
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->mentions.size(), 1u);
  EXPECT_EQ(page->item_errors.size(), 4u);
  EXPECT_FALSE(page->has_more);
}

TEST_F(GoogleBusinessConnectorTest, PostReplyRequestShape) {
  const std::string reply_path = "/v4/accounts/111/locations/222/reviews/AbFvOqPlain/reply";
  fake_.Enqueue("PUT", reply_path, Json(200, ReadTestData("google_business/reply_200.json")));
  auto connector = Make();
  ReplyRequest request{Target(), "Thank you, \"we\" are on it.", "key-1"};
  request.replace_existing = true;
  auto posted = connector->PostReply(request);
  ASSERT_TRUE(posted.ok()) << posted.status().ToString();
  EXPECT_EQ(posted->remote_id, "accounts/111/locations/222/reviews/AbFvOqPlain/reply");
  EXPECT_EQ(posted->url, Target().url);
  auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 1u);  // replace confirmed: no look-up first
  EXPECT_EQ(requests[0].method, "PUT");
  EXPECT_EQ(requests[0].url, std::string(kBase) + reply_path);
  EXPECT_EQ(requests[0].body, R"({"comment":"Thank you, \"we\" are on it."})");
  EXPECT_EQ(FindHeader(requests[0].headers, "Content-Type").value_or(""), "application/json");
  EXPECT_EQ(FindHeader(requests[0].headers, "Authorization").value_or(""),
            std::string("Bearer ") + kToken);
}

TEST_F(GoogleBusinessConnectorTest, ExistingReplyNeedsConfirmation) {
  auto connector = Make();
  ReplyRequest request{Target("We are sorry, please call us."), "New answer", "key-1"};
  auto refused = connector->PostReply(request);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find(
                "already has a public reply: \"We are sorry, please call us.\"; confirm replacing"),
            std::string::npos)
      << refused.status().message();
  EXPECT_TRUE(fake_.requests().empty());  // nothing sent

  request.replace_existing = true;
  fake_.Enqueue("PUT", "/v4/accounts/111/locations/222/reviews/AbFvOqPlain/reply",
                Json(200, ReadTestData("google_business/reply_200.json")));
  ASSERT_TRUE(connector->PostReply(request).ok());
  ASSERT_EQ(fake_.requests().size(), 1u);
  EXPECT_EQ(fake_.requests()[0].method, "PUT");
}

TEST_F(GoogleBusinessConnectorTest, LiveReplyCheckedWhenNoneStored) {
  const std::string review_path = "/v4/accounts/111/locations/222/reviews/AbFvOqPlain";
  auto connector = Make();
  // A reply written in the Business Profile UI after heed stored the review.
  fake_.Enqueue("GET", review_path,
                Json(200, R"({"name":"accounts/111/locations/222/reviews/AbFvOqPlain",)"
                          R"("reviewReply":{"comment":"Answered by phone"}})"));
  auto refused = connector->PostReply({Target(), "Hello", "k"});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("Answered by phone"), std::string::npos);
  ASSERT_EQ(fake_.requests().size(), 1u);
  EXPECT_EQ(fake_.requests()[0].method, "GET");

  fake_.Enqueue("GET", review_path,
                Json(200, R"({"name":"accounts/111/locations/222/reviews/AbFvOqPlain"})"));
  fake_.Enqueue("PUT", review_path + "/reply",
                Json(200, ReadTestData("google_business/reply_200.json")));
  ASSERT_TRUE(connector->PostReply({Target(), "Hello", "k"}).ok());
  auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[1].method, "GET");
  EXPECT_EQ(requests[2].method, "PUT");
}

TEST_F(GoogleBusinessConnectorTest, ReplyValidation) {
  auto connector = Make();
  ReplyRequest request{Target(), "   ", "k"};
  request.replace_existing = true;
  EXPECT_EQ(connector->PostReply(request).status().code(), StatusCode::kInvalidArgument);
  request.text = std::string(4097, 'a');
  EXPECT_EQ(connector->PostReply(request).status().code(), StatusCode::kInvalidArgument);
  request.text = "ok";
  request.in_reply_to.remote_id = "accounts/111/locations/222";
  EXPECT_EQ(connector->PostReply(request).status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(fake_.requests().empty());

  // 4096 characters of two bytes each is within the limit.
  std::string long_text;
  for (int i = 0; i < 4096; ++i) long_text += "\xC3\xA8";
  request.in_reply_to = Target();
  request.text = long_text;
  fake_.Enqueue("PUT", "/v4/accounts/111/locations/222/reviews/AbFvOqPlain/reply",
                Json(404, R"({"error":{"code":404,"message":"Requested entity was not found.",)"
                          R"("status":"NOT_FOUND"}})"));
  auto missing = connector->PostReply(request);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  ExpectNoToken(missing.status());
}

}  // namespace
}  // namespace heed::connectors
