// One HTTP request and response as the sandbox's platform emulators see them, independent of
// the HTTP server library.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "heed/core/http.h"

namespace heed::sandbox {

struct ApiRequest {
  std::string method;    // upper case
  std::string raw_path;  // as received, percent-encoded
  std::string query;     // raw, without '?'
  HttpHeaders headers;
  std::string body;
  std::string remote_address;
};

struct ApiResponse {
  int status = 200;
  HttpHeaders headers;  // Content-Type defaults to application/json; charset=utf-8
  std::string body;
};

// The bearer token of an "Authorization: Bearer <token>" header, if non-empty.
std::optional<std::string> BearerToken(const HttpHeaders& headers);

ApiResponse JsonResponse(int status, std::string body);
ApiResponse ErrorResponse(int status, std::string_view message);

}  // namespace heed::sandbox
