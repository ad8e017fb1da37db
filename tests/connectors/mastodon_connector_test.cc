// MastodonConnector over FakeHttpTransport: requests, paging, error mapping, replies.
#include "mastodon_connector.h"

#include <gtest/gtest.h>

#include "heed/testing/fake_http.h"

namespace heed::connectors {
namespace {

using heed::testing::FakeHttpTransport;
using heed::testing::ReadTestData;

constexpr char kToken[] = "s3cr3t-token-value";
constexpr char kNotifications[] = "/api/v1/notifications";

TimePoint At(const char* iso) { return *ParseIso8601(iso); }

ConnectorConfig Config(const std::string& feed = "mentions", int limit = 40) {
  ConnectorConfig c;
  c.name = "acme-mastodon";
  c.platform = "mastodon";
  c.base_url = "https://social.example/";
  c.feed = feed;
  c.token = kToken;
  c.page_limit = limit;
  return c;
}

HttpResponse Json(int status, std::string body, HttpHeaders headers = {}) {
  headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  return HttpResponse{status, std::move(headers), std::move(body)};
}

// A notifications page (newest first) of mention notifications with the given ids.
std::string NotificationsPage(const std::vector<int>& ids) {
  std::string body = "[";
  for (size_t i = 0; i < ids.size(); ++i) {
    std::string id = std::to_string(ids[i]);
    if (i > 0) body += ",";
    body += R"({"id": ")" + id + R"(", "type": "mention", "status": {"id": "9)" + id +
            R"(", "created_at": "2026-08-01T10:00:00Z", "account": {"id": "1", "acct": "u"},
              "content": "<p>n)" +
            id + R"(</p>"}})";
  }
  return body + "]";
}

class MastodonConnectorTest : public ::testing::Test {
 protected:
  std::unique_ptr<MastodonConnector> Make(const ConnectorConfig& config = Config()) {
    auto c = MastodonConnector::Create(config, fake_, clock_);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? std::move(c).value() : nullptr;
  }
  void ExpectNoToken(const Status& s) {
    EXPECT_EQ(s.message().find(kToken), std::string::npos) << s.message();
  }

  FakeHttpTransport fake_;
  SimulatedClock clock_{At("2026-08-01T14:00:00Z")};
};

TEST_F(MastodonConnectorTest, MentionsRequestAndFixturePage) {
  fake_.Enqueue("GET", kNotifications, Json(200, ReadTestData("mastodon/notifications_page.json")));
  auto connector = Make();
  EXPECT_EQ(connector->name(), "acme-mastodon");
  EXPECT_EQ(connector->platform(), "mastodon");

  auto page = connector->FetchPage("");
  ASSERT_TRUE(page.ok()) << page.status().ToString();

  auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 1u);
  const HttpRequest& r = requests[0];
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.url,
            "https://social.example/api/v1/notifications?types%5B%5D=mention&limit=40&min_id=0");
  EXPECT_EQ(FindHeader(r.headers, "Authorization").value_or(""), std::string("Bearer ") + kToken);
  EXPECT_GT(r.timeout.count(), 0);

  // Ascending: notification 104 (EN) before 105 (IT).
  ASSERT_EQ(page->mentions.size(), 2u);
  EXPECT_EQ(page->mentions[0].remote_id, "112233445566770001");
  EXPECT_EQ(page->mentions[0].language, "");
  EXPECT_EQ(page->mentions[1].remote_id, "112233445566778899");
  EXPECT_EQ(page->mentions[1].language, "it");
  EXPECT_TRUE(page->item_errors.empty());
  EXPECT_EQ(page->next_checkpoint, "105");  // a notification id
  EXPECT_FALSE(page->has_more);             // 2 < limit
}

