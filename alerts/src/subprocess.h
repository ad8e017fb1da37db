// RunProcess: run a program to completion with a deadline, feeding stdin and capturing stderr.
// Internal to heed::alerts (the exec hook); POSIX only.
#pragma once

#include <string>
#include <vector>

#include "heed/core/clock.h"
#include "heed/core/result.h"

namespace heed::alerts::internal {

struct ProcessOutcome {
  bool timed_out = false;   // killed (with its process group) when the deadline passed
  int exit_code = -1;       // when it exited normally
  int signal = 0;           // when a signal ended it
  std::string stderr_text;  // at most 64 KiB
};

// Starts argv[0] (absolute path) with exactly env as its environment, in a new process group,
// writes input to its stdin, then closes it; stdout goes to /dev/null. Returns once the process
// has ended (by itself or killed at the deadline). kFailedPrecondition when it cannot start
// (missing program, not executable), kInternal when a pipe or spawn call fails otherwise.
// Does not raise SIGPIPE in the caller when the program ignores its stdin.
Result<ProcessOutcome> RunProcess(const std::vector<std::string>& argv,
                                  const std::vector<std::string>& env, const std::string& input,
                                  Millis timeout);

}  // namespace heed::alerts::internal
