// MakeChannel: from a parsed ChannelSpec to a live channel, resolving secrets on the way.
#include <fstream>
#include <sstream>

#include "heed/alerts/config.h"
#include "heed/alerts/exec_channel.h"

namespace heed::alerts {
namespace {

std::string TrimTrailing(std::string s) {
  s.erase(s.find_last_not_of(" \t\r\n") + 1);
  return s;
}

// The value of env variable `var` or the content of `file` (whichever is named). Errors name
// the variable or file, never the value.
Result<std::string> ReadSecret(const ChannelSpec& spec, const std::string& var,
                               const std::string& file, const EnvLookup& env, const char* what) {
  if (!var.empty()) {
    std::optional<std::string> value = env ? env(var) : std::nullopt;
    if (!value || TrimTrailing(*value).empty()) {
      return Status::FailedPrecondition(spec.where + ": environment variable " + var + " (" + what +
                                        ") is not set");
    }
    return TrimTrailing(*value);
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return Status::FailedPrecondition(spec.where + ": cannot read " + what + " file " + file);
  }
  std::ostringstream text;
  text << in.rdbuf();
  std::string value = TrimTrailing(text.str());
  if (value.empty()) {
    return Status::FailedPrecondition(spec.where + ": " + what + " file " + file + " is empty");
  }
  return value;
}

}  // namespace

Result<std::unique_ptr<AlertChannel>> MakeChannel(const ChannelSpec& spec, HttpTransport& transport,
                                                  EnvLookup env) {
  TimeZone zone = TimeZone::Utc();
  if (!spec.time_zone.empty()) {
    Result<TimeZone> parsed = TimeZone::Make(spec.time_zone);
    if (!parsed.ok()) return parsed.status().WithContext(spec.where);
    zone = *parsed;
  }
  switch (spec.type) {
    case ChannelType::kWebhook: {
      WebhookOptions options;
      HEED_ASSIGN_OR_RETURN(options.url,
                            ReadSecret(spec, spec.url_env, spec.url_file, env, "webhook URL"));
      options.format = spec.format;
      options.username = spec.username;
      options.timeout = spec.timeout.value_or(Millis(10000));
      options.zone = zone;
      HEED_ASSIGN_OR_RETURN(auto channel,
                            WebhookChannel::Make(spec.name, std::move(options), transport));
      return std::unique_ptr<AlertChannel>(std::move(channel));
    }
    case ChannelType::kSmtp: {
      SmtpOptions options;
      options.server = spec.server;
      options.from = spec.from;
      options.to = spec.to;
      options.username = spec.username;
      if (!spec.username_env.empty()) {
        HEED_ASSIGN_OR_RETURN(options.username,
                              ReadSecret(spec, spec.username_env, "", env, "SMTP username"));
      }
      if (!spec.password_env.empty() || !spec.password_file.empty()) {
        HEED_ASSIGN_OR_RETURN(
            options.password,
            ReadSecret(spec, spec.password_env, spec.password_file, env, "SMTP password"));
      }
      options.starttls = spec.starttls.value_or(StartTls::kTry);
      options.timeout = spec.timeout.value_or(Millis(30000));
      options.zone = zone;
      HEED_ASSIGN_OR_RETURN(auto channel, SmtpChannel::Make(spec.name, std::move(options)));
      return std::unique_ptr<AlertChannel>(std::move(channel));
    }
    case ChannelType::kExec: {
      ExecOptions options;
      options.argv = spec.command;
      bool has_path = false;
      for (const std::string& var : spec.pass_env) {
        std::optional<std::string> value = env ? env(var) : std::nullopt;
        if (!value) continue;
        has_path = has_path || var == "PATH";
        options.env.push_back(var + "=" + *value);
      }
      if (!has_path) options.env.push_back("PATH=/usr/local/bin:/usr/bin:/bin");
      options.timeout = spec.timeout.value_or(Millis(10000));
      options.zone = zone;
      HEED_ASSIGN_OR_RETURN(auto channel, ExecChannel::Make(spec.name, std::move(options)));
      return std::unique_ptr<AlertChannel>(std::move(channel));
    }
  }
  return Status::Internal(spec.where + ": unhandled channel type");
}

}  // namespace heed::alerts
