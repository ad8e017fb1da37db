#include "stop_signals.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

#include "commands.h"

namespace heed::cli {
namespace {

volatile std::sig_atomic_t g_stop_signal = 0;  // the signal number, 0 until one arrives
volatile int g_wake_fd = -1;                   // write end of the self-pipe

extern "C" void OnStopSignal(int signal_number) {
  const int saved_errno = errno;
  g_stop_signal = signal_number;
  if (g_wake_fd >= 0) {
    const char byte = 1;
    // A full pipe already holds a wake-up, so a failed write loses nothing.
    [[maybe_unused]] ssize_t written = ::write(g_wake_fd, &byte, 1);
  }
  errno = saved_errno;
}

}  // namespace

StopSignals::StopSignals(std::string command) : command_(std::move(command)) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) {
    throw CommandError{kExitFailure, command_ + ": cannot create the signal pipe: " +
                                         std::string(std::strerror(errno))};
  }
  read_fd_ = fds[0];
  write_fd_ = fds[1];
  g_stop_signal = 0;
  g_wake_fd = write_fd_;
  struct sigaction action {};
  action.sa_handler = OnStopSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;  // blocking calls elsewhere resume; Wait() sees the pipe
  sigaction(SIGTERM, &action, &old_term_);
  sigaction(SIGINT, &action, &old_int_);
  // This thread must be able to take them even if a caller blocked them.
  sigset_t stop_set;
  sigemptyset(&stop_set);
  sigaddset(&stop_set, SIGTERM);
  sigaddset(&stop_set, SIGINT);
  pthread_sigmask(SIG_UNBLOCK, &stop_set, &old_mask_);
}

StopSignals::~StopSignals() {
  sigaction(SIGTERM, &old_term_, nullptr);
  sigaction(SIGINT, &old_int_, nullptr);
  pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
  g_wake_fd = -1;
  ::close(read_fd_);
  ::close(write_fd_);
}

bool StopSignals::requested() const { return g_stop_signal != 0; }

int StopSignals::signal_number() const { return g_stop_signal; }

std::string StopSignals::signal_name() const {
  return g_stop_signal == SIGINT ? "SIGINT" : g_stop_signal == SIGTERM ? "SIGTERM" : "";
}

void StopSignals::Wait(Millis timeout) {
  pollfd fd{read_fd_, POLLIN, 0};
  const TimePoint deadline = RealClock().Now() + timeout;
  while (!requested()) {
    const Millis left = deadline - RealClock().Now();
    if (left <= Millis(0)) return;
    const int ready = ::poll(&fd, 1, static_cast<int>(left.count()));
    if (ready > 0) {
      char drain[64];
      while (::read(read_fd_, drain, sizeof drain) > 0) {
      }
    } else if (ready < 0 && errno != EINTR) {
      throw CommandError{kExitFailure,
                         command_ + ": waiting failed: " + std::string(std::strerror(errno))};
    }
  }
}

}  // namespace heed::cli
