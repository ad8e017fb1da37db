#include "heed/app/config.h"

#include <sys/stat.h>

#include <algorithm>
#include <boost/program_options/errors.hpp>
#include <boost/program_options/options_description.hpp>
#include <boost/program_options/parsers.hpp>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "config_parse.h"
#include "heed/core/text.h"
#include "heed/responder/ical.h"

namespace heed::app {
namespace po = boost::program_options;
using namespace internal;  // the parsing helpers of config_parse.h
namespace {

Status SetPolicyKey(responder::DeadlinePolicy& policy, const std::string& key,
                    const std::string& value, const std::string& where) {
  Result<std::optional<Millis>> budget = responder::ParseBudget(value);
  if (!budget.ok()) return budget.status().WithContext(where);
  auto require = [&](Millis* slot) {
    if (!budget->has_value()) {
      return Status::InvalidArgument(where + ": \"none\" is only allowed for policy.positive");
    }
    *slot = **budget;
    return Status::Ok();
  };
  if (key == "negative") return require(&policy.negative);
  if (key == "question") return require(&policy.question);
  if (key == "neutral") return require(&policy.neutral);
  if (key == "positive") {
    policy.positive = *budget;
    return Status::Ok();
  }
  return Status::InvalidArgument(where +
                                 ": unknown policy key (expected negative, question, "
                                 "neutral or positive)");
}

Status SetConnectorKey(ConnectorEntry& entry, const std::string& key, const std::string& value,
                       const std::string& where) {
  connectors::ConnectorConfig& c = entry.connector;
  if (key == "platform") {
    c.platform = value;
  } else if (key == "base_url") {
    c.base_url = value;
  } else if (key == "feed") {
    c.feed = value;
  } else if (key == "account") {
    c.account = value;
  } else if (key == "token_env") {
    entry.token_env = value;
  } else if (key == "token_file") {
    entry.token_file = value;
  } else if (key == "token") {
    return Status::InvalidArgument(where +
                                   ": tokens are not kept in the config file; use "
                                   "token_env or token_file");
  } else if (key == "page_limit") {
    try {
      c.page_limit = std::stoi(value);
    } catch (const std::exception&) {
      c.page_limit = 0;
    }
    if (c.page_limit < 1 || c.page_limit > 1000) {
      return Status::InvalidArgument(where + ": page_limit must be a number from 1 to 1000");
    }
  } else if (key == "poll_interval") {
    Result<std::optional<Millis>> interval = responder::ParseBudget(value);
    if (!interval.ok() || !interval->has_value()) {
      return Status::InvalidArgument(where + ": poll_interval must be a duration such as 5m");
    }
    entry.poll_interval = **interval;
  } else if (key == "sla_policy") {
    if (value != "default") {
      return Status::InvalidArgument(where + ": only the \"default\" SLA policy exists so far");
    }
  } else if (key == "auto_ack") {
    if (value != "true" && value != "false") {
      return Status::InvalidArgument(where + ": auto_ack must be true or false");
    }
    entry.auto_ack = value == "true";
  } else if (key == "auto_ack_template") {
    if (value.empty()) return Status::InvalidArgument(where + ": name a template");
    entry.auto_ack_template = value;
  } else if (key == "auto_ack_calendar") {
    entry.auto_ack_calendar = value;
  } else {
    return Status::InvalidArgument(where + ": unknown connector key");
  }
  return Status::Ok();
}

}  // namespace

Result<Config> ParseConfig(const std::string& text, const std::string& source,
                           const ConfigContext& context) {
  std::istringstream in(text);
  po::parsed_options parsed(nullptr);
  try {
    po::options_description none;
    parsed = po::parse_config_file(in, none, /*allow_unregistered=*/true);
  } catch (const po::invalid_config_file_syntax& e) {
    // Not e.what(): Boost substitutes the line into "%invalid_line%" until none is left, so a
    // line containing that token never terminates. The line is untrusted: make it printable.
    return Status::InvalidArgument(source + ": invalid line '" + ForTerminal(e.tokens()) + "'");
  } catch (const std::exception& e) {
    return Status::InvalidArgument(source + ": " + e.what());
  }

  Config config;
  std::map<std::string, ConnectorEntry> entries;  // by name, sorted for stable order
  std::map<std::string, CalendarSpec> calendars;
  responder::SlaPolicy sla;  // [sla] settings and rules, in file order (first match wins)
  std::map<std::string, alerts::ConfigKeys> alert_keys;  // [alert.NAME] sections
  alerts::ConfigKeys alerts_section;                     // [alerts]
  for (const po::option& option : parsed.options) {
    const std::string& key = option.string_key;
    std::string value = option.value.empty() ? "" : Trim(option.value.front());
    std::string where = source + ": " + key;
    std::string name, field;
    if (key == "store.path") {
      config.store_path = value;
    } else if (key.rfind("policy.", 0) == 0) {
      HEED_RETURN_IF_ERROR(SetPolicyKey(config.policy, key.substr(7), value, where));
    } else if (key.rfind("connector.", 0) == 0) {
      if (!SplitSectionKey(key, "connector.", name, field)) {
        return Status::InvalidArgument(where + ": expected [connector.NAME] then KEY = VALUE");
      }
      ConnectorEntry& entry = entries[name];
      entry.connector.name = name;
      HEED_RETURN_IF_ERROR(SetConnectorKey(entry, field, value, where));
    } else if (key.rfind("calendar.", 0) == 0) {
      if (!SplitSectionKey(key, "calendar.", name, field)) {
        return Status::InvalidArgument(where + ": expected [calendar.NAME] then KEY = VALUE");
      }
      HEED_RETURN_IF_ERROR(SetCalendarKey(calendars[name], field, value, where));
    } else if (key.rfind("sla.rule.", 0) == 0) {
      if (!SplitSectionKey(key, "sla.rule.", name, field)) {
        return Status::InvalidArgument(where + ": expected [sla.rule.NAME] then KEY = VALUE");
      }
      auto it = std::find_if(sla.rules.begin(), sla.rules.end(),
                             [&](const responder::SlaRule& r) { return r.name == name; });
      if (it == sla.rules.end()) it = sla.rules.insert(it, responder::SlaRule{.name = name});
      HEED_RETURN_IF_ERROR(SetRuleKey(*it, field, value, where));
    } else if (key.rfind("sla.", 0) == 0) {
      HEED_RETURN_IF_ERROR(SetSlaKey(sla, key.substr(4), value, where));
    } else if (key.rfind("alert.", 0) == 0) {
      if (!SplitSectionKey(key, "alert.", name, field)) {
        return Status::InvalidArgument(where + ": expected [alert.NAME] then KEY = VALUE");
      }
      alert_keys[name].emplace_back(field, value);
    } else if (key.rfind("alerts.", 0) == 0) {
      alerts_section.emplace_back(key.substr(7), value);
    } else if (key == "responder.require_approval") {
      if (value != "none" && value != "negative" && value != "all") {
        return Status::InvalidArgument(where + ": expected none, negative or all");
      }
      config.responder.require_approval = value;
    } else if (key == "responder.templates") {
      std::filesystem::path path(value);
      if (path.is_relative() && !context.base_dir.empty()) path = context.base_dir / path;
      config.responder.templates_file = path.string();
    } else {
      return Status::InvalidArgument(where +
                                     ": unknown key (sections are [store], [policy], "
                                     "[connector.NAME], [calendar.NAME], [sla], "
                                     "[sla.rule.NAME], [responder], [alert.NAME] and [alerts])");
    }
  }
  for (auto& [name, entry] : entries) {
    for (auto [field, value] : {std::pair{"platform", &entry.connector.platform},
                                std::pair{"base_url", &entry.connector.base_url},
                                std::pair{"feed", &entry.connector.feed}}) {
      if (value->empty()) {
        return Status::InvalidArgument(source + ": connector." + name + " needs " + field);
      }
    }
    config.connectors.push_back(std::move(entry));
  }
  for (const auto& [name, spec] : calendars) {
    HEED_ASSIGN_OR_RETURN(responder::BusinessCalendar calendar,
                          BuildCalendar(name, spec, source, context));
    config.calendars.emplace(name, std::move(calendar));
  }
  for (const responder::SlaRule& rule : sla.rules) {
    if (!rule.calendar.empty() && !config.calendars.count(rule.calendar)) {
      return Status::InvalidArgument(source + ": sla.rule." + rule.name +
                                     ".calendar: no [calendar." + rule.calendar + "] section");
    }
  }
  for (const ConnectorEntry& entry : config.connectors) {
    if (!entry.auto_ack_calendar.empty() && !config.calendars.count(entry.auto_ack_calendar)) {
      return Status::InvalidArgument(source + ": connector." + entry.connector.name +
                                     ".auto_ack_calendar: no [calendar." + entry.auto_ack_calendar +
                                     "] section");
    }
  }
  HEED_ASSIGN_OR_RETURN(config.alert_settings,
                        alerts::ParseAlertSettings(alerts_section, source + ": alerts"));
  for (auto& [name, keys] : alert_keys) {
    HEED_ASSIGN_OR_RETURN(alerts::ChannelSpec spec,
                          alerts::ParseChannelSpec(name, keys, source + ": alert." + name));
    if (spec.time_zone.empty()) spec.time_zone = config.alert_settings.zone.id();
    config.alert_channels.push_back(std::move(spec));
  }
  config.sla_configured = !sla.rules.empty();
  if (!config.sla_configured) sla.rules = responder::PolicyFromLegacy(config.policy).rules;
  config.sla = std::move(sla);
  return config;
}

Result<Config> LoadConfigFile(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Status::NotFound("config file " + path + " does not exist (run `heed init`)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Unavailable("cannot read config file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  ConfigContext context;
  context.base_dir = std::filesystem::path(path).parent_path().string();
  context.reference_year = CurrentYear();
  return ParseConfig(text.str(), path, context);
}

Status ResolveSecrets(Config& config, const EnvLookup& env) {
  for (ConnectorEntry& entry : config.connectors) {
    const std::string& name = entry.connector.name;
    if (!entry.token_env.empty()) {
      std::optional<std::string> token = env(entry.token_env);
      if (!token || token->empty()) {
        return Status::FailedPrecondition("connector " + name + ": environment variable " +
                                          entry.token_env + " is not set");
      }
      entry.connector.token = Trim(*token);
    } else if (!entry.token_file.empty()) {
      std::ifstream in(entry.token_file, std::ios::binary);
      if (!in) {
        return Status::FailedPrecondition("connector " + name + ": cannot read token file " +
                                          entry.token_file);
      }
      std::ostringstream token;
      token << in.rdbuf();
      entry.connector.token = Trim(token.str());
      if (entry.connector.token.empty()) {
        return Status::FailedPrecondition("connector " + name + ": token file " + entry.token_file +
                                          " is empty");
      }
    }
  }
  return Status::Ok();
}

std::vector<std::string> PermissionWarnings(const Config& config, const std::string& config_path) {
  std::vector<std::string> warnings;
  auto check = [&](const std::string& path, mode_t forbidden, const char* what) {
    struct stat info {};
    if (path.empty() || ::stat(path.c_str(), &info) != 0) return;
    if ((info.st_mode & forbidden) != 0) {
      warnings.push_back(std::string(what) + " " + path + " is readable by other users (mode " +
                         std::to_string((info.st_mode >> 6) & 7) +
                         std::to_string((info.st_mode >> 3) & 7) +
                         std::to_string(info.st_mode & 7) + "); run: chmod 600 " + path);
    }
  };
  check(config_path, S_IROTH | S_IWOTH, "config file");
  for (const ConnectorEntry& entry : config.connectors) {
    check(entry.token_file, S_IRWXG | S_IRWXO,
          ("token file of connector " + entry.connector.name).c_str());
  }
  for (const alerts::ChannelSpec& spec : config.alert_channels) {
    check(spec.url_file, S_IRWXG | S_IRWXO, ("webhook URL file of alert " + spec.name).c_str());
    check(spec.password_file, S_IRWXG | S_IRWXO, ("password file of alert " + spec.name).c_str());
  }
  return warnings;
}

std::string DefaultConfigText() {
  return R"(# heed configuration (Boost.Program_options INI format).
# Every key is documented in docs/CONFIG.md.

[policy]
# How long staff have to answer publicly, counted from the post's own timestamp.
negative = 1h
question = 4h
neutral = 4h
positive = none

# One section per feed. Tokens come from the environment (token_env) or a file
# (token_file), never from this file or the command line.
#
# [connector.mastodon]
# platform = mastodon
# base_url = https://mastodon.social
# feed = mentions
# token_env = HEED_MASTODON_TOKEN
# poll_interval = 5m

# SLA policies and business hours (docs/CONFIG.md). Without any [sla.rule.NAME] the
# [policy] budgets above apply, around the clock. Rules are tried in file order and
# the first that matches wins; a rule's budgets only run while its calendar is open.
#
# [calendar.office]
# time_zone = Europe/Rome
# hours = mon-fri 09:00-13:00 14:00-18:00; sat 09:00-12:00
# holidays = holidays-it.ics     # iCal file, relative to this file's directory
#
# [sla]
# warning = 50%, 80%
# escalate = 200%
#
# [sla.rule.reviews-low-stars]
# platform = trustpilot, google_play
# max_rating = 2
# first_reply = 4h
# resolution = 3d
# calendar = office
#
# [sla.rule.negative]
# label = negative
# first_reply = 1h
#
# [sla.rule.everything-else]
# first_reply = 4h
)";
}

}  // namespace heed::app
