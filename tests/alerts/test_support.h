// Helpers for the alerts tests: temporary directories, a one-shot loopback HTTP receiver and
// the local SMTP sink process. Everything binds 127.0.0.1 on a port the OS picks.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "heed/alerts/alert.h"
#include "heed/core/http.h"

namespace heed::alerts::testing {

// mention #42 on mastodon by @x, "Il pacco non è mai arrivato!", first reply breached: due
// 2026-11-23T13:05Z, fired 35 minutes later. Tests change the fields they are about.
Alert SampleAlert();

// A fresh directory under $TMPDIR (or /tmp), removed with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& content, bool executable = false);

// Accepts HTTP/1.1 requests on 127.0.0.1:<port 0> in a thread and answers each with `status`
// and `body`, recording what it received (Connection: close, one request per connection).
class LoopbackHttpServer {
 public:
  struct Request {
    std::string request_line;  // "POST /services/T/B/secret HTTP/1.1"
    HttpHeaders headers;
    std::string body;
  };
  LoopbackHttpServer(int status, std::string body);
  ~LoopbackHttpServer();
  int port() const { return port_; }
  // Waits (up to 10 s) until n requests arrived; returns those received.
  std::vector<Request> WaitForRequests(size_t n);

 private:
  void Serve();
  int listen_fd_ = -1;
  int port_ = 0;
  int status_;
  std::string body_;
  std::thread thread_;
  std::vector<Request> requests_;  // guarded by mu_
  struct Sync;
  Sync* sync_;
};

// The aiosmtpd sink (smtp_sink.py) as a child process. Start() waits for its READY line.
class SmtpSink {
 public:
  explicit SmtpSink(std::string outdir) : outdir_(std::move(outdir)) {}
  ~SmtpSink();
  // Empty on success, else why the sink could not start.
  std::string Start();
  int port() const { return port_; }
  // The JSON the sink wrote for message n (1-based), waiting up to 10 s; empty on timeout.
  std::string WaitForMessage(int n) const;

 private:
  std::string outdir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace heed::alerts::testing
