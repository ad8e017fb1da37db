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
// Parsing is strict: unknown keys, bad durations and missing required keys are errors that
// name the key and the file.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heed/connectors/connector.h"
#include "heed/core/result.h"
#include "heed/responder/deadline_policy.h"

namespace heed::app {

struct ConnectorEntry {
  connectors::ConnectorConfig connector;  // token left empty until ResolveSecrets
  std::string token_env;
  std::string token_file;
  Millis poll_interval{std::chrono::minutes(5)};
};

struct Config {
  std::string store_path;  // empty: the caller's default
  responder::DeadlinePolicy policy;
  std::vector<ConnectorEntry> connectors;
};

// Parses config text. source names the file in error messages.
Result<Config> ParseConfig(const std::string& text, const std::string& source);

// Reads and parses the file. kNotFound when it does not exist.
Result<Config> LoadConfigFile(const std::string& path);

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

// Fills each connector's token from its token_env variable or token_file (trailing whitespace
// trimmed). kFailedPrecondition naming the variable or file when one is set but unavailable.
// Error messages never contain a token.
Status ResolveSecrets(Config& config, const EnvLookup& env);

// The text `heed init` writes: documented defaults and a commented example connector.
std::string DefaultConfigText();

}  // namespace heed::app
