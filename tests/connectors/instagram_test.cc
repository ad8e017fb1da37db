// Instagram connector: parsing from fixtures, the newest-first walk and its checkpoint, feeds,
// error mapping and both reply calls, over FakeHttpTransport.
#include <gtest/gtest.h>

#include "heed/testing/fake_http.h"
#include "instagram_connector.h"
#include "instagram_parse.h"

namespace heed::connectors {
namespace {

using heed::testing::FakeHttpTransport;
using heed::testing::ReadTestData;

constexpr char kToken[] = "IGQV-token-s3cr3t";
constexpr char kMediaPath[] = "/v21.0/1784100/media";
constexpr char kCommentsPath[] = "/v21.0/1790002/comments";
constexpr char kTagsPath[] = "/v21.0/1784100/tags";

TimePoint At(const char* iso) { return *ParseIso8601(iso); }
std::string Secs(const char* iso) { return std::to_string(ToUnixMillis(At(iso)) / 1000); }

HttpResponse Json(int status, std::string body) {
  return HttpResponse{status, {{"Content-Type", "application/json"}}, std::move(body)};
}

ConnectorConfig Config(std::string feed = "account:1784100", int limit = 10) {
  ConnectorConfig c;
  c.name = "acme-instagram";
  c.platform = "instagram";
  c.base_url = "https://graph.example";
  c.feed = std::move(feed);
  c.token = kToken;
  c.page_limit = limit;
  return c;
}

class InstagramTest : public ::testing::Test {
 protected:
  std::unique_ptr<InstagramConnector> Make(const ConnectorConfig& config = Config()) {
    auto c = InstagramConnector::Create(config, fake_, clock_);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? std::move(c).value() : nullptr;
  }
  void EnqueueAccount(bool second_page) {
    fake_.Enqueue("GET", kMediaPath, Json(200, ReadTestData("instagram/media_list.json")));
    fake_.Enqueue("GET", kCommentsPath, Json(200, ReadTestData("instagram/comments_page.json")));
    if (second_page) fake_.Enqueue("GET", kCommentsPath, Json(200, R"({"data": []})"));
  }

  FakeHttpTransport fake_;
  SimulatedClock clock_{At("2026-08-01T12:00:00Z")};
};

TEST(InstagramParseTest, CommentsFixture) {
  auto page = instagram::ParseComments(ReadTestData("instagram/comments_page.json"),
                                       {"1784100", "1790002", "https://www.instagram.com/p/BBB/"});
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->items.size(), 5u);
  EXPECT_TRUE(page->has_next);
  EXPECT_EQ(page->after, "QVFIZg");
  EXPECT_TRUE(page->items[0].skipped);  // the account's own comment
  EXPECT_EQ(page->items[1].mention.status().code(), StatusCode::kDataLoss);
  EXPECT_GT(page->items[1].seconds, 0);
  EXPECT_EQ(page->items[3].seconds, 0);  // no timestamp
  const auto& item = page->items[4];
  ASSERT_TRUE(item.mention.ok());
  const Mention& m = *item.mention;
  EXPECT_EQ(m.platform, "instagram");
  EXPECT_EQ(m.remote_id, "1800001");
  EXPECT_EQ(m.thread_id, "1790002");
  EXPECT_EQ(m.parent_id, "1790002");
  EXPECT_EQ(m.author.id, "1785001");
  EXPECT_EQ(m.author.handle, "giulia_r");
  EXPECT_EQ(m.author.profile_url, "https://www.instagram.com/giulia_r/");
  EXPECT_EQ(m.text, "My parcel never arrived");
  EXPECT_EQ(m.url, "https://www.instagram.com/p/BBB/");
  EXPECT_EQ(m.created_at, At("2026-08-01T10:01:00Z"));
  EXPECT_EQ(m.language, "");
  EXPECT_NE(m.raw_json.find("\"like_count\":0"), std::string::npos);
}

TEST(InstagramParseTest, BadBodies) {
  for (const char* body : {"<html>oops</html>", R"({"data": [)", R"({"data": "x"})", "null"}) {
    EXPECT_EQ(instagram::ParseTags(body, {}).status().code(), StatusCode::kDataLoss) << body;
  }
  EXPECT_EQ(
      instagram::ParseComments(ReadTestData("instagram/error_token_190.json"), {}).status().code(),
      StatusCode::kUnauthenticated);
}

TEST_F(InstagramTest, FeedValidation) {
  auto bad = InstagramConnector::Create(Config("hashtag:acme"), fake_, clock_);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("account:IG_USER_ID, mentions:IG_USER_ID"),
            std::string::npos);
  EXPECT_FALSE(InstagramConnector::Create(Config("account:acme"), fake_, clock_).ok());
  Capabilities caps = Make()->capabilities();
  EXPECT_TRUE(caps.can_reply);
  EXPECT_EQ(caps.max_reply_length, 2200);
}

