// Facebook connector: Graph helpers, parsing from fixtures, requests over FakeHttpTransport,
// checkpoint progression, error mapping and replies.
#include <gtest/gtest.h>

#include "facebook_connector.h"
#include "facebook_parse.h"
#include "graph_api.h"
#include "heed/testing/fake_http.h"

namespace heed::connectors {
namespace {

using heed::testing::FakeHttpTransport;
using heed::testing::ReadTestData;

constexpr char kToken[] = "EAAB-page-token-s3cr3t";
constexpr char kFeedPath[] = "/v21.0/555/feed";
constexpr char kPostPath[] = "/v21.0/555_9002/comments";
constexpr char kOldPostPath[] = "/v21.0/555_9001/comments";
constexpr char kEmpty[] = R"({"data": []})";

TimePoint At(const char* iso) { return *ParseIso8601(iso); }
int64_t Secs(const char* iso) { return ToUnixMillis(At(iso)) / 1000; }

HttpResponse Json(int status, std::string body, HttpHeaders headers = {}) {
  headers.emplace_back("Content-Type", "application/json; charset=UTF-8");
  return HttpResponse{status, std::move(headers), std::move(body)};
}

ConnectorConfig Config(int limit = 10, std::string feed = "page:555") {
  ConnectorConfig c;
  c.name = "acme-facebook";
  c.platform = "facebook";
  c.base_url = "https://graph.example/";
  c.feed = std::move(feed);
  c.token = kToken;
  c.page_limit = limit;
  return c;
}

std::string Comment(const std::string& id, const char* iso, const std::string& text) {
  return R"({"id": ")" + id + R"(", "message": ")" + text + R"(", "created_time": ")" + iso +
         R"(", "from": {"id": "77", "name": "Ann"}})";
}

std::string CommentsBody(const std::vector<std::string>& items, const std::string& after = "",
                         bool next = false) {
  std::string body = R"({"data": [)";
  for (size_t i = 0; i < items.size(); ++i) body += (i ? "," : "") + items[i];
  body += "]";
  if (!after.empty()) {
    body += R"(, "paging": {"cursors": {"before": "b", "after": ")" + after + "\"}";
    if (next)
      body += R"(, "next": "https://graph.facebook.com/v21.0/x/comments?after=)" + after + "\"";
    body += "}";
  }
  return body + "}";
}

class FacebookTest : public ::testing::Test {
 protected:
  std::unique_ptr<FacebookConnector> Make(const ConnectorConfig& config = Config()) {
    auto c = FacebookConnector::Create(config, fake_, clock_);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? std::move(c).value() : nullptr;
  }
  void ExpectNoToken(const Status& s) {
    EXPECT_EQ(s.message().find(kToken), std::string::npos) << s.message();
  }
  void EnqueueFeed() {
    fake_.Enqueue("GET", kFeedPath, Json(200, ReadTestData("facebook/feed_page.json")));
  }

  FakeHttpTransport fake_;
  SimulatedClock clock_{At("2026-08-01T12:00:00Z")};
};

// --- Graph helpers ------------------------------------------------------------------------

TEST(GraphApiTest, ParsesPlusZeroZeroTimes) {
  EXPECT_EQ(*graph::ParseGraphTime("2021-08-10T18:45:03+0000"), At("2021-08-10T18:45:03Z"));
  EXPECT_EQ(*graph::ParseGraphTime("2021-08-10T20:45:03+0200"), At("2021-08-10T18:45:03Z"));
  EXPECT_EQ(*graph::ParseGraphTime("2021-08-10T18:45:03Z"), At("2021-08-10T18:45:03Z"));
  EXPECT_FALSE(graph::ParseGraphTime("yesterday").ok());
}

