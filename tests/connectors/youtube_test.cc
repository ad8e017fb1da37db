// YouTube connector: parsing (tests/data/youtube), requests over FakeHttpTransport, the
// high-water-mark walk, error mapping and replies.
#include <gtest/gtest.h>

#include "heed/testing/fake_http.h"
#include "youtube_connector.h"
#include "youtube_parse.h"

namespace heed::connectors {
namespace {

using heed::testing::FakeHttpTransport;
using heed::testing::ReadTestData;

constexpr char kToken[] = "ya29.s3cr3t-oauth";
constexpr char kThreads[] = "/youtube/v3/commentThreads";

TimePoint At(const char* iso) { return *ParseIso8601(iso); }

ConnectorConfig Config(const std::string& feed = "channel:UCbrand00000000000000000") {
  ConnectorConfig c;
  c.name = "acme-yt";
  c.platform = "youtube";
  c.base_url = "https://www.googleapis.com";
  c.feed = feed;
  c.token = kToken;
  c.page_limit = 20;
  return c;
}

HttpResponse Json(int status, std::string body, HttpHeaders headers = {}) {
  headers.emplace_back("Content-Type", "application/json; charset=UTF-8");
  return HttpResponse{status, std::move(headers), std::move(body)};
}

// A page of threads (id, publishedAt), in the given order, with an optional nextPageToken.
std::string ThreadPage(const std::vector<std::pair<std::string, std::string>>& threads,
                       const std::string& next = "") {
  std::string body = R"({"kind":"youtube#commentThreadListResponse",)";
  if (!next.empty()) body += R"("nextPageToken":")" + next + "\",";
  body += R"("items":[)";
  for (size_t i = 0; i < threads.size(); ++i) {
    if (i > 0) body += ",";
    body += R"({"id":")" + threads[i].first + R"(","snippet":{"videoId":"v1","topLevelComment":)" +
            R"({"id":")" + threads[i].first + R"(","snippet":{"textOriginal":"c )" +
            threads[i].first + R"(","authorDisplayName":"A","publishedAt":")" + threads[i].second +
            R"("}}}})";
  }
  return body + "]}";
}

std::vector<std::string> Ids(const Page& page) {
  std::vector<std::string> ids;
  for (const auto& m : page.mentions) ids.push_back(m.remote_id);
  return ids;
}

class YoutubeConnectorTest : public ::testing::Test {
 protected:
  std::unique_ptr<YoutubeConnector> Make(const ConnectorConfig& config = Config()) {
    auto c = YoutubeConnector::Create(config, fake_, clock_);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? std::move(c).value() : nullptr;
  }
  std::string LastUrl() const { return fake_.requests().back().url; }
  Status FetchWithError(int http_status, const std::string& body) {
    fake_.Enqueue("GET", kThreads, Json(http_status, body));
    auto page = Make()->FetchPage("");
    EXPECT_FALSE(page.ok());
    EXPECT_EQ(page.status().message().find(kToken), std::string::npos);
    return page.status();
  }

  FakeHttpTransport fake_;
  SimulatedClock clock_{At("2026-08-01T14:00:00Z")};
};

TEST(YoutubeParseTest, FixturePageMapsEveryField) {
  auto page = youtube::ParseThreadPage(ReadTestData("youtube/threads_page.json"));
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->next_page_token, "QURTSl9wYWdlMg==");
  ASSERT_EQ(page->items.size(), 3u);

  const Mention& m = *page->items[0].mention;
  EXPECT_EQ(m.platform, "youtube");
  EXPECT_EQ(m.remote_id, "UgzAAAAAAAAAAAAAAAA4AaABAg");
  EXPECT_EQ(m.text, "My acme kettle broke & nobody answers\nhelp");
  EXPECT_EQ(m.author.id, "UCauthor0000000000000001");
  EXPECT_EQ(m.author.handle, "mario.bianchi");
  EXPECT_EQ(m.author.display_name, "@mario.bianchi");
  EXPECT_EQ(m.author.profile_url, "http://www.youtube.com/channel/UCauthor0000000000000001");
  EXPECT_EQ(m.url, "https://www.youtube.com/watch?v=vid00000001&lc=UgzAAAAAAAAAAAAAAAA4AaABAg");
  EXPECT_EQ(m.created_at, At("2026-08-01T10:00:00Z"));
  EXPECT_EQ(m.language, "");
  EXPECT_EQ(m.thread_id, "");
  EXPECT_EQ(m.parent_id, "");
  EXPECT_NE(m.raw_json.find("\"replies\""), std::string::npos);

  // No textOriginal: textDisplay with HTML stripped; no videoId: the channel link.
  const Mention& channel = *page->items[1].mention;
  EXPECT_EQ(channel.text, "Great channel \"acme\"");
  EXPECT_EQ(channel.url,
            "https://www.youtube.com/channel/UCbrand00000000000000000?lc="
            "UgzBBBBBBBBBBBBBBBB4AaABAg");
  EXPECT_EQ(channel.author.id, "");

  EXPECT_FALSE(page->items[2].mention.ok());  // no publishedAt
  EXPECT_EQ(page->items[2].mention.status().code(), StatusCode::kDataLoss);
  EXPECT_FALSE(page->items[2].published.has_value());
}

