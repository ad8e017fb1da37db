// Helpers for the sandbox suites: a blocking cpprestsdk client for the real listener, and small
// JSON/HTML utilities.
#pragma once

// cpprestsdk's U() macro collides with GoogleTest templates; tests do not need it.
#ifndef _TURN_OFF_PLATFORM_STRING
#define _TURN_OFF_PLATFORM_STRING
#endif
#include <cpprest/http_client.h>
#include <rapidjson/document.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "heed/core/clock.h"
#include "heed/sandbox/sandbox.h"

namespace heed::sandbox::testing {

// 2026-08-01T14:00:00.000Z
inline TimePoint TestStart() { return FromUnixMillis(1785592800000); }

struct Reply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  rapidjson::Document json;

  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

class Client {
 public:
  explicit Client(const std::string& base_url);

  // path_and_query must be a valid URI reference (percent-encode brackets: types%5B%5D).
  Reply Send(const std::string& method, const std::string& path_and_query,
             const std::string& token = "", const std::string& body = "",
             const std::string& content_type = "",
             const std::vector<std::pair<std::string, std::string>>& extra_headers = {});
  Reply Get(const std::string& path_and_query, const std::string& token = "") {
    return Send("GET", path_and_query, token);
  }

 private:
  std::unique_ptr<web::http::client::http_client> client_;
};

// Starts a sandbox on a free port with `clock`, failing the test (via ADD_FAILURE) on error.
std::unique_ptr<Sandbox> StartSandbox(Clock* clock, uint64_t seed = 1, int post_count = 60,
                                      int rate_limit = 300);

// Tags removed and the entities Mastodon emits decoded.
std::string StripHtml(const std::string& html);

// String member of a JSON object ("" when absent or not a string).
std::string Str(const rapidjson::Value& object, const char* key);

// Extracts the URL of the Link header entry with rel="<rel>" ("" when absent).
std::string LinkTarget(const std::string& link_header, const std::string& rel);

// The path and query of an absolute http URL ("/api/...?...").
std::string PathAndQuery(const std::string& url);

}  // namespace heed::sandbox::testing
