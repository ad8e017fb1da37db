// MakeConnector: platform/feed/base URL validation and the retrying wrapper.
#include <gtest/gtest.h>

#include "heed/connectors/connector.h"
#include "heed/testing/fake_http.h"

namespace heed::connectors {
namespace {

using heed::testing::FakeHttpTransport;

ConnectorConfig Config() {
  ConnectorConfig c;
  c.name = "m";
  c.platform = "mastodon";
  c.base_url = "http://127.0.0.1:8080/";
  c.feed = "mentions";
  c.token = "tok";
  return c;
}

class FactoryTest : public ::testing::Test {
 protected:
  FakeHttpTransport fake_;
  SimulatedClock clock_{*ParseIso8601("2026-08-01T14:00:00Z")};
};

TEST_F(FactoryTest, UnknownPlatformNamesItAndListsSupported) {
  ConnectorConfig c = Config();
  c.platform = "myspace";
  auto r = MakeConnector(c, fake_, clock_);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("myspace"), std::string::npos);
  EXPECT_NE(r.status().message().find("mastodon"), std::string::npos);
}

TEST_F(FactoryTest, BadFeedAndBaseUrl) {
  ConnectorConfig c = Config();
  c.feed = "timeline:home";
  auto bad_feed = MakeConnector(c, fake_, clock_);
  EXPECT_EQ(bad_feed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad_feed.status().message().find("timeline:home"), std::string::npos);
  c = Config();
  c.base_url = "127.0.0.1:8080";
  EXPECT_EQ(MakeConnector(c, fake_, clock_).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(FactoryTest, MastodonIsWrappedWithRetriesAndNormalisesBaseUrl) {
  fake_.Enqueue("GET", "/api/v1/notifications", HttpResponse{503, {}, ""});
  fake_.Enqueue("GET", "/api/v1/notifications", HttpResponse{200, {}, "[]"});
  auto connector = MakeConnector(Config(), fake_, clock_);
  ASSERT_TRUE(connector.ok()) << connector.status().ToString();
  EXPECT_EQ((*connector)->platform(), "mastodon");
  auto page = (*connector)->FetchPage("");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_TRUE(requests[0].url.starts_with("http://127.0.0.1:8080/api/v1/notifications?"))
      << requests[0].url;
}

}  // namespace
}  // namespace heed::connectors
