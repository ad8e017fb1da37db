// Builds status content the way Mastodon renders it: paragraphs in <p>, line breaks as <br />,
// text HTML-escaped (&amp; &lt; &gt; &quot; &#39;), mentions as h-card links and hashtags as
// rel="tag" links. Produces the plain-text equivalent alongside, for search.
#pragma once

#include <string>
#include <string_view>

namespace heed::sandbox {

std::string EscapeHtml(std::string_view text);
// EscapeHtml, but the apostrophe as &apos; (XML's entity).
std::string EscapeXml(std::string_view text);
// EscapeHtml with every '\n' replaced by line_break (e.g. "<br>").
std::string EscapeHtmlLines(std::string_view text, std::string_view line_break);

class ContentBuilder {
 public:
  // Escaped text; '\n' becomes a line break.
  void Text(std::string_view text);
  // `@username` linking to `profile_url` (Mastodon shows the username, not the full acct).
  void Mention(std::string_view profile_url, std::string_view username);
  // `#name` linking to `{base_url}/tags/{lower-case name}`.
  void Hashtag(std::string_view base_url, std::string_view name);
  void LineBreak();
  void ParagraphBreak();  // no-op before any content

  std::string Html() const;  // "<p>...</p><p>...</p>"
  const std::string& PlainText() const { return plain_; }

 private:
  std::string html_;  // closed paragraphs plus the open one's inner HTML
  std::string plain_;
  bool paragraph_open_ = false;
  void Open();
};

}  // namespace heed::sandbox
