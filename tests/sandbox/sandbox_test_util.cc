#include "sandbox_test_util.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

namespace heed::sandbox::testing {

Client::Client(const std::string& base_url) {
  web::http::client::http_client_config config;
  config.set_timeout(std::chrono::seconds(10));
  client_ = std::make_unique<web::http::client::http_client>(web::uri(base_url), config);
}

Reply Client::Send(const std::string& method, const std::string& path_and_query,
                   const std::string& token, const std::string& body,
                   const std::string& content_type,
                   const std::vector<std::pair<std::string, std::string>>& extra_headers) {
  web::http::http_request request(method);
  request.set_request_uri(web::uri(path_and_query));
  if (!token.empty()) request.headers().add("Authorization", "Bearer " + token);
  for (const auto& [name, value] : extra_headers) request.headers().add(name, value);
  if (!body.empty() || !content_type.empty()) {
    // Not set_body(std::string): cpprestsdk reads it through a mistyped stream buffer (UBSan).
    request.headers().set_content_type(content_type);
    request.set_body(std::vector<unsigned char>(body.begin(), body.end()));
  }
  web::http::http_response response = client_->request(request).get();
  Reply reply;
  reply.status = response.status_code();
  for (const auto& [name, value] : response.headers()) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    reply.headers[lower] = value;
  }
  reply.body = response.extract_utf8string(true).get();
  reply.json.Parse(reply.body.c_str(), reply.body.size());
  return reply;
}

std::unique_ptr<Sandbox> StartSandbox(Clock* clock, uint64_t seed, int post_count, int rate_limit) {
  SandboxOptions options;
  options.clock = clock;
  options.seed = seed;
  options.post_count = post_count;
  options.rate_limit = rate_limit;
  auto started = Sandbox::Start(options);
  if (!started.ok()) {
    ADD_FAILURE() << "Sandbox::Start: " << started.status().ToString();
    return nullptr;
  }
  return std::move(started).value();
}

std::string StripHtml(const std::string& html) {
  std::string text;
  bool in_tag = false;
  for (size_t i = 0; i < html.size(); ++i) {
    if (html.compare(i, 6, "<br />") == 0) text += "\n";
    if (html.compare(i, 4, "</p>") == 0 && i + 4 < html.size()) text += "\n\n";
    char c = html[i];
    if (c == '<') in_tag = true;
    if (!in_tag) text.push_back(c);
    if (c == '>') in_tag = false;
  }
  const std::pair<std::string, std::string> kEntities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
  for (const auto& [entity, plain] : kEntities) {
    for (size_t pos = text.find(entity); pos != std::string::npos;
         pos = text.find(entity, pos + plain.size())) {
      text.replace(pos, entity.size(), plain);
    }
  }
  return text;
}

std::string Str(const rapidjson::Value& object, const char* key) {
  if (!object.IsObject()) return "";
  auto it = object.FindMember(key);
  if (it == object.MemberEnd() || !it->value.IsString()) return "";
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

std::string LinkTarget(const std::string& link_header, const std::string& rel) {
  std::string marker = "; rel=\"" + rel + "\"";
  size_t at = link_header.find(marker);
  if (at == std::string::npos) return "";
  size_t close = link_header.rfind('>', at);
  size_t open = link_header.rfind('<', at);
  if (open == std::string::npos || close == std::string::npos || close < open) return "";
  return link_header.substr(open + 1, close - open - 1);
}

std::string PathAndQuery(const std::string& url) {
  size_t scheme = url.find("://");
  size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  return slash == std::string::npos ? "/" : url.substr(slash);
}

}  // namespace heed::sandbox::testing
