#include "rss_connector.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <utility>
#include <vector>

#include "connector_errors.h"
#include "connector_text.h"
#include "heed/core/text.h"
#include "http_errors.h"
#include "platforms.h"
#include "rate_limit.h"

namespace heed::connectors {
namespace {

constexpr int kMaxPageLimit = 500;
constexpr Millis kRequestTimeout{20000};
constexpr char kVersion[] = "rss1";
constexpr size_t kMaxValidatorBytes = 512;

bool IsHashHex(std::string_view h) {
  return h.size() == 16 && std::all_of(h.begin(), h.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// Validators are echoed back in headers: keep only printable ASCII, bounded.
std::string CleanValidator(std::optional<std::string> value) {
  if (!value || value->size() > kMaxValidatorBytes) return "";
  for (char c : *value) {
    if (c < 0x20 || c > 0x7e) return "";
  }
  return *value;
}

Result<std::string> ValidateFeedUrl(const std::string& url) {
  auto bad = [&](std::string_view why) {
    return Status::InvalidArgument("feed URL \"" + RedactUrl(SanitizeUtf8(url.substr(0, 200))) +
                                   "\" " + std::string(why));
  };
  std::string lower = AsciiLower(std::string_view(url).substr(0, 8));
  size_t scheme = lower.starts_with("https://") ? 8 : lower.starts_with("http://") ? 7 : 0;
  if (scheme == 0) return bad("must start with http:// or https://");
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) return bad("contains whitespace");
    if (c == '#') return bad("must not have a fragment");
  }
  std::string_view rest = std::string_view(url).substr(scheme);
  std::string_view authority = rest.substr(0, rest.find_first_of("/?"));
  if (authority.find('@') != std::string_view::npos) return bad("must not contain user-info");
  if (authority.empty() || authority.front() == ':') return bad("has no host");
  return AsciiLower(url.substr(0, scheme)) + url.substr(scheme);
}

}  // namespace

std::string RssCheckpoint::Encode() const {
  if (floor_ms < 0 && etag.empty() && last_modified.empty() && !more && seen.empty()) return "";
  std::string s;
  for (const auto& [hash, ms] : seen) {
    if (!s.empty()) s += ',';
    s += hash + ':' + std::to_string(ms);
  }
  return std::string(kVersion) + ";f=" + std::to_string(floor_ms) + ";e=" + UrlEncode(etag) +
         ";m=" + UrlEncode(last_modified) + ";x=" + (more ? "1" : "0") + ";s=" + s;
}

Result<RssCheckpoint> RssCheckpoint::Decode(const std::string& text) {
  RssCheckpoint cp;
  if (text.empty()) return cp;
  auto bad = [&] {
    return Status::InvalidArgument("not an rss checkpoint: \"" +
                                   SanitizeUtf8(std::string_view(text).substr(0, 64)) + "\"");
  };
  std::vector<std::string_view> fields = SplitList(text, ';');
  if (fields.size() != 6 || fields[0] != kVersion) return bad();
  const char kKeys[] = {'f', 'e', 'm', 'x', 's'};
  for (size_t i = 1; i < fields.size(); ++i) {
    std::string_view f = fields[i];
    if (f.size() < 2 || f[0] != kKeys[i - 1] || f[1] != '=') return bad();
    std::string_view v = f.substr(2);
    switch (f[0]) {
      case 'f': {
        auto n = ParseInt64(v);
        if (!n || *n < -1) return bad();
        cp.floor_ms = *n;
        break;
      }
      case 'e':
      case 'm': {
        auto u = PercentDecodeStrict(v);
        if (!u) return bad();
        (f[0] == 'e' ? cp.etag : cp.last_modified) = CleanValidator(u);
        break;
      }
      case 'x':
        if (v != "0" && v != "1") return bad();
        cp.more = v == "1";
        break;
      case 's': {
        std::vector<std::string_view> items = SplitList(v, ',');
        if (items.size() > RssConnector::kMaxSeen) return bad();
        for (std::string_view item : items) {
          size_t colon = item.find(':');
          if (colon == std::string_view::npos || !IsHashHex(item.substr(0, colon))) return bad();
          auto ms = ParseInt64(item.substr(colon + 1));
          if (!ms) return bad();
          cp.seen[std::string(item.substr(0, colon))] = *ms;
        }
        break;
      }
    }
  }
  return cp;
}

Result<std::unique_ptr<RssConnector>> RssConnector::Create(const ConnectorConfig& config,
                                                           HttpTransport& transport, Clock& clock) {
  ConnectorConfig normalized = config;
  Result<std::string> url = ValidateFeedUrl(config.base_url);
  if (!url.ok()) return url.status().WithContext("connector \"" + config.name + "\"");
  normalized.base_url = *url;
  std::string filter;
  if (config.feed.empty() || config.feed == "feed") {
    // every entry
  } else if (config.feed.starts_with("feed:")) {
    filter = AsciiLower(config.feed.substr(5));
    if (filter.find_first_not_of(" \t") == std::string::npos) {
      return Status::InvalidArgument("connector \"" + config.name +
                                     "\": rss feed \"feed:\" has no query");
    }
  } else {
    return Status::InvalidArgument("connector \"" + config.name + "\": unknown rss feed \"" +
                                   SanitizeUtf8(config.feed.substr(0, 100)) +
                                   "\" (supported: feed, feed:QUERY; the feed URL is base_url)");
  }
  return std::unique_ptr<RssConnector>(
      new RssConnector(std::move(normalized), std::move(filter), transport, clock));
}

RssConnector::RssConnector(ConnectorConfig config, std::string filter, HttpTransport& transport,
                           Clock& clock)
    : config_(std::move(config)),
      filter_(std::move(filter)),
      limit_(std::clamp(config_.page_limit, 1, kMaxPageLimit)),
      transport_(transport),
      clock_(clock) {}

Capabilities RssConnector::capabilities() const {
  Capabilities c;
  c.can_read = true;
  c.can_reply = false;
  c.reply_replaces_existing = false;
  c.max_reply_length = 0;
  c.backfill_pages = 0;  // the feed itself bounds history
  return c;
}

std::string RssConnector::Context(const HttpRequest& request) const {
  return RequestContext("rss", config_.name, request);
}

Result<Page> RssConnector::FetchPage(const std::string& checkpoint) {
  Result<RssCheckpoint> decoded = RssCheckpoint::Decode(checkpoint);
  if (!decoded.ok()) return decoded.status().WithContext("rss connector '" + config_.name + "'");
  const RssCheckpoint& st = *decoded;

  HttpRequest request;
  request.url = config_.base_url;
  request.timeout = kRequestTimeout;
  request.headers.emplace_back(
      "Accept",
      "application/atom+xml, application/rss+xml, application/xml;q=0.9, text/xml;q=0.8, "
      "*/*;q=0.1");
  request.headers.emplace_back("User-Agent", "heed/0.1");
  if (!st.more) {
    if (!st.etag.empty()) request.headers.emplace_back("If-None-Match", st.etag);
    if (!st.last_modified.empty()) {
      request.headers.emplace_back("If-Modified-Since", st.last_modified);
    }
  }
  Result<HttpResponse> response = transport_.Send(request);
  if (!response.ok()) {
    return TransportContext(response.status(), "rss", config_.name, request);
  }
  if (response->status == 304) {
    Page page;
    page.next_checkpoint = checkpoint;
    return page;
  }
  if (!Is2xx(response->status)) {
    std::optional<Millis> retry_after;
    if (response->status == 429 || response->status == 503) {
      retry_after = RetryAfterHint(*response, clock_.Now());
    }
    return StatusFromHttp(response->status, Context(request), "", retry_after);
  }
  rss::ParseOptions options;
  options.feed_url = config_.base_url;
  options.fetched_at = clock_.Now();
  Result<rss::Feed> feed = rss::ParseFeed(response->body, options);
  if (!feed.ok()) return feed.status().WithContext(Context(request));

  struct Fresh {
    rss::Entry* entry;
    std::string hash;
  };
  std::vector<Fresh> fresh;
  std::set<std::string> this_fetch;
  for (rss::Entry& e : feed->entries) {
    std::string hash = rss::HashHex(e.key);
    if (!this_fetch.insert(hash).second) continue;  // repeated in the document
    if (st.seen.count(hash) > 0) continue;
    if (st.floor_ms >= 0 && ToUnixMillis(e.created_at) <= st.floor_ms) continue;
    fresh.push_back({&e, std::move(hash)});
  }
  std::sort(fresh.begin(), fresh.end(), [](const Fresh& a, const Fresh& b) {
    if (a.entry->created_at != b.entry->created_at) {
      return a.entry->created_at < b.entry->created_at;
    }
    return a.entry->key < b.entry->key;
  });

  RssCheckpoint next = st;
  Page page;
  const size_t take = std::min(fresh.size(), static_cast<size_t>(limit_));
  for (size_t i = 0; i < take; ++i) {
    rss::Entry& e = *fresh[i].entry;
    next.seen[fresh[i].hash] = ToUnixMillis(e.created_at);
    if (!e.mention.ok()) {
      page.item_errors.push_back(e.mention.status().WithContext(Context(request)));
      continue;
    }
    if (!filter_.empty() && AsciiLower(e.mention->text).find(filter_) == std::string::npos) {
      continue;
    }
    page.mentions.push_back(std::move(e.mention).value());
  }
  while (next.seen.size() > kMaxSeen) {
    auto oldest =
        std::min_element(next.seen.begin(), next.seen.end(),
                         [](const auto& a, const auto& b) { return a.second < b.second; });
    next.floor_ms = std::max(next.floor_ms, oldest->second);
    next.seen.erase(oldest);
  }
  page.has_more = fresh.size() > take;
  next.more = page.has_more;
  next.etag = CleanValidator(response->Header("ETag"));
  next.last_modified = CleanValidator(response->Header("Last-Modified"));
  page.next_checkpoint = next.Encode();
  return page;
}

Result<PostedReply> RssConnector::PostReply(const ReplyRequest& request) {
  std::string url = request.in_reply_to.url.empty() ? config_.base_url : request.in_reply_to.url;
  return Status::FailedPrecondition("rss is read-only: answer at " + RedactUrl(SanitizeUtf8(url)) +
                                    ", then record it in heed");
}

Result<std::unique_ptr<Connector>> MakeRssConnector(const ConnectorConfig& config,
                                                    HttpTransport& transport, Clock& clock) {
  HEED_ASSIGN_OR_RETURN(auto connector, RssConnector::Create(config, transport, clock));
  return std::unique_ptr<Connector>(std::move(connector));
}

}  // namespace heed::connectors