TEST_F(MastodonConnectorTest, CheckpointProgressesOverTwoPages) {
  fake_.Enqueue("GET", kNotifications, Json(200, NotificationsPage({12, 11})));
  fake_.Enqueue("GET", kNotifications, Json(200, NotificationsPage({13})));
  auto connector = Make(Config("mentions", 2));

  auto first = connector->FetchPage("10");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->next_checkpoint, "12");
  EXPECT_TRUE(first->has_more);  // a full page
  ASSERT_EQ(first->mentions.size(), 2u);
  EXPECT_EQ(first->mentions[0].text, "n11");
  EXPECT_EQ(first->mentions[1].text, "n12");

  auto second = connector->FetchPage(first->next_checkpoint);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->next_checkpoint, "13");
  EXPECT_FALSE(second->has_more);

  auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_NE(requests[0].url.find("&limit=2&min_id=10"), std::string::npos) << requests[0].url;
  EXPECT_NE(requests[1].url.find("&min_id=12"), std::string::npos) << requests[1].url;

  // An empty page keeps the checkpoint.
  fake_.Enqueue("GET", kNotifications, Json(200, "[]"));
  auto empty = connector->FetchPage("13");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->next_checkpoint, "13");
  EXPECT_FALSE(empty->has_more);
  EXPECT_TRUE(empty->mentions.empty());
  EXPECT_TRUE(empty->item_errors.empty());
}

TEST_F(MastodonConnectorTest, RepeatingCursorStops) {
  // The server ignores min_id and serves the same full page again.
  fake_.Enqueue("GET", kNotifications, Json(200, NotificationsPage({12, 11})));
  auto connector = Make(Config("mentions", 2));
  auto page = connector->FetchPage("12");
  ASSERT_TRUE(page.ok());
  EXPECT_FALSE(page->has_more);
  EXPECT_EQ(page->next_checkpoint, "12");
  EXPECT_TRUE(page->mentions.empty());
  ASSERT_EQ(page->item_errors.size(), 1u);
  EXPECT_NE(page->item_errors[0].message().find("did not move past"), std::string::npos);
}

TEST_F(MastodonConnectorTest, BadItemsStillMoveTheCheckpoint) {
  fake_.Enqueue("GET", kNotifications,
                Json(200, R"([{"id": "22", "type": "mention", "status": {"id": "x"}},
                              {"id": "21", "type": "favourite"}, )" +
                              NotificationsPage({20}).substr(1)));
  auto connector = Make();
  auto page = connector->FetchPage("19");
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->mentions.size(), 1u);
  EXPECT_EQ(page->mentions[0].remote_id, "920");
  ASSERT_EQ(page->item_errors.size(), 1u);
  EXPECT_EQ(page->item_errors[0].code(), StatusCode::kDataLoss);
  EXPECT_NE(page->item_errors[0].message().find("acme-mastodon"), std::string::npos);
  EXPECT_EQ(page->next_checkpoint, "22");
}

TEST_F(MastodonConnectorTest, NonJsonPageIsDataLoss) {
  fake_.Enqueue("GET", kNotifications,
                HttpResponse{200, {{"Content-Type", "text/html"}}, "<html>maintenance</html>"});
  auto page = Make()->FetchPage("");
  EXPECT_EQ(page.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(page.status().message().find("https://social.example/api/v1/notifications"),
            std::string::npos);
  ExpectNoToken(page.status());
}

TEST_F(MastodonConnectorTest, TagAndSearchFeeds) {
  fake_.Enqueue("GET", "/api/v1/timelines/tag/caff%C3%A8",
                Json(200, ReadTestData("mastodon/tag_page.json")));
  auto tag = Make(Config("tag:#caff\xC3\xA8", 100));
  auto page = tag->FetchPage("300000000000000000");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->mentions.size(), 2u);
  EXPECT_EQ(page->mentions[0].remote_id, "300000000000000001");
  EXPECT_EQ(page->next_checkpoint, "300000000000000002");
  EXPECT_EQ(fake_.requests().back().url,
            "https://social.example/api/v1/timelines/tag/caff%C3%A8?limit=40&"
            "min_id=300000000000000000");  // limit capped at 40 for timelines

  fake_.Enqueue("GET", "/api/v2/search", Json(200, R"({"accounts": [], "statuses": []})"));
  auto search = Make(Config("search:acme app"));
  ASSERT_TRUE(search->FetchPage("").ok());
  EXPECT_EQ(fake_.requests().back().url,
            "https://social.example/api/v2/search?type=statuses&q=acme%20app&limit=40&min_id=0");
}

