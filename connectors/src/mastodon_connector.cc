#include "mastodon_connector.h"

#include <algorithm>
#include <utility>

#include "connector_errors.h"
#include "connector_request.h"
#include "heed/core/text.h"
#include "http_errors.h"
#include "ids.h"
#include "platforms.h"
#include "rate_limit.h"
#include "url_util.h"

namespace heed::connectors {
namespace {

constexpr int kMaxNotificationsLimit = 80;
constexpr int kMaxTimelineLimit = 40;
constexpr Millis kRequestTimeout{15000};

bool StartsWithHandle(std::string_view text, std::string_view handle) {
  if (!text.starts_with(handle)) return false;
  if (text.size() == handle.size()) return true;
  char next = text[handle.size()];
  return next == ' ' || next == '\n' || next == '\t' || next == ',' || next == ':';
}

}  // namespace

Result<std::unique_ptr<MastodonConnector>> MastodonConnector::Create(const ConnectorConfig& config,
                                                                     HttpTransport& transport,
                                                                     Clock& clock) {
  ConnectorConfig normalized = config;
  HEED_ASSIGN_OR_RETURN(normalized.base_url, NormalizeBaseUrl(config.base_url));
  FeedKind kind;
  std::string arg;
  const std::string& feed = config.feed;
  if (feed == "mentions") {
    kind = FeedKind::kMentions;
  } else if (feed.starts_with("tag:")) {
    kind = FeedKind::kTag;
    arg = feed.substr(4);
    if (!arg.empty() && arg.front() == '#') arg.erase(0, 1);
    if (arg.empty() || arg.find_first_of(" \t\r\n/?#") != std::string::npos) {
      return Status::InvalidArgument("mastodon feed \"" + feed +
                                     "\": the hashtag must be non-empty and contain no spaces, "
                                     "'/', '?' or '#'");
    }
  } else if (feed.starts_with("search:")) {
    kind = FeedKind::kSearch;
    arg = feed.substr(7);
    if (arg.empty()) return Status::InvalidArgument("mastodon feed \"search:\" has no query");
  } else {
    return Status::InvalidArgument("unknown mastodon feed \"" + feed +
                                   "\" (supported: mentions, tag:NAME, search:QUERY)");
  }
  return std::unique_ptr<MastodonConnector>(
      new MastodonConnector(std::move(normalized), kind, std::move(arg), transport, clock));
}

Result<std::unique_ptr<MastodonConnector>> MastodonConnector::Create(
    const ConnectorConfig& config, std::unique_ptr<HttpTransport> transport, Clock& clock) {
  if (transport == nullptr) return Status::InvalidArgument("mastodon connector: null transport");
  HEED_ASSIGN_OR_RETURN(auto connector, Create(config, *transport, clock));
  connector->owned_transport_ = std::move(transport);
  return connector;
}

MastodonConnector::MastodonConnector(ConnectorConfig config, FeedKind kind, std::string feed_arg,
                                     HttpTransport& transport, Clock& clock)
    : config_(std::move(config)),
      kind_(kind),
      feed_arg_(std::move(feed_arg)),
      limit_(std::clamp(config_.page_limit, 1,
                        kind == FeedKind::kMentions ? kMaxNotificationsLimit : kMaxTimelineLimit)),
      transport_(transport),
      clock_(clock) {
  parse_options_.instance_authority = AuthorityOf(config_.base_url);
}

Capabilities MastodonConnector::capabilities() const {
  Capabilities c = ReplyCapabilities(500, 25, /*reply_replaces_existing=*/false);
  c.idempotent_replies = true;  // see PostReply
  return c;
}

std::string MastodonConnector::PageUrl(const std::string& min_id) const {
  std::string limit = std::to_string(limit_);
  switch (kind_) {
    case FeedKind::kMentions:
      return config_.base_url + "/api/v1/notifications?types%5B%5D=mention&limit=" + limit +
             "&min_id=" + min_id;
    case FeedKind::kTag:
      return config_.base_url + "/api/v1/timelines/tag/" + UrlEncode(feed_arg_) +
             "?limit=" + limit + "&min_id=" + min_id;
    case FeedKind::kSearch:
      return config_.base_url + "/api/v2/search?type=statuses&q=" + UrlEncode(feed_arg_) +
             "&limit=" + limit + "&min_id=" + min_id;
  }
  return "";
}

HttpRequest MastodonConnector::NewRequest(std::string method, std::string url) const {
  return NewJsonRequest(std::move(method), std::move(url), kRequestTimeout, config_.token);
}

std::string MastodonConnector::Context(const HttpRequest& request) const {
  return RequestContext("mastodon", config_.name, request);
}

Status MastodonConnector::Scrub(Status status) const {
  return ScrubSecret(std::move(status), config_.token);
}

Status MastodonConnector::TransportError(const HttpRequest& request, const Status& status) const {
  return Scrub(TransportContext(status, "mastodon", config_.name, request));
}

Status MastodonConnector::ErrorFromResponse(const HttpRequest& request,
                                            const HttpResponse& response) const {
  std::optional<Millis> retry_after;
  if (response.status == 429) retry_after = RetryAfterHint(response, clock_.Now());
  return Scrub(StatusFromHttp(response.status, Context(request),
                              mastodon::ParseErrorMessage(response.body), retry_after));
}

Result<Page> MastodonConnector::FetchPage(const std::string& checkpoint) {
  if (!checkpoint.empty() && !IsDecimalId(checkpoint)) {
    return Status::InvalidArgument("mastodon connector '" + config_.name +
                                   "': checkpoint is not a Mastodon id: \"" +
                                   SanitizeUtf8(checkpoint.substr(0, 64)) + "\"");
  }
  const std::string floor = checkpoint.empty() ? "0" : checkpoint;
  HttpRequest request = NewRequest("GET", PageUrl(floor));
  Result<HttpResponse> response = transport_.Send(request);
  if (!response.ok()) return TransportError(request, response.status());
  if (!Is2xx(response->status)) return ErrorFromResponse(request, *response);

  Result<std::vector<mastodon::Item>> parsed = Status::Internal("unset");
  switch (kind_) {
    case FeedKind::kMentions:
      parsed = mastodon::ParseNotifications(response->body, parse_options_);
      break;
    case FeedKind::kTag:
      parsed = mastodon::ParseStatuses(response->body, parse_options_);
      break;
    case FeedKind::kSearch:
      parsed = mastodon::ParseSearch(response->body, parse_options_);
      break;
  }
  if (!parsed.ok()) return Scrub(parsed.status().WithContext(Context(request)));
  std::vector<mastodon::Item>& items = *parsed;

  // Oldest first; items without a usable id (already errors) go last.
  std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
    if (a.cursor.empty() || b.cursor.empty()) return !a.cursor.empty() && b.cursor.empty();
    return CompareDecimalIds(a.cursor, b.cursor) < 0;
  });

  Page page;
  std::string newest = floor;
  size_t stale = 0;
  for (auto& item : items) {
    if (!item.cursor.empty()) {
      if (CompareDecimalIds(item.cursor, floor) <= 0) {
        ++stale;
        continue;
      }
      if (CompareDecimalIds(item.cursor, newest) > 0) newest = item.cursor;
    }
    if (item.skipped) continue;
    if (!item.mention.ok()) {
      page.item_errors.push_back(Scrub(item.mention.status().WithContext(Context(request))));
      continue;
    }
    page.mentions.push_back(std::move(item.mention).value());
  }
  const bool advanced = newest != floor;
  page.next_checkpoint = advanced ? newest : checkpoint;
  page.has_more = advanced && items.size() >= static_cast<size_t>(limit_);
  if (!items.empty() && !advanced) {
    page.item_errors.push_back(
        Status::DataLoss(Context(request) + ": the page did not move past checkpoint \"" + floor +
                         "\" (the cursor repeats); stopping this run"));
  } else if (stale > 0) {
    page.item_errors.push_back(
        Status::DataLoss(Context(request) + ": ignored " + std::to_string(stale) +
                         " item(s) not newer than checkpoint \"" + floor + "\""));
  }
  return page;
}

