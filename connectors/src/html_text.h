// A small HTML-to-plain-text converter for post bodies (Mastodon's status.content). It is not a
// general HTML parser; it is tolerant of malformed input and never fails.
#pragma once

#include <string>
#include <string_view>

namespace heed::connectors {

// Returns the text of html:
//  - tags are dropped; <br> becomes "\n"; a paragraph or block end (</p>, </div>, </li>,
//    </blockquote>, headings) becomes a paragraph break "\n\n";
//  - <script>/<style> contents and <!-- comments --> are dropped;
//  - entities &amp; &lt; &gt; &quot; &apos; &#39; &nbsp; &#NNN; &#xHH; are decoded (invalid code
//    points become U+FFFD; unknown named entities are kept verbatim);
//  - runs of source whitespace (&nbsp; included) collapse to one space, spaces around newlines
//    are removed, at most one blank line is kept, and the result is trimmed;
//  - the result is valid UTF-8 (ill-formed input bytes become U+FFFD).
std::string HtmlToText(std::string_view html);

}  // namespace heed::connectors
