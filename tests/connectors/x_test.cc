// X connector: parsing (tests/data/x), requests over FakeHttpTransport, the since_id/next_token
// walk, error mapping and replies.
#include <gtest/gtest.h>

#include "heed/testing/fake_http.h"
#include "x_connector.h"
#include "x_parse.h"

namespace heed::connectors {
namespace {

using heed::testing::FakeHttpTransport;
using heed::testing::ReadTestData;

constexpr char kToken[] = "x-s3cr3t-bearer";
constexpr char kSearchPath[] = "/2/tweets/search/recent";
constexpr char kFields[] =
    "&max_results=10&tweet.fields=created_at%2Clang%2Cauthor_id%2Cconversation_id%2Cin_reply_to_"
    "user_id%2Creferenced_tweets%2Cnote_tweet&expansions=author_id&user.fields=username%2Cname";

TimePoint At(const char* iso) { return *ParseIso8601(iso); }

ConnectorConfig Config(const std::string& feed = "search:acme support", std::string account = "") {
  ConnectorConfig c;
  c.name = "acme-x";
  c.platform = "x";
  c.base_url = "https://api.x.com/";
  c.feed = feed;
  c.token = kToken;
  c.account = std::move(account);
  c.page_limit = 10;
  return c;
}

HttpResponse Json(int status, std::string body, HttpHeaders headers = {}) {
  headers.emplace_back("content-type", "application/json; charset=utf-8");
  return HttpResponse{status, std::move(headers), std::move(body)};
}

// A page of minimal tweets with the given ids (newest first) and an optional next_token.
std::string TweetPage(const std::vector<std::string>& ids, const std::string& next_token = "") {
  std::string body = R"({"data":[)";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) body += ",";
    body += R"({"id":")" + ids[i] + R"(","text":"t)" + ids[i] +
            R"(","created_at":"2026-08-01T10:00:00.000Z"})";
  }
  body += R"(],"meta":{"result_count":)" + std::to_string(ids.size());
  if (!next_token.empty()) body += R"(,"next_token":")" + next_token + "\"";
  return body + "}}";
}

class XConnectorTest : public ::testing::Test {
 protected:
  std::unique_ptr<XConnector> Make(const ConnectorConfig& config = Config()) {
    auto c = XConnector::Create(config, fake_, clock_);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? std::move(c).value() : nullptr;
  }
  void ExpectNoToken(const Status& s) {
    EXPECT_EQ(s.message().find(kToken), std::string::npos) << s.message();
  }
  std::string LastUrl() const { return fake_.requests().back().url; }

  FakeHttpTransport fake_;
  SimulatedClock clock_{At("2026-08-01T14:00:00Z")};
};

