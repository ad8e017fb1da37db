#include "heed/testing/fake_http.h"

#include <fstream>
#include <sstream>

namespace heed::testing {

std::string PathOf(const std::string& url) {
  size_t scheme = url.find("://");
  size_t start = scheme == std::string::npos ? 0 : url.find('/', scheme + 3);
  if (start == std::string::npos) return "/";
  size_t end = url.find_first_of("?#", start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

void FakeHttpTransport::Enqueue(const std::string& method, const std::string& path,
                                Result<HttpResponse> response) {
  std::lock_guard lock(mu_);
  queued_[method + " " + path].push_back(std::move(response));
}

void FakeHttpTransport::SetDefault(HttpResponse response) {
  std::lock_guard lock(mu_);
  default_ = std::move(response);
}

Result<HttpResponse> FakeHttpTransport::Send(const HttpRequest& request) {
  std::lock_guard lock(mu_);
  requests_.push_back(request);
  auto it = queued_.find(request.method + " " + PathOf(request.url));
  if (it == queued_.end() || it->second.empty()) return default_;
  Result<HttpResponse> response = std::move(it->second.front());
  it->second.pop_front();
  return response;
}

std::vector<HttpRequest> FakeHttpTransport::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

std::string ReadTestData(const std::string& relative_path) {
  std::ifstream in(std::string(HEED_TEST_DATA_DIR) + "/" + relative_path, std::ios::binary);
  std::ostringstream body;
  body << in.rdbuf();
  return body.str();
}

}  // namespace heed::testing
