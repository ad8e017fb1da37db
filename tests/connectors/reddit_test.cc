// Reddit: parsing (fixtures in tests/data/reddit), errors inside 200 bodies, and the
// connector's requests over FakeHttpTransport (paging, checkpoint, errors, replies).
#include <gtest/gtest.h>

#include "heed/testing/fake_http.h"
#include "reddit_connector.h"
#include "reddit_parse.h"

namespace heed::connectors {
namespace {

using heed::testing::FakeHttpTransport;
using heed::testing::ReadTestData;

constexpr char kToken[] = "reddit-bearer-s3cr3t";
constexpr char kMentions[] = "/message/mentions";
constexpr char kComments[] = "/r/acme/comments";
constexpr char kComment[] = "/api/comment";

TimePoint At(const char* iso) { return *ParseIso8601(iso); }

HttpResponse Json(int status, std::string body, HttpHeaders headers = {}) {
  headers.emplace_back("Content-Type", "application/json; charset=UTF-8");
  return HttpResponse{status, std::move(headers), std::move(body)};
}

// A listing of t1 comments with the given base-36 ids, newest first as given.
std::string Listing(const std::vector<std::string>& ids, const std::string& after) {
  std::string body = R"({"kind":"Listing","data":{"children":[)";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) body += ",";
    body +=
        R"({"kind":"t1","data":{"id":")" + ids[i] + R"(","name":"t1_)" + ids[i] +
        R"(","author":"u","body":"c)" + ids[i] +
        R"(","created_utc":1785590000.0,"subreddit":"acme","link_id":"t3_abc","parent_id":"t3_abc"}})";
  }
  body += R"(],"after":)" + (after.empty() ? std::string("null") : "\"" + after + "\"") + "}}";
  return body;
}

ConnectorConfig Config(const std::string& feed = "mentions", int limit = 3) {
  ConnectorConfig c;
  c.name = "acme-reddit";
  c.platform = "reddit";
  c.base_url = "https://oauth.reddit.com";
  c.feed = feed;
  c.token = kToken;
  c.account = "acme_support";
  c.page_limit = limit;
  return c;
}

class RedditTest : public ::testing::Test {
 protected:
  std::unique_ptr<RedditConnector> Make(const ConnectorConfig& config = Config()) {
    auto c = RedditConnector::Create(config, fake_, clock_);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? std::move(c).value() : nullptr;
  }
  std::vector<std::string> Texts(const Page& page) {
    std::vector<std::string> out;
    for (const Mention& m : page.mentions) out.push_back(m.text);
    return out;
  }
  FakeHttpTransport fake_;
  SimulatedClock clock_{At("2026-08-01T14:00:00Z")};
};

TEST(RedditParseTest, MentionsFixture) {
  auto page = reddit::ParseListing(ReadTestData("reddit/mentions_page.json"));
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->after, "t1_k2ab03");
  ASSERT_EQ(page->items.size(), 4u);
  const Mention& m = *page->items[0].mention;
  EXPECT_EQ(m.platform, "reddit");
  EXPECT_EQ(m.remote_id, "t1_k2ab10");
  EXPECT_EQ(m.thread_id, "t3_1x2y3z");
  EXPECT_EQ(m.parent_id, "t3_1x2y3z");
  EXPECT_EQ(m.author.id, "t2_abc123");
  EXPECT_EQ(m.author.handle, "giulia_r");
  EXPECT_EQ(m.author.profile_url, "https://www.reddit.com/user/giulia_r");
  EXPECT_EQ(m.text, "Hey u/acme my order is late & nobody answers");
  EXPECT_TRUE(m.language.empty());
  EXPECT_EQ(m.url, "https://www.reddit.com/r/acme/comments/1x2y3z/late_order/k2ab10/");
  EXPECT_EQ(ToUnixMillis(m.created_at), 1785592200500);
  EXPECT_FALSE(m.removed_at_source);
  EXPECT_NE(m.raw_json.find("\"kind\":\"t1\""), std::string::npos);
  EXPECT_EQ(page->items[0].key->sort, "0000000000k2ab10");

  const Mention& deleted = *page->items[1].mention;
  EXPECT_TRUE(deleted.removed_at_source);
  EXPECT_EQ(deleted.author.handle, "[deleted]");
  EXPECT_TRUE(deleted.author.profile_url.empty());
  // No permalink/context: built from subreddit, link and id.
  EXPECT_EQ(deleted.url, "https://www.reddit.com/r/acme/comments/1x2y3z/_/k2ab05/");

  EXPECT_EQ(page->items[2].mention.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(page->items[2].mention.status().message().find("created_utc"), std::string::npos);
  EXPECT_TRUE(page->items[2].key.has_value());

  EXPECT_EQ(page->items[3].mention->url,
            "https://www.reddit.com/r/acme/comments/1x2y3z/late_order/k2ab03/");
}

