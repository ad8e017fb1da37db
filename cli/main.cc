// The heed executable: builds the real context (process streams, environment, clock) and hands
// over to RunCli. Nothing else lives here, so everything below is testable in-process.
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "heed/cli/cli.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  heed::cli::CliContext context{std::cout, std::cerr};
  context.env = [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    return value ? std::optional<std::string>(value) : std::nullopt;
  };
  context.out_is_tty = ::isatty(STDOUT_FILENO) == 1;
  context.err_is_tty = ::isatty(STDERR_FILENO) == 1;
  context.in = &std::cin;
  context.in_is_tty = ::isatty(STDIN_FILENO) == 1;
  int code = heed::cli::RunCli(std::vector<std::string>(argv + 1, argv + argc), context);
  std::cout.flush();
  return code;
}
