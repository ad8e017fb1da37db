// SIGTERM/SIGINT as a request to stop after the transaction in progress, for `heed watch` and
// `heed scan`. The handler only sets a flag and writes a byte to a self-pipe (both
// async-signal-safe); callers poll requested() between pages and connectors, and Wait() ends
// at once when a signal arrives. Previous handlers and the signal mask are restored on
// destruction, because the CLI also runs in-process in tests. One instance at a time.
#pragma once

#include <signal.h>

#include <string>

#include "heed/core/clock.h"

namespace heed::cli {

class StopSignals {
 public:
  // `command` names the caller in errors ("heed watch"). Throws CommandError when the pipe
  // cannot be created.
  explicit StopSignals(std::string command);
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  bool requested() const;
  int signal_number() const;  // SIGTERM or SIGINT once requested(), else 0
  std::string signal_name() const;

  // Returns after `timeout` or as soon as a stop signal arrives, whichever is first.
  void Wait(Millis timeout);

 private:
  std::string command_;
  int read_fd_ = -1;
  int write_fd_ = -1;
  struct sigaction old_term_ {};
  struct sigaction old_int_ {};
  sigset_t old_mask_{};
};

}  // namespace heed::cli
