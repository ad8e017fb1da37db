#include "heed/app/config.h"

#include <gtest/gtest.h>

#include <map>

namespace heed::app {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

TEST(Config, ParsesConnectorsPolicyAndStore) {
  auto config = ParseConfig(R"(
[store]
path = /tmp/x.db
[policy]
negative = 30m
positive = 1d
[connector.masto]
platform = mastodon
base_url = https://mastodon.example
feed = mentions
token_env = MY_TOKEN
poll_interval = 2m
[connector.tag]
platform = mastodon
base_url = https://mastodon.example
feed = tag:acme
)",
                            "test.conf");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->store_path, "/tmp/x.db");
  EXPECT_EQ(config->policy.negative, minutes(30));
  EXPECT_EQ(config->policy.neutral, hours(4));  // default kept
  ASSERT_TRUE(config->policy.positive.has_value());
  EXPECT_EQ(*config->policy.positive, hours(24));
  ASSERT_EQ(config->connectors.size(), 2u);
  const ConnectorEntry& masto = config->connectors[0];
  EXPECT_EQ(masto.connector.name, "masto");
  EXPECT_EQ(masto.connector.platform, "mastodon");
  EXPECT_EQ(masto.connector.feed, "mentions");
  EXPECT_EQ(masto.token_env, "MY_TOKEN");
  EXPECT_EQ(masto.poll_interval, minutes(2));
  EXPECT_EQ(config->connectors[1].connector.feed, "tag:acme");
}

TEST(Config, EmptyTextIsTheDefaultConfig) {
  auto config = ParseConfig("", "empty.conf");
  ASSERT_TRUE(config.ok());
  EXPECT_TRUE(config->connectors.empty());
  EXPECT_FALSE(config->policy.positive.has_value());
}

TEST(Config, DefaultConfigTextParses) {
  auto config = ParseConfig(DefaultConfigText(), "default");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
}

void ExpectError(const std::string& text, const std::string& needle) {
  auto config = ParseConfig(text, "bad.conf");
  ASSERT_FALSE(config.ok()) << text;
  EXPECT_EQ(config.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(config.status().message().find(needle), std::string::npos) << config.status().message();
  EXPECT_NE(config.status().message().find("bad.conf"), std::string::npos);
}

TEST(Config, ErrorsNameTheKeyAndFile) {
  ExpectError("[policy]\nnegative = soon\n", "policy.negative");
  ExpectError("[policy]\nnegative = none\n", "only allowed for policy.positive");
  ExpectError("[polcy]\nnegative = 1h\n", "polcy.negative");
  ExpectError("[connector.m]\nplatform = mastodon\nfeed = mentions\n", "needs base_url");
  ExpectError("[connector.m]\nplatfrom = mastodon\n", "connector.m.platfrom");
  ExpectError("[connector.m]\ntoken = s3cret\n", "token_env or token_file");
  ExpectError("this is not ini\n", "bad.conf");
}

TEST(Config, SecretsComeFromEnvironmentOrFile) {
  auto config = ParseConfig(
      "[connector.a]\nplatform=mastodon\nbase_url=http://x\nfeed=mentions\ntoken_env=TOK\n", "c");
  ASSERT_TRUE(config.ok());
  std::map<std::string, std::string> env = {{"TOK", "abc123\n"}};
  auto lookup = [&](const std::string& k) -> std::optional<std::string> {
    auto it = env.find(k);
    return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  ASSERT_TRUE(ResolveSecrets(*config, lookup).ok());
  EXPECT_EQ(config->connectors[0].connector.token, "abc123");

  env.clear();
  Status missing = ResolveSecrets(*config, lookup);
  EXPECT_EQ(missing.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(missing.message().find("TOK"), std::string::npos);

  config->connectors[0].token_env.clear();
  config->connectors[0].token_file = "/nonexistent/heed/token";
  Status unreadable = ResolveSecrets(*config, lookup);
  EXPECT_EQ(unreadable.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(unreadable.message().find("/nonexistent/heed/token"), std::string::npos);
}

}  // namespace
}  // namespace heed::app