TEST(XParseTest, FixturePageMapsEveryField) {
  auto page = x::ParseTweetPage(ReadTestData("x/search_page.json"));
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->items.size(), 4u);
  EXPECT_EQ(page->next_token, "b26v89c19zqg8o3fnext1");
  EXPECT_EQ(page->newest_id, "1850000000000000300");

  const x::Item& first = page->items[0];
  ASSERT_TRUE(first.mention.ok()) << first.mention.status().ToString();
  const Mention& m = *first.mention;
  EXPECT_EQ(m.platform, "x");
  EXPECT_EQ(m.remote_id, "1850000000000000300");
  EXPECT_EQ(m.text, "@acme my order & refund are <still> missing\nplease help");
  EXPECT_EQ(m.language, "en");
  EXPECT_EQ(m.author.id, "111");
  EXPECT_EQ(m.author.handle, "giulia_r");
  EXPECT_EQ(m.author.display_name, "Giulia Rossi");
  EXPECT_EQ(m.author.profile_url, "https://x.com/giulia_r");
  EXPECT_EQ(m.url, "https://x.com/giulia_r/status/1850000000000000300");
  EXPECT_EQ(m.created_at, At("2026-08-01T10:00:00Z"));
  EXPECT_EQ(m.parent_id, "1850000000000000200");
  EXPECT_EQ(m.thread_id, "1850000000000000100");
  EXPECT_FALSE(m.removed_at_source);
  EXPECT_NE(m.raw_json.find("\"includes\""), std::string::npos);
  EXPECT_NE(m.raw_json.find("giulia_r"), std::string::npos);
  // raw_json is a one-tweet page that parses back to the same mention.
  auto again = x::ParseTweetPage(m.raw_json);
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->items.size(), 1u);
  EXPECT_EQ(again->items[0].mention->author.handle, "giulia_r");

  EXPECT_TRUE(page->items[1].skipped);  // the retweet
  EXPECT_EQ(page->items[1].id, "1850000000000000250");
  EXPECT_FALSE(page->items[2].mention.ok());  // no id
  EXPECT_EQ(page->items[2].mention.status().code(), StatusCode::kDataLoss);

  const Mention& root = *page->items[3].mention;
  EXPECT_EQ(root.language, "");   // "und"
  EXPECT_EQ(root.thread_id, "");  // conversation_id == id
  EXPECT_EQ(root.author.id, "333");
  EXPECT_EQ(root.author.handle, "");  // not in includes
  EXPECT_EQ(root.url, "https://x.com/i/web/status/1850000000000000150");
  EXPECT_EQ(root.text, "acme 👍");

  ASSERT_EQ(page->partial_errors.size(), 1u);
  EXPECT_EQ(page->partial_errors[0].code(), StatusCode::kNotFound);
}

TEST(XParseTest, MissingCreatedAtFallsBackToSnowflakeTime) {
  auto page = x::ParseTweetPage(R"({"data":[{"id":"1578516068309794817","text":"hi"}]})");
  ASSERT_TRUE(page.ok());
  ASSERT_TRUE(page->items[0].mention.ok());
  EXPECT_EQ(FormatIso8601(page->items[0].mention->created_at), "2022-10-07T22:42:12.752Z");
  auto bad = x::ParseTweetPage(R"({"data":[{"id":"1","text":"hi","created_at":"yesterday"}]})");
  ASSERT_TRUE(bad.ok());
  EXPECT_FALSE(bad->items[0].mention.ok());
}

TEST(XParseTest, MalformedPagesAreDataLoss) {
  for (const char* body : {"<html><body>Over capacity</body></html>", "{\"data\": [", "[]",
                           "{\"data\": {}}", "\"x\"", "{\"meta\": 3}"}) {
    auto page = x::ParseTweetPage(body);
    ASSERT_FALSE(page.ok()) << body;
    EXPECT_EQ(page.status().code(), StatusCode::kDataLoss) << body;
  }
  std::string deep(200, '[');
  EXPECT_EQ(x::ParseTweetPage(deep).status().code(), StatusCode::kDataLoss);
  // No results at all is a valid empty page.
  auto empty = x::ParseTweetPage(R"({"meta":{"result_count":0}})");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->items.empty());
}

TEST(XParseTest, ErrorsOnlyBodyIsAPageError) {
  auto page = x::ParseTweetPage(ReadTestData("x/errors_only.json"));
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), StatusCode::kNotFound);
  EXPECT_NE(page.status().message().find("Could not find user"), std::string::npos);
}

TEST(XParseTest, ErrorBodiesOfEveryShape) {
  auto problem = x::ParseError(R"({"title":"Unauthorized","type":"about:blank","status":401,
                                   "detail":"Unauthorized"})");
  EXPECT_EQ(problem.message, "Unauthorized");
  auto v11 = x::ParseError(R"({"errors":[{"code":88,"message":"Rate limit exceeded"}]})");
  EXPECT_EQ(v11.message, "Rate limit exceeded");
  EXPECT_EQ(x::ParseError("Rate limit exceeded\n").message, "Rate limit exceeded");
  EXPECT_EQ(x::ParseError("<html>busy</html>").message, "");
}

