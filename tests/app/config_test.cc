#include "heed/app/config.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
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

// SLA policies and business hours.

constexpr const char* kHolidays =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
    "BEGIN:VEVENT\r\nSUMMARY:Immacolata\r\nDTSTART;VALUE=DATE:20201208\r\n"
    "RRULE:FREQ=YEARLY\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nSUMMARY:Natale e Santo Stefano\r\nDTSTART;VALUE=DATE:20201225\r\n"
    "DTEND;VALUE=DATE:20201227\r\nRRULE:FREQ=YEARLY\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n";

constexpr const char* kSlaConfig = R"(
[policy]
negative = 30m
[calendar.office]
time_zone = Europe/Rome
hours = mon-fri 09:00-13:00 14:00-18:00; sat 09:00-12:00
holidays = holidays-it.ics        # relative to the config file's directory
[sla]
name = support
warning = 50%, 80%
escalate = 200%
[sla.rule.reviews-low-stars]
platform = trustpilot, google_play
label = negative
urgency = refund, legal
max_rating = 2
min_reach = 10000
first_reply = 4h
resolution = 3d
calendar = office
[sla.rule.angry]
label = negative
first_reply = 1h
[sla.rule.praise]
label = positive
first_reply = none
)";

// A fresh directory holding holidays-it.ics; removed at the end of the test.
class SlaConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = (std::filesystem::temp_directory_path() / "heed-config-XXXXXX").string();
    ASSERT_NE(::mkdtemp(dir_.data()), nullptr);
    Write("holidays-it.ics", kHolidays);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ + "/" + name, std::ios::binary) << text;
  }
  Result<Config> Parse(const std::string& text) {
    return ParseConfig(text, "sla.conf", ConfigContext{.base_dir = dir_, .reference_year = 2026});
  }
  std::string dir_;
};