TEST(RedditParseTest, SearchFixture) {
  auto page = reddit::ParseListing(ReadTestData("reddit/search_page.json"));
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_TRUE(page->after.empty());
  ASSERT_EQ(page->items.size(), 2u);
  const Mention& m = *page->items[0].mention;
  EXPECT_EQ(m.remote_id, "t3_1x2y40");
  EXPECT_EQ(m.text, "Acme kettle review\n\nIt boils fast.");
  EXPECT_EQ(m.url, "https://www.reddit.com/r/acme/comments/1x2y40/acme_kettle_review/");
  EXPECT_TRUE(m.thread_id.empty());
  EXPECT_FALSE(m.removed_at_source);
  EXPECT_TRUE(page->items[1].mention->removed_at_source);
}

TEST(RedditParseTest, MalformedPagesAreDataLoss) {
  for (const char* body : {"<!doctype html><html>reddit is down</html>", "{\"kind\":\"Listing\"",
                           "[]", R"({"kind":"t1","data":{}})", R"({"json":{"errors":[]}})"}) {
    auto page = reddit::ParseListing(body);
    EXPECT_EQ(page.status().code(), StatusCode::kDataLoss) << body;
  }
}

TEST(RedditParseTest, CommentResponses) {
  auto ok = reddit::ParseCommentResponse(
      R"({"json":{"errors":[],"data":{"things":[{"kind":"t1","data":{"id":"d1680wu","name":"t1_d1680wu","permalink":"/r/acme/comments/x/y/d1680wu/"}}]}}})");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->remote_id, "t1_d1680wu");
  EXPECT_EQ(ok->url, "https://www.reddit.com/r/acme/comments/x/y/d1680wu/");

  auto limited = reddit::ParseCommentResponse(
      R"({"json":{"errors":[["RATELIMIT","You are doing that too much. Try again in 6 seconds.","ratelimit"]]}})");
  EXPECT_EQ(limited.status().code(), StatusCode::kResourceExhausted);
  ASSERT_TRUE(limited.status().retry_after().has_value());
  EXPECT_EQ(limited.status().retry_after()->count(), 6000);
  EXPECT_EQ(reddit::ParseRateLimitWait("Try again in 9 minutes.")->count(), 540000);

  auto locked = reddit::ParseCommentResponse(
      R"({"json":{"errors":[["THREAD_LOCKED","Comments are locked.","parent"]]}})");
  EXPECT_EQ(locked.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(locked.status().message().find("THREAD_LOCKED"), std::string::npos);
  auto empty = reddit::ParseCommentResponse(R"({"json":{"errors":[],"data":{"things":[]}}})");
  EXPECT_EQ(empty.status().code(), StatusCode::kFailedPrecondition);
  auto too_long = reddit::ParseCommentResponse(
      R"j({"json":{"errors":[["TOO_LONG","this is too long (max: 10000)","text"]]}})j");
  EXPECT_EQ(too_long.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(reddit::ParseCommentResponse("<html>").status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(reddit::ParseErrorMessage(R"({"message":"Forbidden","error":403})"), "Forbidden");
}

TEST_F(RedditTest, CreateValidatesConfig) {
  auto bad = RedditConnector::Create(Config("tag:acme"), fake_, clock_);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("mentions, search:QUERY, subreddit:NAME"),
            std::string::npos);
  EXPECT_EQ(RedditConnector::Create(Config("subreddit:a/b"), fake_, clock_).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(RedditConnector::Create(Config("search:"), fake_, clock_).status().code(),
            StatusCode::kInvalidArgument);
  ConnectorConfig no_token = Config();
  no_token.token.clear();
  EXPECT_EQ(RedditConnector::Create(no_token, fake_, clock_).status().code(),
            StatusCode::kInvalidArgument);
  auto c = Make();
  EXPECT_EQ(c->capabilities().max_reply_length, 10000);
  EXPECT_TRUE(c->capabilities().can_reply);
}

TEST_F(RedditTest, RequestShapes) {
  fake_.Enqueue("GET", kMentions, Json(200, ReadTestData("reddit/mentions_page.json")));
  auto c = Make(Config("mentions", 25));
  auto page = c->FetchPage("");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  auto r = fake_.requests().back();
  EXPECT_EQ(r.url, "https://oauth.reddit.com/message/mentions?limit=25&raw_json=1");
  EXPECT_EQ(FindHeader(r.headers, "Authorization").value_or(""), std::string("bearer ") + kToken);
  EXPECT_EQ(FindHeader(r.headers, "User-Agent").value_or(""),
            "server:heed:0.1 (by /u/acme_support)");
  EXPECT_EQ(page->mentions.size(), 3u);
  ASSERT_EQ(page->item_errors.size(), 1u);
  EXPECT_TRUE(page->has_more);

  fake_.Enqueue("GET", "/search", Json(200, ReadTestData("reddit/search_page.json")));
  auto search = Make(Config("search:acme kettle", 10));
  ASSERT_TRUE(search->FetchPage("").ok());
  EXPECT_EQ(
      fake_.requests().back().url,
      "https://oauth.reddit.com/search?q=acme%20kettle&sort=new&type=link&limit=10&raw_json=1");

  fake_.Enqueue("GET", kComments, Json(200, Listing({"b"}, "")));
  auto sub = Make(Config("subreddit:r/acme", 10));
  ASSERT_TRUE(sub->FetchPage("").ok());
  EXPECT_EQ(fake_.requests().back().url,
            "https://oauth.reddit.com/r/acme/comments?limit=10&raw_json=1");
}

TEST_F(RedditTest, CheckpointProgressionAndRestart) {
  auto c = Make(Config("subreddit:acme"));
  fake_.Enqueue("GET", kComments, Json(200, Listing({"zz", "zy", "zx"}, "t1_zx")));
  auto p1 = c->FetchPage("");
  ASSERT_TRUE(p1.ok());
  EXPECT_EQ(Texts(*p1), (std::vector<std::string>{"czz", "czy", "czx"}));
  EXPECT_TRUE(p1->has_more);
  fake_.Enqueue("GET", kComments, Json(200, Listing({"zw", "zv"}, "")));
  auto p2 = c->FetchPage(p1->next_checkpoint);
  ASSERT_TRUE(p2.ok());
  EXPECT_NE(fake_.requests().back().url.find("&after=t1_zx"), std::string::npos);
  EXPECT_EQ(Texts(*p2), (std::vector<std::string>{"czw", "czv"}));
  EXPECT_FALSE(p2->has_more);
  // Next run: one new comment (a longer base-36 id is a greater one), then the floor.
  fake_.Enqueue("GET", kComments, Json(200, Listing({"100", "zz", "zy"}, "t1_zy")));
  auto p3 = c->FetchPage(p2->next_checkpoint);
  ASSERT_TRUE(p3.ok());
  EXPECT_EQ(Texts(*p3), (std::vector<std::string>{"c100"}));
  EXPECT_FALSE(p3->has_more);
  EXPECT_EQ(fake_.requests().back().url.find("after="), std::string::npos);
  // The floor item deleted meanwhile does not stall anything: ids are compared, not matched.
  fake_.Enqueue("GET", kComments, Json(200, Listing({"102", "101", "zy"}, "t1_zy")));
  auto p4 = c->FetchPage(p3->next_checkpoint);
  ASSERT_TRUE(p4.ok());
  EXPECT_EQ(Texts(*p4), (std::vector<std::string>{"c102", "c101"}));
  EXPECT_FALSE(p4->has_more);
}

// A listing that keeps answering with the page it already gave (and the same `after`): asked
// again twice, then the fetch fails (kUnavailable) instead of looping or ending the walk over
// its unread items; the last stored checkpoint still asks for that page.
TEST_F(RedditTest, RepeatingAfterStops) {
  auto c = Make(Config("subreddit:acme"));
  fake_.Enqueue("GET", kComments, Json(200, Listing({"z3", "z2", "z1"}, "t1_z1")));
  auto p = c->FetchPage("");
  ASSERT_TRUE(p.ok());
  for (int repeat = 1; repeat <= 2; ++repeat) {
    fake_.Enqueue("GET", kComments, Json(200, Listing({"z3", "z2", "z1"}, "t1_z1")));
    p = c->FetchPage(p->next_checkpoint);
    ASSERT_TRUE(p.ok());
    EXPECT_NE(fake_.requests().back().url.find("after=t1_z1"), std::string::npos);
    EXPECT_TRUE(p->mentions.empty());
    EXPECT_TRUE(p->has_more) << repeat;
    EXPECT_TRUE(p->item_errors.empty()) << repeat;
  }
  fake_.Enqueue("GET", kComments, Json(200, Listing({"z3", "z2", "z1"}, "t1_z1")));
  auto third = c->FetchPage(p->next_checkpoint);
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(third.status().message().find("reddit connector"), std::string::npos)
      << third.status().message();
  fake_.Enqueue("GET", kComments, Json(200, Listing({"y2", "y1"}, "")));
  auto resumed = c->FetchPage(p->next_checkpoint);
  ASSERT_TRUE(resumed.ok()) << resumed.status().ToString();
  EXPECT_EQ(resumed->mentions.size(), 2u);
  EXPECT_FALSE(resumed->has_more);
}

// Regression (fault soak, "loop" fault): a page served again once, as a cache might, used to end
// the walk and leave everything older unread. It is asked for again and nothing is lost.
TEST_F(RedditTest, PageServedAgainOnceIsAskedForAgain) {
  auto c = Make(Config("subreddit:acme"));
  fake_.Enqueue("GET", kComments, Json(200, Listing({"z6", "z5", "z4"}, "t1_z4")));
  auto p1 = c->FetchPage("");
  ASSERT_TRUE(p1.ok());
  fake_.Enqueue("GET", kComments, Json(200, Listing({"z6", "z5", "z4"}, "t1_z4")));
  auto p2 = c->FetchPage(p1->next_checkpoint);
  ASSERT_TRUE(p2.ok());
  EXPECT_TRUE(p2->mentions.empty());
  EXPECT_TRUE(p2->has_more);
  EXPECT_TRUE(p2->item_errors.empty());
  fake_.Enqueue("GET", kComments, Json(200, Listing({"z3", "z2", "z1"}, "")));
  auto p3 = c->FetchPage(p2->next_checkpoint);
  ASSERT_TRUE(p3.ok());
  EXPECT_NE(fake_.requests().back().url.find("after=t1_z4"), std::string::npos);
  EXPECT_EQ(Texts(*p3), (std::vector<std::string>{"cz3", "cz2", "cz1"}));
  EXPECT_FALSE(p3->has_more);
}

TEST_F(RedditTest, ErrorMapping) {
  auto c = Make();
  fake_.Enqueue("GET", kMentions, Json(401, R"({"message": "Unauthorized", "error": 401})"));
  auto denied = c->FetchPage("");
  EXPECT_EQ(denied.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(denied.status().message().find("Unauthorized"), std::string::npos);
  EXPECT_EQ(denied.status().message().find(kToken), std::string::npos);
  fake_.Enqueue("GET", kMentions, Json(403, R"({"message": "Forbidden", "error": 403})"));
  EXPECT_EQ(c->FetchPage("").status().code(), StatusCode::kPermissionDenied);
  fake_.Enqueue("GET", kMentions,
                Json(429, R"({"message": "Too Many Requests", "error": 429})",
                     {{"x-ratelimit-used", "600"},
                      {"x-ratelimit-remaining", "0.0"},
                      {"x-ratelimit-reset", "42"}}));
  auto limited = c->FetchPage("");
  EXPECT_EQ(limited.status().code(), StatusCode::kResourceExhausted);
  ASSERT_TRUE(limited.status().retry_after().has_value());
  EXPECT_EQ(limited.status().retry_after()->count(), 42000);
  fake_.Enqueue("GET", kMentions,
                Json(200, "<html><body>Our CDN was unable to reach</body></html>"));
  EXPECT_EQ(c->FetchPage("").status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(c->FetchPage("w9|x").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(RedditTest, PostReplyRequestShapeAndErrorsInside200) {
  auto parsed = reddit::ParseListing(ReadTestData("reddit/mentions_page.json"));
  Mention target = *parsed->items[0].mention;
  auto c = Make();
  fake_.Enqueue(
      "POST", kComment,
      Json(
          200,
          R"({"json":{"errors":[],"data":{"things":[{"kind":"t1","data":{"id":"k3","name":"t1_k3","permalink":"/r/acme/comments/1x2y3z/late_order/k3/"}}]}}})"));
  auto posted = c->PostReply({target, "Sorry & thanks, we're on it", "key"});
  ASSERT_TRUE(posted.ok()) << posted.status().ToString();
  EXPECT_EQ(posted->remote_id, "t1_k3");
  const HttpRequest r = fake_.requests().back();
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.url, "https://oauth.reddit.com/api/comment");
  EXPECT_EQ(FindHeader(r.headers, "Content-Type").value_or(""),
            "application/x-www-form-urlencoded");
  EXPECT_EQ(r.body,
            "api_type=json&raw_json=1&thing_id=t1_k2ab10&text=Sorry%20%26%20thanks%2C%20we%27re%"
            "20on%20it");
  EXPECT_FALSE(FindHeader(r.headers, "Idempotency-Key").has_value());

  fake_.Enqueue(
      "POST", kComment,
      Json(
          200,
          R"({"json":{"errors":[["RATELIMIT","You are doing that too much. Try again in 2 minutes.","ratelimit"]]}})"));
  auto limited = c->PostReply({target, "hi", "k"});
  EXPECT_EQ(limited.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(limited.status().retry_after()->count(), 120000);

  EXPECT_EQ(c->PostReply({target, " \n", "k"}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(c->PostReply({target, std::string(10001, 'a'), "k"}).status().code(),
            StatusCode::kInvalidArgument);
  Mention bad = target;
  bad.remote_id = "k2ab10";
  EXPECT_EQ(c->PostReply({bad, "hi", "k"}).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace heed::connectors
