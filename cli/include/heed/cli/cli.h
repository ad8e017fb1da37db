// The `heed` command line. RunCli is everything main() does, with its effects injected
// (streams, environment, clock, HTTP transport), so tests drive the real commands in-process.
//
// Exit codes (stable; scripts and cron rely on them):
//   0  success
//   1  the operation failed (platform or network error, reply not posted, scan stopped early)
//   2  usage error: unknown command, bad or missing argument
//   3  the database or config file is missing, unreadable, corrupt or too new
//   4  (heed scan) the scan went fine, and open items are past their reply deadline
#pragma once

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "heed/core/clock.h"
#include "heed/core/http.h"

namespace heed::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitData = 3;
inline constexpr int kExitBreached = 4;
// Stopped by a signal it handled (SIGTERM, SIGINT): 128 + the signal's number, as shells report.
inline constexpr int kExitInterrupted = 128;

struct CliContext {
  CliContext(std::ostream& out_stream, std::ostream& err_stream)
      : out(out_stream), err(err_stream) {}

  std::ostream& out;
  std::ostream& err;
  // Environment lookup (HOME, XDG_*, NO_COLOR, token variables...). Tests pass a map.
  std::function<std::optional<std::string>(const std::string&)> env;
  bool out_is_tty = false;
  bool err_is_tty = false;  // progress bars are drawn on stderr only when it is a terminal
  Clock* clock = nullptr;   // nullptr: RealClock()
  HttpTransport* transport = nullptr;  // nullptr: the cpprestsdk transport
  // Standard input, for commands that read texts from a pipe (`heed score -`); nullptr: none.
  // in_is_tty: stdin is a terminal, so a command must not sit waiting on it for input.
  std::istream* in = nullptr;
  bool in_is_tty = false;

  std::optional<std::string> Env(const std::string& name) const {
    return env ? env(name) : std::nullopt;
  }
};

// args excludes the program name: {"inbox", "--json"}.
int RunCli(const std::vector<std::string>& args, CliContext& context);

}  // namespace heed::cli
