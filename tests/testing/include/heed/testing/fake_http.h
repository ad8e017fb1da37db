// FakeHttpTransport: a scripted HttpTransport for unit tests. Responses are queued per
// "METHOD path" (path without query) or as a default; every request is recorded.
#pragma once

#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "heed/core/http.h"

namespace heed::testing {

class FakeHttpTransport final : public HttpTransport {
 public:
  // Queues a response for requests whose method and path (query ignored) match.
  void Enqueue(const std::string& method, const std::string& path, Result<HttpResponse> response);
  // Returned when nothing is queued for a request (default: 404).
  void SetDefault(HttpResponse response);

  Result<HttpResponse> Send(const HttpRequest& request) override;

  std::vector<HttpRequest> requests() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::deque<Result<HttpResponse>>> queued_;
  HttpResponse default_{404, {}, R"({"error":"Record not found"})"};
  std::vector<HttpRequest> requests_;
};

// "/api/v1/x" from "http://host:1/api/v1/x?y=1".
std::string PathOf(const std::string& url);

// The body of a test data file under tests/data/ (HEED_TEST_DATA_DIR); empty when missing.
std::string ReadTestData(const std::string& relative_path);

}  // namespace heed::testing
