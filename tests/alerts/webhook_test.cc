// WebhookChannel: the JSON each chat product expects, error mapping without secrets, and one
// real POST through heed's cpprest transport to a receiver on 127.0.0.1.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "heed/alerts/webhook_channel.h"
#include "heed/connectors/connector.h"
#include "heed/testing/fake_http.h"
#include "test_support.h"

namespace heed::alerts {
namespace {

using heed::testing::FakeHttpTransport;

constexpr char kSecretUrl[] = "https://hooks.example.com/services/T000/B000/s3cr3tT0k3n";

Alert Sample() {
  Alert a = testing::SampleAlert();
  a.mention_id = 7;
  a.author = "giulia";
  a.excerpt = "<!channel> @here see [this](http://evil.example) & more";
  return a;
}

rapidjson::Document Parse(const std::string& body) {
  rapidjson::Document doc;
  doc.Parse(body.c_str());
  EXPECT_FALSE(doc.HasParseError()) << body;
  return doc;
}

std::unique_ptr<WebhookChannel> Channel(HttpTransport& transport, WebhookFormat format,
                                        std::string username = "") {
  WebhookOptions options;
  options.url = kSecretUrl;
  options.format = format;
  options.username = std::move(username);
  return std::move(*WebhookChannel::Make("ops", std::move(options), transport));
}

TEST(WebhookTest, SlackPostsTextWithControlSequencesEscaped) {
  FakeHttpTransport http;
  http.SetDefault({200, {}, "ok"});
  ASSERT_TRUE(Channel(http, WebhookFormat::kSlack)->Send(Sample()).ok());
  std::vector<HttpRequest> requests = http.requests();
  ASSERT_EQ(requests.size(), 1u);
  const HttpRequest& r = requests[0];
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.url, kSecretUrl);
  EXPECT_EQ(FindHeader(r.headers, "content-type"), "application/json; charset=utf-8");
  rapidjson::Document doc = Parse(r.body);
  ASSERT_TRUE(doc.IsObject());
  EXPECT_EQ(doc.MemberCount(), 1u);
  std::string text = doc["text"].GetString();
  EXPECT_EQ(text.rfind("heed: BREACHED first reply for mastodon post #7 by @giulia", 0), 0u);
  EXPECT_NE(text.find("&lt;!channel&gt;"), std::string::npos);  // no channel-wide ping
  EXPECT_EQ(text.find("<!channel>"), std::string::npos);
  EXPECT_NE(text.find("@\u200Bhere"), std::string::npos);
  EXPECT_NE(text.find("&amp; more"), std::string::npos);
}

TEST(WebhookTest, MattermostAddsUsernameAndEscapesMarkdown) {
  FakeHttpTransport http;
  http.SetDefault({200, {}, "ok"});
  ASSERT_TRUE(Channel(http, WebhookFormat::kMattermost, "heed")->Send(Sample()).ok());
  rapidjson::Document doc = Parse(http.requests()[0].body);
  EXPECT_STREQ(doc["username"].GetString(), "heed");
  std::string text = doc["text"].GetString();
  EXPECT_NE(text.find("\\[this\\]\\(http://evil.example\\)"), std::string::npos);
  EXPECT_NE(text.find("@\u200Bhere"), std::string::npos);

  FakeHttpTransport plain;
  plain.SetDefault({200, {}, "ok"});
  ASSERT_TRUE(Channel(plain, WebhookFormat::kMattermost)->Send(Sample()).ok());
  EXPECT_FALSE(Parse(plain.requests()[0].body).HasMember("username"));
}

TEST(WebhookTest, TeamsPostsAMessageCard) {
  FakeHttpTransport http;
  http.SetDefault({200, {}, "1"});
  ASSERT_TRUE(Channel(http, WebhookFormat::kTeams)->Send(Sample()).ok());
  rapidjson::Document doc = Parse(http.requests()[0].body);
  EXPECT_STREQ(doc["@type"].GetString(), "MessageCard");
  EXPECT_STREQ(doc["@context"].GetString(), "https://schema.org/extensions");
  std::string summary = doc["summary"].GetString();
  EXPECT_EQ(summary.rfind("heed: BREACHED first reply", 0), 0u);
  EXPECT_TRUE(doc.HasMember("title"));
  std::string text = doc["text"].GetString();
  EXPECT_NE(text.find("\n\nAuthor: @giulia on mastodon"), std::string::npos);  // paragraphs
}

TEST(WebhookTest, DigestGoesThroughTheSameFormat) {
  FakeHttpTransport http;
  http.SetDefault({200, {}, "ok"});
  Digest d;
  d.local_date = "2026-11-24";
  d.held = {Sample()};
  d.stage_counts = {{"breached", 1}};
  ASSERT_TRUE(Channel(http, WebhookFormat::kSlack)->SendDigest(d).ok());
  std::string text = Parse(http.requests()[0].body)["text"].GetString();
  EXPECT_EQ(text.rfind("heed digest 2026-11-24: 1 held", 0), 0u);
}

TEST(WebhookTest, ErrorsNameTheStatusButNeverTheSecretPath) {
  struct Case {
    int status;
    StatusCode code;
  };
  for (Case c :
       {Case{404, StatusCode::kFailedPrecondition}, Case{403, StatusCode::kFailedPrecondition},
        Case{429, StatusCode::kResourceExhausted}, Case{503, StatusCode::kUnavailable}}) {
    FakeHttpTransport http;
    http.SetDefault({c.status, {{"Retry-After", "30"}}, "no_service\nmore"});
    Status s = Channel(http, WebhookFormat::kSlack)->Send(Sample());
    EXPECT_EQ(s.code(), c.code) << c.status;
    EXPECT_NE(s.message().find("HTTP " + std::to_string(c.status)), std::string::npos);
    EXPECT_NE(s.message().find("https://hooks.example.com"), std::string::npos);
    EXPECT_NE(s.message().find("no_service"), std::string::npos);
    EXPECT_EQ(s.message().find("s3cr3t"), std::string::npos) << s.message();
    EXPECT_EQ(s.message().find("/services"), std::string::npos) << s.message();
    if (c.status == 429) {
      EXPECT_EQ(s.retry_after(), std::chrono::seconds(30));
    }
  }
}

TEST(WebhookTest, TransportFailuresAreScrubbedOfTheUrl) {
  FakeHttpTransport http;
  http.Enqueue("POST", "/services/T000/B000/s3cr3tT0k3n",
               Status::Unavailable(std::string("cannot connect to ") + kSecretUrl));
  Status s = Channel(http, WebhookFormat::kSlack)->Send(Sample());
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_EQ(s.message().find("s3cr3t"), std::string::npos) << s.message();
}

TEST(WebhookTest, RejectsNonHttpUrlsWithoutEchoingThem) {
  FakeHttpTransport http;
  for (const char* url : {"ftp://host/secret", "hooks.example.com/secret", "https:///secret", ""}) {
    WebhookOptions options;
    options.url = url;
    Result<std::unique_ptr<WebhookChannel>> channel = WebhookChannel::Make("w", options, http);
    ASSERT_FALSE(channel.ok()) << url;
    EXPECT_EQ(channel.status().message().find("secret"), std::string::npos)
        << channel.status().message();
  }
  EXPECT_EQ(UrlOrigin("https://user:pw@hooks.example.com:8443/a/b?c"),
            "https://hooks.example.com:8443");
}

TEST(WebhookTest, FormatNamesRoundTrip) {
  for (WebhookFormat f :
       {WebhookFormat::kSlack, WebhookFormat::kMattermost, WebhookFormat::kTeams}) {
    EXPECT_EQ(*ParseWebhookFormat(WebhookFormatName(f)), f);
  }
  EXPECT_NE(ParseWebhookFormat("discord").status().message().find("discord"), std::string::npos);
}

TEST(WebhookLoopbackTest, PostsToARealReceiverThroughTheCpprestTransport) {
  testing::LoopbackHttpServer receiver(200, "ok");
  ASSERT_GT(receiver.port(), 0);
  std::unique_ptr<HttpTransport> http = connectors::MakeCpprestTransport();
  WebhookOptions options;
  options.url = "http://127.0.0.1:" + std::to_string(receiver.port()) + "/hooks/abc123";
  options.format = WebhookFormat::kMattermost;
  options.username = "heed";
  auto channel = std::move(*WebhookChannel::Make("mm", options, *http));
  ASSERT_TRUE(channel->Send(Sample()).ok());
  std::vector<testing::LoopbackHttpServer::Request> got = receiver.WaitForRequests(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].request_line, "POST /hooks/abc123 HTTP/1.1");
  EXPECT_EQ(FindHeader(got[0].headers, "Content-Type").value_or("").find("application/json"), 0u);
  rapidjson::Document doc = Parse(got[0].body);
  EXPECT_STREQ(doc["username"].GetString(), "heed");
  EXPECT_EQ(std::string(doc["text"].GetString()).rfind("heed: BREACHED", 0), 0u);
}

TEST(WebhookLoopbackTest, ReceiverErrorIsReported) {
  testing::LoopbackHttpServer receiver(500, "boom");
  std::unique_ptr<HttpTransport> http = connectors::MakeCpprestTransport();
  WebhookOptions options;
  options.url = "http://127.0.0.1:" + std::to_string(receiver.port()) + "/hooks/secretpath";
  auto channel = std::move(*WebhookChannel::Make("slack", options, *http));
  Status s = channel->Send(Sample());
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_NE(s.message().find("HTTP 500: boom"), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find("secretpath"), std::string::npos);
}

}  // namespace
}  // namespace heed::alerts
