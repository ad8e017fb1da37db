#include "x_connector.h"

#include <algorithm>
#include <utility>

#include "connector_errors.h"
#include "connector_request.h"
#include "connector_text.h"
#include "heed/core/text.h"
#include "http_errors.h"
#include "ids.h"
#include "platforms.h"
#include "rate_limit.h"
#include "url_util.h"

namespace heed::connectors {
namespace {

constexpr Millis kRequestTimeout{15000};
constexpr char kTweetFields[] =
    "created_at%2Clang%2Cauthor_id%2Cconversation_id%2Cin_reply_to_user_id%2Creferenced_tweets%"
    "2Cnote_tweet";
constexpr char kUserFields[] = "username%2Cname";
constexpr size_t kMaxTokenBytes = 512;

bool IsUsername(std::string_view name) {
  if (name.empty() || name.size() > 15) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// The smaller/greater of two decimal ids, treating "" as absent.
std::string MinId(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return CompareDecimalIds(a, b) <= 0 ? a : b;
}
std::string MaxId(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return CompareDecimalIds(a, b) >= 0 ? a : b;
}

}  // namespace

Result<XConnector::Checkpoint> XConnector::ParseCheckpoint(const std::string& text) {
  Checkpoint cp;
  if (text.empty()) return cp;
  auto bad = [&](std::string_view why) {
    return Status::InvalidArgument("x checkpoint \"" + ForTerminal(text.substr(0, 80)) +
                                   "\": " + std::string(why));
  };
  if (IsDecimalId(text)) {
    cp.since = text;
    return cp;
  }
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
    if (key == "since" || key == "top" || key == "until") {
      if (!IsDecimalId(*value)) return bad(std::string(key) + " is not a decimal id");
      (key == "since" ? cp.since : key == "top" ? cp.top : cp.until) = *value;
    } else if (key == "token") {
      if (value->empty() || value->size() > kMaxTokenBytes) return bad("bad token length");
      cp.token = *value;
    } else {
      return bad("unknown part \"" + std::string(key) + "\"");
    }
  }
  return cp;
}

std::string XConnector::FormatCheckpoint(const Checkpoint& cp) {
  std::string out;
  auto add = [&](const char* key, const std::string& value) {
    if (value.empty()) return;
    if (!out.empty()) out += "&";
    out += key;
    out += "=";
    out += UrlEncode(value);
  };
  add("since", cp.since);
  add("top", cp.top);
  add("until", cp.until);
  add("token", cp.token);
  return out;
}

Result<std::unique_ptr<XConnector>> XConnector::Create(const ConnectorConfig& config,
                                                       HttpTransport& transport, Clock& clock) {
  ConnectorConfig normalized = config;
  HEED_ASSIGN_OR_RETURN(normalized.base_url, NormalizeBaseUrl(config.base_url));
  const std::string& feed = config.feed;
  FeedKind kind;
  std::string arg;
  if (feed.starts_with("search:")) {
    kind = FeedKind::kSearch;
    arg = feed.substr(7);
    if (IsBlank(arg)) return Status::InvalidArgument("x feed \"search:\" has no query");
    if (arg.size() > 4096) return Status::InvalidArgument("x feed: the search query is too long");
  } else if (feed == "mentions") {
    kind = FeedKind::kMentions;
    std::string account = config.account;
    if (!account.empty() && account.front() == '@') account.erase(0, 1);
    if (!IsDecimalId(account) && !IsUsername(account)) {
      return Status::InvalidArgument(
          "x connector '" + config.name +
          "': the mentions feed needs account = the numeric X user id or the username (got \"" +
          ForTerminal(config.account.substr(0, 64)) + "\")");
    }
    normalized.account = account;
  } else {
    return Status::InvalidArgument("unknown x feed \"" + ForTerminal(feed.substr(0, 80)) +
                                   "\" (supported: search:QUERY, mentions)");
  }
  return std::unique_ptr<XConnector>(
      new XConnector(std::move(normalized), kind, std::move(arg), transport, clock));
}

XConnector::XConnector(ConnectorConfig config, FeedKind kind, std::string feed_arg,
                       HttpTransport& transport, Clock& clock)
    : config_(std::move(config)),
      kind_(kind),
      feed_arg_(std::move(feed_arg)),
      limit_(std::clamp(config_.page_limit, kind == FeedKind::kSearch ? 10 : 5, 100)),
      transport_(transport),
      clock_(clock) {
  if (kind_ == FeedKind::kMentions && IsDecimalId(config_.account)) user_id_ = config_.account;
}

Capabilities XConnector::capabilities() const {
  return ReplyCapabilities(280, 10, /*reply_replaces_existing=*/false);
}

HttpRequest XConnector::NewRequest(std::string method, std::string url) const {
  return NewJsonRequest(std::move(method), std::move(url), kRequestTimeout, config_.token);
}

std::string XConnector::Context(const HttpRequest& request) const {
  return RequestContext("x", config_.name, request);
}

Status XConnector::Scrub(Status status) const {
  return ScrubSecret(std::move(status), config_.token);
}

Status XConnector::TransportError(const HttpRequest& request, const Status& status) const {
  return Scrub(TransportContext(status, "x", config_.name, request));
}

Status XConnector::ErrorFromResponse(const HttpRequest& request,
                                     const HttpResponse& response) const {
  x::ErrorInfo info = x::ParseError(response.body);
  std::optional<Millis> retry_after;
  if (response.status == 429) {
    const TimePoint now = clock_.Now();
    if (response.Header("Retry-After")) retry_after = RetryAfterHint(response, now);
    if (!retry_after) {
      if (auto reset = response.Header("x-rate-limit-reset")) {
        if (auto at = ParseResetTime(*reset, now)) {
          retry_after = std::max(Millis(0), std::chrono::duration_cast<Millis>(*at - now));
        }
      }
    }
    if (info.type.find("usage-capped") != std::string::npos) {
      info.message = "usage cap reached (not a short rate limit): " + info.message;
    }
  }
  return Scrub(StatusFromHttp(response.status, Context(request), info.message, retry_after));
}

Result<std::string> XConnector::UserId() {
  if (!user_id_.empty()) return user_id_;
  HttpRequest request =
      NewRequest("GET", config_.base_url + "/2/users/by/username/" + UrlEncode(config_.account));
  Result<HttpResponse> response = transport_.Send(request);
  if (!response.ok()) return TransportError(request, response.status());
  if (!Is2xx(response->status)) return ErrorFromResponse(request, *response);
  Result<std::string> id = x::ParseUserId(response->body);
  if (!id.ok()) return Scrub(id.status().WithContext(Context(request)));
  user_id_ = *id;
  return user_id_;
}

std::string XConnector::PageUrl(const std::string& user_id, const Checkpoint& cp) const {
  std::string url;
  std::string token_param;
  if (kind_ == FeedKind::kSearch) {
    url = config_.base_url + "/2/tweets/search/recent?query=" + UrlEncode(feed_arg_) + "&";
    token_param = "next_token";
  } else {
    url = config_.base_url + "/2/users/" + user_id + "/mentions?";
    token_param = "pagination_token";
  }
  url += "max_results=" + std::to_string(limit_) + "&tweet.fields=" + kTweetFields +
         "&expansions=author_id&user.fields=" + kUserFields;
  if (!cp.since.empty()) url += "&since_id=" + cp.since;
  if (!cp.token.empty()) {
    url += "&" + token_param + "=" + UrlEncode(cp.token);
  } else if (!cp.until.empty()) {
    url += "&until_id=" + cp.until;
  }
  return url;
}

Result<Page> XConnector::FetchPage(const std::string& checkpoint) {
  HEED_ASSIGN_OR_RETURN(Checkpoint cp, ParseCheckpoint(checkpoint));
  std::string user_id;
  if (kind_ == FeedKind::kMentions) {
    HEED_ASSIGN_OR_RETURN(user_id, UserId());
  }
  HttpRequest request = NewRequest("GET", PageUrl(user_id, cp));
  Result<HttpResponse> response = transport_.Send(request);
  if (!response.ok()) return TransportError(request, response.status());
  if (!Is2xx(response->status)) {
    Status error = ErrorFromResponse(request, *response);
    if (response->status == 400 && !cp.token.empty()) {
      // An expired or rejected token: resume the same walk by until_id (gap-free).
      Page page;
      page.item_errors.push_back(
          Status::DataLoss(error.message() + "; resuming the walk without the token"));
      Checkpoint next = cp;
      next.token.clear();
      page.next_checkpoint = FormatCheckpoint(next);
      page.has_more = true;
      return page;
    }
    if (response->status == 400 && !cp.since.empty() && cp.token.empty() && cp.until.empty() &&
        cp.top.empty() && error.message().find("since_id") != std::string::npos) {
      // since_id fell out of the searchable window: nothing older than the window is readable,
      // so restarting from the newest tweets loses nothing X still serves.
      Page page;
      page.item_errors.push_back(
          Status::DataLoss(error.message() + "; restarting from the newest tweets"));
      page.next_checkpoint = "";
      page.has_more = true;
      return page;
    }
    return error;
  }
  Result<x::TweetPage> parsed = x::ParseTweetPage(response->body);
  if (!parsed.ok()) return Scrub(parsed.status().WithContext(Context(request)));

  Page page;
  std::string newest, oldest;
  size_t stale = 0;
  for (x::Item& item : parsed->items) {
    if (!item.id.empty()) {
      bool old = !cp.since.empty() && CompareDecimalIds(item.id, cp.since) <= 0;
      bool seen = !cp.until.empty() && CompareDecimalIds(item.id, cp.until) >= 0;
      if (old || seen) {
        ++stale;
        continue;
      }
      newest = MaxId(newest, item.id);
      oldest = MinId(oldest, item.id);
    }
    if (item.skipped) continue;
    if (!item.mention.ok()) {
      page.item_errors.push_back(Scrub(item.mention.status().WithContext(Context(request))));
      continue;
    }
    page.mentions.push_back(std::move(item.mention).value());
  }
  for (const Status& e : parsed->partial_errors) {
    page.item_errors.push_back(Scrub(e.WithContext(Context(request))));
  }
  if (stale > 0) {
    page.item_errors.push_back(
        Status::DataLoss(Context(request) + ": ignored " + std::to_string(stale) +
                         " tweet(s) outside the walk's range (already stored)"));
  }

  Checkpoint next = cp;
  next.top = MaxId(cp.top, newest);
  next.until = MinId(cp.until, oldest);
  const std::string& token = parsed->next_token;
  if (token.empty()) {
    // The walk is complete: everything up to top is stored.
    std::string top = next.top;
    next = Checkpoint{};
    next.since = MaxId(cp.since, top);
    page.has_more = false;
  } else if (token == cp.token || token.size() > kMaxTokenBytes) {
    page.item_errors.push_back(Status::DataLoss(Context(request) +
                                                ": next_token repeats (or is oversized); stopping "
                                                "this run, the walk resumes by until_id"));
    next.token.clear();
    page.has_more = false;
  } else {
    next.token = token;
    page.has_more = true;
  }
  page.next_checkpoint = FormatCheckpoint(next);
  return page;
}

Result<PostedReply> XConnector::PostReply(const ReplyRequest& request) {
  const std::string who = "x connector '" + config_.name + "'";
  const Mention& target = request.in_reply_to;
  if (!IsDecimalId(target.remote_id)) {
    return Status::InvalidArgument(who + ": cannot reply to \"" +
                                   ForTerminal(target.remote_id.substr(0, 64)) +
                                   "\": not a tweet id");
  }
  if (IsBlank(request.text)) return Status::InvalidArgument(who + ": reply text is empty");
  HttpRequest http = NewRequest("POST", config_.base_url + "/2/tweets");
  http.headers.emplace_back("Content-Type", "application/json");
  http.body = x::BuildReplyBody(request.text, target.remote_id);
  Result<HttpResponse> response = transport_.Send(http);
  if (!response.ok()) return TransportError(http, response.status());
  if (!Is2xx(response->status)) return ErrorFromResponse(http, *response);
  Result<PostedReply> posted = x::ParseCreatedTweet(response->body);
  if (!posted.ok()) return Scrub(posted.status().WithContext(Context(http)));
  return posted;
}

Result<std::unique_ptr<Connector>> MakeXConnector(const ConnectorConfig& config,
                                                  HttpTransport& transport, Clock& clock) {
  HEED_ASSIGN_OR_RETURN(auto connector, XConnector::Create(config, transport, clock));
  return std::unique_ptr<Connector>(std::move(connector));
}

}  // namespace heed::connectors
