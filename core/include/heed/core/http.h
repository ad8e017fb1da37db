// The one HTTP seam. Connectors talk to platforms only through HttpTransport, so tests inject a
// fake (or point the real transport at the local sandbox) and the cpprestsdk dependency stays in
// one implementation file (connectors/src/cpprest_transport.cc).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "heed/core/clock.h"
#include "heed/core/result.h"

namespace heed {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// Case-insensitive lookup of the first header named `name`.
std::optional<std::string> FindHeader(const HttpHeaders& headers, std::string_view name);

struct HttpRequest {
  std::string method = "GET";  // GET, POST, PUT, PATCH
  std::string url;             // absolute: scheme://host[:port]/path?query
  HttpHeaders headers;         // may carry secrets (Authorization): never log them
  std::string body;
  Millis timeout{15000};
};

struct HttpResponse {
  int status = 0;
  HttpHeaders headers;
  std::string body;

  std::optional<std::string> Header(std::string_view name) const {
    return FindHeader(headers, name);
  }
};

// Sends one request. An HTTP error status (4xx, 5xx) is a successful Send: the response carries
// it and the caller maps it. A non-OK Result means no response was received: kUnavailable for
// connection or TLS failures, kDeadlineExceeded when request.timeout expired.
// Implementations must be safe for concurrent use.
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual Result<HttpResponse> Send(const HttpRequest& request) = 0;
};

// Percent-encodes a query component (RFC 3986 unreserved characters pass through).
std::string UrlEncode(std::string_view text);

// Returns url with secrets blanked for logs: query values of token-like keys
// (access_token, token, key, api_key, password, client_secret) become "REDACTED".
std::string RedactUrl(std::string_view url);

}  // namespace heed
