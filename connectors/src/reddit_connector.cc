#include "reddit_connector.h"

#include <algorithm>
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

constexpr int kMaxLimit = 100;
constexpr int kMaxReplyChars = 10000;
constexpr int kBackfillPages = 10;
constexpr Millis kRequestTimeout{15000};

bool IsSubredditName(std::string_view name) {
  if (name.empty() || name.size() > 100) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '+';
    if (!ok) return false;
  }
  return true;
}

bool IsFullname(std::string_view id) {
  if (id.size() < 4 || id[0] != 't' || id[2] != '_') return false;
  if (id[1] != '1' && id[1] != '3' && id[1] != '4') return false;
  return walk::SortKeyFromBase36(id.substr(3)).has_value();
}

}  // namespace

Result<std::unique_ptr<RedditConnector>> RedditConnector::Create(const ConnectorConfig& config,
                                                                 HttpTransport& transport,
                                                                 Clock& clock) {
  const std::string who = "reddit connector '" + config.name + "'";
  ConnectorConfig normalized = config;
  HEED_ASSIGN_OR_RETURN(normalized.base_url, NormalizeBaseUrl(config.base_url));
  FeedKind kind;
  std::string arg;
  if (config.feed == "mentions") {
    kind = FeedKind::kMentions;
  } else if (config.feed.starts_with("search:")) {
    kind = FeedKind::kSearch;
    arg = config.feed.substr(7);
    if (IsBlank(arg)) return Status::InvalidArgument(who + ": feed \"search:\" has no query");
  } else if (config.feed.starts_with("subreddit:")) {
    kind = FeedKind::kSubreddit;
    arg = config.feed.substr(10);
    if (arg.starts_with("r/")) arg.erase(0, 2);
    if (!IsSubredditName(arg)) {
      return Status::InvalidArgument(who + ": feed \"" + SanitizeUtf8(config.feed.substr(0, 120)) +
                                     "\": a subreddit name is letters, digits and '_' ('+' "
                                     "joins several)");
    }
  } else {
    return Status::InvalidArgument(who + ": unknown feed \"" +
                                   SanitizeUtf8(config.feed.substr(0, 100)) +
                                   "\" (supported: mentions, search:QUERY, subreddit:NAME)");
  }
  if (config.token.empty()) {
    return Status::InvalidArgument(who + ": an OAuth bearer token is required");
  }
  return std::unique_ptr<RedditConnector>(
      new RedditConnector(std::move(normalized), kind, std::move(arg), transport, clock));
}

RedditConnector::RedditConnector(ConnectorConfig config, FeedKind kind, std::string arg,
                                 HttpTransport& transport, Clock& clock)
    : config_(std::move(config)),
      kind_(kind),
      arg_(std::move(arg)),
      limit_(std::clamp(config_.page_limit, 1, kMaxLimit)),
      transport_(transport),
      clock_(clock) {}

Capabilities RedditConnector::capabilities() const {
  return ReplyCapabilities(kMaxReplyChars, kBackfillPages, /*reply_replaces_existing=*/false);
}

std::string RedditConnector::PageUrl(const std::string& after) const {
  std::string limit = std::to_string(limit_);
  std::string url = config_.base_url;
  switch (kind_) {
    case FeedKind::kMentions:
      url += "/message/mentions?limit=" + limit + "&raw_json=1";
      break;
    case FeedKind::kSearch:
      url += "/search?q=" + UrlEncode(arg_) + "&sort=new&type=link&limit=" + limit + "&raw_json=1";
      break;
    case FeedKind::kSubreddit:
      url += "/r/" + arg_ + "/comments?limit=" + limit + "&raw_json=1";
      break;
  }
  if (!after.empty()) url += "&after=" + UrlEncode(after);
  return url;
}

HttpRequest RedditConnector::NewRequest(std::string method, std::string url) const {
  HttpRequest request;
  request.method = std::move(method);
  request.url = std::move(url);
  request.timeout = kRequestTimeout;
  request.headers.emplace_back("Accept", "application/json");
  std::string agent = "server:heed:0.1";
  if (!config_.account.empty()) agent += " (by /u/" + config_.account + ")";
  request.headers.emplace_back("User-Agent", agent);
  request.headers.emplace_back("Authorization", "bearer " + config_.token);
  return request;
}

std::string RedditConnector::Context(const HttpRequest& request) const {
  return RequestContext("reddit", config_.name, request);
}