TEST(YoutubeParseTest, MalformedPagesAreDataLoss) {
  for (const char* body :
       {"<!DOCTYPE html><html>Error 502</html>", "{\"items\": [", "[]", "{\"kind\":\"x\"}",
        "{\"items\": {}}", "{\"items\": [], \"nextPageToken\": 5}"}) {
    auto page = youtube::ParseThreadPage(body);
    ASSERT_FALSE(page.ok()) << body;
    EXPECT_EQ(page.status().code(), StatusCode::kDataLoss) << body;
  }
  auto in_200 = youtube::ParseThreadPage(ReadTestData("youtube/error_quota.json"));
  EXPECT_FALSE(in_200.ok());
  EXPECT_NE(in_200.status().message().find("quotaExceeded"), std::string::npos);
  auto bad_item = youtube::ParseThreadPage(R"({"items":[42,{"id":7}]})");
  ASSERT_TRUE(bad_item.ok());
  EXPECT_FALSE(bad_item->items[0].mention.ok());
  EXPECT_FALSE(bad_item->items[1].mention.ok());
}

TEST_F(YoutubeConnectorTest, RequestShapeAndCapabilities) {
  fake_.Enqueue("GET", kThreads, Json(200, ReadTestData("youtube/threads_page.json")));
  auto connector = Make();
  EXPECT_EQ(connector->platform(), "youtube");
  auto page = connector->FetchPage("");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  const HttpRequest r = fake_.requests().at(0);
  EXPECT_EQ(r.url,
            "https://www.googleapis.com/youtube/v3/commentThreads?part=snippet%2Creplies&"
            "allThreadsRelatedToChannelId=UCbrand00000000000000000&order=time&maxResults=20");
  EXPECT_EQ(FindHeader(r.headers, "Authorization").value_or(""), std::string("Bearer ") + kToken);
  EXPECT_EQ(page->mentions.size(), 2u);
  EXPECT_EQ(page->item_errors.size(), 1u);
  EXPECT_TRUE(page->has_more);
  EXPECT_EQ(page->next_checkpoint,
            "top=" + std::to_string(ToUnixMillis(At("2026-08-01T10:00:00Z"))) +
                "&tids=UgzAAAAAAAAAAAAAAAA4AaABAg&token=QURTSl9wYWdlMg%3D%3D");
  Capabilities caps = connector->capabilities();
  EXPECT_TRUE(caps.can_reply);
  EXPECT_EQ(caps.max_reply_length, 10000);

  auto video = Make(Config("video:vid00000001"));
  fake_.Enqueue("GET", kThreads, Json(200, ThreadPage({})));
  ASSERT_TRUE(video->FetchPage("").ok());
  EXPECT_NE(LastUrl().find("&videoId=vid00000001&order=time"), std::string::npos);
}