TEST_F(XConnectorTest, SearchRequestShape) {
  fake_.Enqueue("GET", kSearchPath, Json(200, ReadTestData("x/search_page.json")));
  auto connector = Make();
  EXPECT_EQ(connector->platform(), "x");
  auto page = connector->FetchPage("");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  const HttpRequest r = fake_.requests().at(0);
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.url,
            std::string("https://api.x.com/2/tweets/search/recent?query=acme%20support") + kFields);
  EXPECT_EQ(FindHeader(r.headers, "Authorization").value_or(""), std::string("Bearer ") + kToken);
  ASSERT_EQ(page->mentions.size(), 2u);     // retweet skipped, bad item reported
  EXPECT_EQ(page->item_errors.size(), 2u);  // missing id + the partial error
  EXPECT_TRUE(page->has_more);
  EXPECT_EQ(page->next_checkpoint,
            "top=1850000000000000300&until=1850000000000000150&token="
            "b26v89c19zqg8o3fnext1");
  Capabilities caps = connector->capabilities();
  EXPECT_TRUE(caps.can_reply);
  EXPECT_FALSE(caps.reply_replaces_existing);
  EXPECT_EQ(caps.max_reply_length, 280);
  EXPECT_GT(caps.backfill_pages, 0);
}

TEST_F(XConnectorTest, WalkOverTwoPagesThenIncremental) {
  auto connector = Make();
  fake_.Enqueue("GET", kSearchPath, Json(200, TweetPage({"300", "200"}, "tok1")));
  auto first = connector->FetchPage("");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->mentions.size(), 2u);
  EXPECT_TRUE(first->has_more);
  EXPECT_EQ(first->next_checkpoint, "top=300&until=200&token=tok1");

  fake_.Enqueue("GET", kSearchPath, Json(200, TweetPage({"100"})));
  auto second = connector->FetchPage(first->next_checkpoint);
  ASSERT_TRUE(second.ok());
  EXPECT_NE(LastUrl().find("&next_token=tok1"), std::string::npos) << LastUrl();
  EXPECT_EQ(LastUrl().find("until_id"), std::string::npos);
  EXPECT_EQ(LastUrl().find("since_id"), std::string::npos);
  EXPECT_EQ(second->mentions.size(), 1u);
  EXPECT_FALSE(second->has_more);
  EXPECT_EQ(second->next_checkpoint, "since=300");

  fake_.Enqueue("GET", kSearchPath, Json(200, TweetPage({"400", "300"})));
  auto third = connector->FetchPage(second->next_checkpoint);
  ASSERT_TRUE(third.ok());
  EXPECT_NE(LastUrl().find("&since_id=300"), std::string::npos);
  ASSERT_EQ(third->mentions.size(), 1u);  // 300 is not newer than since: dropped
  EXPECT_EQ(third->mentions[0].remote_id, "400");
  EXPECT_EQ(third->item_errors.size(), 1u);
  EXPECT_EQ(third->next_checkpoint, "since=400");
}

TEST_F(XConnectorTest, RepeatingTokenStopsAndResumesByUntilId) {
  auto connector = Make();
  fake_.Enqueue("GET", kSearchPath, Json(200, TweetPage({"150"}, "tok1")));
  auto page = connector->FetchPage("since=100&top=300&until=200&token=tok1");
  ASSERT_TRUE(page.ok());
  EXPECT_FALSE(page->has_more);
  ASSERT_EQ(page->item_errors.size(), 1u);
  EXPECT_NE(page->item_errors[0].message().find("repeats"), std::string::npos);
  EXPECT_EQ(page->next_checkpoint, "since=100&top=300&until=150");

  fake_.Enqueue("GET", kSearchPath, Json(200, TweetPage({"120"})));
  auto next = connector->FetchPage(page->next_checkpoint);
  ASSERT_TRUE(next.ok());
  EXPECT_NE(LastUrl().find("&since_id=100&until_id=150"), std::string::npos) << LastUrl();
  EXPECT_EQ(next->next_checkpoint, "since=300");
}

