// heed's configuration file, in Boost.Program_options' INI format:
//
//   [store]
//   path = /var/lib/heed/heed.db        # optional; default $XDG_DATA_HOME/heed/heed.db
//
//   [policy]                            # first-public-reply budgets ("none": no reply needed)
//   negative = 1h
//   question = 4h
//   neutral = 4h
//   positive = none
//
//   [connector.mastodon]                # one section per feed; the name is yours
//   platform = mastodon
//   base_url = https://mastodon.social
//   feed = mentions                     # or tag:NAME, search:QUERY
//   token_env = HEED_MASTODON_TOKEN     # the token comes from the environment or a file,
//   token_file = /etc/heed/mastodon.token  # never from the config itself or argv
//   poll_interval = 5m
//
//   [calendar.office]                   # business hours for SLA rules (docs/CONFIG.md)
//   time_zone = Europe/Rome
//   hours = mon-fri 09:00-13:00 14:00-18:00; sat 09:00-12:00
//   holidays = holidays-it.ics          # iCal file, relative to the config file's directory
//
//   [sla]                               # optional: policy name and stages
//   name = default
//   warning = 50%, 80%
//   escalate = 200%
//
//   [sla.rule.reviews-low-stars]        # rules in file order; the first that matches wins
//   platform = trustpilot, google_play
//   label = negative
//   urgency = refund, legal
//   max_rating = 2
//   min_reach = 10000
//   first_reply = 4h
//   resolution = 3d
//   calendar = office
//
// Parsing is strict: unknown keys, bad durations and missing required keys are errors that
// name the key and the file.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heed/alerts/config.h"
#include "heed/connectors/connector.h"
#include "heed/core/result.h"
#include "heed/responder/business_calendar.h"
#include "heed/responder/deadline_policy.h"
#include "heed/responder/sla_policy.h"

namespace heed::app {

struct ConnectorEntry {
  connectors::ConnectorConfig connector;  // token left empty until ResolveSecrets
  std::string token_env;
  std::string token_file;
  Millis poll_interval{std::chrono::minutes(5)};
  // Automatic acknowledgement of negative posts: a public "we've seen this" reply from the
  // template (in the author's language), at most once per item; with auto_ack_calendar, only
  // while that calendar is open.
  bool auto_ack = false;
  std::string auto_ack_template = "auto_acknowledgement";
  std::string auto_ack_calendar;
};

// [responder]: how replies are made.
struct ResponderSettings {
  // Which replies need a second operator's approval (`heed approve`): "none", "negative"
  // (replies to negative posts) or "all".
  std::string require_approval = "none";
  std::string templates_file;  // extra canned replies (responder/templates.h format)
};

struct Config {
  std::string store_path;  // empty: the caller's default
  responder::DeadlinePolicy policy;
  std::vector<ConnectorEntry> connectors;
  std::map<std::string, responder::BusinessCalendar> calendars;  // [calendar.NAME], by name
  // [sla] and its [sla.rule.NAME] sections in file order. Without any rule it is
  // PolicyFromLegacy(policy), with [sla]'s name and stages.
  responder::SlaPolicy sla;
  bool sla_configured = false;  // the file has at least one [sla.rule.NAME]
  ResponderSettings responder;
  std::vector<alerts::ChannelSpec> alert_channels;  // [alert.NAME], by name
  alerts::DispatcherOptions alert_settings;         // [alerts]
};

struct ConfigContext {
  // Relative holidays paths resolve against it; empty: the current directory.
  std::string base_dir;
  // iCal holidays are expanded for the years [reference_year - 1, reference_year + 5].
  // nullopt: the current UTC year by RealClock(), read only when a holidays file is named.
  std::optional<int> reference_year;
};

// Parses config text. source names the file in error messages.
Result<Config> ParseConfig(const std::string& text, const std::string& source,
                           const ConfigContext& context = {});

// Reads and parses the file; holidays paths resolve against the file's directory and the
// reference year is the current one. kNotFound when it does not exist.
Result<Config> LoadConfigFile(const std::string& path);

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

// Fills each connector's token from its token_env variable or token_file (trailing whitespace
// trimmed). kFailedPrecondition naming the variable or file when one is set but unavailable.
// Error messages never contain a token.
Status ResolveSecrets(Config& config, const EnvLookup& env);

// Files other users could read that should be private: the config file itself (it says where
// the secrets are and may name webhook variables) when readable by others, and every
// token_file readable by group or others. One human-readable line each, with the chmod that
// fixes it; empty when all is well or a file does not exist.
std::vector<std::string> PermissionWarnings(const Config& config, const std::string& config_path);

// The text `heed init` writes: documented defaults and a commented example connector.
std::string DefaultConfigText();

}  // namespace heed::app
