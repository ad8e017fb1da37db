#include "heed/core/http.h"

#include <array>

#include "heed/core/text.h"

namespace heed {

std::optional<std::string> FindHeader(const HttpHeaders& headers, std::string_view name) {
  std::string wanted = AsciiLower(name);
  for (const auto& [key, value] : headers) {
    if (AsciiLower(key) == wanted) return value;
  }
  return std::nullopt;
}

std::string UrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.' || c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string RedactUrl(std::string_view url) {
  static constexpr std::array<std::string_view, 7> kSecretKeys = {
      "access_token", "token", "key", "api_key", "password", "client_secret", "apikey"};
  size_t query = url.find('?');
  if (query == std::string_view::npos) return std::string(url);
  std::string out(url.substr(0, query + 1));
  std::string_view rest = url.substr(query + 1);
  bool first = true;
  while (!rest.empty()) {
    size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (!first) out.push_back('&');
    first = false;
    size_t eq = pair.find('=');
    std::string key = AsciiLower(pair.substr(0, eq));
    bool secret = false;
    for (auto k : kSecretKeys) secret = secret || key == k;
    if (secret && eq != std::string_view::npos) {
      out.append(pair.substr(0, eq + 1)).append("REDACTED");
    } else {
      out.append(pair);
    }
  }
  return out;
}

}  // namespace heed