TEST_F(XConnectorTest, RejectedTokenResumesWithoutIt) {
  auto connector = Make();
  fake_.Enqueue(
      "GET", kSearchPath,
      Json(
          400,
          R"({"title":"Invalid Request","detail":"One or more parameters to your request was invalid.",
                      "type":"https://api.twitter.com/2/problems/invalid-request"})"));
  auto page = connector->FetchPage("since=100&top=300&until=200&token=old");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_TRUE(page->mentions.empty());
  EXPECT_EQ(page->item_errors.size(), 1u);
  EXPECT_EQ(page->next_checkpoint, "since=100&top=300&until=200");
}

TEST_F(XConnectorTest, CheckpointRoundTripAndValidation) {
  XConnector::Checkpoint cp{"1", "5", "3", "a b&c"};
  auto parsed = XConnector::ParseCheckpoint(XConnector::FormatCheckpoint(cp));
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*parsed, cp);
  EXPECT_EQ(XConnector::ParseCheckpoint("12345")->since, "12345");
  for (const char* bad : {"since=abc", "what=1", "since", "token=%zz"}) {
    EXPECT_EQ(XConnector::ParseCheckpoint(bad).status().code(), StatusCode::kInvalidArgument)
        << bad;
  }
  auto connector = Make();
  EXPECT_EQ(connector->FetchPage("since=x").status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(fake_.requests().empty());
}

TEST_F(XConnectorTest, MentionsResolvesUsernameOnce) {
  fake_.Enqueue("GET", "/2/users/by/username/acme",
                Json(200, R"({"data":{"id":"777","name":"Acme","username":"acme"}})"));
  fake_.Enqueue("GET", "/2/users/777/mentions", Json(200, TweetPage({"9"})));
  fake_.Enqueue("GET", "/2/users/777/mentions", Json(200, TweetPage({})));
  auto connector = Make(Config("mentions", "@acme"));
  ASSERT_TRUE(connector->FetchPage("").ok());
  auto second = connector->FetchPage("since=9");
  ASSERT_TRUE(second.ok());
  auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[2].url.find("https://api.x.com/2/users/777/mentions?max_results=10"), 0u);
  EXPECT_NE(requests[2].url.find("&since_id=9"), std::string::npos);
  EXPECT_EQ(second->next_checkpoint, "since=9");

  fake_.Enqueue("GET", "/2/users/42/mentions", Json(200, ReadTestData("x/errors_only.json")));
  auto numeric = Make(Config("mentions", "42"));
  auto failed = numeric->FetchPage("");
  EXPECT_EQ(failed.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(fake_.requests().back().url.find("https://api.x.com/2/users/42/mentions"), 0u);
}

TEST_F(XConnectorTest, FeedValidation) {
  for (auto [feed, account] :
       std::vector<std::pair<std::string, std::string>>{{"timeline", ""},
                                                        {"search:", ""},
                                                        {"search:   ", ""},
                                                        {"mentions", ""},
                                                        {"mentions", "not a user!"}}) {
    auto c = XConnector::Create(Config(feed, account), fake_, clock_);
    ASSERT_FALSE(c.ok()) << feed;
    EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  }
  auto unknown = XConnector::Create(Config("timeline"), fake_, clock_);
  EXPECT_NE(unknown.status().message().find("search:QUERY, mentions"), std::string::npos);
  ConnectorConfig bad_url = Config();
  bad_url.base_url = "ftp://x";
  EXPECT_FALSE(XConnector::Create(bad_url, fake_, clock_).ok());
}