TEST_F(YoutubeConnectorTest, HighWaterMarkWalk) {
  auto connector = Make();
  // First run: two pages, newest first.
  fake_.Enqueue(
      "GET", kThreads,
      Json(200, ThreadPage({{"c", "2026-08-01T10:00:03Z"}, {"b", "2026-08-01T10:00:02Z"}}, "T1")));
  auto first = connector->FetchPage("");
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(first->has_more);
  fake_.Enqueue("GET", kThreads, Json(200, ThreadPage({{"a", "2026-08-01T10:00:01Z"}})));
  auto second = connector->FetchPage(first->next_checkpoint);
  ASSERT_TRUE(second.ok());
  EXPECT_NE(LastUrl().find("&pageToken=T1"), std::string::npos);
  EXPECT_EQ(Ids(*second), std::vector<std::string>{"a"});
  EXPECT_FALSE(second->has_more);
  const int64_t c_ms = ToUnixMillis(At("2026-08-01T10:00:03Z"));
  EXPECT_EQ(second->next_checkpoint, "hw=" + std::to_string(c_ms) + "&ids=c");

  // Next run: a new thread d, then d2 in the same second as c, then c (known), then older ones.
  fake_.Enqueue("GET", kThreads,
                Json(200, ThreadPage({{"d", "2026-08-01T10:05:00Z"},
                                      {"d2", "2026-08-01T10:00:03Z"},
                                      {"c", "2026-08-01T10:00:03Z"},
                                      {"b", "2026-08-01T10:00:02Z"}},
                                     "T2")));
  auto third = connector->FetchPage(second->next_checkpoint);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(LastUrl().find("pageToken"), std::string::npos);
  EXPECT_EQ(Ids(*third), (std::vector<std::string>{"d", "d2"}));
  EXPECT_FALSE(third->has_more);  // met a thread older than the mark
  EXPECT_EQ(third->next_checkpoint,
            "hw=" + std::to_string(ToUnixMillis(At("2026-08-01T10:05:00Z"))) + "&ids=d");

  // Nothing new.
  fake_.Enqueue("GET", kThreads, Json(200, ThreadPage({{"d", "2026-08-01T10:05:00Z"}}, "T3")));
  auto fourth = connector->FetchPage(third->next_checkpoint);
  ASSERT_TRUE(fourth.ok());
  EXPECT_TRUE(fourth->mentions.empty());
  // The token leads on (the page held no older thread), but only known threads so far.
  EXPECT_TRUE(fourth->has_more);
}

TEST_F(YoutubeConnectorTest, SameSecondThreadsAtTheMarkAreMerged) {
  auto connector = Make();
  const std::string hw = std::to_string(ToUnixMillis(At("2026-08-01T10:00:00Z")));
  fake_.Enqueue(
      "GET", kThreads,
      Json(200, ThreadPage({{"b", "2026-08-01T10:00:00Z"}, {"a", "2026-08-01T10:00:00Z"}})));
  auto page = connector->FetchPage("hw=" + hw + "&ids=a");
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(Ids(*page), std::vector<std::string>{"b"});
  EXPECT_EQ(page->next_checkpoint, "hw=" + hw + "&ids=a%2Cb");
}

TEST_F(YoutubeConnectorTest, RepeatingTokenStops) {
  auto connector = Make();
  fake_.Enqueue("GET", kThreads, Json(200, ThreadPage({{"x", "2026-08-01T09:00:00Z"}}, "T1")));
  auto page = connector->FetchPage("top=5000&tids=z&token=T1");
  ASSERT_TRUE(page.ok());
  EXPECT_FALSE(page->has_more);
  ASSERT_EQ(page->item_errors.size(), 1u);
  EXPECT_NE(page->item_errors[0].message().find("repeats"), std::string::npos);
  EXPECT_EQ(page->next_checkpoint.find("token"), std::string::npos);

  // An expired token restarts the walk from the newest thread, keeping the mark.
  fake_.Enqueue(
      "GET", kThreads,
      Json(
          400,
          R"({"error":{"code":400,"message":"The request specifies an invalid page token.","errors":[{"reason":"invalidPageToken"}]}})"));
  auto expired = connector->FetchPage("hw=1000&ids=a&top=5000&tids=z&token=OLD");
  ASSERT_TRUE(expired.ok()) << expired.status().ToString();
  EXPECT_TRUE(expired->has_more);
  EXPECT_EQ(expired->next_checkpoint, "hw=1000&ids=a&top=5000&tids=z");
}

TEST_F(YoutubeConnectorTest, CheckpointValidation) {
  YoutubeConnector::Checkpoint cp;
  cp.hw = 1000;
  cp.ids = {"a", "b.c"};
  cp.top = 2000;
  cp.tids = {"d"};
  cp.token = "QUR+/=";
  auto parsed = YoutubeConnector::ParseCheckpoint(YoutubeConnector::FormatCheckpoint(cp));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, cp);
  for (const char* bad : {"hw=x", "ids=a", "hw=1&ids=a%20b", "nope=1", "hw"}) {
    EXPECT_EQ(YoutubeConnector::ParseCheckpoint(bad).status().code(), StatusCode::kInvalidArgument)
        << bad;
  }
}

