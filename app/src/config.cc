#include "heed/app/config.h"

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/parsers.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace heed::app {
namespace po = boost::program_options;
namespace {

std::string Trim(std::string s) {
  const char* ws = " \t\r\n";
  s.erase(s.find_last_not_of(ws) + 1);
  s.erase(0, s.find_first_not_of(ws));
  return s;
}

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
  } else {
    return Status::InvalidArgument(where + ": unknown connector key");
  }
  return Status::Ok();
}

}  // namespace

Result<Config> ParseConfig(const std::string& text, const std::string& source) {
  std::istringstream in(text);
  po::parsed_options parsed(nullptr);
  try {
    po::options_description none;
    parsed = po::parse_config_file(in, none, /*allow_unregistered=*/true);
  } catch (const std::exception& e) {
    return Status::InvalidArgument(source + ": " + e.what());
  }

  Config config;
  std::map<std::string, ConnectorEntry> entries;  // by name, sorted for stable order
  for (const po::option& option : parsed.options) {
    const std::string& key = option.string_key;
    std::string value = option.value.empty() ? "" : Trim(option.value.front());
    std::string where = source + ": " + key;
    if (key == "store.path") {
      config.store_path = value;
    } else if (key.rfind("policy.", 0) == 0) {
      HEED_RETURN_IF_ERROR(SetPolicyKey(config.policy, key.substr(7), value, where));
    } else if (key.rfind("connector.", 0) == 0) {
      size_t dot = key.rfind('.');
      std::string name = key.substr(10, dot - 10);
      if (dot <= 10 || name.empty()) {
        return Status::InvalidArgument(where + ": expected [connector.NAME] then KEY = VALUE");
      }
      ConnectorEntry& entry = entries[name];
      entry.connector.name = name;
      HEED_RETURN_IF_ERROR(SetConnectorKey(entry, key.substr(dot + 1), value, where));
    } else {
      return Status::InvalidArgument(where +
                                     ": unknown key (sections are [store], [policy] and "
                                     "[connector.NAME])");
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
  return ParseConfig(text.str(), path);
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
)";
}

}  // namespace heed::app
