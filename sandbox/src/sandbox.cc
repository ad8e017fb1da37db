// Sandbox::Start and the cpprestsdk listener that feeds requests to MastodonApi.
#include "heed/sandbox/sandbox.h"

#include <arpa/inet.h>
#include <cpprest/http_listener.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <exception>
#include <memory>
#include <vector>

#include "content.h"
#include "faults.h"
#include "in_flight.h"
#include "mastodon_api.h"
#include "router.h"

namespace heed::sandbox {
namespace {

namespace http = web::http;
using web::http::experimental::listener::http_listener;

constexpr int kPortAttempts = 8;
// How long a stopping sandbox waits for replies already on their way to finish.
constexpr std::chrono::seconds kDrainTimeout{10};

// Asks the kernel for a free port on `address` by binding port 0. The port is released before
// returning, so another process may take it first: callers retry.
Result<uint16_t> PickFreePort(const in_addr& address) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return Status::Unavailable("heed sandbox: socket() failed");
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_addr = address;
  sa.sin_port = 0;
  socklen_t len = sizeof(sa);
  bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof(sa)) == 0 &&
            ::getsockname(fd, reinterpret_cast<sockaddr*>(&sa), &len) == 0;
  ::close(fd);
  if (!ok) return Status::Unavailable("heed sandbox: cannot bind a loopback port");
  return ntohs(sa.sin_port);
}

bool IsValidBrand(const std::string& brand) {
  if (brand.empty() || brand.size() > 30) return false;
  for (char c : brand) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

ApiRequest ToApiRequest(const http::http_request& request, std::string body) {
  ApiRequest api;
  api.method = request.method();
  const web::uri& uri = request.request_uri();
  api.raw_path = uri.path();
  api.query = uri.query();
  for (const auto& [name, value] : request.headers()) api.headers.emplace_back(name, value);
  api.body = std::move(body);
  api.remote_address = request.remote_address();
  return api;
}

http::http_response ToHttpResponse(const ApiResponse& api) {
  http::http_response response(static_cast<http::status_code>(api.status));
  std::string content_type = "application/json; charset=utf-8";
  for (const auto& [name, value] : api.headers) {
    if (name == "Content-Type") {
      content_type = value;
    } else {
      response.headers().add(name, value);
    }
  }
  // Not set_body(std::string): cpprestsdk reads a std::string body through a char stream
  // buffer cast to its unsigned char base, a call on the wrong dynamic type (UBSan's vptr
  // check stops every response). The byte vector keeps the Content-Type set first.
  response.headers().set_content_type(content_type);
  response.set_body(std::vector<unsigned char>(api.body.begin(), api.body.end()));
  return response;
}

// The continuation observes the reply's outcome (pplx terminates the process on an unobserved
// task exception) and holds the request's ticket until it has run.
void SendReply(http::http_request& req, const ApiResponse& response, InFlight::Ticket ticket) {
  req.reply(ToHttpResponse(response)).then([ticket = std::move(ticket)](pplx::task<void> sent) {
    try {
      sent.get();
    } catch (...) {  // client went away
    }
  });
}

void Serve(const std::shared_ptr<Router>& router, const std::shared_ptr<InFlight>& in_flight,
           http::http_request request) {
  request.extract_utf8string(true).then(
      [router, request, ticket = in_flight->Enter()](pplx::task<std::string> body_task) {
        http::http_request req = request;
        try {
          std::string body;
          try {
            body = body_task.get();
          } catch (const std::exception&) {
            body.clear();  // unreadable body: handle as empty
          }
          SendReply(req, router->Handle(ToApiRequest(req, std::move(body))), ticket);
        } catch (...) {
          try {
            SendReply(req, ErrorResponse(500, "heed sandbox internal error"), ticket);
          } catch (...) {
          }
        }
      });
}

class SandboxImpl final : public Sandbox {
 public:
  SandboxImpl(std::shared_ptr<const Corpus> corpus, std::shared_ptr<MastodonApi> api,
              std::shared_ptr<Router> router, std::shared_ptr<InFlight> in_flight,
              std::unique_ptr<http_listener> listener, std::string host, uint16_t port)
      : corpus_(std::move(corpus)),
        api_(std::move(api)),
        router_(std::move(router)),
        in_flight_(std::move(in_flight)),
        listener_(std::move(listener)),
        host_(std::move(host)),
        port_(port) {}

  ~SandboxImpl() override {
    try {
      listener_->close().wait();
    } catch (...) {  // closing must not throw from a destructor
    }
    // Bounded: a continuation that never runs must not hang the caller. What it still uses it
    // holds by shared_ptr.
    in_flight_->WaitIdle(kDrainTimeout);
  }

  uint16_t port() const override { return port_; }
  std::string base_url() const override { return "http://" + host_ + ":" + std::to_string(port_); }
  std::vector<RecordedRequest> Requests() const override { return api_->log().Requests(); }
  std::vector<RecordedRequest> Violations() const override { return api_->log().Violations(); }
  std::vector<RecordedReply> Replies() const override { return api_->log().Replies(); }
  uint64_t FaultsInjected() const override { return router_->faults_injected(); }
  FaultCounts FaultsInjectedByKind() const override { return router_->faults_injected_by_kind(); }

 private:
  // Declared before the listener so in-flight handlers never outlive what they use; the
  // handlers also hold the router (and through it the emulators) by shared_ptr.
  std::shared_ptr<const Corpus> corpus_;  // read by the emulators
  std::shared_ptr<MastodonApi> api_;
  std::shared_ptr<Router> router_;
  std::shared_ptr<InFlight> in_flight_;
  std::unique_ptr<http_listener> listener_;
  std::string host_;
  uint16_t port_;
};

}  // namespace