TEST_F(SlaConfigTest, ParsesCalendarsStagesAndRulesInFileOrder) {
  auto config = Parse(kSlaConfig);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  ASSERT_EQ(config->calendars.size(), 1u);
  const responder::BusinessCalendar& office = config->calendars.at("office");
  EXPECT_EQ(office.time_zone(), "Europe/Rome");
  EXPECT_EQ(office.HoursText(), "mon-fri 09:00-13:00 14:00-18:00; sat 09:00-12:00");
  // Three days a year, expanded for 2025 (reference year - 1) to 2031 (+ 5).
  ASSERT_EQ(office.holidays().size(), 21u);
  EXPECT_EQ(office.holidays().front(), std::chrono::year(2025) / 12 / 8);
  EXPECT_EQ(office.holidays().back(), std::chrono::year(2031) / 12 / 26);

  EXPECT_TRUE(config->sla_configured);
  const responder::SlaPolicy& sla = config->sla;
  EXPECT_EQ(sla.name, "support");
  EXPECT_EQ(sla.stages.warning_percent, (std::vector<int>{50, 80}));
  EXPECT_EQ(sla.stages.escalate_percent, 200);
  ASSERT_EQ(sla.rules.size(), 3u);  // file order, not name order
  const responder::SlaRule& low = sla.rules[0];
  EXPECT_EQ(low.name, "reviews-low-stars");
  EXPECT_EQ(low.platforms, (std::vector<std::string>{"trustpilot", "google_play"}));
  EXPECT_EQ(low.labels, std::vector<std::string>{"negative"});
  EXPECT_EQ(low.urgency_any, (std::vector<std::string>{"refund", "legal"}));
  EXPECT_EQ(low.max_rating, 2);
  EXPECT_EQ(low.min_reach, 10000);
  EXPECT_EQ(low.first_reply, hours(4));
  EXPECT_EQ(low.resolution, hours(72));
  EXPECT_EQ(low.calendar, "office");
  EXPECT_EQ(sla.rules[1].name, "angry");
  EXPECT_EQ(sla.rules[2].name, "praise");
  EXPECT_FALSE(sla.rules[2].first_reply.has_value());

  // First match wins: a one-star refund review from a big account gets the specific rule.
  responder::SlaFacts review{"trustpilot", "negative", "refund", 1, 50'000};
  EXPECT_EQ(responder::MatchRule(sla, review)->name, "reviews-low-stars");
  responder::SlaFacts toot{"mastodon", "negative", "", std::nullopt, std::nullopt};
  EXPECT_EQ(responder::MatchRule(sla, toot)->name, "angry");
  EXPECT_EQ(responder::MatchRule(sla, {"mastodon", "neutral", "", {}, {}}), nullptr);
}

TEST_F(SlaConfigTest, WithoutRulesTheLegacyPolicyApplies) {
  auto config = Parse("[policy]\nnegative = 30m\n[sla]\nwarning = 75%\n");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_FALSE(config->sla_configured);
  responder::SlaPolicy legacy = responder::PolicyFromLegacy(config->policy);
  ASSERT_EQ(config->sla.rules.size(), legacy.rules.size());
  EXPECT_EQ(config->sla.rules[0].first_reply, minutes(30));
  EXPECT_EQ(config->sla.stages.warning_percent, std::vector<int>{75});  // [sla] still applies
  legacy.stages = config->sla.stages;
  EXPECT_EQ(config->sla.Canonical(), legacy.Canonical());
  EXPECT_TRUE(config->calendars.empty());
}

TEST_F(SlaConfigTest, VersionTextIgnoresCommentsAndLayoutButNotBudgets) {
  auto base = Parse(kSlaConfig);
  ASSERT_TRUE(base.ok()) << base.status().ToString();
  std::string relaid = kSlaConfig;
  relaid.replace(relaid.find("first_reply = 4h"), 16, "first_reply=4h   # four hours\n# note");
  relaid.replace(relaid.find("platform = trustpilot, google_play"), 34,
                 "platform =   google_play,trustpilot");
  auto same = Parse("# a comment\n\n" + relaid);
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_EQ(same->sla.Canonical(same->calendars), base->sla.Canonical(base->calendars));

  std::string changed = kSlaConfig;
  changed.replace(changed.find("first_reply = 1h"), 16, "first_reply = 2h");
  auto other = Parse(changed);
  ASSERT_TRUE(other.ok());
  EXPECT_NE(other->sla.Canonical(), base->sla.Canonical());
  // A calendar's holidays are part of the version too.
  Write("holidays-it.ics", "BEGIN:VCALENDAR\nEND:VCALENDAR\n");
  auto fewer_holidays = Parse(kSlaConfig);
  ASSERT_TRUE(fewer_holidays.ok());
  EXPECT_EQ(fewer_holidays->sla.Canonical(), base->sla.Canonical());
  EXPECT_NE(fewer_holidays->sla.Canonical(fewer_holidays->calendars),
            base->sla.Canonical(base->calendars));
}

TEST_F(SlaConfigTest, LoadConfigFileResolvesHolidaysNextToTheFile) {
  Write("heed.conf",
        "[calendar.office]\ntime_zone = Europe/Rome\nhours = 24x7\n"
        "holidays = holidays-it.ics\n");
  auto config = LoadConfigFile(dir_ + "/heed.conf");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->calendars.at("office").holidays().size(), 21u);  // 3 a year, 7 years
}

