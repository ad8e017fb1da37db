// The RSS/Atom connector (RSS 2.0, RSS 1.0, Atom 1.0; Google Alerts "Deliver to RSS feed").
// Read-only: a feed has no reply API, so PostReply refuses with kFailedPrecondition and sends
// nothing.
//
// ConnectorConfig::base_url is the whole feed URL and is fetched as-is (its path and query are
// kept; only http(s) URLs with a host and without whitespace, user-info or fragment are accepted).
// The token is ignored (feeds are public). Feeds:
//   "feed" (or empty)  every entry
//   "feed:QUERY"       only entries whose plain text contains QUERY (ASCII case-insensitive);
//                      the others are still marked seen, so they are never re-examined.
//
// Checkpoint ("rss1;f=FLOOR;e=ETAG;m=LAST-MODIFIED;x=MORE;s=HASH:MS,..."). A feed has no cursor
// and no order guarantee, so the checkpoint remembers what was already reported:
//  - s: the FNV-1a hashes of the keys (guid/id/link, see rss_parse.h) of the most recent
//    kMaxSeen (500) reported entries, with their created_at in ms;
//  - f: the floor, the newest created_at ever evicted from s (-1 while nothing was).
// An entry is new iff its key is not in s and its created_at is after f. No duplicate: every
// reported entry after f is still in s (eviction removes the oldest first and raises f past
// it). No gap as long as a new entry is not older than the 500 most recent reported ones (e.g.
// a backdated post that appears late) and no two keys collide on 64 bits.
// Paging: new entries are reported oldest first (created_at, then key), at most page_limit per
// FetchPage, with has_more while more remain, so a large first read is split into pages and a
// restart between them resumes where the stored checkpoint says (the feed is re-fetched;
// entries already reported are in s).
// Conditional GET: once a fetch leaves nothing pending (x=0) the response's ETag and
// Last-Modified are kept and sent back as If-None-Match / If-Modified-Since; 304 is an empty
// page with the checkpoint unchanged. While entries are pending (x=1) the feed is fetched
// unconditionally, so a 304 can never hide them.
// Entries without a date get the fetch time; if such an entry is evicted from s and is still in
// the feed it is reported again (the store deduplicates on remote_id).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "heed/connectors/connector.h"
#include "rss_parse.h"

namespace heed::connectors {

// Exposed for tests.
struct RssCheckpoint {
  int64_t floor_ms = -1;
  std::string etag;
  std::string last_modified;
  bool more = false;
  std::map<std::string, int64_t> seen;  // key hash -> created_at (ms)

  std::string Encode() const;
  // "" is the empty state; kInvalidArgument for anything Encode could not have produced.
  static Result<RssCheckpoint> Decode(const std::string& text);
};

class RssConnector final : public Connector {
 public:
  static constexpr size_t kMaxSeen = 500;

  // Validates config.feed and the feed URL (kInvalidArgument). transport and clock must outlive
  // the connector.
  static Result<std::unique_ptr<RssConnector>> Create(const ConnectorConfig& config,
                                                      HttpTransport& transport, Clock& clock);

  const std::string& name() const override { return config_.name; }
  const std::string& platform() const override { return platform_; }
  Capabilities capabilities() const override;

  Result<Page> FetchPage(const std::string& checkpoint) override;

  // Always kFailedPrecondition: "rss is read-only: answer at <entry url>, then record it in
  // heed". No request is sent.
  Result<PostedReply> PostReply(const ReplyRequest& request) override;

 private:
  RssConnector(ConnectorConfig config, std::string filter, HttpTransport& transport, Clock& clock);
  std::string Context(const HttpRequest& request) const;

  const std::string platform_ = "rss";
  ConnectorConfig config_;
  std::string filter_;  // lower-case query of "feed:QUERY"; empty: every entry
  int limit_;
  HttpTransport& transport_;
  Clock& clock_;
};

}  // namespace heed::connectors