TEST_F(InstagramTest, AccountFirstRunWalksAndOrdersOldestFirst) {
  EnqueueAccount(true);
  auto page = Make()->FetchPage("");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 3u);  // media list, two comment pages; media without comments skipped
  EXPECT_EQ(requests[0].url,
            "https://graph.example/v21.0/1784100/media?fields=id%2Cpermalink%2Ctimestamp%2C"
            "comments_count&limit=25");
  EXPECT_EQ(requests[1].url,
            "https://graph.example/v21.0/1790002/comments?fields=id%2Ctext%2Ctimestamp%2C"
            "username%2Cfrom%2Clike_count%2Cparent_id&limit=10");
  EXPECT_EQ(requests[2].url, requests[1].url + "&after=QVFIZg");
  for (const auto& r : requests) {
    EXPECT_EQ(FindHeader(r.headers, "Authorization").value_or(""), std::string("Bearer ") + kToken);
    EXPECT_EQ(r.url.find(kToken), std::string::npos);
  }
  ASSERT_EQ(page->mentions.size(), 2u);
  EXPECT_EQ(page->mentions[0].remote_id, "1800001");
  EXPECT_EQ(page->mentions[1].remote_id, "1800003");
  EXPECT_EQ(page->item_errors.size(), 2u);
  EXPECT_EQ(page->next_checkpoint, "v1:" + Secs("2026-08-01T10:05:00Z") + ":1800005");
  EXPECT_FALSE(page->has_more);
}

TEST_F(InstagramTest, CheckpointProgressionAndEarlyStop) {
  EnqueueAccount(true);
  auto connector = Make(Config("account:1784100", 1));
  auto first = connector->FetchPage("");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->mentions.size(), 1u);
  EXPECT_EQ(first->mentions[0].remote_id, "1800001");
  EXPECT_EQ(first->next_checkpoint, "v1:" + Secs("2026-08-01T10:01:00Z") + ":1800001");
  EXPECT_TRUE(first->has_more);

  // Next run: 10:01 is not older than the checkpoint second, so the walk follows the cursor.
  EnqueueAccount(true);
  auto second = connector->FetchPage(first->next_checkpoint);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(fake_.requests().size(), 6u);
  EXPECT_EQ(fake_.requests()[4].url.find("since"), std::string::npos);
  ASSERT_EQ(second->mentions.size(), 1u);
  EXPECT_EQ(second->mentions[0].remote_id, "1800003");
  EXPECT_EQ(second->next_checkpoint, "v1:" + Secs("2026-08-01T10:03:00Z") + ":1800003");
  EXPECT_TRUE(second->has_more);

  // Next run: the first page reaches 10:01 < 10:03 in newest-first order, so the walk stops.
  EnqueueAccount(false);
  auto with_older = connector->FetchPage("v1:" + Secs("2026-08-01T10:03:00Z") + ":1800003");
  ASSERT_TRUE(with_older.ok());
  EXPECT_EQ(fake_.requests().size(), 8u);  // stopped at 10:01 < 10:03: no second page
  EXPECT_EQ(with_older->next_checkpoint, "v1:" + Secs("2026-08-01T10:04:00Z") + ":1800004");
  EXPECT_TRUE(with_older->has_more);
}

TEST_F(InstagramTest, MentionsFeedReadsTagsAndRepliesThroughMentionsEdge) {
  fake_.Enqueue("GET", kTagsPath, Json(200, ReadTestData("instagram/tags_page.json")));
  auto connector = Make(Config("mentions:1784100"));
  auto page = connector->FetchPage("");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(fake_.requests().size(), 1u);
  EXPECT_EQ(fake_.requests()[0].url,
            "https://graph.example/v21.0/1784100/tags?fields=id%2Ccaption%2Cpermalink%2C"
            "timestamp%2Cusername%2Cmedia_type&limit=10");
  ASSERT_EQ(page->mentions.size(), 2u);
  EXPECT_EQ(page->mentions[0].remote_id, "1795001");
  EXPECT_EQ(page->mentions[0].text, "");
  EXPECT_EQ(page->mentions[1].remote_id, "1795002");
  EXPECT_EQ(page->mentions[1].text, "Unboxing my new @acme kettle");
  EXPECT_EQ(page->mentions[1].url, "https://www.instagram.com/p/TAG2/");
  EXPECT_EQ(page->mentions[1].author.handle, "luca.v");
  EXPECT_TRUE(page->mentions[1].thread_id.empty());

  fake_.Enqueue("POST", "/v21.0/1784100/mentions", Json(200, R"({"id": "1800100"})"));
  auto posted = connector->PostReply({page->mentions[1], "Enjoy it!", "k1"});
  ASSERT_TRUE(posted.ok()) << posted.status().ToString();
  EXPECT_EQ(posted->remote_id, "1800100");
  EXPECT_EQ(posted->url, "https://www.instagram.com/p/TAG2/");
  auto requests = fake_.requests();
  const HttpRequest& r = requests.back();
  EXPECT_EQ(r.url, "https://graph.example/v21.0/1784100/mentions");
  EXPECT_EQ(r.body, "media_id=1795002&message=Enjoy%20it%21");
  EXPECT_EQ(FindHeader(r.headers, "Content-Type").value_or(""),
            "application/x-www-form-urlencoded");
  EXPECT_FALSE(FindHeader(r.headers, "Idempotency-Key").has_value());
}