TEST(GraphApiTest, HighWaterRoundTripAndValidation) {
  graph::HighWater mark;
  mark.seconds = 1785578580;
  mark.ids = {"9_2", "9_1"};
  std::string encoded = graph::EncodeHighWater(mark);
  EXPECT_EQ(encoded, "v1:1785578580:9_1,9_2");
  auto decoded = graph::DecodeHighWater(encoded);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->seconds, mark.seconds);
  EXPECT_EQ(decoded->ids, mark.ids);
  EXPECT_TRUE(graph::DecodeHighWater("")->empty());
  for (const char* bad : {"123", "v1:abc:1", "v1:5:a b", "v1:5:1,", "v2:5:1", "v1::1"}) {
    EXPECT_EQ(graph::DecodeHighWater(bad).status().code(), StatusCode::kInvalidArgument) << bad;
  }
}

TEST(GraphApiTest, TakeOldestHonoursMarkLimitAndFrontier) {
  graph::HighWater mark;
  mark.seconds = 100;
  mark.ids = {"a"};
  std::vector<graph::Keyed> keys = {{101, "d", 0}, {100, "a", 1}, {99, "z", 2},
                                    {100, "b", 3}, {102, "e", 4}, {101, "c", 5}};
  size_t rest = 0;
  auto taken = graph::TakeOldest(keys, 2, std::nullopt, &mark, &rest);
  EXPECT_EQ(taken, (std::vector<size_t>{3, 5}));  // (100,b), (101,c)
  EXPECT_EQ(rest, 2u);
  EXPECT_EQ(mark.seconds, 101);
  EXPECT_EQ(mark.ids, (std::set<std::string>{"c"}));

  graph::HighWater fresh;
  taken =
      graph::TakeOldest(keys, 10, std::make_pair<int64_t, std::string>(101, "c"), &fresh, &rest);
  EXPECT_EQ(taken, (std::vector<size_t>{2, 1, 3, 5}));  // nothing past (101, c)
  EXPECT_EQ(rest, 2u);
}

