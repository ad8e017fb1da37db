// RSS 2.0 / RSS 1.0 (RDF) / Atom 1.0 feeds -> heed values, with expat. The only code that
// touches expat (and the only RapidJSON use for RSS, to build raw_json). Untrusted input:
//  - streaming parse of at most kMaxFeedBytes, element depth at most 64;
//  - no DTD processing: any entity declaration aborts the parse (billion laughs, external
//    entities), external entities are never loaded, parameter entities are never parsed;
//  - a body that is not a well-formed RSS/Atom document (HTML error page, truncated XML) is
//    kDataLoss for the page; an unusable entry is a per-entry kDataLoss.
// Never throws.
//
// Mapping of an entry to a Mention (documented choices):
//  - key/remote_id = Atom <id>, RSS <guid>, RSS 1.0 rdf:about; else the link; else
//    "sha:" + a 64-bit FNV-1a hash of title + date. Keys longer than 512 bytes are hashed too.
//  - text = title + "\n" + body, both plain: Atom type="html" (and RSS description, and RSS titles
//    containing markup) go through HtmlToText, so Google Alerts' <b> highlights disappear.
//    body = Atom <content>, else <summary>; RSS <description>, else <content:encoded>.
//  - url = the alternate link (Atom <link rel="alternate"|none href>, RSS <link>), with Google's
//    redirect (https://www.google.com/url?...&url=REAL) unwrapped; else a permalink guid / an
//    http(s) id; else the feed URL.
//  - author = Atom <author><name>, RSS <dc:creator>, RSS <author> ("mail@x (Name)" -> "Name").
//    When the entry names nobody (Google Alerts' empty <name>), the author is the linked site's
//    host, with profile_url "https://host".
//  - created_at = Atom <published>, else <updated> (ISO-8601); RSS <pubDate> (RFC 822), else
//    <dc:date> (ISO-8601). Entries without a readable date get options.fetched_at and
//    Entry::dated = false.
//  - language from xml:lang (entry, else feed) or the RSS channel <language>, as its first two
//    letters; empty otherwise. raw_json = the entry's fields as a JSON object.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heed/core/clock.h"
#include "heed/core/mention.h"
#include "heed/core/result.h"

namespace heed::connectors::rss {

inline constexpr size_t kMaxFeedBytes = 8 * 1024 * 1024;

struct ParseOptions {
  std::string platform = "rss";
  std::string feed_url;  // fallback permalink
  TimePoint fetched_at;  // created_at for entries without a date
};

struct Entry {
  std::string key;  // dedupe key (== mention's remote_id when it parsed); never empty
  TimePoint created_at;
  bool dated = false;  // created_at came from the entry
  Result<Mention> mention = Status::DataLoss("entry not parsed");
};

struct Feed {
  std::string format;          // "rss", "rdf" or "atom"
  std::vector<Entry> entries;  // document order
};

// kDataLoss when body is not a well-formed RSS or Atom document within the bounds above. A
// document that is UTF-8 (declared, or by default) has ill-formed bytes replaced by U+FFFD first.
Result<Feed> ParseFeed(std::string_view body, const ParseOptions& options);

// "https://www.google.com/url?rct=j&sa=t&url=https://x.example/a&ct=ga" -> "https://x.example/a"
// (also the q= form and other google.* hosts). Any other URL is returned unchanged.
std::string UnwrapGoogleRedirect(std::string_view url);

// RFC 822 / RFC 2822 dates as RSS uses them: "Sat, 07 Sep 2002 00:00:01 GMT", "7 Sep 02 9:30
// +0200" (day name and seconds optional, 2- or 4-digit year, zones GMT/UT/UTC/Z, US zones,
// military letters as UTC, +HHMM/-HHMM). nullopt when unreadable.
std::optional<TimePoint> ParseRfc822Date(std::string_view text);

// 16 lower-case hex digits of the 64-bit FNV-1a hash of text.
std::string HashHex(std::string_view text);

}  // namespace heed::connectors::rss
