#include "subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

namespace heed::alerts::internal {
namespace {

constexpr size_t kMaxStderr = 64 * 1024;

class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { Close(); }
  int get() const { return fd_; }
  bool open() const { return fd_ >= 0; }
  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  void Reset(int fd) {
    Close();
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

// Keeps SIGPIPE blocked on this thread while writing to a pipe the child may have closed, and
// swallows the SIGPIPE such a write leaves pending, so the caller's process never sees it.
class SigpipeGuard {
 public:
  SigpipeGuard() {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    sigset_t pending;
    sigpending(&pending);
    was_pending_ = sigismember(&pending, SIGPIPE) == 1;
    pthread_sigmask(SIG_BLOCK, &pipe_, &old_);
  }
  ~SigpipeGuard() {
    if (!was_pending_) {
      timespec zero{0, 0};
      while (sigtimedwait(&pipe_, nullptr, &zero) == SIGPIPE) {
      }
    }
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }

 private:
  sigset_t pipe_;
  sigset_t old_;
  bool was_pending_ = false;
};

Status Errno(const std::string& what) {
  return Status::Internal(what + ": " + std::strerror(errno));
}

}  // namespace

Result<ProcessOutcome> RunProcess(const std::vector<std::string>& argv,
                                  const std::vector<std::string>& env, const std::string& input,
                                  Millis timeout) {
  using SteadyClock = std::chrono::steady_clock;
  const auto deadline = SteadyClock::now() + timeout;
  if (argv.empty()) return Status::InvalidArgument("no program to run");

  int in_pipe[2];
  int err_pipe[2];
  if (::pipe2(in_pipe, O_CLOEXEC) != 0) return Errno("pipe");
  Fd in_read(in_pipe[0]), in_write(in_pipe[1]);
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) return Errno("pipe");
  Fd err_read(err_pipe[0]), err_write(err_pipe[1]);
  Fd dev_null(::open("/dev/null", O_WRONLY | O_CLOEXEC));
  if (!dev_null.open()) return Errno("open /dev/null");

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_read.get(), STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, dev_null.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_write.get(), STDERR_FILENO);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none;
  sigset_t all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setpgroup(&attr, 0);  // its own group, so a timeout kills its children too
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<char*> envp;
  for (const std::string& e : env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);

  pid_t pid = -1;
  int rc = posix_spawn(&pid, argv[0].c_str(), &actions, &attr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    return Status::FailedPrecondition("cannot run " + argv[0] + ": " + std::strerror(rc));
  }
  in_read.Close();
  err_write.Close();
  dev_null.Close();
  ::fcntl(in_write.get(), F_SETFL, O_NONBLOCK);
  ::fcntl(err_read.get(), F_SETFL, O_NONBLOCK);

  ProcessOutcome outcome;
  size_t written = 0;
  if (input.empty()) in_write.Close();
  {
    SigpipeGuard guard;
    while (in_write.open() || err_read.open()) {
      auto left = std::chrono::duration_cast<Millis>(deadline - SteadyClock::now());
      if (left <= Millis(0)) {
        outcome.timed_out = true;
        break;
      }
      pollfd fds[2];
      nfds_t n = 0;
      int in_slot = -1;
      int err_slot = -1;
      if (in_write.open()) {
        in_slot = static_cast<int>(n);
        fds[n++] = {in_write.get(), POLLOUT, 0};
      }
      if (err_read.open()) {
        err_slot = static_cast<int>(n);
        fds[n++] = {err_read.get(), POLLIN, 0};
      }
      int ready = ::poll(fds, n, static_cast<int>(std::min<int64_t>(left.count(), 1000)));
      if (ready < 0 && errno != EINTR) break;
      if (ready <= 0) continue;
      if (err_slot >= 0 && fds[err_slot].revents != 0) {
        char buf[4096];
        ssize_t got = ::read(err_read.get(), buf, sizeof buf);
        if (got > 0) {
          size_t keep = std::min(static_cast<size_t>(got), kMaxStderr - outcome.stderr_text.size());
          outcome.stderr_text.append(buf, keep);
        } else if (got == 0 || (errno != EAGAIN && errno != EINTR)) {
          err_read.Close();
        }
      }
      if (in_slot >= 0 && fds[in_slot].revents != 0) {
        if (fds[in_slot].revents & (POLLERR | POLLHUP)) {
          in_write.Close();  // the program closed its stdin: it does not want the rest
        } else {
          ssize_t put = ::write(in_write.get(), input.data() + written, input.size() - written);
          if (put > 0) written += static_cast<size_t>(put);
          if ((put < 0 && errno != EAGAIN && errno != EINTR) || written == input.size()) {
            in_write.Close();
          }
        }
      }
    }
  }

  int status = 0;
  while (!outcome.timed_out) {
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) return Errno("waitpid");
    if (SteadyClock::now() >= deadline) {
      outcome.timed_out = true;
      break;
    }
    // stderr is closed but the program still runs: check again shortly.
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (outcome.timed_out) {
    ::kill(-pid, SIGKILL);
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return outcome;
  }
  if (WIFEXITED(status)) outcome.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) outcome.signal = WTERMSIG(status);
  return outcome;
}

}  // namespace heed::alerts::internal