Status RedditConnector::Scrub(Status status) const {
  return ScrubSecret(std::move(status), config_.token);
}

Status RedditConnector::TransportError(const HttpRequest& request, const Status& status) const {
  return Scrub(TransportContext(status, "reddit", config_.name, request));
}

Status RedditConnector::ErrorFromResponse(const HttpRequest& request,
                                          const HttpResponse& response) const {
  std::optional<Millis> retry_after;
  if (response.status == 429) retry_after = RetryAfterHint(response, clock_.Now());
  return Scrub(StatusFromHttp(response.status, Context(request),
                              reddit::ParseErrorMessage(response.body), retry_after));
}

Result<Page> RedditConnector::FetchPage(const std::string& checkpoint) {
  Result<walk::State> state = walk::DecodeState(checkpoint);
  if (!state.ok()) return state.status().WithContext("reddit connector '" + config_.name + "'");
  const std::string cursor = walk::CursorFor(*state);
  HttpRequest request = NewRequest("GET", PageUrl(cursor));
  Result<HttpResponse> response = transport_.Send(request);
  if (!response.ok()) return TransportError(request, response.status());
  if (!Is2xx(response->status)) return ErrorFromResponse(request, *response);
  Result<reddit::ListPage> parsed = reddit::ParseListing(response->body);
  if (!parsed.ok()) return Scrub(parsed.status().WithContext(Context(request)));

  std::vector<std::optional<walk::Key>> keys;
  keys.reserve(parsed->items.size());
  for (const reddit::Item& item : parsed->items) keys.push_back(item.key);
  walk::Outcome outcome =
      walk::Advance(*state, keys, cursor, parsed->after, capabilities().backfill_pages);
  // A page served again too often: fail, the stored checkpoint stays on the unread page.
  if (!outcome.stale.empty()) {
    return Scrub(Status::Unavailable(Context(request) + ": " + outcome.stale));
  }

  Page page;
  for (size_t i = 0; i < parsed->items.size(); ++i) {
    reddit::Item& item = parsed->items[i];
    if (item.key && !outcome.take[i]) continue;
    if (item.skipped) continue;
    if (!item.mention.ok()) {
      page.item_errors.push_back(Scrub(item.mention.status().WithContext(Context(request))));
      continue;
    }
    page.mentions.push_back(std::move(item.mention).value());
  }
  if (!outcome.problem.empty()) {
    page.item_errors.push_back(Status::DataLoss(Context(request) + ": " + outcome.problem));
  }
  page.next_checkpoint = walk::EncodeState(outcome.next);
  page.has_more = outcome.has_more;
  return page;
}

Result<PostedReply> RedditConnector::PostReply(const ReplyRequest& request) {
  const std::string who = "reddit connector '" + config_.name + "'";
  const std::string& thing = request.in_reply_to.remote_id;
  if (!IsFullname(thing)) {
    return Status::InvalidArgument(who + ": cannot reply to \"" +
                                   SanitizeUtf8(thing.substr(0, 64)) +
                                   "\": not a Reddit fullname (t1_/t3_/t4_)");
  }
  if (IsBlank(request.text)) return Status::InvalidArgument(who + ": reply text is empty");
  std::string text = SanitizeUtf8(request.text);
  size_t chars = CountCodePoints(text);
  if (chars > static_cast<size_t>(kMaxReplyChars)) {
    return Status::InvalidArgument(who + ": reply is " + std::to_string(chars) +
                                   " characters; Reddit allows " + std::to_string(kMaxReplyChars));
  }
  HttpRequest http = NewRequest("POST", config_.base_url + "/api/comment");
  http.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  http.body = "api_type=json&raw_json=1&thing_id=" + UrlEncode(thing) + "&text=" + UrlEncode(text);
  Result<HttpResponse> response = transport_.Send(http);
  if (!response.ok()) return TransportError(http, response.status());
  if (!Is2xx(response->status)) return ErrorFromResponse(http, *response);
  Result<PostedReply> posted = reddit::ParseCommentResponse(response->body);
  if (!posted.ok()) return Scrub(posted.status().WithContext(Context(http)));
  return posted;
}

Result<std::unique_ptr<Connector>> MakeRedditConnector(const ConnectorConfig& config,
                                                       HttpTransport& transport, Clock& clock) {
  HEED_ASSIGN_OR_RETURN(auto connector, RedditConnector::Create(config, transport, clock));
  return std::unique_ptr<Connector>(std::move(connector));
}

}  // namespace heed::connectors
