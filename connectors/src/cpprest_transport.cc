// cpprest must not define its U() macro: it collides with GoogleTest and other code.
#define _TURN_OFF_PLATFORM_STRING

#include "cpprest_transport.h"

#include <cpprest/http_client.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "heed/connectors/connector.h"
#include "heed/core/text.h"

namespace heed::connectors {
namespace {

using web::http::http_exception;
using web::http::http_request;
using web::http::http_response;
using web::http::client::http_client;
using web::http::client::http_client_config;

constexpr size_t kMaxCachedClients = 32;
constexpr size_t kReadChunk = 64 * 1024;

bool HasLineBreak(std::string_view s) {
  return s.find_first_of("\r\n") != std::string_view::npos ||
         s.find('\0') != std::string_view::npos;
}

class CpprestTransport final : public HttpTransport {
 public:
  explicit CpprestTransport(CpprestTransportOptions options) : options_(options) {}

  Result<HttpResponse> Send(const HttpRequest& request) override {
    const std::string where = request.method + " " + RedactUrl(request.url);
    // No DELETE, ever: heed never removes content, so the one road to the network refuses the
    // verb outright instead of trusting every caller.
    static constexpr std::array<std::string_view, 4> kMethods = {"GET", "POST", "PUT", "PATCH"};
    if (std::find(kMethods.begin(), kMethods.end(), request.method) == kMethods.end()) {
      return Status::InvalidArgument(where + ": unsupported HTTP method");
    }
    if (request.timeout <= Millis(0)) {
      return Status::InvalidArgument(where + ": timeout must be positive");
    }
    for (const auto& [name, value] : request.headers) {
      if (name.empty() || HasLineBreak(name) || HasLineBreak(value)) {
        return Status::InvalidArgument(where + ": malformed request header");
      }
    }
    const auto start = std::chrono::steady_clock::now();
    auto timed_out = [&] { return std::chrono::steady_clock::now() - start >= request.timeout; };
    try {
      return SendOrThrow(request, where);
    } catch (const http_exception& e) {
      if (e.error_code() == std::errc::timed_out || timed_out()) {
        return Status::DeadlineExceeded(where + ": timed out after " +
                                        std::to_string(request.timeout.count()) + " ms");
      }
      return Status::Unavailable(where + ": " + Clean(e.what(), request.url));
    } catch (const web::uri_exception&) {
      return Status::InvalidArgument(where + ": invalid URL");
    } catch (const pplx::task_canceled&) {
      if (timed_out()) {
        return Status::DeadlineExceeded(where + ": timed out after " +
                                        std::to_string(request.timeout.count()) + " ms");
      }
      return Status::Unavailable(where + ": request cancelled");
    } catch (const std::exception& e) {
      return Status::Unavailable(where + ": " + Clean(e.what(), request.url));
    } catch (...) {
      return Status::Internal(where + ": unknown exception from the HTTP client");
    }
  }

 private:
  // Library messages should not carry the URL, but if one does, only the redacted form stays.
  static std::string Clean(std::string_view what, const std::string& url) {
    std::string message = ForTerminal(what);
    std::string redacted = RedactUrl(url);
    for (size_t pos; !url.empty() && (pos = message.find(url)) != std::string::npos;) {
      message.replace(pos, url.size(), redacted);
      if (redacted == url) break;
    }
    return message;
  }

  Result<HttpResponse> SendOrThrow(const HttpRequest& request, const std::string& where) {
    web::uri uri(utility::conversions::to_string_t(request.url));
    std::string scheme = AsciiLower(uri.scheme());
    if ((scheme != "http" && scheme != "https") || uri.host().empty()) {
      return Status::InvalidArgument(where + ": URL must be absolute http(s)");
    }
    std::shared_ptr<http_client> client = ClientFor(uri.authority(), request.timeout);

    http_request req(utility::conversions::to_string_t(request.method));
    req.set_request_uri(uri.resource());
    std::optional<std::string> content_type = FindHeader(request.headers, "Content-Type");
    for (const auto& [name, value] : request.headers) {
      std::string lower = AsciiLower(name);
      if (lower == "host" || lower == "content-length") continue;
      if (lower == "content-type" && !request.body.empty()) continue;  // set with the body
      req.headers().add(name, value);
    }
    if (!request.body.empty()) {
      // Content-Type first: the byte-vector set_body keeps it (and defaults to octet-stream).
      // The vector overload also avoids cpprest's char -> unsigned char stream reinterpretation.
      req.headers().set_content_type(content_type.value_or("application/octet-stream"));
      req.set_body(std::vector<unsigned char>(request.body.begin(), request.body.end()));
    }

    http_response response = client->request(req).get();
    HttpResponse out;
    out.status = response.status_code();
    for (const auto& [name, value] : response.headers()) out.headers.emplace_back(name, value);

    const size_t cap = options_.max_body_bytes;
    auto too_large = [&] {
      return Status::DataLoss(where + ": response body larger than " + std::to_string(cap) +
                              " bytes");
    };
    if (response.headers().content_length() > cap) return too_large();
    auto body = response.body();
    if (body) {
      auto buffer = body.streambuf();
      std::array<uint8_t, kReadChunk> chunk;
      while (true) {
        size_t n = buffer.getn(chunk.data(), chunk.size()).get();
        if (n == 0) break;
        if (out.body.size() + n > cap) return too_large();
        out.body.append(reinterpret_cast<const char*>(chunk.data()), n);
      }
    }
    return out;
  }

  std::shared_ptr<http_client> ClientFor(const web::uri& authority, Millis timeout) {
    std::string key = authority.to_string() + " " + std::to_string(timeout.count());
    std::lock_guard lock(mu_);
    auto it = clients_.find(key);
    if (it != clients_.end()) return it->second;
    if (clients_.size() >= kMaxCachedClients) clients_.clear();  // in-flight users keep theirs
    http_client_config config;
    config.set_timeout(std::chrono::duration_cast<std::chrono::microseconds>(timeout));
    config.set_validate_certificates(true);
    auto client = std::make_shared<http_client>(authority, config);
    clients_.emplace(std::move(key), client);
    return client;
  }

  const CpprestTransportOptions options_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<http_client>> clients_;  // guarded by mu_
};

}  // namespace

std::unique_ptr<HttpTransport> MakeCpprestTransport(const CpprestTransportOptions& options) {
  return std::make_unique<CpprestTransport>(options);
}

std::unique_ptr<HttpTransport> MakeCpprestTransport() {
  return MakeCpprestTransport(CpprestTransportOptions{});
}

}  // namespace heed::connectors