TEST_F(MastodonConnectorTest, NoAuthHeaderWithoutToken) {
  ConnectorConfig config = Config("tag:acme");
  config.token.clear();
  fake_.Enqueue("GET", "/api/v1/timelines/tag/acme", Json(200, "[]"));
  ASSERT_TRUE(Make(config)->FetchPage("").ok());
  EXPECT_FALSE(FindHeader(fake_.requests()[0].headers, "Authorization").has_value());
}

TEST_F(MastodonConnectorTest, HttpErrorsAreMapped) {
  struct Case {
    int http;
    StatusCode code;
    std::string body;
  };
  const std::vector<Case> cases = {
      {401, StatusCode::kUnauthenticated, R"({"error": "The access token is invalid"})"},
      {403, StatusCode::kPermissionDenied, R"({"error": "This action is not allowed"})"},
      {404, StatusCode::kNotFound, R"({"error": "Record not found"})"},
      {422, StatusCode::kInvalidArgument, ReadTestData("mastodon/error_422.json")},
      {400, StatusCode::kInvalidArgument, "<html>bad</html>"},
      {500, StatusCode::kUnavailable, ""},
      {503, StatusCode::kUnavailable, "<html>down</html>"},
  };
  auto connector = Make();
  for (const auto& c : cases) {
    fake_.Enqueue("GET", kNotifications, Json(c.http, c.body));
    auto page = connector->FetchPage("5");
    ASSERT_FALSE(page.ok());
    EXPECT_EQ(page.status().code(), c.code) << c.http;
    EXPECT_NE(page.status().message().find("acme-mastodon"), std::string::npos);
    EXPECT_NE(page.status().message().find("HTTP " + std::to_string(c.http)), std::string::npos);
    ExpectNoToken(page.status());
  }
  fake_.Enqueue("GET", kNotifications, Json(401, R"({"error": "The access token is invalid"})"));
  EXPECT_NE(connector->FetchPage("5").status().message().find("The access token is invalid"),
            std::string::npos);
  fake_.Enqueue("GET", kNotifications, Json(422, ReadTestData("mastodon/error_422.json")));
  EXPECT_NE(connector->FetchPage("5").status().message().find("500 Zeichen"), std::string::npos);
}

