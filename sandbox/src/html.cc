#include "html.h"

#include "heed/core/text.h"

namespace heed::sandbox {

std::string EscapeHtml(std::string_view text) {
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
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
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
