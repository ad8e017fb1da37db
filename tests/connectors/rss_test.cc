// RSS/Atom parsing (expat) and RssConnector over FakeHttpTransport.
#include <gtest/gtest.h>

#include "heed/testing/fake_http.h"
#include "rss_connector.h"
#include "rss_parse.h"

namespace heed::connectors {
namespace {

using heed::testing::FakeHttpTransport;
using heed::testing::ReadTestData;

constexpr char kFeedUrl[] = "https://www.google.com/alerts/feeds/111/222?hl=en";
constexpr char kFeedPath[] = "/alerts/feeds/111/222";

TimePoint At(const char* iso) { return *ParseIso8601(iso); }

rss::ParseOptions Options() {
  rss::ParseOptions o;
  o.feed_url = kFeedUrl;
  o.fetched_at = At("2026-08-02T00:00:00Z");
  return o;
}

HttpResponse Xml(int status, std::string body, HttpHeaders headers = {}) {
  headers.emplace_back("Content-Type", "application/atom+xml; charset=utf-8");
  return HttpResponse{status, std::move(headers), std::move(body)};
}

// An RSS 2.0 feed whose items have guids "g<N>" dated N minutes after 10:00.
std::string RssFeed(const std::vector<int>& items) {
  std::string xml = "<rss version=\"2.0\"><channel><title>t</title>";
  for (int n : items) {
    char date[64];
    std::snprintf(date, sizeof date, "Sat, 01 Aug 2026 %02d:%02d:00 GMT", 10 + n / 60, n % 60);
    xml += "<item><title>item " + std::to_string(n) + "</title><guid>g" + std::to_string(n) +
           "</guid><link>https://b.example/" + std::to_string(n) + "</link><pubDate>" + date +
           "</pubDate><description>about acme " + std::to_string(n) + "</description></item>";
  }
  return xml + "</channel></rss>";
}

TEST(RssParse, GoogleAlertsAtom) {
  auto feed = rss::ParseFeed(ReadTestData("rss/alerts.xml"), Options());
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->format, "atom");
  ASSERT_EQ(feed->entries.size(), 3u);

  const rss::Entry& e0 = feed->entries[0];
  ASSERT_TRUE(e0.mention.ok()) << e0.mention.status().ToString();
  const Mention& m = *e0.mention;
  EXPECT_EQ(m.platform, "rss");
  EXPECT_EQ(m.remote_id, "tag:google.com,2013:googlealerts/feed:1001");
  EXPECT_EQ(e0.key, m.remote_id);
  EXPECT_EQ(m.text, "Acme opens a new store\nThe Acme store in Concord ...");
  EXPECT_EQ(m.url, "https://news.example.com/acme-store-1/");
  EXPECT_EQ(m.author.handle, "news.example.com");
  EXPECT_EQ(m.author.profile_url, "https://news.example.com");
  EXPECT_EQ(FormatIso8601(m.created_at), "2026-08-01T11:00:00.000Z");  // published, not updated
  EXPECT_TRUE(e0.dated);
  EXPECT_TRUE(m.language.empty());
  EXPECT_NE(m.raw_json.find("\"format\":\"atom\""), std::string::npos);
  EXPECT_NE(m.raw_json.find("googlealerts/feed:1001"), std::string::npos);

  const Mention& m1 = *feed->entries[1].mention;
  EXPECT_EQ(m1.text, "Plain title about Acme\nSummary only");
  EXPECT_EQ(m1.url, "https://blog.example.net/acme-review");  // rel="self" skipped
  EXPECT_EQ(m1.author.handle, "Jane Writer");
  EXPECT_EQ(m1.author.profile_url, "https://blog.example.net/jane");
  EXPECT_EQ(FormatIso8601(m1.created_at), "2026-08-01T10:00:00.000Z");  // updated

  EXPECT_EQ(feed->entries[2].mention.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(feed->entries[2].key, "tag:google.com,2013:googlealerts/feed:999");
}

TEST(RssParse, Rss2) {
  auto feed = rss::ParseFeed(ReadTestData("rss/blog.xml"), Options());
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->format, "rss");
  ASSERT_EQ(feed->entries.size(), 3u);
  const Mention& a = *feed->entries[0].mention;
  EXPECT_EQ(a.remote_id, "blog-2");
  EXPECT_EQ(a.text, "Acme & friends\nIl servizio di Acme è ottimo");
  EXPECT_EQ(a.url, "https://blog.example.net/p/2");
  EXPECT_EQ(a.author.handle, "Giulia Rossi");
  EXPECT_EQ(a.language, "it");
  EXPECT_EQ(FormatIso8601(a.created_at), "2026-08-01T10:30:00.000Z");