TEST(GraphApiTest, ErrorCodesMapToStatus) {
  auto map = [](int http, const char* body, graph::Usage usage = {}) {
    auto e = graph::ParseGraphError(body);
    return graph::StatusFromGraph(http, "ctx", e ? &*e : nullptr, usage);
  };
  EXPECT_EQ(map(400, R"({"error":{"message":"m","code":190}})").code(),
            StatusCode::kUnauthenticated);
  EXPECT_EQ(map(400, R"({"error":{"message":"m","code":100}})").code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(map(403, R"({"error":{"message":"m","code":10}})").code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(map(400, R"({"error":{"message":"m","code":200}})").code(),
            StatusCode::kPermissionDenied);
  for (int code : {4, 17, 32, 613, 80001}) {
    std::string body = R"({"error":{"message":"m","code":)" + std::to_string(code) + "}}";
    EXPECT_EQ(map(400, body.c_str()).code(), StatusCode::kResourceExhausted) << code;
  }
  EXPECT_EQ(map(500, R"({"error":{"message":"m","code":2,"is_transient":true}})").code(),
            StatusCode::kUnavailable);
  EXPECT_EQ(map(404, "<html>").code(), StatusCode::kNotFound);
  Status s = map(400, R"({"error":{"message":"Invalid parameter","code":100}})");
  EXPECT_EQ(s.message(), "ctx: HTTP 400: (#100) Invalid parameter");
}

TEST(GraphApiTest, UsageHeadersAtOrAboveOneHundredPercentAreExhausted) {
  HttpResponse r;
  r.headers = {{"X-App-Usage", R"({"call_count":28,"total_cputime":5,"total_time":9})"}};
  EXPECT_FALSE(graph::UsageOf(r).exhausted);
  EXPECT_EQ(graph::UsageOf(r).max_percent, 28);
  r.headers.emplace_back(
      "x-business-use-case-usage",
      R"({"555":[{"type":"pages","call_count":100,"total_cputime":3,"total_time":4,"estimated_time_to_regain_access":7}]})");
  graph::Usage usage = graph::UsageOf(r);
  EXPECT_TRUE(usage.exhausted);
  ASSERT_TRUE(usage.retry_after.has_value());
  EXPECT_EQ(*usage.retry_after, Millis(7 * 60000));
  r.headers = {{"X-App-Usage", "not json"}};
  EXPECT_FALSE(graph::UsageOf(r).exhausted);
}

// --- Parsing --------------------------------------------------------------------------------

TEST(FacebookParseTest, CommentsFixtureAllFieldsSkipsAndErrors) {
  auto page =
      facebook::ParseComments(ReadTestData("facebook/comments_page.json"), {"555", "555_9002"});
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->items.size(), 6u);
  EXPECT_EQ(page->after, "QVFIc2");
  EXPECT_TRUE(page->has_next);

  const auto& first = page->items[0];
  ASSERT_TRUE(first.mention.ok());
  const Mention& m = *first.mention;
  EXPECT_EQ(first.seconds, Secs("2026-08-01T10:00:00Z"));
  EXPECT_EQ(m.platform, "facebook");
  EXPECT_EQ(m.remote_id, "9002_7001");
  EXPECT_EQ(m.thread_id, "555_9002");
  EXPECT_EQ(m.parent_id, "555_9002");
  EXPECT_EQ(m.author.id, "4401");
  EXPECT_EQ(m.author.display_name, "Giulia Rossi");
  EXPECT_EQ(m.author.handle, "Giulia Rossi");
  EXPECT_EQ(m.text, "Where is my order? Still waiting");
  EXPECT_EQ(m.language, "");
  EXPECT_EQ(m.url, "https://www.facebook.com/555/posts/9002/?comment_id=7001");
  EXPECT_EQ(m.created_at, At("2026-08-01T10:00:00Z"));
  EXPECT_FALSE(m.removed_at_source);
  EXPECT_NE(m.raw_json.find("\"comment_count\":1"), std::string::npos);

  // No id: derived from the permalink, with the parent comment.
  ASSERT_TRUE(page->items[1].mention.ok());
  EXPECT_EQ(page->items[1].mention->remote_id, "9002_7002");
  EXPECT_EQ(page->items[1].mention->parent_id, "9002_7001");
  EXPECT_EQ(page->items[1].mention->author.id, "");

  EXPECT_TRUE(page->items[2].skipped);   // written by the Page
  EXPECT_EQ(page->items[3].seconds, 0);  // no created_time: unorderable
  EXPECT_EQ(page->items[3].mention.status().code(), StatusCode::kDataLoss);
  EXPECT_GT(page->items[4].seconds, 0);  // message is not a string: orderable error
  EXPECT_EQ(page->items[4].mention.status().code(), StatusCode::kDataLoss);
  ASSERT_TRUE(page->items[5].mention.ok());
  EXPECT_EQ(page->items[5].mention->text, "Great service \xC3\xA8 vero");
  EXPECT_EQ(page->items[5].mention->parent_id, "9002_7001");
  EXPECT_EQ(page->items[5].mention->url, "https://www.facebook.com/9002_7006");
}

TEST(FacebookParseTest, UnreadableBodiesAreDataLoss) {
  for (const char* body : {"<html><body>Sorry, something went wrong</body></html>",
                           R"({"data": [{"id": "1_2")", "[]", R"({"data": {}})", "\xff\xfe", ""}) {
    EXPECT_EQ(facebook::ParseComments(body, {}).status().code(), StatusCode::kDataLoss) << body;
  }
  std::string deep(200, '[');
  EXPECT_EQ(facebook::ParseFeed(deep).status().code(), StatusCode::kDataLoss);
}

TEST(FacebookParseTest, ErrorEnvelopeInsideA200) {
  auto page = facebook::ParseComments(ReadTestData("facebook/error_rate_limit_4.json"), {});
  EXPECT_EQ(page.status().code(), StatusCode::kResourceExhausted);
  auto token = facebook::ParseFeed(ReadTestData("facebook/error_token_190.json"));
  EXPECT_EQ(token.status().code(), StatusCode::kUnauthenticated);
}

// --- Connector --------------------------------------------------------------------------------

TEST_F(FacebookTest, ConfigValidation) {
  auto bad = FacebookConnector::Create(Config(10, "mentions"), fake_, clock_);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("page:PAGE_ID"), std::string::npos);
  EXPECT_EQ(FacebookConnector::Create(Config(10, "page:acme"), fake_, clock_).status().code(),
            StatusCode::kInvalidArgument);
  ConnectorConfig url = Config();
  url.base_url = "ftp://graph.example";
  EXPECT_FALSE(FacebookConnector::Create(url, fake_, clock_).ok());
  auto c = Make();
  EXPECT_EQ(c->platform(), "facebook");
  Capabilities caps = c->capabilities();
  EXPECT_TRUE(caps.can_reply);
  EXPECT_FALSE(caps.reply_replaces_existing);
  EXPECT_EQ(caps.max_reply_length, 8000);
  EXPECT_GT(caps.backfill_pages, 0);
  EXPECT_EQ(c->FetchPage("garbage").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(FacebookTest, FirstRunRequestsAndFixturePage) {
  EnqueueFeed();
  fake_.Enqueue("GET", kPostPath, Json(200, ReadTestData("facebook/comments_page.json")));
  fake_.Enqueue("GET", kPostPath, Json(200, kEmpty));
  fake_.Enqueue("GET", kOldPostPath, Json(200, kEmpty));
  auto page = Make()->FetchPage("");
  ASSERT_TRUE(page.ok()) << page.status().ToString();

  auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 4u);
  EXPECT_EQ(requests[0].url,
            "https://graph.example/v21.0/555/feed?fields=id%2Cupdated_time&limit=25");
  EXPECT_EQ(requests[1].url,
            "https://graph.example/v21.0/555_9002/comments?fields=id%2Cmessage%2Ccreated_time%2C"
            "from%7Bid%2Cname%7D%2Cpermalink_url%2Cparent%7Bid%7D%2Cis_hidden%2Ccomment_count"
            "&filter=stream&order=chronological&limit=10");
  EXPECT_NE(requests[2].url.find("&after=QVFIc2"), std::string::npos);
  EXPECT_EQ(heed::testing::PathOf(requests[3].url), kOldPostPath);
  for (const auto& r : requests) {
    EXPECT_EQ(r.method, "GET");
    EXPECT_EQ(FindHeader(r.headers, "Authorization").value_or(""), std::string("Bearer ") + kToken);
    EXPECT_EQ(r.url.find(kToken), std::string::npos);
    EXPECT_EQ(r.url.find("since="), std::string::npos);  // first run: all history
  }

  ASSERT_EQ(page->mentions.size(), 3u);
  EXPECT_EQ(page->mentions[0].remote_id, "9002_7001");
  EXPECT_EQ(page->mentions[1].remote_id, "9002_7002");
  EXPECT_EQ(page->mentions[2].remote_id, "9002_7006");
  EXPECT_EQ(page->item_errors.size(), 3u);  // dropped post, no created_time, bad message
  EXPECT_EQ(page->next_checkpoint,
            "v1:" + std::to_string(Secs("2026-08-01T10:03:00Z")) + ":9002_7005,9002_7006");
  EXPECT_FALSE(page->has_more);
}

TEST_F(FacebookTest, CheckpointProgressesOverTwoPagesWithoutGapOrDuplicate) {
  const std::string page1 = CommentsBody({Comment("9002_1", "2026-08-01T10:00:00+0000", "one"),
                                          Comment("9002_2", "2026-08-01T10:00:00+0000", "two"),
                                          Comment("9002_3", "2026-08-01T10:00:00+0000", "three")},
                                         "c3", true);
  EnqueueFeed();
  fake_.Enqueue("GET", kPostPath, Json(200, page1));
  fake_.Enqueue("GET", kOldPostPath, Json(200, kEmpty));
  auto connector = Make(Config(2));
  auto first = connector->FetchPage("");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->mentions.size(), 2u);
  EXPECT_EQ(first->mentions[0].remote_id, "9002_1");
  EXPECT_EQ(first->mentions[1].remote_id, "9002_2");
  const int64_t t = Secs("2026-08-01T10:00:00Z");
  EXPECT_EQ(first->next_checkpoint, "v1:" + std::to_string(t) + ":9002_1,9002_2");
  EXPECT_TRUE(first->has_more);

  // Second page: the server returns the same second again (since = t - 1) plus newer items.
  const std::string page2 = CommentsBody({Comment("9002_1", "2026-08-01T10:00:00+0000", "one"),
                                          Comment("9002_2", "2026-08-01T10:00:00+0000", "two"),
                                          Comment("9002_3", "2026-08-01T10:00:00+0000", "three"),
                                          Comment("9002_4", "2026-08-01T10:00:30+0000", "four")});
  EnqueueFeed();
  fake_.Enqueue("GET", kPostPath, Json(200, page2));
  auto second = connector->FetchPage(first->next_checkpoint);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  auto requests = fake_.requests();
  // The post not updated since the checkpoint is not queried.
  ASSERT_EQ(requests.size(), 5u);
  EXPECT_NE(requests[4].url.find("&limit=4&since=" + std::to_string(t - 1)), std::string::npos)
      << requests[4].url;
  ASSERT_EQ(second->mentions.size(), 2u);
  EXPECT_EQ(second->mentions[0].remote_id, "9002_3");
  EXPECT_EQ(second->mentions[1].remote_id, "9002_4");
  EXPECT_EQ(second->next_checkpoint,
            "v1:" + std::to_string(Secs("2026-08-01T10:00:30Z")) + ":9002_4");
  EXPECT_FALSE(second->has_more);
  ASSERT_EQ(second->item_errors.size(), 1u);  // the fixture feed's post without an id
  EXPECT_NE(second->item_errors[0].message().find("without a usable id"), std::string::npos);
}

