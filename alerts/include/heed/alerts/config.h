// Alert configuration: the [alert.NAME] channel sections and the [alerts] section of heed.conf
// (format and examples in docs/ALERTS.md). The app's config parser hands each section's
// KEY = VALUE pairs here; parsing is strict (unknown keys, keys of another channel type, bad
// values and missing keys are errors naming the key and `where`).
//
// Secrets (the webhook URL, the SMTP password) are never read from the config: a section names
// an environment variable or a file, resolved by MakeChannel. Errors never contain a secret.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "heed/alerts/channel.h"
#include "heed/alerts/dispatcher.h"
#include "heed/alerts/smtp_channel.h"
#include "heed/alerts/webhook_channel.h"
#include "heed/core/http.h"

namespace heed::alerts {

using ConfigKeys = std::vector<std::pair<std::string, std::string>>;
// Same shape as heed::app::EnvLookup: the value of an environment variable, if set.
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

enum class ChannelType { kWebhook, kSmtp, kExec };

struct ChannelSpec {
  std::string name;   // NAME of [alert.NAME]
  std::string where;  // "heed.conf: alert.NAME", the prefix of errors
  ChannelType type = ChannelType::kWebhook;
  std::optional<Millis> timeout;  // `timeout`; default 10s (webhook, exec) or 30s (smtp)
  std::string time_zone;          // `time_zone` for times in messages; empty: the caller's
                                  // [alerts] time_zone should be filled in, else UTC
  // webhook
  std::string url_env;
  std::string url_file;
  WebhookFormat format = WebhookFormat::kSlack;
  std::string username;  // webhook (mattermost) display name, or SMTP login
  // smtp
  std::string server;
  std::string from;
  std::vector<std::string> to;
  std::string username_env;
  std::string password_env;
  std::string password_file;
  std::optional<StartTls> starttls;  // default: try
  // exec
  std::vector<std::string> command;
  std::vector<std::string> pass_env = {"PATH", "HOME", "LANG", "LC_ALL", "TZ"};
};

// Parses one [alert.NAME] section. keys are the section's KEY = VALUE pairs (values trimmed).
Result<ChannelSpec> ParseChannelSpec(std::string name, const ConfigKeys& keys,
                                     const std::string& where);

// Parses the [alerts] section: quiet_hours, time_zone, digest_at, urgent_stages (all optional).
Result<DispatcherOptions> ParseAlertSettings(const ConfigKeys& keys, const std::string& where);

// Builds the channel, resolving secrets through env (and files). kFailedPrecondition naming the
// variable or file when a secret is unavailable; the channel's own validation errors otherwise.
// transport must outlive a webhook channel.
Result<std::unique_ptr<AlertChannel>> MakeChannel(const ChannelSpec& spec, HttpTransport& transport,
                                                  EnvLookup env);

// "500ms", "10s", "2m", "1h" -> a positive duration; kInvalidArgument otherwise.
Result<Millis> ParseTimeout(std::string_view text);

}  // namespace heed::alerts