TEST_F(MastodonConnectorTest, RateLimitUsesResetHeader) {
  fake_.Enqueue(
      "GET", kNotifications,
      Json(429, R"({"error": "Too many requests"})",
           {{"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Reset", "2026-08-01T14:03:00.000000Z"}}));
  auto page = Make()->FetchPage("");
  EXPECT_EQ(page.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(page.status().retry_after(), Millis(180000));
}

TEST_F(MastodonConnectorTest, TransportErrorsKeepTheirCodeAndHideTheToken) {
  fake_.Enqueue("GET", kNotifications,
                Status::Unavailable(std::string("connection reset; echo ") + kToken));
  auto page = Make()->FetchPage("");
  EXPECT_EQ(page.status().code(), StatusCode::kUnavailable);
  ExpectNoToken(page.status());
  EXPECT_NE(page.status().message().find("REDACTED"), std::string::npos);
}

TEST_F(MastodonConnectorTest, RejectsCorruptCheckpoint) {
  EXPECT_EQ(Make()->FetchPage("12abc").status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(fake_.requests().empty());
}

Mention ReplyTarget() {
  Mention m;
  m.platform = "mastodon";
  m.remote_id = "112233445566778899";
  m.author.handle = "giulia@mastodon.uno";
  m.language = "it";
  return m;
}

TEST_F(MastodonConnectorTest, PostReplyBodyAndHeaders) {
  fake_.Enqueue("POST", "/api/v1/statuses", Json(200, ReadTestData("mastodon/reply_200.json")));
  auto connector = Make();
  Capabilities caps = connector->capabilities();
  EXPECT_TRUE(caps.can_read);
  EXPECT_TRUE(caps.can_reply);
  EXPECT_FALSE(caps.reply_replaces_existing);
  EXPECT_EQ(caps.max_reply_length, 500);
  EXPECT_GT(caps.backfill_pages, 0);

  auto posted = connector->PostReply({ReplyTarget(), "Ci scusiamo, ti scriviamo in DM.", "r-42"});
  ASSERT_TRUE(posted.ok()) << posted.status().ToString();
  EXPECT_EQ(posted->remote_id, "113000000000000001");
  EXPECT_EQ(posted->url, "https://social.example/@acme/113000000000000001");

  const HttpRequest r = fake_.requests().at(0);
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.url, "https://social.example/api/v1/statuses");
  EXPECT_EQ(FindHeader(r.headers, "Idempotency-Key").value_or(""), "r-42");
  EXPECT_EQ(FindHeader(r.headers, "Content-Type").value_or(""), "application/json");
  EXPECT_EQ(FindHeader(r.headers, "Authorization").value_or(""), std::string("Bearer ") + kToken);
  EXPECT_EQ(r.body,
            R"({"status":"@giulia@mastodon.uno Ci scusiamo, ti scriviamo in DM.",)"
            R"("in_reply_to_id":"112233445566778899","visibility":"public","language":"it"})");
}

TEST_F(MastodonConnectorTest, PostReplyDoesNotDoubleTheHandle) {
  fake_.Enqueue("POST", "/api/v1/statuses", Json(200, ReadTestData("mastodon/reply_200.json")));
  fake_.Enqueue("POST", "/api/v1/statuses", Json(200, ReadTestData("mastodon/reply_200.json")));
  auto connector = Make();
  ASSERT_TRUE(connector->PostReply({ReplyTarget(), "@giulia@mastodon.uno grazie!", "k1"}).ok());
  Mention local = ReplyTarget();
  local.author.handle = "marco@social.example";
  local.language.clear();
  ASSERT_TRUE(connector->PostReply({local, "@marco thanks", "k2"}).ok());
  auto requests = fake_.requests();
  EXPECT_NE(requests[0].body.find(R"("status":"@giulia@mastodon.uno grazie!")"), std::string::npos)
      << requests[0].body;
  EXPECT_NE(requests[1].body.find(R"("status":"@marco thanks")"), std::string::npos);
  EXPECT_EQ(requests[1].body.find("language"), std::string::npos);
}

TEST_F(MastodonConnectorTest, PostReplyErrors) {
  auto connector = Make();
  fake_.Enqueue("POST", "/api/v1/statuses", Json(422, ReadTestData("mastodon/error_422.json")));
  auto posted = connector->PostReply({ReplyTarget(), "x", "k"});
  EXPECT_EQ(posted.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(posted.status().message().find("Validierung fehlgeschlagen"), std::string::npos);
  ExpectNoToken(posted.status());

  fake_.Enqueue("POST", "/api/v1/statuses", Json(403, R"({"error": "nope"})"));
  EXPECT_EQ(connector->PostReply({ReplyTarget(), "x", "k"}).status().code(),
            StatusCode::kPermissionDenied);
  fake_.Enqueue("POST", "/api/v1/statuses", Json(200, "<html>"));
  EXPECT_EQ(connector->PostReply({ReplyTarget(), "x", "k"}).status().code(), StatusCode::kDataLoss);

  size_t sent = fake_.requests().size();
  EXPECT_EQ(connector->PostReply({ReplyTarget(), "x", ""}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(connector->PostReply({ReplyTarget(), "  ", "k"}).status().code(),
            StatusCode::kInvalidArgument);
  Mention bad = ReplyTarget();
  bad.remote_id = "../../admin";
  EXPECT_EQ(connector->PostReply({bad, "x", "k"}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(fake_.requests().size(), sent);
}

TEST(MastodonConnectorCreate, ValidatesFeedAndBaseUrl) {
  FakeHttpTransport fake;
  SimulatedClock clock(At("2026-08-01T14:00:00Z"));
  for (const char* feed : {"home", "tag:", "tag:a b", "tag:a/b", "search:", ""}) {
    auto c = MastodonConnector::Create(Config(feed), fake, clock);
    EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument) << feed;
  }
  ConnectorConfig config = Config();
  config.base_url = "social.example";
  EXPECT_EQ(MastodonConnector::Create(config, fake, clock).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace heed::connectors
