// The RSS/Atom emulator under /rss: two static feeds derived from the corpus.
//   GET /rss/alerts/atom.xml  a Google Alerts-like Atom 1.0 feed of the tag posts: entry ids
//                             "tag:google.com,2013:googlealerts/feed:<n>", <title type="html">
//                             and <content type="html"> with the brand in <b>, <link href> a
//                             google.com/url?...&url=<article> redirect, empty <author><name>,
//                             RFC 3339 <published>/<updated>.
//   GET /rss/blog/rss.xml     an RSS 2.0 feed of the mention posts: <guid isPermaLink="false">,
//                             RFC 822 <pubDate>, HTML <description>, <dc:creator>, <language>.
//   GET /rss/ (the prefix itself)  the alerts feed too, so a connector whose feed URL is just
//                             the platform URL (as the shared platform flow configures it) works.
// Entries are newest first. Every feed carries ETag (a hash of the body) and Last-Modified (the
// newest entry's time); If-None-Match (or, without it, If-Modified-Since not older than
// Last-Modified) answers 304 with an empty body. Rate limit: 429 (text body) with Retry-After in
// seconds after context.rate_limit requests per 5 minutes per client address. Other methods:
// 405; unknown paths: 404 (HTML, as a web server would answer). No auth.
//
// Thread safety: the rendered feeds are immutable after construction; the limiter locks itself.
#pragma once

#include <memory>

#include "emulator.h"

namespace heed::sandbox {

std::unique_ptr<PlatformEmulator> MakeRssEmulator(const EmulatorContext& context);

}  // namespace heed::sandbox