Result<PostedReply> MastodonConnector::PostReply(const ReplyRequest& request) {
  const std::string who = "mastodon connector '" + config_.name + "'";
  const Mention& target = request.in_reply_to;
  if (!IsDecimalId(target.remote_id)) {
    return Status::InvalidArgument(who + ": cannot reply to \"" +
                                   SanitizeUtf8(target.remote_id.substr(0, 64)) +
                                   "\": not a Mastodon status id");
  }
  if (request.idempotency_key.empty()) {
    return Status::InvalidArgument(who + ": a reply needs an idempotency key");
  }
  std::string text = request.text;
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument(who + ": reply text is empty");
  }
  std::string handle = target.author.handle;
  if (!handle.empty() && handle.front() == '@') handle.erase(0, 1);
  if (!handle.empty()) {
    std::string full = "@" + handle;
    // A local account may also be addressed without the instance part.
    std::string local_suffix = "@" + parse_options_.instance_authority;
    std::string local = handle.ends_with(local_suffix)
                            ? "@" + handle.substr(0, handle.size() - local_suffix.size())
                            : full;
    if (!StartsWithHandle(text, full) && !StartsWithHandle(text, local)) {
      text = full + " " + text;
    }
  }

  HttpRequest http = NewRequest("POST", config_.base_url + "/api/v1/statuses");
  http.headers.emplace_back("Content-Type", "application/json");
  http.headers.emplace_back("Idempotency-Key", request.idempotency_key);
  http.body = mastodon::BuildReplyBody(text, target.remote_id, target.language);
  Result<HttpResponse> response = transport_.Send(http);
  if (!response.ok()) return TransportError(http, response.status());
  if (!Is2xx(response->status)) return ErrorFromResponse(http, *response);
  Result<PostedReply> posted = mastodon::ParsePostedStatus(response->body);
  if (!posted.ok()) return Scrub(posted.status().WithContext(Context(http)));
  return posted;
}

}  // namespace heed::connectors

namespace heed::connectors {

Result<std::unique_ptr<Connector>> MakeMastodonConnector(const ConnectorConfig& config,
                                                         HttpTransport& transport, Clock& clock) {
  HEED_ASSIGN_OR_RETURN(auto connector, MastodonConnector::Create(config, transport, clock));
  return std::unique_ptr<Connector>(std::move(connector));
}

}  // namespace heed::connectors