TEST_F(FacebookTest, MergesPostsOldestFirst) {
  // Post 9002 has more comments than fit (next page pending); post 9001 interleaves with it.
  fake_.Enqueue("GET", kFeedPath,
                Json(200, R"({"data": [{"id": "555_9002"}, {"id": "555_9001"}]})"));
  fake_.Enqueue("GET", kPostPath,
                Json(200, CommentsBody({Comment("9002_1", "2026-08-01T10:00:00+0000", "a"),
                                        Comment("9002_2", "2026-08-01T10:05:00+0000", "b")},
                                       "c2", true)));
  fake_.Enqueue("GET", kOldPostPath,
                Json(200, CommentsBody({Comment("9001_1", "2026-08-01T10:01:00+0000", "c"),
                                        Comment("9001_2", "2026-08-01T10:09:00+0000", "d")})));
  auto page = Make(Config(2))->FetchPage("");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->mentions.size(), 2u);
  EXPECT_EQ(page->mentions[0].remote_id, "9002_1");
  EXPECT_EQ(page->mentions[1].remote_id, "9001_1");
  EXPECT_TRUE(page->has_more);
}

TEST_F(FacebookTest, RepeatingCursorStopsWithoutLooping) {
  const int64_t t = Secs("2026-08-01T10:00:00Z");
  const std::string stale =
      CommentsBody({Comment("9002_1", "2026-08-01T10:00:00+0000", "seen")}, "same", true);
  EnqueueFeed();
  fake_.Enqueue("GET", kPostPath, Json(200, stale));
  fake_.Enqueue("GET", kPostPath, Json(200, stale));
  auto page = Make()->FetchPage("v1:" + std::to_string(t) + ":9002_1");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_TRUE(page->mentions.empty());
  EXPECT_FALSE(page->has_more);
  EXPECT_EQ(page->next_checkpoint, "v1:" + std::to_string(t) + ":9002_1");
  // The fixture feed's post without an id, the repeating cursor, and "did not move".
  ASSERT_EQ(page->item_errors.size(), 3u);
  EXPECT_NE(page->item_errors[1].message().find("cursor repeats"), std::string::npos);
  EXPECT_NE(page->item_errors[2].message().find("did not move past checkpoint"), std::string::npos);
  EXPECT_EQ(fake_.requests().size(), 3u);
}

