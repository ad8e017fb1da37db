#include "html.h"

#include <optional>

#include "heed/core/text.h"

namespace heed::sandbox {

namespace {

// &amp; &lt; &gt; &quot;, `apostrophe` for '\'' and `line_break` (when set) for '\n'.
std::string Escape(std::string_view text, std::string_view apostrophe,
                   std::optional<std::string_view> line_break) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += apostrophe;
        break;
      case '\n':
        if (line_break) {
          out += *line_break;
        } else {
          out.push_back(c);
        }
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::string EscapeHtml(std::string_view text) { return Escape(text, "&#39;", std::nullopt); }

std::string EscapeXml(std::string_view text) { return Escape(text, "&apos;", std::nullopt); }

std::string EscapeHtmlLines(std::string_view text, std::string_view line_break) {
  return Escape(text, "&#39;", line_break);
}

void ContentBuilder::Open() {
  if (paragraph_open_) return;
  html_ += "<p>";
  paragraph_open_ = true;
}

void ContentBuilder::Text(std::string_view text) {
  Open();
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    std::string_view line = text.substr(start, nl == std::string_view::npos ? nl : nl - start);
    html_ += EscapeHtml(line);
    plain_.append(line);
    if (nl == std::string_view::npos) break;
    LineBreak();
    start = nl + 1;
  }
}

void ContentBuilder::Mention(std::string_view profile_url, std::string_view username) {
  Open();
  html_ += "<span class=\"h-card\" translate=\"no\"><a href=\"" + EscapeHtml(profile_url) +
           "\" class=\"u-url mention\">@<span>" + EscapeHtml(username) + "</span></a></span>";
  plain_ += "@";
  plain_.append(username);
}

void ContentBuilder::Hashtag(std::string_view base_url, std::string_view name) {
  Open();
  html_ += "<a href=\"" + EscapeHtml(base_url) + "/tags/" + EscapeHtml(AsciiLower(name)) +
           "\" class=\"mention hashtag\" rel=\"tag\">#<span>" + EscapeHtml(name) + "</span></a>";
  plain_ += "#";
  plain_.append(name);
}

void ContentBuilder::LineBreak() {
  Open();
  html_ += "<br />";
  plain_ += "\n";
}

void ContentBuilder::ParagraphBreak() {
  if (!paragraph_open_) return;
  html_ += "</p>";
  paragraph_open_ = false;
  plain_ += "\n\n";
}

std::string ContentBuilder::Html() const { return paragraph_open_ ? html_ + "</p>" : html_; }

}  // namespace heed::sandbox
