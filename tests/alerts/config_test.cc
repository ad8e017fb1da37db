// [alert.NAME] and [alerts] parsing, and MakeChannel's secret resolution.
#include "heed/alerts/config.h"

#include <gtest/gtest.h>

#include <map>

#include "heed/testing/fake_http.h"
#include "test_support.h"

namespace heed::alerts {
namespace {

const std::string kWhere = "heed.conf: alert.ops";

EnvLookup FakeEnv(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(ChannelSpecTest, ParsesTheThreeChannelTypes) {
  ChannelSpec webhook = *ParseChannelSpec(
      "ops-slack", {{"type", "webhook"}, {"url_env", "HEED_SLACK_WEBHOOK"}, {"format", "teams"}},
      kWhere);
  EXPECT_EQ(webhook.type, ChannelType::kWebhook);
  EXPECT_EQ(webhook.url_env, "HEED_SLACK_WEBHOOK");
  EXPECT_EQ(webhook.format, WebhookFormat::kTeams);

  ChannelSpec mail = *ParseChannelSpec("mail",
                                       {{"type", "smtp"},
                                        {"server", "smtp://127.0.0.1:2525"},
                                        {"from", "heed@example.com"},
                                        {"to", "care@example.com, lead@example.com"},
                                        {"username_env", "HEED_SMTP_USER"},
                                        {"password_file", "/etc/heed/smtp.pw"},
                                        {"starttls", "required"},
                                        {"timeout", "20s"}},
                                       kWhere);
  EXPECT_EQ(mail.to, (std::vector<std::string>{"care@example.com", "lead@example.com"}));
  EXPECT_EQ(mail.starttls, StartTls::kRequired);
  EXPECT_EQ(mail.timeout, Millis(20000));

  ChannelSpec hook = *ParseChannelSpec(
      "hook", {{"type", "exec"}, {"command", "/usr/local/bin/page-oncall --team care"}}, kWhere);
  EXPECT_EQ(hook.command,
            (std::vector<std::string>{"/usr/local/bin/page-oncall", "--team", "care"}));
}

TEST(ChannelSpecTest, StrictAboutKeysTypesAndSecrets) {
  struct Case {
    ConfigKeys keys;
    std::string expected;
  };
  std::vector<Case> cases = {
      {{{"url_env", "X"}}, "needs type"},
      {{{"type", "pager"}}, "alert.ops.type: unknown channel type \"pager\""},
      {{{"type", "webhook"}, {"url_env", "X"}, {"colour", "red"}}, "alert.ops.colour: unknown key"},
      {{{"type", "webhook"}, {"url_env", "X"}, {"server", "smtp://h"}},
       "alert.ops.server: not a key of webhook channels"},
      {{{"type", "webhook"}, {"url", "https://hooks.slack.com/x"}},
       "secrets are not kept in the config file; use url_env or url_file"},
      {{{"type", "smtp"}, {"password", "hunter2"}}, "use password_env or password_file"},
      {{{"type", "webhook"}}, "exactly one of url_env or url_file"},
      {{{"type", "webhook"}, {"url_env", "X"}, {"url_file", "/f"}}, "exactly one"},
      {{{"type", "webhook"}, {"url_env", "X"}, {"format", "discord"}}, "alert.ops.format"},
      {{{"type", "webhook"}, {"url_env", "X"}, {"username", "heed"}}, "only mattermost"},
      {{{"type", "webhook"}, {"url_env", "X"}, {"url_env", "Y"}}, "alert.ops.url_env: set twice"},
      {{{"type", "webhook"}, {"url_env", "X"}, {"timeout", "soon"}}, "alert.ops.timeout"},
      {{{"type", "webhook"}, {"url_env", "X"}, {"time_zone", "Mars/Base"}}, "Mars/Base"},
      {{{"type", "smtp"}, {"from", "heed@example.com"}, {"to", "a@example.com"}}, "needs server"},
      {{{"type", "smtp"}, {"server", "smtp://h"}, {"from", "not-an-address"}}, "alert.ops.from"},
      {{{"type", "smtp"}, {"server", "smtp://h"}, {"from", "a@b.c"}, {"to", " , "}},
       "alert.ops.to: lists no address"},
      {{{"type", "smtp"}, {"server", "smtp://h"}, {"starttls", "maybe"}}, "alert.ops.starttls"},
      {{{"type", "exec"}}, "needs command"},
      {{{"type", "exec"}, {"command", "page-oncall"}}, "absolute path"},
      {{{"type", "exec"}, {"command", "/bin/x 'open"}}, "unterminated"},
      {{{"type", "exec"}, {"command", ""}}, "alert.ops.command: has no value"},
  };
  for (const Case& c : cases) {
    Result<ChannelSpec> spec = ParseChannelSpec("ops", c.keys, kWhere);
    ASSERT_FALSE(spec.ok()) << c.expected;
    EXPECT_EQ(spec.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(spec.status().message().find(c.expected), std::string::npos)
        << spec.status().message();
    EXPECT_EQ(spec.status().message().find("hunter2"), std::string::npos);
  }
}

TEST(AlertSettingsTest, ParsesQuietHoursZoneDigestAndUrgentStages) {
  DispatcherOptions o = *ParseAlertSettings({{"quiet_hours", "22:00-07:00"},
                                             {"time_zone", "Europe/Rome"},
                                             {"digest_at", "08:30"},
                                             {"urgent_stages", "breached, escalated"}},
                                            "heed.conf: alerts");
  EXPECT_EQ(o.zone.id(), "Europe/Rome");
  ASSERT_TRUE(o.quiet_hours.has_value());
  EXPECT_EQ(o.quiet_hours->zone().id(), "Europe/Rome");  // read in time_zone, whatever the order
  EXPECT_EQ(o.quiet_hours->start_minute(), 22 * 60);
  EXPECT_EQ(o.digest_minute, 8 * 60 + 30);
  EXPECT_EQ(o.urgent_stages, (std::set<std::string>{"breached", "escalated"}));

  DispatcherOptions defaults = *ParseAlertSettings({}, "heed.conf: alerts");
  EXPECT_EQ(defaults.zone.id(), "UTC");
  EXPECT_FALSE(defaults.quiet_hours.has_value());
  EXPECT_FALSE(defaults.digest_minute.has_value());

  for (auto [keys, expected] : std::vector<std::pair<ConfigKeys, std::string>>{
           {{{"quiet_hours", "22-7"}}, "alerts.quiet_hours"},
           {{{"digest_at", "8.30"}}, "alerts.digest_at"},
           {{{"urgent_stages", "breached, panic"}}, "alerts.urgent_stages: unknown alert stage"},
           {{{"time_zone", "Rome"}}, "alerts.time_zone"},
           {{{"quiet", "22:00-07:00"}}, "alerts.quiet: unknown key"}}) {
    Result<DispatcherOptions> bad = ParseAlertSettings(keys, "heed.conf: alerts");
    ASSERT_FALSE(bad.ok()) << expected;
    EXPECT_NE(bad.status().message().find(expected), std::string::npos) << bad.status().message();
  }
}

TEST(MakeChannelTest, ResolvesSecretsFromEnvironmentAndFiles) {
  heed::testing::FakeHttpTransport http;
  http.SetDefault({200, {}, "ok"});
  ChannelSpec spec =
      *ParseChannelSpec("ops", {{"type", "webhook"}, {"url_env", "HEED_SLACK_WEBHOOK"}}, kWhere);
  auto channel = MakeChannel(
      spec, http, FakeEnv({{"HEED_SLACK_WEBHOOK", "https://hooks.example.com/T/B/s3cr3t\n"}}));
  ASSERT_TRUE(channel.ok()) << channel.status().ToString();
  EXPECT_EQ((*channel)->name(), "ops");
  Alert a;
  a.mention_id = 1;
  a.stage = "breached";
  a.target = "first_reply";
  ASSERT_TRUE((*channel)->Send(a).ok());
  EXPECT_EQ(http.requests()[0].url, "https://hooks.example.com/T/B/s3cr3t");  // trimmed

  Result<std::unique_ptr<AlertChannel>> missing = MakeChannel(spec, http, FakeEnv({}));
  EXPECT_EQ(missing.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(missing.status().message().find("HEED_SLACK_WEBHOOK"), std::string::npos);

  testing::TempDir dir;
  testing::WriteFile(dir.File("pw"), "hunter2\n");
  ChannelSpec mail = *ParseChannelSpec("mail",
                                       {{"type", "smtp"},
                                        {"server", "smtps://mail.example.com"},
                                        {"from", "heed@example.com"},
                                        {"to", "care@example.com"},
                                        {"username", "heed"},
                                        {"password_file", dir.File("pw")}},
                                       kWhere);
  EXPECT_TRUE(MakeChannel(mail, http, FakeEnv({})).ok());
  mail.password_file = dir.File("absent");
  Result<std::unique_ptr<AlertChannel>> unreadable = MakeChannel(mail, http, FakeEnv({}));
  EXPECT_NE(unreadable.status().message().find("cannot read SMTP password file"),
            std::string::npos);
  // Credentials over plain smtp:// to a remote host are refused before anything is sent.
  mail.password_file = dir.File("pw");
  mail.server = "smtp://mail.example.com";
  Result<std::unique_ptr<AlertChannel>> clear = MakeChannel(mail, http, FakeEnv({}));
  EXPECT_NE(clear.status().message().find("unencrypted"), std::string::npos);
  EXPECT_EQ(clear.status().message().find("hunter2"), std::string::npos);
}

TEST(MakeChannelTest, ExecHooksGetOnlyTheAllowedEnvironment) {
  testing::TempDir dir;
  std::string script = dir.File("env.sh");
  testing::WriteFile(script, "#!/bin/sh\nenv > '" + dir.File("env.txt") + "'\n", true);
  heed::testing::FakeHttpTransport http;
  ChannelSpec spec = *ParseChannelSpec(
      "hook", {{"type", "exec"}, {"command", script}, {"pass_env", "LANG, HEED_TEAM"}}, kWhere);
  auto channel = MakeChannel(spec, http,
                             FakeEnv({{"LANG", "it_IT.UTF-8"},
                                      {"HEED_TEAM", "care"},
                                      {"HEED_SLACK_WEBHOOK", "https://secret"}}));
  ASSERT_TRUE(channel.ok());
  Alert a;
  a.mention_id = 1;
  a.stage = "breached";
  a.target = "first_reply";
  ASSERT_TRUE((*channel)->Send(a).ok());
  std::string env = testing::ReadFile(dir.File("env.txt"));
  EXPECT_NE(env.find("LANG=it_IT.UTF-8"), std::string::npos);
  EXPECT_NE(env.find("HEED_TEAM=care"), std::string::npos);
  EXPECT_NE(env.find("PATH=/usr/local/bin:/usr/bin:/bin"), std::string::npos);  // default PATH
  EXPECT_EQ(env.find("secret"), std::string::npos);
}

TEST(ParseTimeoutTest, AcceptsUnitsAndRejectsTheRest) {
  EXPECT_EQ(*ParseTimeout("500ms"), Millis(500));
  EXPECT_EQ(*ParseTimeout("10s"), Millis(10000));
  EXPECT_EQ(*ParseTimeout("2m"), Millis(120000));
  for (const char* bad : {"", "0s", "10", "s", "1.5s", "-1s", "10 s"}) {
    EXPECT_FALSE(ParseTimeout(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace heed::alerts