TEST_F(FacebookTest, ErrorMapping) {
  auto connector = Make();
  fake_.Enqueue("GET", kFeedPath, Json(400, ReadTestData("facebook/error_token_190.json")));
  Status s = connector->FetchPage("").status();
  EXPECT_EQ(s.code(), StatusCode::kUnauthenticated);
  EXPECT_NE(s.message().find("(#190) Error validating access token"), std::string::npos);
  ExpectNoToken(s);

  fake_.Enqueue(
      "GET", kFeedPath,
      Json(
          403, ReadTestData("facebook/error_rate_limit_4.json"),
          {{"X-Business-Use-Case-Usage",
            R"({"555":[{"type":"pages","call_count":100,"estimated_time_to_regain_access":3}]})"}}));
  s = connector->FetchPage("").status();
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted);
  ASSERT_TRUE(s.retry_after().has_value());
  EXPECT_EQ(*s.retry_after(), Millis(180000));

  // A 200 whose usage header says 100%: treated as rate limited.
  fake_.Enqueue(
      "GET", kFeedPath,
      Json(200, R"({"data": []})",
           {{"X-App-Usage", R"({"call_count":100,"total_cputime":20,"total_time":20})"}}));
  EXPECT_EQ(connector->FetchPage("").status().code(), StatusCode::kResourceExhausted);

  fake_.Enqueue("GET", kFeedPath, Json(200, "<!DOCTYPE html><html>Maintenance</html>"));
  EXPECT_EQ(connector->FetchPage("").status().code(), StatusCode::kDataLoss);

  fake_.Enqueue("GET", kFeedPath, Json(200, ReadTestData("facebook/error_rate_limit_4.json")));
  EXPECT_EQ(connector->FetchPage("").status().code(), StatusCode::kResourceExhausted);

  fake_.Enqueue("GET", kFeedPath, Status::Unavailable("connection refused"));
  s = connector->FetchPage("").status();
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_NE(s.message().find("acme-facebook"), std::string::npos);
}

