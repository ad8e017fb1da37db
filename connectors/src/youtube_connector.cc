#include "youtube_connector.h"

#include <algorithm>
#include <charconv>
#include <utility>

#include "connector_errors.h"
#include "connector_request.h"
#include "connector_text.h"
#include "heed/core/text.h"
#include "http_errors.h"
#include "platforms.h"
#include "rate_limit.h"
#include "url_util.h"

namespace heed::connectors {
namespace {

constexpr Millis kRequestTimeout{15000};
constexpr size_t kMaxTokenBytes = 1024;
constexpr size_t kMaxIdsAtMark = 500;  // bounds the checkpoint; overflow only risks re-reads
constexpr Millis kRateLimitRetry{60000};

// Channel, video and comment ids: [A-Za-z0-9_-] (reply ids add '.').
bool IsYoutubeId(std::string_view id, bool allow_dot = false) {
  if (id.empty() || id.size() > 128) return false;
  return std::all_of(id.begin(), id.end(), [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || (allow_dot && c == '.');
  });
}

std::optional<int64_t> ParseMillis(std::string_view text) {
  int64_t value = 0;
  if (text.empty() || text.size() > 16) return std::nullopt;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

std::string JoinIds(const std::set<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) {
    if (!out.empty()) out += ",";
    out += id;
  }
  return out;
}

// The next midnight in US Pacific time, taken as UTC-8 (standard time): during daylight time
// that is an hour after the real reset, never before it.
TimePoint NextPacificMidnight(TimePoint now) {
  using namespace std::chrono;
  const auto offset = hours(8);
  auto local_day = floor<days>(now - offset);
  return TimePoint(duration_cast<Millis>((local_day + days(1) + offset).time_since_epoch()));
}

}  // namespace

Result<YoutubeConnector::Checkpoint> YoutubeConnector::ParseCheckpoint(const std::string& text) {
  Checkpoint cp;
  auto bad = [&](std::string_view why) {
    return Status::InvalidArgument("youtube checkpoint \"" + ForTerminal(text.substr(0, 80)) +
                                   "\": " + std::string(why));
  };
  std::string_view rest = text;
  while (!rest.empty()) {
    size_t amp = rest.find('&');
    std::string_view part = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    size_t eq = part.find('=');
    if (eq == std::string_view::npos) return bad("a part has no '='");
    std::string_view key = part.substr(0, eq);
    std::optional<std::string> value = PercentDecodeStrict(part.substr(eq + 1));
    if (!value) return bad("malformed escape");
    if (key == "hw" || key == "top") {
      auto ms = ParseMillis(*value);
      if (!ms) return bad(std::string(key) + " is not a millisecond time");
      (key == "hw" ? cp.hw : cp.top) = *ms;
    } else if (key == "ids" || key == "tids") {
      std::set<std::string>& ids = key == "ids" ? cp.ids : cp.tids;
      std::string_view list = *value;
      while (!list.empty()) {
        size_t comma = list.find(',');
        std::string_view id = list.substr(0, comma);
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
        if (!IsYoutubeId(id, true)) return bad("bad comment id in " + std::string(key));
        ids.emplace(id);
      }
    } else if (key == "token") {
      if (value->empty() || value->size() > kMaxTokenBytes) return bad("bad token length");
      cp.token = *value;
    } else {
      return bad("unknown part \"" + std::string(key) + "\"");
    }
  }
  if ((!cp.ids.empty() && !cp.hw) || (!cp.tids.empty() && !cp.top)) {
    return bad("ids without their time");
  }
  return cp;
}

std::string YoutubeConnector::FormatCheckpoint(const Checkpoint& cp) {
  std::string out;
  auto add = [&](const char* key, const std::string& value) {
    if (value.empty()) return;
    if (!out.empty()) out += "&";
    out += key;
    out += "=";
    out += UrlEncode(value);
  };
  if (cp.hw) add("hw", std::to_string(*cp.hw));
  add("ids", JoinIds(cp.ids));
  if (cp.top) add("top", std::to_string(*cp.top));
  add("tids", JoinIds(cp.tids));
  add("token", cp.token);
  return out;
}

Result<std::unique_ptr<YoutubeConnector>> YoutubeConnector::Create(const ConnectorConfig& config,
                                                                   HttpTransport& transport,
                                                                   Clock& clock) {
  ConnectorConfig normalized = config;
  HEED_ASSIGN_OR_RETURN(normalized.base_url, NormalizeBaseUrl(config.base_url));
  const std::string& feed = config.feed;
  std::string filter;
  if (feed.starts_with("channel:") && IsYoutubeId(std::string_view(feed).substr(8))) {
    filter = "allThreadsRelatedToChannelId=" + feed.substr(8);
  } else if (feed.starts_with("video:") && IsYoutubeId(std::string_view(feed).substr(6))) {
    filter = "videoId=" + feed.substr(6);
  } else {
    return Status::InvalidArgument(
        "unknown youtube feed \"" + ForTerminal(feed.substr(0, 80)) +
        "\" (supported: channel:CHANNEL_ID, video:VIDEO_ID; ids are [A-Za-z0-9_-])");
  }
  return std::unique_ptr<YoutubeConnector>(
      new YoutubeConnector(std::move(normalized), std::move(filter), transport, clock));
}

YoutubeConnector::YoutubeConnector(ConnectorConfig config, std::string filter,
                                   HttpTransport& transport, Clock& clock)
    : config_(std::move(config)),
      filter_(std::move(filter)),
      limit_(std::clamp(config_.page_limit, 1, 100)),
      transport_(transport),
      clock_(clock) {}

Capabilities YoutubeConnector::capabilities() const {
  return ReplyCapabilities(10000, 10, /*reply_replaces_existing=*/false);
}

HttpRequest YoutubeConnector::NewRequest(std::string method, std::string url) const {
  return NewJsonRequest(std::move(method), std::move(url), kRequestTimeout, config_.token);
}

std::string YoutubeConnector::Context(const HttpRequest& request) const {
  return RequestContext("youtube", config_.name, request);
}

Status YoutubeConnector::Scrub(Status status) const {
  return ScrubSecret(std::move(status), config_.token);
}

Status YoutubeConnector::TransportError(const HttpRequest& request, const Status& status) const {
  return Scrub(TransportContext(status, "youtube", config_.name, request));
}

Status YoutubeConnector::ErrorFromResponse(const HttpRequest& request,
                                           const HttpResponse& response) const {
  youtube::ErrorInfo info = youtube::ParseError(response.body);
  std::string detail = info.message;
  if (!info.reason.empty()) detail += (detail.empty() ? "" : " ") + ("(" + info.reason + ")");
  const std::string message = Context(request) + ": HTTP " + std::to_string(response.status) +
                              (detail.empty() ? "" : ": " + detail);
  const TimePoint now = clock_.Now();
  const std::string& r = info.reason;
  if (r == "quotaExceeded" || r == "dailyLimitExceeded") {
    Millis wait = std::chrono::duration_cast<Millis>(NextPacificMidnight(now) - now);
    return Scrub(
        Status::ResourceExhausted(message + " (daily quota; resets at midnight Pacific)", wait));
  }
  if (r == "rateLimitExceeded" || r == "userRateLimitExceeded" || response.status == 429) {
    std::optional<Millis> wait = RetryAfterHint(response, now);
    return Scrub(Status::ResourceExhausted(message, wait.value_or(kRateLimitRetry)));
  }
  if (r == "commentsDisabled") return Scrub(Status::FailedPrecondition(message));
  if (r == "keyInvalid" || r == "authError" || r == "keyExpired") {
    return Scrub(Status::Unauthenticated(message));
  }
  return Scrub(StatusFromHttp(response.status, Context(request), detail, std::nullopt));
}

std::string YoutubeConnector::PageUrl(const std::string& token) const {
  std::string url = config_.base_url + "/youtube/v3/commentThreads?part=snippet%2Creplies&" +
                    filter_ + "&order=time&maxResults=" + std::to_string(limit_);
  if (!token.empty()) url += "&pageToken=" + UrlEncode(token);
  return url;
}

Result<Page> YoutubeConnector::FetchPage(const std::string& checkpoint) {
  HEED_ASSIGN_OR_RETURN(Checkpoint cp, ParseCheckpoint(checkpoint));
  HttpRequest request = NewRequest("GET", PageUrl(cp.token));
  Result<HttpResponse> response = transport_.Send(request);
  if (!response.ok()) return TransportError(request, response.status());
  if (!Is2xx(response->status)) {
    Status error = ErrorFromResponse(request, *response);
    if (response->status == 400 && !cp.token.empty() &&
        error.code() == StatusCode::kInvalidArgument) {
      // An expired or rejected page token: restart the walk from the newest thread. The mark
      // is unchanged, so nothing is skipped; threads this walk stored are re-read and dropped
      // by the store.
      Page page;
      page.item_errors.push_back(
          Status::DataLoss(error.message() + "; restarting the walk from the newest thread"));
      Checkpoint next = cp;
      next.token.clear();
      page.next_checkpoint = FormatCheckpoint(next);
      page.has_more = true;
      return page;
    }
    return error;
  }
  Result<youtube::ThreadPage> parsed = youtube::ParseThreadPage(response->body);
  if (!parsed.ok()) return Scrub(parsed.status().WithContext(Context(request)));

  Page page;
  Checkpoint next = cp;
  bool reached_mark = false;
  for (youtube::Item& item : parsed->items) {
    if (!item.published) {
      page.item_errors.push_back(Scrub(item.mention.status().WithContext(Context(request))));
      continue;
    }
    const int64_t at = ToUnixMillis(*item.published);
    if (cp.hw && at < *cp.hw) {
      reached_mark = true;  // order=time: everything after this is older still
      break;
    }
    if (cp.hw && at == *cp.hw && cp.ids.count(item.id) > 0) continue;
    if (next.top && at == *next.top && next.tids.count(item.id) > 0) continue;
    if (!next.top || at > *next.top) {
      next.top = at;
      next.tids = {item.id};
    } else if (at == *next.top && next.tids.size() < kMaxIdsAtMark) {
      next.tids.insert(item.id);
    }
    if (!item.mention.ok()) {
      page.item_errors.push_back(Scrub(item.mention.status().WithContext(Context(request))));
      continue;
    }
    page.mentions.push_back(std::move(item.mention).value());
  }

  const std::string& token = parsed->next_page_token;
  if (!reached_mark && !token.empty() && token == cp.token) {
    page.item_errors.push_back(
        Status::DataLoss(Context(request) +
                         ": nextPageToken repeats; stopping this run, the walk restarts from "
                         "the newest thread next run"));
    next.token.clear();
    page.has_more = false;
  } else if (!reached_mark && !token.empty() && token.size() <= kMaxTokenBytes) {
    next.token = token;
    page.has_more = true;
  } else {
    // The walk is complete: move the mark to the newest thread it saw.
    Checkpoint done;
    done.hw = cp.hw;
    done.ids = cp.ids;
    if (next.top && (!cp.hw || *next.top > *cp.hw)) {
      done.hw = next.top;
      done.ids = next.tids;
    } else if (next.top && *next.top == *cp.hw) {
      for (const auto& id : next.tids) {
        if (done.ids.size() < kMaxIdsAtMark) done.ids.insert(id);
      }
    }
    next = std::move(done);
    page.has_more = false;
  }
  page.next_checkpoint = FormatCheckpoint(next);
  return page;
}

Result<PostedReply> YoutubeConnector::PostReply(const ReplyRequest& request) {
  const std::string who = "youtube connector '" + config_.name + "'";
  const Mention& target = request.in_reply_to;
  if (!IsYoutubeId(target.remote_id)) {
    return Status::InvalidArgument(who + ": cannot reply to \"" +
                                   ForTerminal(target.remote_id.substr(0, 64)) +
                                   "\": not a top-level comment id");
  }
  if (IsBlank(request.text)) return Status::InvalidArgument(who + ": reply text is empty");
  HttpRequest http = NewRequest("POST", config_.base_url + "/youtube/v3/comments?part=snippet");
  http.headers.emplace_back("Content-Type", "application/json");
  http.body = youtube::BuildReplyBody(target.remote_id, request.text);
  Result<HttpResponse> response = transport_.Send(http);
  if (!response.ok()) return TransportError(http, response.status());
  if (!Is2xx(response->status)) return ErrorFromResponse(http, *response);
  Result<std::string> id = youtube::ParseInsertedCommentId(response->body);
  if (!id.ok()) return Scrub(id.status().WithContext(Context(http)));
  PostedReply posted;
  posted.remote_id = *id;
  posted.url = target.url;
  if (size_t lc = posted.url.find("lc="); lc != std::string::npos) {
    size_t end = posted.url.find('&', lc);
    posted.url.replace(lc + 3, end == std::string::npos ? std::string::npos : end - lc - 3,
                       UrlEncode(*id));
  }
  return posted;
}

Result<std::unique_ptr<Connector>> MakeYoutubeConnector(const ConnectorConfig& config,
                                                        HttpTransport& transport, Clock& clock) {
  HEED_ASSIGN_OR_RETURN(auto connector, YoutubeConnector::Create(config, transport, clock));
  return std::unique_ptr<Connector>(std::move(connector));
}

}  // namespace heed::connectors
