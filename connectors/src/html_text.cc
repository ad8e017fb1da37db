#include "html_text.h"

#include <cstdint>

#include "heed/core/text.h"

namespace heed::connectors {
namespace {

bool IsHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes the entity at html[pos] == '&'. On success appends it, returns the length consumed;
// returns 0 when it is not a recognised entity (the caller then keeps the '&' literally).
size_t DecodeEntity(std::string_view html, size_t pos, std::string* out) {
  size_t semi = html.find(';', pos + 1);
  if (semi == std::string_view::npos || semi - pos > 12) return 0;
  std::string_view name = html.substr(pos + 1, semi - pos - 1);
  size_t consumed = semi - pos + 1;
  if (!name.empty() && name[0] == '#') {
    bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    uint32_t cp = 0;
    for (char c : digits) {
      uint32_t d;
      if (c >= '0' && c <= '9') {
        d = static_cast<uint32_t>(c - '0');
      } else if (hex && c >= 'a' && c <= 'f') {
        d = static_cast<uint32_t>(c - 'a' + 10);
      } else if (hex && c >= 'A' && c <= 'F') {
        d = static_cast<uint32_t>(c - 'A' + 10);
      } else {
        return 0;
      }
      cp = cp * (hex ? 16 : 10) + d;
      if (cp > 0x10FFFF) cp = 0x110000;  // saturate: becomes U+FFFD
    }
    AppendUtf8(cp, out);
    return consumed;
  }
  struct Named {
    std::string_view name;
    std::string_view text;
  };
  static constexpr Named kNamed[] = {{"amp", "&"},   {"lt", "<"},   {"gt", ">"},
                                     {"quot", "\""}, {"apos", "'"}, {"nbsp", " "}};
  for (const auto& n : kNamed) {
    if (name == n.name) {
      out->append(n.text);
      return consumed;
    }
  }
  return 0;
}

enum class Break { kNone, kLine, kParagraph };

// Lower-case tag name of the tag text between '<' and '>' (without a leading '/').
std::string TagName(std::string_view tag) {
  size_t b = tag.empty() || tag[0] != '/' ? 0 : 1;
  size_t e = b;
  while (e < tag.size() && !IsHtmlSpace(tag[e]) && tag[e] != '/' && tag[e] != '>') ++e;
  return AsciiLower(tag.substr(b, e - b));
}

Break BreakFor(const std::string& name) {
  if (name == "br") return Break::kLine;
  if (name == "p" || name == "div" || name == "blockquote" || name == "li" || name == "ul" ||
      name == "ol" || name == "pre" ||
      (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6')) {
    return Break::kParagraph;
  }
  return Break::kNone;
}

// Finds the end of the tag starting at html[pos] == '<', honouring quoted attribute values.
size_t TagEnd(std::string_view html, size_t pos) {
  char quote = 0;
  for (size_t i = pos + 1; i < html.size(); ++i) {
    char c = html[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i;
    }
  }
  return std::string_view::npos;
}

// Accumulates text, turning breaks and whitespace into at most one separator between runs.
// Breaks before the first and after the last text are dropped.
class TextBuilder {
 public:
  void Text(std::string_view s) {
    if (s.empty()) return;
    if (!out_.empty()) {
      if (pending_ == Break::kParagraph) {
        out_.append("\n\n");
      } else if (pending_ == Break::kLine) {
        out_.push_back('\n');
      } else if (space_) {
        out_.push_back(' ');
      }
    }
    pending_ = Break::kNone;
    space_ = false;
    out_.append(s);
  }
  void Space() { space_ = true; }
  // Two line breaks in a row make a paragraph break (one blank line at most).
  void AddBreak(Break b) {
    pending_ =
        (b == Break::kParagraph || pending_ != Break::kNone) ? Break::kParagraph : Break::kLine;
  }
  std::string Finish() { return std::move(out_); }

 private:
  std::string out_;
  Break pending_ = Break::kNone;
  bool space_ = false;
};

}  // namespace

std::string HtmlToText(std::string_view html) {
  TextBuilder text;
  size_t pos = 0;
  while (pos < html.size()) {
    char c = html[pos];
    if (c == '<') {
      if (html.substr(pos, 4) == "<!--") {
        size_t end = html.find("-->", pos + 4);
        pos = end == std::string_view::npos ? html.size() : end + 3;
        continue;
      }
      size_t end = TagEnd(html, pos);
      if (end == std::string_view::npos) {  // "<" with no closing ">": literal text
        text.Text("<");
        ++pos;
        continue;
      }
      std::string_view tag = html.substr(pos + 1, end - pos - 1);
      bool closing = !tag.empty() && tag[0] == '/';
      std::string name = TagName(tag);
      pos = end + 1;
      if (!closing && (name == "script" || name == "style")) {
        std::string close = "</" + name;
        size_t stop = std::string_view::npos;
        for (size_t i = pos; i + close.size() <= html.size(); ++i) {
          if (AsciiLower(html.substr(i, close.size())) == close) {
            stop = i;
            break;
          }
        }
        if (stop == std::string_view::npos) break;
        size_t stop_end = TagEnd(html, stop);
        pos = stop_end == std::string_view::npos ? html.size() : stop_end + 1;
        continue;
      }
      Break b = BreakFor(name);
      if (b != Break::kNone) text.AddBreak(b);
      continue;
    }
    if (c == '&') {
      std::string decoded;
      size_t used = DecodeEntity(html, pos, &decoded);
      if (used > 0) {
        // &nbsp; is whitespace like any other here, so it collapses and is trimmed.
        if (decoded == " ") {
          text.Space();
        } else {
          text.Text(decoded);
        }
        pos += used;
        continue;
      }
      text.Text("&");
      ++pos;
      continue;
    }
    if (IsHtmlSpace(c)) {
      text.Space();
      ++pos;
      continue;
    }
    size_t run = pos;
    while (run < html.size() && html[run] != '<' && html[run] != '&' && !IsHtmlSpace(html[run])) {
      ++run;
    }
    text.Text(html.substr(pos, run - pos));
    pos = run;
  }
  return SanitizeUtf8(text.Finish());
}

}  // namespace heed::connectors