Result<std::unique_ptr<Sandbox>> Sandbox::Start(const SandboxOptions& options) {
  std::string host = options.host == "localhost" ? "127.0.0.1" : options.host;
  in_addr address{};
  if (::inet_pton(AF_INET, host.c_str(), &address) != 1 || (ntohl(address.s_addr) >> 24) != 127) {
    return Status::InvalidArgument("heed sandbox listens on loopback only, not \"" + options.host +
                                   "\"");
  }
  if (!IsValidBrand(options.brand)) {
    return Status::InvalidArgument(
        "heed sandbox: brand must be a Mastodon username ([A-Za-z0-9_], "
        "1 to 30 characters), not \"" +
        options.brand + "\"");
  }
  Clock& clock = options.clock ? *options.clock : RealClock();
  TimePoint now = clock.Now();

  std::string last_error = "no attempt";
  int attempts = options.port == 0 ? kPortAttempts : 1;
  for (int attempt = 0; attempt < attempts; ++attempt) {
    uint16_t port = options.port;
    if (port == 0) {
      Result<uint16_t> picked = PickFreePort(address);
      if (!picked.ok()) return picked.status();
      port = *picked;
    }
    std::string base_url = "http://" + host + ":" + std::to_string(port);
    CorpusOptions corpus_options{options.seed, options.post_count,  options.brand, base_url,
                                 now,          options.history_span};
    ApiOptions api_options{base_url, options.brand, options.rate_limit, &clock};
    auto corpus = std::make_shared<const Corpus>(GenerateCorpus(corpus_options));
    auto api = std::make_shared<MastodonApi>(api_options, *corpus);
    std::map<std::string, std::unique_ptr<PlatformEmulator>> emulators;
    for (const EmulatorEntry& entry : EmulatorRegistry()) {
      EmulatorContext context{base_url + "/" + std::string(entry.prefix),
                              options.brand,
                              corpus.get(),
                              &clock,
                              &api->mutable_log(),
                              options.seed,
                              options.rate_limit};
      if (auto emulator = entry.make(context)) {
        emulators.emplace(std::string(entry.prefix), std::move(emulator));
      }
    }
    auto router = std::make_shared<Router>(corpus, api, std::move(emulators), api->mutable_log(),
                                           options.faults, options.fault_delay, options.seed);
    auto in_flight = InFlight::Create();
    try {
      auto listener = std::make_unique<http_listener>(web::uri(base_url));
      listener->support([router, in_flight](http::http_request request) {
        Serve(router, in_flight, std::move(request));
      });
      listener->open().wait();
      return std::unique_ptr<Sandbox>(
          std::make_unique<SandboxImpl>(std::move(corpus), std::move(api), std::move(router),
                                        std::move(in_flight), std::move(listener), host, port));
    } catch (const std::exception& e) {
      last_error = e.what();
    }
  }
  return Status::Unavailable("heed sandbox: cannot listen on " + host + ": " + last_error);
}

}  // namespace heed::sandbox
