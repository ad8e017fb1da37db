#include "heed/alerts/exec_channel.h"

#include "heed/alerts/alert_json.h"
#include "subprocess.h"

namespace heed::alerts {
namespace {

std::string Env(const char* name, const std::string& value) {
  return std::string(name) + "=" + value;
}

}  // namespace

Result<std::vector<std::string>> SplitCommand(std::string_view command) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (size_t i = 0; i < command.size(); ++i) {
    char c = command[i];
    if (quote == '\'') {
      if (c == '\'') {
        quote = 0;
      } else {
        word.push_back(c);
      }
    } else if (c == '\\') {
      if (i + 1 == command.size()) {
        return Status::InvalidArgument("command ends with a lone backslash");
      }
      word.push_back(command[++i]);
      in_word = true;
    } else if (quote == '"') {
      if (c == '"') {
        quote = 0;
      } else {
        word.push_back(c);
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == ' ' || c == '\t') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else {
      word.push_back(c);
      in_word = true;
    }
  }
  if (quote != 0) {
    return Status::InvalidArgument(std::string("command has an unterminated ") + quote + " quote");
  }
  if (in_word) words.push_back(std::move(word));
  if (words.empty()) return Status::InvalidArgument("command is empty");
  return words;
}

Result<std::unique_ptr<ExecChannel>> ExecChannel::Make(std::string name, ExecOptions options) {
  std::string where = "exec channel " + name;
  if (options.argv.empty()) return Status::InvalidArgument(where + ": command is empty");
  if (options.argv[0].empty() || options.argv[0][0] != '/') {
    return Status::InvalidArgument(where + ": the program must be an absolute path, not \"" +
                                   SafeLine(options.argv[0], 200) + "\"");
  }
  if (options.timeout <= Millis(0)) return Status::InvalidArgument(where + ": timeout must be > 0");
  return std::unique_ptr<ExecChannel>(new ExecChannel(std::move(name), std::move(options)));
}

Status ExecChannel::Send(const Alert& alert) {
  AlertText text = FormatAlert(alert, options_.zone);
  return Run(AlertToJson(alert, options_.zone),
             {Env("HEED_ALERT_KIND", "alert"), Env("HEED_ALERT_TITLE", text.title),
              Env("HEED_ALERT_MENTION_ID", std::to_string(alert.mention_id)),
              Env("HEED_ALERT_PLATFORM", SafeLine(alert.platform, 40)),
              Env("HEED_ALERT_AUTHOR", AuthorLabel(alert.author)),
              Env("HEED_ALERT_STAGE", SafeLine(alert.stage, 40)),
              Env("HEED_ALERT_TARGET", SafeLine(alert.target, 40)),
              Env("HEED_ALERT_DUE_AT", FormatIso8601(alert.due_at)),
              Env("HEED_ALERT_FIRED_AT", FormatIso8601(alert.fired_at)),
              Env("HEED_ALERT_URGENT", alert.urgent ? "1" : "0"),
              Env("HEED_ALERT_URL", SafeLine(alert.url, 500)),
              Env("HEED_ALERT_RULE", SafeLine(alert.rule, 120))});
}

Status ExecChannel::SendDigest(const Digest& digest) {
  AlertText text = FormatDigest(digest, options_.zone);
  return Run(DigestToJson(digest, options_.zone),
             {Env("HEED_ALERT_KIND", "digest"), Env("HEED_ALERT_TITLE", text.title),
              Env("HEED_ALERT_DATE", digest.local_date),
              Env("HEED_ALERT_HELD", std::to_string(digest.held.size()))});
}

Status ExecChannel::Run(const std::string& input, std::vector<std::string> extra_env) {
  std::string where = "exec channel " + name_ + " (" + options_.argv[0] + ")";
  std::vector<std::string> env = options_.env;
  env.insert(env.end(), extra_env.begin(), extra_env.end());
  Result<internal::ProcessOutcome> outcome =
      internal::RunProcess(options_.argv, env, input, options_.timeout);
  if (!outcome.ok()) return outcome.status().WithContext(where);
  if (outcome->timed_out) {
    return Status::DeadlineExceeded(where + ": no exit within " + FormatDuration(options_.timeout) +
                                    "; killed");
  }
  if (outcome->exit_code == 0) return Status::Ok();
  const std::string& err = outcome->stderr_text;
  std::string first_line = SafeLine(err.substr(0, err.find('\n')), 200);
  std::string how = outcome->signal != 0 ? "was killed by signal " + std::to_string(outcome->signal)
                                         : "exited with code " + std::to_string(outcome->exit_code);
  return Status::Unavailable(where + " " + how + (first_line.empty() ? "" : ": " + first_line));
}

}  // namespace heed::alerts