TEST_F(FacebookTest, PostReplyRequestShape) {
  fake_.Enqueue("POST", "/v21.0/9002_7001/comments",
                Json(200, ReadTestData("facebook/reply_200.json")));
  Mention target;
  target.platform = "facebook";
  target.remote_id = "9002_7001";
  ReplyRequest request{target, "Sorry & thanks: we're on it", "key-1"};
  auto posted = Make()->PostReply(request);
  ASSERT_TRUE(posted.ok()) << posted.status().ToString();
  EXPECT_EQ(posted->remote_id, "9002_7100");
  EXPECT_EQ(posted->url,
            "https://www.facebook.com/555/posts/9002/?comment_id=7001&reply_comment_id=7100");
  auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 1u);
  const HttpRequest& r = requests[0];
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.url, "https://graph.example/v21.0/9002_7001/comments?fields=id%2Cpermalink_url");
  EXPECT_EQ(r.body, "message=Sorry%20%26%20thanks%3A%20we%27re%20on%20it");
  EXPECT_EQ(FindHeader(r.headers, "Content-Type").value_or(""),
            "application/x-www-form-urlencoded");
  EXPECT_EQ(FindHeader(r.headers, "Authorization").value_or(""), std::string("Bearer ") + kToken);
  // Graph has no idempotency key; without one the transport never re-sends the POST.
  EXPECT_FALSE(FindHeader(r.headers, "Idempotency-Key").has_value());
}

TEST_F(FacebookTest, PostReplyRefusesBadInputWithoutSending) {
  auto connector = Make();
  Mention target;
  target.remote_id = "9002_7001";
  EXPECT_EQ(connector->PostReply({target, "  \n", "k"}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(connector->PostReply({target, std::string(8001, 'a'), "k"}).status().code(),
            StatusCode::kInvalidArgument);
  target.remote_id = "../me/feed";
  EXPECT_EQ(connector->PostReply({target, "hi", "k"}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_TRUE(fake_.requests().empty());

  target.remote_id = "9002_7001";
  fake_.Enqueue("POST", "/v21.0/9002_7001/comments",
                Json(400, R"({"error":{"message":"(#100) Missing message","code":100}})"));
  EXPECT_EQ(connector->PostReply({target, "hi", "k"}).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace heed::connectors
