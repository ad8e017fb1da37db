#include "heed/alerts/config.h"

#include <set>

#include "heed/alerts/exec_channel.h"
#include "heed/alerts/mail_message.h"

namespace heed::alerts {
namespace {

std::string_view TypeName(ChannelType type) {
  switch (type) {
    case ChannelType::kWebhook:
      return "webhook";
    case ChannelType::kSmtp:
      return "smtp";
    case ChannelType::kExec:
      return "exec";
  }
  return "webhook";
}

// Keys each channel type accepts (besides type, timeout and time_zone).
const std::set<std::string>& KeysOf(ChannelType type) {
  static const std::set<std::string> kWebhook = {"url_env", "url_file", "format", "username"};
  static const std::set<std::string> kSmtp = {"server",        "from",         "to",
                                              "username",      "username_env", "password_env",
                                              "password_file", "starttls"};
  static const std::set<std::string> kExec = {"command", "pass_env"};
  return type == ChannelType::kWebhook ? kWebhook : type == ChannelType::kSmtp ? kSmtp : kExec;
}

std::vector<std::string> SplitList(const std::string& value) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= value.size()) {
    size_t comma = value.find(',', start);
    std::string item =
        value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

Status SetKey(ChannelSpec& spec, const std::string& key, const std::string& value,
              const std::string& where) {
  auto err = [&](const std::string& why) { return Status::InvalidArgument(where + ": " + why); };
  if (value.empty()) return err("has no value");
  if (key == "timeout") {
    Result<Millis> timeout = ParseTimeout(value);
    if (!timeout.ok()) return timeout.status().WithContext(where);
    spec.timeout = *timeout;
  } else if (key == "time_zone") {
    Result<TimeZone> zone = TimeZone::Make(value);
    if (!zone.ok()) return zone.status().WithContext(where);
    spec.time_zone = zone->id();
  } else if (key == "url_env") {
    spec.url_env = value;
  } else if (key == "url_file") {
    spec.url_file = value;
  } else if (key == "format") {
    Result<WebhookFormat> format = ParseWebhookFormat(value);
    if (!format.ok()) return format.status().WithContext(where);
    spec.format = *format;
  } else if (key == "username") {
    spec.username = value;
  } else if (key == "server") {
    spec.server = value;
  } else if (key == "from") {
    HEED_RETURN_IF_ERROR(ValidateMailAddress(value).WithContext(where));
    spec.from = value;
  } else if (key == "to") {
    spec.to = SplitList(value);
    if (spec.to.empty()) return err("lists no address");
    for (const std::string& to : spec.to) {
      HEED_RETURN_IF_ERROR(ValidateMailAddress(to).WithContext(where));
    }
  } else if (key == "username_env") {
    spec.username_env = value;
  } else if (key == "password_env") {
    spec.password_env = value;
  } else if (key == "password_file") {
    spec.password_file = value;
  } else if (key == "starttls") {
    Result<StartTls> starttls = ParseStartTls(value);
    if (!starttls.ok()) return starttls.status().WithContext(where);
    spec.starttls = *starttls;
  } else if (key == "command") {
    Result<std::vector<std::string>> argv = SplitCommand(value);
    if (!argv.ok()) return argv.status().WithContext(where);
    if ((*argv)[0].empty() || (*argv)[0][0] != '/') {
      return err("the program must be an absolute path");
    }
    spec.command = std::move(*argv);
  } else if (key == "pass_env") {
    spec.pass_env = SplitList(value);
  }
  return Status::Ok();
}

}  // namespace

Result<Millis> ParseTimeout(std::string_view text) {
  size_t digits = 0;
  int64_t n = 0;
  while (digits < text.size() && digits < 9 && text[digits] >= '0' && text[digits] <= '9') {
    n = n * 10 + (text[digits++] - '0');
  }
  std::string_view unit = text.substr(digits);
  int64_t factor = unit == "ms"  ? 1
                   : unit == "s" ? 1000
                   : unit == "m" ? 60000
                   : unit == "h" ? 3600000
                                 : 0;
  if (digits == 0 || factor == 0 || n == 0) {
    return Status::InvalidArgument("\"" + std::string(text) +
                                   "\" is not a positive duration (such as 500ms, 10s, 2m)");
  }
  return Millis(n * factor);
}

Result<ChannelSpec> ParseChannelSpec(std::string name, const ConfigKeys& keys,
                                     const std::string& where) {
  ChannelSpec spec;
  spec.name = std::move(name);
  spec.where = where;
  if (spec.name.empty() || spec.name.find_first_of(" \t\r\n") != std::string::npos) {
    return Status::InvalidArgument(where + ": a channel name must be one word");
  }
  std::optional<std::string> type;
  std::set<std::string> seen;
  for (const auto& [key, value] : keys) {
    if (!seen.insert(key).second) {
      return Status::InvalidArgument(where + "." + key + ": set twice");
    }
    if (key == "type") type = value;
  }
  if (!type) return Status::InvalidArgument(where + ": needs type = webhook, smtp or exec");
  if (*type == "webhook") {
    spec.type = ChannelType::kWebhook;
  } else if (*type == "smtp") {
    spec.type = ChannelType::kSmtp;
  } else if (*type == "exec") {
    spec.type = ChannelType::kExec;
  } else {
    return Status::InvalidArgument(where + ".type: unknown channel type \"" + *type +
                                   "\" (expected webhook, smtp or exec)");
  }

  for (const auto& [key, value] : keys) {
    std::string at = where + "." + key;
    if (key == "type") continue;
    if (key == "url" || key == "password") {
      return Status::InvalidArgument(at + ": secrets are not kept in the config file; use " + key +
                                     "_env or " + key + "_file");
    }
    bool common = key == "timeout" || key == "time_zone";
    if (!common && KeysOf(spec.type).count(key) == 0) {
      bool elsewhere = KeysOf(ChannelType::kWebhook).count(key) ||
                       KeysOf(ChannelType::kSmtp).count(key) ||
                       KeysOf(ChannelType::kExec).count(key);
      return Status::InvalidArgument(
          at + (elsewhere ? ": not a key of " + std::string(TypeName(spec.type)) + " channels"
                          : ": unknown key"));
    }
    HEED_RETURN_IF_ERROR(SetKey(spec, key, value, at));
  }

  auto need = [&](bool present, const char* what) {
    return present ? Status::Ok() : Status::InvalidArgument(where + ": needs " + what);
  };
  switch (spec.type) {
    case ChannelType::kWebhook:
      HEED_RETURN_IF_ERROR(need(spec.url_env.empty() != spec.url_file.empty(),
                                "exactly one of url_env or url_file"));
      if (!spec.username.empty() && spec.format != WebhookFormat::kMattermost) {
        return Status::InvalidArgument(where + ".username: only mattermost webhooks take one");
      }
      break;
    case ChannelType::kSmtp:
      HEED_RETURN_IF_ERROR(need(!spec.server.empty(), "server"));
      HEED_RETURN_IF_ERROR(need(!spec.from.empty(), "from"));
      HEED_RETURN_IF_ERROR(need(!spec.to.empty(), "to"));
      if (!spec.username.empty() && !spec.username_env.empty()) {
        return Status::InvalidArgument(where + ": set username or username_env, not both");
      }
      if (!spec.password_env.empty() && !spec.password_file.empty()) {
        return Status::InvalidArgument(where + ": set password_env or password_file, not both");
      }
      break;
    case ChannelType::kExec:
      HEED_RETURN_IF_ERROR(need(!spec.command.empty(), "command"));
      break;
  }
  return spec;
}

Result<DispatcherOptions> ParseAlertSettings(const ConfigKeys& keys, const std::string& where) {
  DispatcherOptions options;
  std::string quiet;
  std::set<std::string> seen;
  for (const auto& [key, value] : keys) {
    std::string at = where + "." + key;
    if (!seen.insert(key).second) return Status::InvalidArgument(at + ": set twice");
    if (key == "time_zone") {
      Result<TimeZone> zone = TimeZone::Make(value);
      if (!zone.ok()) return zone.status().WithContext(at);
      options.zone = *zone;
    } else if (key == "quiet_hours") {
      quiet = value;
    } else if (key == "digest_at") {
      Result<int> minute = ParseHourMinute(value);
      if (!minute.ok()) return minute.status().WithContext(at);
      options.digest_minute = *minute;
    } else if (key == "urgent_stages") {
      for (const std::string& stage : SplitList(value)) {
        HEED_RETURN_IF_ERROR(ValidateStage(stage).WithContext(at));
        options.urgent_stages.insert(stage);
      }
    } else {
      return Status::InvalidArgument(at +
                                     ": unknown key (expected quiet_hours, time_zone, "
                                     "digest_at or urgent_stages)");
    }
  }
  // After the loop: the window is read in time_zone wherever that key appears.
  if (!quiet.empty() && quiet != "none") {
    Result<QuietHours> hours = QuietHours::Parse(quiet, options.zone);
    if (!hours.ok()) return hours.status().WithContext(where + ".quiet_hours");
    options.quiet_hours = *hours;
  }
  return options;
}

}  // namespace heed::alerts
