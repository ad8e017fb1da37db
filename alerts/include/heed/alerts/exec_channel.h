// ExecChannel: runs a configured program for each alert (paging tools, custom integrations).
//
// The program is started directly (argv, no shell), with:
// - stdin: the alert as JSON (AlertToJson / DigestToJson, documented in docs/ALERTS.md);
// - environment: only `env` (the caller passes a small allow-list such as PATH, HOME, LANG, so
//   heed's own secrets do not leak into hooks) plus HEED_ALERT_KIND (alert|digest),
//   HEED_ALERT_TITLE, and for alerts HEED_ALERT_MENTION_ID, _PLATFORM, _AUTHOR, _STAGE, _TARGET,
//   _DUE_AT, _FIRED_AT, _URGENT (1|0), _URL, _RULE; for digests HEED_ALERT_DATE and
//   HEED_ALERT_HELD (count). Values are single sanitised lines;
// - stdout discarded, stderr captured (first 64 KiB).
// Exit 0 is success. Otherwise the error names the exit code (or signal) and the first line of
// stderr. When the timeout expires the program's whole process group is killed (SIGKILL) and
// the error is kDeadlineExceeded.
//
// Thread safety: as AlertChannel. Blocks the calling thread for up to the timeout.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "heed/alerts/channel.h"
#include "heed/alerts/time_zone.h"

namespace heed::alerts {

struct ExecOptions {
  std::vector<std::string> argv;  // argv[0] is an absolute path
  std::vector<std::string> env;   // "NAME=value" entries passed through
  Millis timeout{10000};
  TimeZone zone = TimeZone::Utc();
};

// Splits a command line into argv without a shell: words separated by blanks, '...' and "..."
// quote, backslash escapes the next character (outside single quotes). No expansion of any kind.
// kInvalidArgument on an unterminated quote or an empty command.
Result<std::vector<std::string>> SplitCommand(std::string_view command);

class ExecChannel final : public AlertChannel {
 public:
  // kInvalidArgument when argv is empty, argv[0] is not absolute, or the timeout is not > 0.
  static Result<std::unique_ptr<ExecChannel>> Make(std::string name, ExecOptions options);

  std::string_view name() const override { return name_; }
  Status Send(const Alert& alert) override;
  Status SendDigest(const Digest& digest) override;

 private:
  ExecChannel(std::string name, ExecOptions options)
      : name_(std::move(name)), options_(std::move(options)) {}
  Status Run(const std::string& input, std::vector<std::string> extra_env);

  const std::string name_;
  const ExecOptions options_;
};

}  // namespace heed::alerts