  const Mention& b = *feed->entries[1].mention;
  EXPECT_EQ(b.remote_id, "https://blog.example.net/p/1");  // no guid: the link
  EXPECT_EQ(b.text, "No guid here\nFull content of the post");
  EXPECT_EQ(b.author.handle, "Mario Bianchi");
  EXPECT_EQ(FormatIso8601(b.created_at), "2026-07-31T23:00:00.000Z");

  const rss::Entry& c = feed->entries[2];
  ASSERT_TRUE(c.mention.ok());
  EXPECT_FALSE(c.dated);
  EXPECT_EQ(c.created_at, Options().fetched_at);
  EXPECT_EQ(c.key.substr(0, 4), "sha:");
  EXPECT_EQ(c.mention->url, kFeedUrl);
}

TEST(RssParse, RefusesHostileAndBrokenDocuments) {
  for (const char* file : {"rss/billion_laughs.xml", "rss/external_entity.xml"}) {
    auto feed = rss::ParseFeed(ReadTestData(file), Options());
    EXPECT_EQ(feed.status().code(), StatusCode::kDataLoss) << file;
    EXPECT_NE(feed.status().message().find("entities"), std::string::npos) << file;
  }
  EXPECT_EQ(rss::ParseFeed("<html><body>Error</body></html>", Options()).status().code(),
            StatusCode::kDataLoss);
  EXPECT_EQ(rss::ParseFeed("{\"items\": []}", Options()).status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(rss::ParseFeed("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>", Options())
                .status()
                .code(),
            StatusCode::kDataLoss);
  std::string deep = "<rss>";
  for (int i = 0; i < 100; ++i) deep += "<a>";
  EXPECT_EQ(rss::ParseFeed(deep, Options()).status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(rss::ParseFeed(std::string(rss::kMaxFeedBytes + 1, ' '), Options()).status().code(),
            StatusCode::kDataLoss);
}

// A UTF-8 feed with a stray bad byte keeps its entries (U+FFFD where the byte was) instead of
// being refused at every poll; a Latin-1 feed's bytes are characters and are decoded as such.
TEST(RssParse, RepairsIllFormedUtf8OnlyInUtf8Feeds) {
  constexpr char kItem[] =
      "<rss version=\"2.0\"><channel><title>t</title><item><title>caff\xe8 \xff</title>"
      "<link>https://example.com/a</link><guid>a</guid></item></channel></rss>";
  for (std::string prolog : {"", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"}) {
    auto feed = rss::ParseFeed(prolog + kItem, Options());
    ASSERT_TRUE(feed.ok()) << feed.status().ToString();
    ASSERT_EQ(feed->entries.size(), 1u);
    EXPECT_EQ(feed->entries[0].mention->text.substr(0, 13), "caff\uFFFD \uFFFD");
  }
  auto latin1 = rss::ParseFeed(std::string("<?xml version=\"1.0\" encoding='ISO-8859-1'?>") + kItem,
                               Options());
  ASSERT_TRUE(latin1.ok()) << latin1.status().ToString();
  EXPECT_EQ(latin1->entries[0].mention->text.substr(0, 7), "caff\u00e8 ");
}

TEST(RssParse, Helpers) {
  EXPECT_EQ(rss::UnwrapGoogleRedirect(
                "https://www.google.com/url?rct=j&sa=t&url=https://a.example/x%3Fy%3D1&ct=ga"),
            "https://a.example/x?y=1");
  EXPECT_EQ(rss::UnwrapGoogleRedirect("https://google.co.uk/url?q=http://b.example/&sa=U"),
            "http://b.example/");
  EXPECT_EQ(rss::UnwrapGoogleRedirect("https://evil.example/url?url=https://x"),
            "https://evil.example/url?url=https://x");
  EXPECT_EQ(rss::UnwrapGoogleRedirect("https://www.google.com/url?url=javascript:alert(1)"),
            "https://www.google.com/url?url=javascript:alert(1)");
  EXPECT_EQ(FormatIso8601(*rss::ParseRfc822Date("Sat, 07 Sep 2002 00:00:01 GMT")),
            "2002-09-07T00:00:01.000Z");
  EXPECT_EQ(FormatIso8601(*rss::ParseRfc822Date("7 Sep 02 9:30 -0230")),
            "2002-09-07T12:00:00.000Z");
  EXPECT_EQ(FormatIso8601(*rss::ParseRfc822Date("Mon, 1 Jan 2024 10:00:00 EST")),
            "2024-01-01T15:00:00.000Z");
  for (const char* bad : {"", "yesterday", "Sat, 32 Sep 2002 00:00 GMT", "Sat, 07 Foo 2002 1:00",
                          "Sat, 07 Sep 2002 25:00 GMT", "Sat, 07 Sep 2002 10:00 XYZ"}) {
    EXPECT_FALSE(rss::ParseRfc822Date(bad).has_value()) << bad;
  }
  EXPECT_EQ(rss::HashHex(""), "cbf29ce484222325");
}

class RssConnectorTest : public ::testing::Test {
 protected:
  ConnectorConfig Config(const std::string& feed = "feed", int limit = 2) {
    ConnectorConfig c;
    c.name = "alerts";
    c.platform = "rss";
    c.base_url = kFeedUrl;
    c.feed = feed;
    c.page_limit = limit;
    return c;
  }
  std::unique_ptr<RssConnector> Make(const ConnectorConfig& config) {
    auto c = RssConnector::Create(config, fake_, clock_);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? std::move(c).value() : nullptr;
  }
  static std::vector<std::string> Ids(const Page& page) {
    std::vector<std::string> ids;
    for (const Mention& m : page.mentions) ids.push_back(m.remote_id);
    return ids;
  }

  FakeHttpTransport fake_;
  SimulatedClock clock_{At("2026-08-02T00:00:00Z")};
};

TEST_F(RssConnectorTest, ConfigValidation) {
  EXPECT_TRUE(RssConnector::Create(Config(""), fake_, clock_).ok());
  EXPECT_EQ(RssConnector::Create(Config("mentions"), fake_, clock_).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(RssConnector::Create(Config("feed:"), fake_, clock_).status().code(),
            StatusCode::kInvalidArgument);
  for (const char* url : {"ftp://x/feed", "https://", "https://x/feed#frag", "https://a b/",
                          "https://user:pw@x/feed"}) {
    ConnectorConfig c = Config();
    c.base_url = url;
    EXPECT_EQ(RssConnector::Create(c, fake_, clock_).status().code(), StatusCode::kInvalidArgument)
        << url;
  }
  auto c = Make(Config());
  EXPECT_FALSE(c->capabilities().can_reply);
}

TEST_F(RssConnectorTest, PagesOldestFirstAndConditionalGet) {
  auto c = Make(Config());
  HttpHeaders validators = {{"ETag", "\"v1\""}, {"Last-Modified", "Sat, 01 Aug 2026 10:05:00 GMT"}};
  // Newest first in the document, as feeds usually are.
  for (int i = 0; i < 2; ++i)
    fake_.Enqueue("GET", kFeedPath, Xml(200, RssFeed({5, 3, 4, 1, 2}), validators));
  auto p1 = c->FetchPage("");
  ASSERT_TRUE(p1.ok()) << p1.status().ToString();
  auto requests = fake_.requests();
  EXPECT_EQ(requests[0].url, kFeedUrl);  // used as-is, query kept
  EXPECT_FALSE(FindHeader(requests[0].headers, "If-None-Match").has_value());
  EXPECT_EQ(Ids(*p1), (std::vector<std::string>{"g1", "g2"}));
  EXPECT_TRUE(p1->has_more);
  // Restart: a new connector continues; pending entries mean no conditional headers.
  auto c2 = Make(Config());
  auto p2 = c2->FetchPage(p1->next_checkpoint);
  ASSERT_TRUE(p2.ok());
  EXPECT_FALSE(FindHeader(fake_.requests()[1].headers, "If-None-Match").has_value());
  EXPECT_EQ(Ids(*p2), (std::vector<std::string>{"g3", "g4"}));
  EXPECT_TRUE(p2->has_more);
  // The feed gained item 6 meanwhile.
  fake_.Enqueue("GET", kFeedPath, Xml(200, RssFeed({6, 5, 3, 4, 1, 2}), validators));
  auto p3 = c2->FetchPage(p2->next_checkpoint);
  ASSERT_TRUE(p3.ok());
  EXPECT_EQ(Ids(*p3), (std::vector<std::string>{"g5", "g6"}));
  EXPECT_FALSE(p3->has_more);
  // Caught up: validators are sent; 304 is an empty page with the checkpoint unchanged.
  fake_.Enqueue("GET", kFeedPath, Xml(304, "", validators));
  auto p4 = c2->FetchPage(p3->next_checkpoint);
  ASSERT_TRUE(p4.ok());
  const HttpRequest conditional = fake_.requests()[3];
  EXPECT_EQ(FindHeader(conditional.headers, "If-None-Match").value_or(""), "\"v1\"");
  EXPECT_EQ(FindHeader(conditional.headers, "If-Modified-Since").value_or(""),
            "Sat, 01 Aug 2026 10:05:00 GMT");
  EXPECT_TRUE(p4->mentions.empty());
  EXPECT_FALSE(p4->has_more);
  EXPECT_EQ(p4->next_checkpoint, p3->next_checkpoint);
  // A changed feed with nothing new is an empty page too.
  fake_.Enqueue("GET", kFeedPath, Xml(200, RssFeed({6, 5}), {{"ETag", "\"v2\""}}));
  auto p5 = c2->FetchPage(p4->next_checkpoint);
  ASSERT_TRUE(p5.ok());
  EXPECT_TRUE(p5->mentions.empty());
  EXPECT_NE(p5->next_checkpoint.find("e=%22v2%22"), std::string::npos) << p5->next_checkpoint;
}

TEST_F(RssConnectorTest, SeenSetIsBoundedWithoutDuplicates) {
  auto c = Make(Config("feed", 500));
  std::vector<int> many;
  for (int i = 0; i < 600; ++i) many.push_back(i);
  fake_.Enqueue("GET", kFeedPath, Xml(200, RssFeed(many)));
  auto p1 = c->FetchPage("");
  ASSERT_TRUE(p1.ok());
  EXPECT_EQ(p1->mentions.size(), 500u);
  EXPECT_TRUE(p1->has_more);
  fake_.Enqueue("GET", kFeedPath, Xml(200, RssFeed(many)));
  auto p2 = c->FetchPage(p1->next_checkpoint);
  ASSERT_TRUE(p2.ok());
  EXPECT_EQ(p2->mentions.size(), 100u);
  EXPECT_EQ(p2->mentions.front().remote_id, "g500");
  EXPECT_FALSE(p2->has_more);
  auto cp = RssCheckpoint::Decode(p2->next_checkpoint);
  ASSERT_TRUE(cp.ok());
  EXPECT_EQ(cp->seen.size(), RssConnector::kMaxSeen);
  EXPECT_GE(cp->floor_ms, ToUnixMillis(At("2026-08-01T11:39:00Z")));
  fake_.Enqueue("GET", kFeedPath, Xml(200, RssFeed(many)));
  auto p3 = c->FetchPage(p2->next_checkpoint);
  ASSERT_TRUE(p3.ok());
  EXPECT_TRUE(p3->mentions.empty());
}

TEST_F(RssConnectorTest, QueryFilterAndItemErrors) {
  auto c = Make(Config("feed:ACME 3", 10));
  fake_.Enqueue("GET", kFeedPath, Xml(200, RssFeed({1, 2, 3})));
  auto p = c->FetchPage("");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(Ids(*p), (std::vector<std::string>{"g3"}));
  auto all = Make(Config("feed", 10));
  fake_.Enqueue("GET", kFeedPath, Xml(200, ReadTestData("rss/alerts.xml")));
  auto q = all->FetchPage("");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->mentions.size(), 2u);
  EXPECT_EQ(q->item_errors.size(), 1u);
}

TEST_F(RssConnectorTest, ErrorMapping) {
  auto c = Make(Config());
  fake_.Enqueue("GET", kFeedPath, Xml(429, "slow down", {{"Retry-After", "120"}}));
  auto limited = c->FetchPage("");
  EXPECT_EQ(limited.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(limited.status().retry_after(), Millis(120000));
  fake_.Enqueue("GET", kFeedPath, Xml(404, "<html>nope</html>"));
  EXPECT_EQ(c->FetchPage("").status().code(), StatusCode::kNotFound);
  fake_.Enqueue("GET", kFeedPath, Xml(200, "<!DOCTYPE html><html><body>login</body></html>"));
  EXPECT_EQ(c->FetchPage("").status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(c->FetchPage("rss1;junk").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(RssConnectorTest, ReplyIsRefusedWithoutRequest) {
  auto c = Make(Config());
  Mention m;
  m.remote_id = "tag:google.com,2013:googlealerts/feed:1001";
  m.url = "https://news.example.com/acme-store-1/";
  auto posted = c->PostReply({m, "thanks", "key-1"});
  EXPECT_EQ(posted.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(posted.status().message(),
            "rss is read-only: answer at https://news.example.com/acme-store-1/, then record it "
            "in heed");
  EXPECT_TRUE(fake_.requests().empty());
}

TEST(RssCheckpoint, RoundTrip) {
  RssCheckpoint cp;
  EXPECT_EQ(cp.Encode(), "");
  cp.floor_ms = 5;
  cp.etag = "W/\"a;b,c\"";
  cp.last_modified = "Sat, 01 Aug 2026 10:05:00 GMT";
  cp.more = true;
  cp.seen["0123456789abcdef"] = 7;
  auto back = RssCheckpoint::Decode(cp.Encode());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->etag, cp.etag);
  EXPECT_EQ(back->last_modified, cp.last_modified);
  EXPECT_TRUE(back->more);
  EXPECT_EQ(back->Encode(), cp.Encode());
  EXPECT_FALSE(RssCheckpoint::Decode("rss1;f=1;e=;m=;x=2;s=").ok());
  EXPECT_FALSE(RssCheckpoint::Decode("rss1;f=1;e=;m=;x=0;s=zz:1").ok());
}

}  // namespace
}  // namespace heed::connectors
