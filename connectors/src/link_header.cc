#include "link_header.h"

#include "heed/core/text.h"

namespace heed::connectors {
namespace {

bool IsOws(char c) { return c == ' ' || c == '\t'; }

void SkipOws(std::string_view s, size_t* pos) {
  while (*pos < s.size() && IsOws(s[*pos])) ++*pos;
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && IsOws(s[b])) ++b;
  while (e > b && IsOws(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

// Reads a quoted-string starting at s[*pos] == '"'; leaves *pos after the closing quote.
std::string ReadQuoted(std::string_view s, size_t* pos) {
  std::string out;
  ++*pos;
  while (*pos < s.size() && s[*pos] != '"') {
    if (s[*pos] == '\\' && *pos + 1 < s.size()) ++*pos;
    out.push_back(s[*pos]);
    ++*pos;
  }
  if (*pos < s.size()) ++*pos;  // closing quote
  return out;
}

// Skips to just past the next top-level ',' (outside <> and quotes), or to the end.
void SkipToNextValue(std::string_view s, size_t* pos) {
  while (*pos < s.size()) {
    char c = s[*pos];
    if (c == '"') {
      ReadQuoted(s, pos);
    } else if (c == ',') {
      ++*pos;
      return;
    } else {
      ++*pos;
    }
  }
}

}  // namespace

bool LinkValue::HasRel(std::string_view relation) const {
  std::string wanted = AsciiLower(relation);
  for (const auto& [name, value] : params) {
    if (name != "rel") continue;
    std::string_view rels = value;
    while (!rels.empty()) {
      size_t sp = rels.find_first_of(" \t");
      std::string_view one = rels.substr(0, sp);
      if (!one.empty() && AsciiLower(one) == wanted) return true;
      if (sp == std::string_view::npos) break;
      rels = rels.substr(sp + 1);
    }
  }
  return false;
}

std::vector<LinkValue> ParseLinkHeader(std::string_view s) {
  std::vector<LinkValue> links;
  size_t pos = 0;
  while (pos < s.size()) {
    SkipOws(s, &pos);
    if (pos >= s.size()) break;
    if (s[pos] != '<') {
      SkipToNextValue(s, &pos);
      continue;
    }
    size_t close = s.find('>', pos + 1);
    if (close == std::string_view::npos) break;
    LinkValue link;
    link.target = Trim(s.substr(pos + 1, close - pos - 1));
    pos = close + 1;
    // *( OWS ";" OWS link-param )
    while (true) {
      SkipOws(s, &pos);
      if (pos >= s.size() || s[pos] != ';') break;
      ++pos;
      SkipOws(s, &pos);
      size_t name_end = pos;
      while (name_end < s.size() && s[name_end] != '=' && s[name_end] != ';' &&
             s[name_end] != ',' && !IsOws(s[name_end])) {
        ++name_end;
      }
      std::string name = AsciiLower(s.substr(pos, name_end - pos));
      pos = name_end;
      SkipOws(s, &pos);
      std::string value;
      if (pos < s.size() && s[pos] == '=') {
        ++pos;
        SkipOws(s, &pos);
        if (pos < s.size() && s[pos] == '"') {
          value = ReadQuoted(s, &pos);
        } else {
          size_t end = pos;
          while (end < s.size() && s[end] != ';' && s[end] != ',' && !IsOws(s[end])) ++end;
          value = std::string(s.substr(pos, end - pos));
          pos = end;
        }
      }
      if (!name.empty()) link.params.emplace_back(std::move(name), std::move(value));
    }
    links.push_back(std::move(link));
    SkipToNextValue(s, &pos);
  }
  return links;
}

std::optional<std::string> FindLinkTarget(const std::vector<LinkValue>& links,
                                          std::string_view relation) {
  for (const auto& link : links) {
    if (link.HasRel(relation)) return link.target;
  }
  return std::nullopt;
}

std::optional<std::string> QueryParam(std::string_view url, std::string_view key) {
  size_t q = url.find('?');
  if (q == std::string_view::npos) return std::nullopt;
  std::string_view rest = url.substr(q + 1);
  rest = rest.substr(0, rest.find('#'));
  while (!rest.empty()) {
    size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    size_t eq = pair.find('=');
    if (pair.substr(0, eq) == key) {
      return std::string(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    }
    if (amp == std::string_view::npos) break;
    rest = rest.substr(amp + 1);
  }
  return std::nullopt;
}

}  // namespace heed::connectors
