#include "test_support.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

namespace heed::alerts::testing {

Alert SampleAlert() {
  Alert a;
  a.mention_id = 42;
  a.platform = "mastodon";
  a.author = "x";
  a.excerpt = "Il pacco non è mai arrivato!";
  a.url = "https://mastodon.social/@x/1";
  a.stage = "breached";
  a.target = "first_reply";
  a.due_at = *ParseIso8601("2026-11-23T13:05:00Z");
  a.fired_at = *ParseIso8601("2026-11-23T13:40:00Z");
  a.rule = "negative: first reply in 1h";
  return a;
}

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base && *base ? base : "/tmp") + "/heed-alerts-XXXXXX";
  if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!path_.empty()) std::filesystem::remove_all(path_, ec);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void WriteFile(const std::string& path, const std::string& content, bool executable) {
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
  }
  if (executable) ::chmod(path.c_str(), 0755);
}

struct LoopbackHttpServer::Sync {
  std::mutex mu;
  std::condition_variable changed;
};

LoopbackHttpServer::LoopbackHttpServer(int status, std::string body)
    : status_(status), body_(std::move(body)), sync_(new Sync) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::listen(listen_fd_, 8) == 0 &&
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port_ = ntohs(addr.sin_port);
  }
  thread_ = std::thread([this] { Serve(); });
}

LoopbackHttpServer::~LoopbackHttpServer() {
  ::shutdown(listen_fd_, SHUT_RDWR);  // wakes accept()
  ::close(listen_fd_);
  thread_.join();
  delete sync_;
}

void LoopbackHttpServer::Serve() {
  while (true) {
    int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) return;
    std::string data;
    char buf[4096];
    size_t header_end = std::string::npos;
    size_t content_length = 0;
    while (true) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 5000) <= 0) break;
      ssize_t got = ::read(fd, buf, sizeof buf);
      if (got <= 0) break;
      data.append(buf, static_cast<size_t>(got));
      if (header_end == std::string::npos) {
        header_end = data.find("\r\n\r\n");
        if (header_end == std::string::npos) continue;
        std::string lower = data.substr(0, header_end);
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        size_t at = lower.find("content-length:");
        if (at != std::string::npos) content_length = std::stoul(lower.substr(at + 15));
      }
      if (data.size() >= header_end + 4 + content_length) break;
    }
    Request request;
    if (header_end != std::string::npos) {
      std::istringstream head(data.substr(0, header_end));
      std::getline(head, request.request_line);
      if (!request.request_line.empty() && request.request_line.back() == '\r') {
        request.request_line.pop_back();
      }
      for (std::string line; std::getline(head, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        size_t colon = line.find(':');
        if (colon == std::string::npos) continue;
        request.headers.emplace_back(line.substr(0, colon),
                                     line.substr(line.find_first_not_of(' ', colon + 1)));
      }
      request.body = data.substr(header_end + 4);
    }
    std::string response =
        "HTTP/1.1 " + std::to_string(status_) +
        " Status\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(body_.size()) +
        "\r\nConnection: close\r\n\r\n" + body_;
    (void)!::write(fd, response.data(), response.size());
    ::close(fd);
    std::lock_guard lock(sync_->mu);
    requests_.push_back(std::move(request));
    sync_->changed.notify_all();
  }
}

std::vector<LoopbackHttpServer::Request> LoopbackHttpServer::WaitForRequests(size_t n) {
  std::unique_lock lock(sync_->mu);
  sync_->changed.wait_for(lock, std::chrono::seconds(10), [&] { return requests_.size() >= n; });
  return requests_;
}

SmtpSink::~SmtpSink() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
}

std::string SmtpSink::Start() {
  std::string python = HEED_TEST_PYTHON3;
  if (python.empty()) {
    return "no python3 with aiosmtpd was found at configure time (install python3-aiosmtpd)";
  }
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) return "pipe failed";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  std::vector<std::string> args = {python, HEED_TEST_SMTP_SINK, outdir_};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int rc = ::posix_spawn(&pid_, python.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  if (rc != 0) {
    ::close(out[0]);
    pid_ = -1;
    return "cannot start " + python;
  }
  std::string line;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd p{out[0], POLLIN, 0};
    if (::poll(&p, 1, 200) <= 0) continue;
    char buf[128];
    ssize_t got = ::read(out[0], buf, sizeof buf);
    if (got <= 0) break;
    line.append(buf, static_cast<size_t>(got));
  }
  ::close(out[0]);
  if (line.rfind("READY ", 0) != 0) return "the SMTP sink did not become ready: " + line;
  port_ = std::stoi(line.substr(6));
  return "";
}

std::string SmtpSink::WaitForMessage(int n) const {
  char name[16];
  std::snprintf(name, sizeof name, "/%03d.json", n);
  std::string path = outdir_ + name;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    if (std::filesystem::exists(path)) return ReadFile(path);
    // The sink writes the file before it answers 250, so this loop rarely turns.
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return "";
}

}  // namespace heed::alerts::testing