TEST_F(InstagramTest, AccountReplyUsesRepliesEdge) {
  fake_.Enqueue("POST", "/v21.0/1800001/replies", Json(200, R"({"id": "1800101"})"));
  Mention target;
  target.remote_id = "1800001";
  target.url = "https://www.instagram.com/p/BBB/";
  auto connector = Make();
  auto posted = connector->PostReply({target, "We are sorry, DM us", "k"});
  ASSERT_TRUE(posted.ok()) << posted.status().ToString();
  EXPECT_EQ(posted->url, target.url);
  EXPECT_EQ(fake_.requests().back().body, "message=We%20are%20sorry%2C%20DM%20us");
  EXPECT_EQ(connector->PostReply({target, std::string(2201, 'x'), "k"}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(connector->PostReply({target, " ", "k"}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(fake_.requests().size(), 1u);
}

TEST_F(InstagramTest, RepeatingCursorStops) {
  const std::string body =
      R"({"data": [{"id": "1795009", "caption": "x", "permalink": "https://www.instagram.com/p/Z/",
          "timestamp": "2026-08-01T11:00:00+0000", "username": "z"}],
          "paging": {"cursors": {"after": "same"}, "next": "https://graph.facebook.com/next"}})";
  // The first answer, then the cursor handed back three times (asked again twice: a stale page
  // is transient; regression from the fault soak, where stopping at once lost older comments).
  for (int i = 0; i < 4; ++i) fake_.Enqueue("GET", kTagsPath, Json(200, body));
  auto page = Make(Config("mentions:1784100", 1))->FetchPage("");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(fake_.requests().size(), 4u);
  EXPECT_EQ(page->mentions.size(), 1u);
  EXPECT_FALSE(page->has_more);
  ASSERT_FALSE(page->item_errors.empty());
  EXPECT_NE(page->item_errors[0].message().find("repeats"), std::string::npos);
}

// Regression (fault soak, "loop" fault): the first request of a list answered with a later
// page of it (a stale page) used to be taken as the whole list, so the oldest-first take moved
// the mark past the list's unread newest items. The fetch now fails and the next run re-walks.
TEST_F(InstagramTest, FirstPageAnsweredWithALaterPageFailsTheFetch) {
  const std::string later_page =
      R"({"data": [{"id": "1795001", "caption": "x", "permalink": "https://www.instagram.com/p/Z/",
          "timestamp": "2026-08-01T09:00:00+0000", "username": "z"}],
          "paging": {"cursors": {"before": "b", "after": "a"},
                     "previous": "https://graph.facebook.com/previous"}})";
  fake_.Enqueue("GET", kTagsPath, Json(200, later_page));
  auto page = Make(Config("mentions:1784100", 1))->FetchPage("");
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(page.status().message().find("paging.previous"), std::string::npos);
  EXPECT_EQ(page.status().message().find(kToken), std::string::npos);
}

TEST_F(InstagramTest, ErrorMapping) {
  auto connector = Make();
  fake_.Enqueue("GET", kMediaPath, Json(400, ReadTestData("instagram/error_token_190.json")));
  Status s = connector->FetchPage("").status();
  EXPECT_EQ(s.code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(s.message().find(kToken), std::string::npos);
  fake_.Enqueue("GET", kMediaPath, Json(200, "<html>Please wait</html>"));
  EXPECT_EQ(connector->FetchPage("").status().code(), StatusCode::kDataLoss);
  fake_.Enqueue("GET", kMediaPath, Json(200, ReadTestData("instagram/media_list.json")));
  fake_.Enqueue("GET", kCommentsPath,
                Json(403, R"({"error":{"message":"(#4) Application request limit reached",
                              "code":4,"is_transient":true}})"));
  s = connector->FetchPage("").status();
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted);
  EXPECT_TRUE(s.retry_after().has_value());
  EXPECT_EQ(connector->FetchPage("v1:x").status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace heed::connectors