TEST_F(SlaConfigTest, ErrorsNameTheFileAndKey) {
  auto expect_error = [&](const std::string& text, const std::string& needle) {
    auto config = Parse(text);
    ASSERT_FALSE(config.ok()) << text;
    EXPECT_EQ(config.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(config.status().message().find(needle), std::string::npos)
        << config.status().message();
    EXPECT_NE(config.status().message().find("sla.conf"), std::string::npos);
  };
  const std::string office = "[calendar.office]\ntime_zone = Europe/Rome\nhours = 24x7\n";
  expect_error("[calendar.office]\ntimezone = Europe/Rome\n", "calendar.office.timezone");
  expect_error("[calendar.office]\nhours = 24x7\n", "calendar.office needs time_zone");
  expect_error("[calendar.office]\ntime_zone = Mars/Base\nhours = 24x7\n",
               "calendar.office.time_zone: time zone \"Mars/Base\"");
  expect_error("[calendar.office]\ntime_zone = UTC\nhours = mon 18:00-09:00\n",
               "calendar.office.hours: hours \"mon 18:00-09:00\"");
  expect_error(office + "holidays = missing.ics\n", "calendar.office.holidays: cannot read");
  Write("bad.ics", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:2026-12-25\nEND:VEVENT\n");
  expect_error(office + "holidays = bad.ics\n",
               "calendar.office.holidays: " + dir_ + "/bad.ics: line 3");
  expect_error("[sla]\nwarnings = 50%\n", "sla.warnings: unknown sla key");
  expect_error("[sla]\nwarning = 80%, 50%\n", "sla.warning: \"50%\" is not a percentage");
  expect_error("[sla]\nwarning = half\n", "sla.warning");
  expect_error("[sla]\nescalate = 90%\n", "sla.escalate: \"90%\" is not a percentage above 100%");
  expect_error("[sla.rule.r]\nfirst_reply = soon\n", "sla.rule.r.first_reply");
  expect_error("[sla.rule.r]\nfirst_repy = 1h\n", "sla.rule.r.first_repy: unknown rule key");
  expect_error("[sla.rule.r]\nlabel = angry\n", "\"angry\" is not a label");
  expect_error("[sla.rule.r]\nmax_rating = 6\n", "sla.rule.r.max_rating");
  expect_error("[sla.rule.r]\nmin_reach = many\n", "sla.rule.r.min_reach");
  expect_error("[sla.rule.r]\ncalendar = office\n", "sla.rule.r.calendar: no [calendar.office]");
  expect_error("[slas]\nname = x\n", "slas.name: unknown key");
}

}  // namespace
}  // namespace heed::app

namespace heed::app {
namespace {

TEST(Config, ResponderAlertsAndAutoAcknowledgement) {
  auto config = ParseConfig(R"(
[calendar.office]
time_zone = Europe/Rome
hours = mon-fri 09:00-18:00

[responder]
require_approval = negative
templates = replies.templates

[connector.m]
platform = mastodon
base_url = http://127.0.0.1:1
feed = mentions
auto_ack = true
auto_ack_calendar = office

[alerts]
time_zone = Europe/Rome
quiet_hours = 22:00-07:00

[alert.ops]
type = webhook
url_env = HEED_TEST_WEBHOOK
)",
                            "heed.conf", ConfigContext{.base_dir = "/etc/heed"});
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->responder.require_approval, "negative");
  EXPECT_EQ(config->responder.templates_file, "/etc/heed/replies.templates");
  ASSERT_EQ(config->connectors.size(), 1u);
  EXPECT_TRUE(config->connectors[0].auto_ack);
  EXPECT_EQ(config->connectors[0].auto_ack_template, "auto_acknowledgement");
  EXPECT_EQ(config->connectors[0].auto_ack_calendar, "office");
  ASSERT_EQ(config->alert_channels.size(), 1u);
  EXPECT_EQ(config->alert_channels[0].name, "ops");
  EXPECT_EQ(config->alert_channels[0].time_zone, "Europe/Rome");
  EXPECT_TRUE(config->alert_settings.quiet_hours.has_value());

  for (const char* bad :
       {"[responder]\nrequire_approval = sometimes\n", "[alert.x]\ntype = pigeon\n",
        "[connector.m]\nplatform = mastodon\nbase_url = u\nfeed = f\n"
        "auto_ack = yes\n",
        "[connector.m]\nplatform = mastodon\nbase_url = u\nfeed = f\n"
        "auto_ack_calendar = nowhere\n"}) {
    auto parsed = ParseConfig(bad, "bad.conf");
    EXPECT_FALSE(parsed.ok()) << bad;
    EXPECT_NE(parsed.status().message().find("bad.conf"), std::string::npos)
        << parsed.status().message();
  }
}

}  // namespace
}  // namespace heed::app