TEST_F(YoutubeConnectorTest, ErrorMapping) {
  Status quota = FetchWithError(403, ReadTestData("youtube/error_quota.json"));
  EXPECT_EQ(quota.code(), StatusCode::kResourceExhausted);
  ASSERT_TRUE(quota.retry_after().has_value());
  // 14:00 UTC -> next midnight at UTC-8 is 08:00 UTC the next day: 18 hours.
  EXPECT_EQ(quota.retry_after()->count(), 18LL * 3600 * 1000);
  EXPECT_NE(quota.message().find("quota"), std::string::npos);
  EXPECT_EQ(quota.message().find("<a"), std::string::npos);

  Status rate = FetchWithError(
      403,
      R"({"error":{"code":403,"message":"slow down","errors":[{"reason":"rateLimitExceeded"}]}})");
  EXPECT_EQ(rate.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(rate.retry_after()->count(), 60000);

  EXPECT_EQ(FetchWithError(403, R"({"error":{"code":403,"message":"off",
                                   "errors":[{"reason":"commentsDisabled"}]}})")
                .code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(FetchWithError(400, R"({"error":{"errors":[{"domain":"usageLimits",
              "reason":"keyInvalid","message":"Bad Request"}],"code":400,"message":"Bad Request"}})")
                .code(),
            StatusCode::kUnauthenticated);
  EXPECT_EQ(
      FetchWithError(
          403,
          R"({"error":{"code":403,"message":"The caller does not have permission","errors":[{"reason":"forbidden"}],"status":"PERMISSION_DENIED"}})")
          .code(),
      StatusCode::kPermissionDenied);
  EXPECT_EQ(FetchWithError(404, R"({"error":{"code":404,"message":"not found",
              "errors":[{"reason":"videoNotFound"}]}})")
                .code(),
            StatusCode::kNotFound);
  EXPECT_EQ(FetchWithError(503, "<html>unavailable</html>").code(), StatusCode::kUnavailable);
  EXPECT_EQ(FetchWithError(200, "<html>maintenance</html>").code(), StatusCode::kDataLoss);
}

TEST_F(YoutubeConnectorTest, FeedValidation) {
  for (const char* feed : {"mentions", "channel:", "video:", "channel:a/b", "video:x y"}) {
    auto c = YoutubeConnector::Create(Config(feed), fake_, clock_);
    ASSERT_FALSE(c.ok()) << feed;
    EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(c.status().message().find("channel:CHANNEL_ID, video:VIDEO_ID"), std::string::npos);
  }
}

TEST_F(YoutubeConnectorTest, PostReplyRequestShape) {
  fake_.Enqueue("POST", "/youtube/v3/comments",
                Json(200, ReadTestData("youtube/comment_inserted.json")));
  auto connector = Make();
  Mention target;
  target.remote_id = "UgzAAAAAAAAAAAAAAAA4AaABAg";
  target.url = "https://www.youtube.com/watch?v=vid00000001&lc=UgzAAAAAAAAAAAAAAAA4AaABAg";
  ReplyRequest request{target, "Thanks, we are on it", "key-1"};
  auto posted = connector->PostReply(request);
  ASSERT_TRUE(posted.ok()) << posted.status().ToString();
  EXPECT_EQ(posted->remote_id, "UgzAAAAAAAAAAAAAAAA4AaABAg.9newReply01");
  EXPECT_EQ(posted->url,
            "https://www.youtube.com/watch?v=vid00000001&lc=UgzAAAAAAAAAAAAAAAA4AaABAg."
            "9newReply01");
  const HttpRequest r = fake_.requests().at(0);
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.url, "https://www.googleapis.com/youtube/v3/comments?part=snippet");
  EXPECT_EQ(
      r.body,
      R"({"snippet":{"parentId":"UgzAAAAAAAAAAAAAAAA4AaABAg","textOriginal":"Thanks, we are on it"}})");
  EXPECT_EQ(FindHeader(r.headers, "Authorization").value_or(""), std::string("Bearer ") + kToken);

  request.text = "\n";
  EXPECT_EQ(connector->PostReply(request).status().code(), StatusCode::kInvalidArgument);
  request.text = "ok";
  request.in_reply_to.remote_id = "bad id";
  EXPECT_EQ(connector->PostReply(request).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(fake_.requests().size(), 1u);

  fake_.Enqueue(
      "POST", "/youtube/v3/comments",
      Json(
          404,
          R"({"error":{"code":404,"message":"The parent comment could not be found.","errors":[{"reason":"parentCommentNotFound"}]}})"));
  request.in_reply_to.remote_id = "UgzGone";
  EXPECT_EQ(connector->PostReply(request).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace heed::connectors