TEST_F(XConnectorTest, ErrorMapping) {
  auto connector = Make();
  fake_.Enqueue("GET", kSearchPath,
                Json(401, R"({"title":"Unauthorized","type":"about:blank","status":401,
                              "detail":"Unauthorized"})"));
  auto unauth = connector->FetchPage("");
  EXPECT_EQ(unauth.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(unauth.status().message().find("Unauthorized"), std::string::npos);
  ExpectNoToken(unauth.status());

  // x-rate-limit-reset is epoch seconds: 14:00:00 + 90 s.
  int64_t reset = ToUnixMillis(At("2026-08-01T14:01:30Z")) / 1000;
  fake_.Enqueue(
      "GET", kSearchPath,
      Json(429, R"({"title":"Too Many Requests","detail":"Too Many Requests",
                              "type":"about:blank","status":429})",
           {{"x-rate-limit-remaining", "0"}, {"x-rate-limit-reset", std::to_string(reset)}}));
  auto limited = connector->FetchPage("");
  EXPECT_EQ(limited.status().code(), StatusCode::kResourceExhausted);
  ASSERT_TRUE(limited.status().retry_after().has_value());
  EXPECT_EQ(limited.status().retry_after()->count(), 90000);

  fake_.Enqueue("GET", kSearchPath, Json(429, "Rate limit exceeded", {{"Retry-After", "7"}}));
  auto plain = connector->FetchPage("");
  EXPECT_EQ(plain.status().retry_after()->count(), 7000);
  EXPECT_NE(plain.status().message().find("Rate limit exceeded"), std::string::npos);

  fake_.Enqueue("GET", kSearchPath, Json(503, "<html>down</html>"));
  EXPECT_EQ(connector->FetchPage("").status().code(), StatusCode::kUnavailable);

  fake_.Enqueue("GET", kSearchPath, Json(200, "<html><body>maintenance</body></html>"));
  auto html = connector->FetchPage("");
  EXPECT_EQ(html.status().code(), StatusCode::kDataLoss);

  fake_.Enqueue("GET", kSearchPath, Result<HttpResponse>(Status::Unavailable("connect failed")));
  EXPECT_EQ(connector->FetchPage("").status().code(), StatusCode::kUnavailable);
}

TEST_F(XConnectorTest, PostReplyRequestShape) {
  fake_.Enqueue("POST", "/2/tweets",
                Json(201, R"({"data":{"id":"1900000000000000001","text":"Thanks!"}})"));
  auto connector = Make();
  Mention target;
  target.remote_id = "1850000000000000300";
  ReplyRequest request{target, "Thanks! We \"fixed\" it", "key-1"};
  auto posted = connector->PostReply(request);
  ASSERT_TRUE(posted.ok()) << posted.status().ToString();
  EXPECT_EQ(posted->remote_id, "1900000000000000001");
  EXPECT_EQ(posted->url, "https://x.com/i/web/status/1900000000000000001");
  const HttpRequest r = fake_.requests().at(0);
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.url, "https://api.x.com/2/tweets");
  EXPECT_EQ(
      r.body,
      R"({"text":"Thanks! We \"fixed\" it","reply":{"in_reply_to_tweet_id":"1850000000000000300"}})");
  EXPECT_EQ(FindHeader(r.headers, "Content-Type").value_or(""), "application/json");
  EXPECT_EQ(FindHeader(r.headers, "Authorization").value_or(""), std::string("Bearer ") + kToken);

  fake_.Enqueue("POST", "/2/tweets", Json(403, R"({"title":"Forbidden",
                      "detail":"You are not allowed to create a Tweet with duplicate content.",
                      "type":"about:blank","status":403})"));
  auto duplicate = connector->PostReply(request);
  EXPECT_EQ(duplicate.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(duplicate.status().message().find("duplicate content"), std::string::npos);

  request.text = "  ";
  EXPECT_EQ(connector->PostReply(request).status().code(), StatusCode::kInvalidArgument);
  request.text = "ok";
  request.in_reply_to.remote_id = "abc";
  EXPECT_EQ(connector->PostReply(request).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(fake_.requests().size(), 2u);
}

}  // namespace
}  // namespace heed::connectors
