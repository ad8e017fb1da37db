#include "url_util.h"

#include "heed/core/text.h"

namespace heed::connectors {

Result<std::string> NormalizeBaseUrl(std::string_view url) {
  auto bad = [&](std::string_view why) {
    return Status::InvalidArgument("base_url \"" + std::string(url.substr(0, 200)) + "\" " +
                                   std::string(why));
  };
  std::string lower = AsciiLower(url.substr(0, 8));
  std::string out;
  if (lower.starts_with("https://")) {
    out = "https://";
  } else if (lower.starts_with("http://")) {
    out = "http://";
  } else {
    return bad("must start with http:// or https://");
  }
  std::string_view rest = url.substr(out.size());
  while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  for (char c : rest) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) return bad("contains whitespace");
    if (c == '?' || c == '#') return bad("must not have a query or fragment");
  }
  std::string_view authority = rest.substr(0, rest.find('/'));
  if (authority.find('@') != std::string_view::npos) return bad("must not contain user-info");
  if (authority.empty() || authority.front() == ':') return bad("has no host");
  out.append(rest);
  return out;
}

std::string AuthorityOf(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view rest = url.substr(scheme + 3);
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  return AsciiLower(authority);
}

std::string HostOf(std::string_view url) {
  std::string authority = AuthorityOf(url);
  if (!authority.empty() && authority.front() == '[') {  // IPv6 literal
    size_t close = authority.find(']');
    return close == std::string::npos ? authority : authority.substr(0, close + 1);
  }
  return authority.substr(0, authority.find(':'));
}

}  // namespace heed::connectors
