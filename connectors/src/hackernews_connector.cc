#include "hackernews_connector.h"

#include <algorithm>
#include <charconv>
#include <utility>
#include <vector>

#include "connector_errors.h"
#include "connector_text.h"
#include "heed/core/text.h"
#include "http_errors.h"
#include "ids.h"
#include "platforms.h"
#include "rate_limit.h"
#include "url_util.h"

namespace heed::connectors {
namespace {

constexpr int kMaxHitsPerPage = 1000;  // Algolia's hitsPerPage ceiling
constexpr int kBackfillPages = 25;
constexpr size_t kMaxCheckpointIds = 5000;  // per set, when decoding
constexpr Millis kRequestTimeout{15000};
constexpr char kVersion[] = "hn1";
// Answers in a row that are not the page asked for (see the header) before a fetch fails.
constexpr int kMaxStaleAnswers = 3;

std::string EncodeTimedIds(const std::map<std::string, int64_t>& ids) {
  std::string out;
  for (const auto& [id, t] : ids) {
    if (!out.empty()) out += ',';
    out += id + ':' + std::to_string(t);
  }
  return out;
}

bool DecodeTimedIds(std::string_view text, std::map<std::string, int64_t>* out) {
  std::vector<std::string_view> parts = SplitList(text, ',');
  if (parts.size() > kMaxCheckpointIds) return false;
  for (std::string_view part : parts) {
    size_t colon = part.find(':');
    if (colon == std::string_view::npos || !IsDecimalId(part.substr(0, colon))) return false;
    std::optional<int64_t> t = ParseInt64(part.substr(colon + 1));
    if (!t || *t < 0) return false;
    (*out)[std::string(part.substr(0, colon))] = *t;
  }
  return true;
}

// Keeps the newest kMaxSeenIds ids (whole seconds) of `ids`; returns the oldest second kept, or
// `floor` when nothing had to go.
int64_t TrimSeen(std::map<std::string, int64_t>* ids, int64_t floor, size_t max_ids) {
  if (ids->size() <= max_ids) return floor;
  std::vector<std::pair<int64_t, std::string>> by_time;
  for (const auto& [id, t] : *ids) by_time.emplace_back(t, id);
  std::sort(by_time.rbegin(), by_time.rend());
  int64_t cut = by_time[max_ids - 1].first;
  std::map<std::string, int64_t> kept;
  for (const auto& [t, id] : by_time) {
    if (t < cut) break;
    kept[id] = t;
  }
  *ids = std::move(kept);
  return std::max(floor, cut);
}

// Why `page` is not the answer to the request made from `st` asking `hits_per_page` hits; ""
// when it is. Algolia echoes page and hitsPerPage, and every hit must lie in the requested
// created_at_i window: a hit outside it means the answer was made for another request (a page
// served again by a cache: typically the previous page of the walk, above the ceiling).
std::string Mismatch(const HackerNewsCheckpoint& st, const hackernews::SearchPage& page,
                     int hits_per_page) {
  if (page.page != 0) return "the answer is page " + std::to_string(page.page) + ", not page 0";
  if (page.hits_per_page >= 0 && page.hits_per_page != hits_per_page) {
    return "the answer is for hitsPerPage=" + std::to_string(page.hits_per_page) + ", not " +
           std::to_string(hits_per_page);
  }
  size_t outside = 0;
  const hackernews::Hit* example = nullptr;
  for (const hackernews::Hit& h : page.hits) {
    if (h.object_id.empty() || h.created_at_i < 0) continue;  // an item error, not a window
    if ((st.floor >= 0 && h.created_at_i < st.floor) ||
        (st.walking && h.created_at_i > st.ceiling)) {
      if (outside++ == 0) example = &h;
    }
  }
  if (outside == 0) return "";
  std::string window = "created_at_i";
  if (st.floor >= 0) window += ">=" + std::to_string(st.floor);
  if (st.walking)
    window += std::string(st.floor >= 0 ? "," : "") + "<=" + std::to_string(st.ceiling);
  return std::to_string(outside) + " hit(s) outside the requested window " + window + " (e.g. " +
         example->object_id + " at " + std::to_string(example->created_at_i) +
         "): an answer to another request";
}

}  // namespace

std::string HackerNewsCheckpoint::Encode() const {
  if (floor < 0 && !walking) return "";
  std::string out =
      std::string(kVersion) + ";f=" + std::to_string(floor) + ";s=" + EncodeTimedIds(seen);
  if (walking) {
    std::string at;
    for (const std::string& id : at_ceiling) at += (at.empty() ? "" : ",") + id;
    out += ";t=" + std::to_string(top) + ";r=" + EncodeTimedIds(recent) +
           ";c=" + std::to_string(ceiling) + ";a=" + at + ";n=" + std::to_string(pages_read);
  }
  return out;
}

Result<HackerNewsCheckpoint> HackerNewsCheckpoint::Decode(const std::string& text) {
  HackerNewsCheckpoint cp;
  if (text.empty()) return cp;
  auto bad = [&] {
    return Status::InvalidArgument("not a hackernews checkpoint: \"" +
                                   SanitizeUtf8(std::string_view(text).substr(0, 64)) + "\"");
  };
  std::vector<std::string_view> fields = SplitList(text, ';');
  if (fields.empty() || fields[0] != kVersion) return bad();
  std::set<char> keys;
  for (size_t i = 1; i < fields.size(); ++i) {
    std::string_view f = fields[i];
    if (f.size() < 2 || f[1] != '=' || !keys.insert(f[0]).second) return bad();
    std::string_view v = f.substr(2);
    std::optional<int64_t> n;
    switch (f[0]) {
      case 'f':
        if (!(n = ParseInt64(v)) || *n < -1) return bad();
        cp.floor = *n;
        break;
      case 's':
        if (!DecodeTimedIds(v, &cp.seen)) return bad();
        break;
      case 't':
        if (!(n = ParseInt64(v)) || *n < 0) return bad();
        cp.top = *n;
        cp.walking = true;
        break;
      case 'r':
        if (!DecodeTimedIds(v, &cp.recent)) return bad();
        break;
      case 'c':
        if (!(n = ParseInt64(v)) || *n < 0) return bad();
        cp.ceiling = *n;
        break;
      case 'a': {
        std::vector<std::string_view> ids = SplitList(v, ',');
        if (ids.size() > kMaxCheckpointIds) return bad();
        for (std::string_view id : ids) {
          if (!IsDecimalId(id)) return bad();
          cp.at_ceiling.emplace(id);
        }
        break;
      }
      case 'n':
        if (!(n = ParseInt64(v)) || *n < 0 || *n > 1000000) return bad();
        cp.pages_read = static_cast<int>(*n);
        break;
      default:
        return bad();
    }
  }
  const bool walk_fields =
      keys.count('t') + keys.count('c') + keys.count('a') + keys.count('r') + keys.count('n') > 0;
  if (!keys.count('f') || (walk_fields && !(keys.count('t') && keys.count('c')))) return bad();
  if (cp.walking && (cp.ceiling > cp.top || (cp.floor >= 0 && cp.ceiling < cp.floor))) {
    return bad();
  }
  if (!cp.walking && cp.floor < 0) return bad();
  return cp;
}

Result<std::unique_ptr<HackerNewsConnector>> HackerNewsConnector::Create(
    const ConnectorConfig& config, HttpTransport& transport, Clock& clock) {
  ConnectorConfig normalized = config;
  HEED_ASSIGN_OR_RETURN(normalized.base_url, NormalizeBaseUrl(config.base_url));
  const std::string& feed = config.feed;
  std::string tags;
  std::string query;
  if (feed.starts_with("search:")) {
    tags = "(story,comment)";
    query = feed.substr(7);
  } else if (feed.starts_with("stories:")) {
    tags = "story";
    query = feed.substr(8);
  } else if (feed.starts_with("comments:")) {
    tags = "comment";
    query = feed.substr(9);
  } else {
    return Status::InvalidArgument("connector \"" + config.name + "\": unknown hackernews feed \"" +
                                   SanitizeUtf8(feed.substr(0, 100)) +
                                   "\" (supported: search:QUERY, stories:QUERY, comments:QUERY)");
  }
  if (query.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument("connector \"" + config.name + "\": hackernews feed \"" + feed +
                                   "\" has no query");
  }
  return std::unique_ptr<HackerNewsConnector>(new HackerNewsConnector(
      std::move(normalized), std::move(tags), std::move(query), transport, clock));
}

HackerNewsConnector::HackerNewsConnector(ConnectorConfig config, std::string tags,
                                         std::string query, HttpTransport& transport, Clock& clock)
    : config_(std::move(config)),
      tags_(std::move(tags)),
      query_(std::move(query)),
      limit_(std::clamp(config_.page_limit, 1, kMaxHitsPerPage)),
      transport_(transport),
      clock_(clock) {}

Capabilities HackerNewsConnector::capabilities() const {
  Capabilities c;
  c.can_read = true;
  c.can_reply = false;
  c.reply_replaces_existing = false;
  c.max_reply_length = 0;
  c.backfill_pages = kBackfillPages;
  return c;
}

std::string HackerNewsConnector::PageUrl(const HackerNewsCheckpoint& state) const {
  std::string filters;
  if (state.floor >= 0) filters = "created_at_i>=" + std::to_string(state.floor);
  if (state.walking) {
    if (!filters.empty()) filters += ',';
    filters += "created_at_i<=" + std::to_string(state.ceiling);
  }
  std::string url = config_.base_url + "/api/v1/search_by_date?query=" + UrlEncode(query_) +
                    "&tags=" + UrlEncode(tags_);
  if (!filters.empty()) url += "&numericFilters=" + UrlEncode(filters);
  url += "&hitsPerPage=" + std::to_string(HitsPerPage(state)) + "&page=0";
  return url;
}

int HackerNewsConnector::HitsPerPage(const HackerNewsCheckpoint& state) const {
  size_t extra = state.walking ? state.at_ceiling.size() : 0;
  return static_cast<int>(std::min<size_t>(kMaxHitsPerPage, static_cast<size_t>(limit_) + extra));
}

std::string HackerNewsConnector::Context(const HttpRequest& request) const {
  return RequestContext("hackernews", config_.name, request);
}

Result<Page> HackerNewsConnector::FetchPage(const std::string& checkpoint) {
  Result<HackerNewsCheckpoint> decoded = HackerNewsCheckpoint::Decode(checkpoint);
  if (!decoded.ok()) {
    return decoded.status().WithContext("hackernews connector '" + config_.name + "'");
  }
  const HackerNewsCheckpoint& st = *decoded;

  // An answer that is not the page asked for (Mismatch) never moves the checkpoint: it is asked
  // again, and kMaxStaleAnswers of them in a row fail the fetch (see the header).
  HttpRequest request;
  request.url = PageUrl(st);
  request.timeout = kRequestTimeout;
  request.headers.emplace_back("Accept", "application/json");
  request.headers.emplace_back("User-Agent", "heed/0.1");
  Result<hackernews::SearchPage> parsed = Status::Unavailable("no answer yet");
  for (int answers = 1;; ++answers) {
    Result<HttpResponse> response = transport_.Send(request);
    if (!response.ok()) {
      return TransportContext(response.status(), "hackernews", config_.name, request);
    }
    if (!Is2xx(response->status)) {
      std::optional<Millis> retry_after;
      if (response->status == 429) retry_after = RetryAfterHint(*response, clock_.Now());
      return StatusFromHttp(response->status, Context(request),
                            hackernews::ParseErrorMessage(response->body), retry_after);
    }
    parsed = hackernews::ParseSearch(response->body);
    if (!parsed.ok()) return parsed.status().WithContext(Context(request));
    std::string stale = Mismatch(st, *parsed, HitsPerPage(st));
    if (stale.empty()) break;
    if (answers >= kMaxStaleAnswers) {
      return Status::Unavailable(Context(request) + ": " + stale + " (" +
                                 std::to_string(kMaxStaleAnswers) +
                                 " answers in a row); stopping this run without moving the "
                                 "checkpoint, the next run asks for this page again");
    }
  }
  std::vector<hackernews::Hit>& hits = parsed->hits;

  auto in_range = [&](const hackernews::Hit& h) {
    return h.created_at_i >= 0 && !h.object_id.empty() &&
           (st.floor < 0 || h.created_at_i >= st.floor) &&
           (!st.walking || h.created_at_i <= st.ceiling);
  };
  HackerNewsCheckpoint next = st;
  int64_t newest = -1, oldest = -1;
  for (const auto& h : hits) {
    if (!in_range(h)) continue;
    newest = std::max(newest, h.created_at_i);
    oldest = oldest < 0 ? h.created_at_i : std::min(oldest, h.created_at_i);
  }
  if (!st.walking && newest >= 0) {
    next.walking = true;
    next.top = newest;
    next.recent.clear();
    next.pages_read = 0;
  }

  Page page;
  size_t fresh = 0;
  std::set<std::string> at_oldest;
  for (auto& h : hits) {
    if (!in_range(h)) {  // no usable id or time: hits outside the window were refused above
      page.item_errors.push_back(h.mention.status().WithContext(Context(request)));
      continue;
    }
    if (h.created_at_i == oldest) at_oldest.insert(h.object_id);
    const bool known =
        st.seen.count(h.object_id) > 0 || st.recent.count(h.object_id) > 0 ||
        (st.walking && h.created_at_i == st.ceiling && st.at_ceiling.count(h.object_id) > 0);
    if (h.created_at_i >= next.top - kOverlapSeconds && next.recent.size() < kMaxCheckpointIds) {
      next.recent[h.object_id] = h.created_at_i;
    }
    if (known) continue;
    ++fresh;
    if (h.mention.ok()) {
      page.mentions.push_back(std::move(h.mention).value());
    } else {
      page.item_errors.push_back(h.mention.status().WithContext(Context(request)));
    }
  }

  const bool full = hits.size() >= static_cast<size_t>(HitsPerPage(st)) &&
                    (parsed->nb_pages < 0 || parsed->nb_pages > 1);
  bool progress = false;
  if (newest >= 0) {
    if (st.walking && oldest == st.ceiling) {
      // A run of hits sharing the ceiling second longer than a page: the ceiling stays and the
      // next page is larger by the ids taken.
      size_t before = next.at_ceiling.size();
      next.at_ceiling.insert(at_oldest.begin(), at_oldest.end());
      progress = next.at_ceiling.size() > before;
    } else {
      next.ceiling = oldest;
      next.at_ceiling = std::move(at_oldest);
      progress = !st.walking || oldest < st.ceiling;
    }
  }
  progress = progress || fresh > 0;
  if (next.walking) ++next.pages_read;

  if (full && !progress) {
    page.item_errors.push_back(
        Status::DataLoss(Context(request) +
                         ": the page brought nothing new and did not move the walk (the server "
                         "may ignore page); stopping this run"));
    page.mentions.clear();
    page.next_checkpoint = checkpoint;
    page.has_more = false;
    return page;
  }
  const bool first_run_done = st.floor < 0 && next.pages_read >= kBackfillPages;
  if (!next.walking) {
    // Nothing in range and no walk: nothing changes.
    page.next_checkpoint = checkpoint;
    page.has_more = false;
    return page;
  }
  if (!full || first_run_done || newest < 0) {
    // The walk is complete: fold it into the idle state.
    HackerNewsCheckpoint idle;
    idle.floor = std::max(st.floor, next.top - kOverlapSeconds);
    for (const auto& [id, t] : st.seen) {
      if (t >= idle.floor) idle.seen[id] = t;
    }
    for (const auto& [id, t] : next.recent) {
      if (t >= idle.floor) idle.seen[id] = t;
    }
    idle.floor = TrimSeen(&idle.seen, idle.floor, kMaxSeenIds);
    page.next_checkpoint = idle.Encode();
    page.has_more = false;
  } else {
    page.next_checkpoint = next.Encode();
    page.has_more = true;
  }
  return page;
}

Result<PostedReply> HackerNewsConnector::PostReply(const ReplyRequest& request) {
  std::string url = request.in_reply_to.url;
  if (url.empty() && IsDecimalId(request.in_reply_to.remote_id)) {
    url = "https://news.ycombinator.com/item?id=" + request.in_reply_to.remote_id;
  }
  if (url.empty()) url = "https://news.ycombinator.com";
  return Status::FailedPrecondition("hackernews is read-only: answer at " + SanitizeUtf8(url) +
                                    ", then record it in heed");
}

Result<std::unique_ptr<Connector>> MakeHackerNewsConnector(const ConnectorConfig& config,
                                                           HttpTransport& transport, Clock& clock) {
  HEED_ASSIGN_OR_RETURN(auto connector, HackerNewsConnector::Create(config, transport, clock));
  return std::unique_ptr<Connector>(std::move(connector));
}

}  // namespace heed::connectors
