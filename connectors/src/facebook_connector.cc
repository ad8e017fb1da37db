#include "facebook_connector.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "connector_errors.h"
#include "connector_request.h"
#include "connector_text.h"
#include "graph_api.h"
#include "heed/core/text.h"
#include "platforms.h"
#include "url_util.h"

namespace heed::connectors {
namespace {

constexpr int kMaxPosts = 25;
constexpr int kMaxPagesPerPost = 4;
constexpr int kMaxGraphLimit = 100;
constexpr size_t kMaxReplyLength = 8000;
constexpr Millis kRequestTimeout{15000};
constexpr char kCommentFields[] =
    "id%2Cmessage%2Ccreated_time%2Cfrom%7Bid%2Cname%7D%2Cpermalink_url%2Cparent%7Bid%7D%2C"
    "is_hidden%2Ccomment_count";  // is_hidden is read, never set: heed never hides

bool IsDigits(std::string_view s) {
  return !s.empty() && s.size() <= 64 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

using Key = std::pair<int64_t, std::string>;

}  // namespace

Result<std::unique_ptr<FacebookConnector>> FacebookConnector::Create(const ConnectorConfig& config,
                                                                     HttpTransport& transport,
                                                                     Clock& clock) {
  ConnectorConfig normalized = config;
  HEED_ASSIGN_OR_RETURN(normalized.base_url, NormalizeBaseUrl(config.base_url));
  const std::string& feed = config.feed;
  if (!feed.starts_with("page:")) {
    return Status::InvalidArgument("facebook connector '" + config.name + "': unknown feed \"" +
                                   SanitizeUtf8(feed) + "\" (supported: page:PAGE_ID)");
  }
  std::string page_id = feed.substr(5);
  if (!IsDigits(page_id)) {
    return Status::InvalidArgument("facebook connector '" + config.name + "': feed \"" +
                                   SanitizeUtf8(feed) + "\" needs the numeric Page id");
  }
  return std::unique_ptr<FacebookConnector>(
      new FacebookConnector(std::move(normalized), std::move(page_id), transport, clock));
}

FacebookConnector::FacebookConnector(ConnectorConfig config, std::string page_id,
                                     HttpTransport& transport, Clock& clock)
    : config_(std::move(config)),
      page_id_(std::move(page_id)),
      limit_(std::clamp(config_.page_limit, 1, kMaxGraphLimit)),
      transport_(transport),
      clock_(clock) {}

Capabilities FacebookConnector::capabilities() const {
  return ReplyCapabilities(static_cast<int>(kMaxReplyLength), 25,
                           /*reply_replaces_existing=*/false);
}

HttpRequest FacebookConnector::NewRequest(std::string method, std::string url) const {
  return NewJsonRequest(std::move(method), std::move(url), kRequestTimeout, config_.token);
}

std::string FacebookConnector::Context(const HttpRequest& request) const {
  return RequestContext("facebook", config_.name, request);
}

Result<HttpResponse> FacebookConnector::Send(const HttpRequest& request, bool is_read) const {
  return graph::SendChecked(transport_, request, is_read, "facebook", config_.name, config_.token);
}

std::string FacebookConnector::CommentsUrl(const std::string& post_id, int64_t since, int limit,
                                           const std::string& after) const {
  std::string url = config_.base_url + "/" + std::string(graph::kVersion) + "/" + post_id +
                    "/comments?fields=" + kCommentFields +
                    "&filter=stream&order=chronological&limit=" + std::to_string(limit);
  if (since > 0) url += "&since=" + std::to_string(since);
  if (!after.empty()) url += "&after=" + UrlEncode(after);
  return url;
}

Result<Page> FacebookConnector::FetchPage(const std::string& checkpoint) {
  Result<graph::HighWater> decoded = graph::DecodeHighWater(checkpoint);
  if (!decoded.ok()) {
    return decoded.status().WithContext("facebook connector '" + config_.name + "'");
  }
  graph::HighWater mark = std::move(decoded).value();
  const bool first_run = mark.empty();

  HttpRequest feed_request =
      NewRequest("GET", config_.base_url + "/" + std::string(graph::kVersion) + "/" + page_id_ +
                            "/feed?fields=id%2Cupdated_time&limit=" + std::to_string(kMaxPosts));
  HEED_ASSIGN_OR_RETURN(HttpResponse feed_response, Send(feed_request, true));
  Result<facebook::FeedPage> feed = facebook::ParseFeed(feed_response.body);
  if (!feed.ok()) return ScrubSecret(feed.status().WithContext(Context(feed_request)), "");

  Page page;
  if (feed->dropped > 0) {
    page.item_errors.push_back(Status::DataLoss(Context(feed_request) + ": ignored " +
                                                std::to_string(feed->dropped) +
                                                " post(s) without a usable id"));
  }
  const int64_t since = first_run ? 0 : mark.seconds - 1;
  const int per_request = std::min<int>(kMaxGraphLimit, limit_ + static_cast<int>(mark.ids.size()));

  std::vector<facebook::Item> items;
  std::vector<graph::Keyed> keys;
  std::optional<Key> frontier;
  bool any_incomplete = false;
  for (const facebook::Post& post : feed->posts) {
    if (!first_run && post.updated_seconds && *post.updated_seconds < since) continue;
    facebook::ParseOptions options{page_id_, post.id};
    std::string after;
    int fresh = 0;
    bool complete = false;
    std::optional<Key> newest_read;
    for (int pages = 0; pages < kMaxPagesPerPost; ++pages) {
      HttpRequest request = NewRequest("GET", CommentsUrl(post.id, since, per_request, after));
      HEED_ASSIGN_OR_RETURN(HttpResponse response, Send(request, true));
      Result<facebook::CommentsPage> parsed = facebook::ParseComments(response.body, options);
      if (!parsed.ok()) return ScrubSecret(parsed.status().WithContext(Context(request)), "");
      for (facebook::Item& item : parsed->items) {
        if (item.seconds == 0) {
          page.item_errors.push_back(item.mention.status().WithContext(Context(request)));
          continue;
        }
        Key key{item.seconds, item.id};
        if (!newest_read || *newest_read < key) newest_read = key;
        if (graph::IsNew(mark, item.seconds, item.id)) ++fresh;
        keys.push_back({item.seconds, item.id, items.size()});
        items.push_back(std::move(item));
      }
      if (!parsed->has_next) {
        complete = true;
        break;
      }
      if (fresh >= limit_) break;
      if (parsed->after.empty() || parsed->after == after) {
        page.item_errors.push_back(Status::DataLoss(
            Context(request) + ": the comments cursor repeats; stopping this post for this run"));
        break;
      }
      after = parsed->after;
    }
    if (!complete) {
      any_incomplete = true;
      // Nothing newer than what was read from this post may be taken: older unread comments of
      // this post could precede it. A post cut short before any comment allows nothing new.
      Key bound = newest_read.value_or(Key{mark.seconds, ""});
      if (!frontier || bound < *frontier) frontier = bound;
    }
  }

  const graph::HighWater before = mark;
  size_t left_over = 0;
  std::vector<size_t> taken =
      graph::TakeOldest(std::move(keys), static_cast<size_t>(limit_), frontier, &mark, &left_over);
  for (size_t index : taken) {
    facebook::Item& item = items[index];
    if (item.skipped) continue;
    if (!item.mention.ok()) {
      page.item_errors.push_back(ScrubSecret(item.mention.status(), config_.token));
      continue;
    }
    page.mentions.push_back(std::move(item.mention).value());
  }
  page.next_checkpoint = taken.empty() ? checkpoint : graph::EncodeHighWater(mark);
  const bool more_waiting = left_over > 0 || any_incomplete;
  page.has_more = !taken.empty() && more_waiting;
  if (taken.empty() && more_waiting) {
    page.item_errors.push_back(Status::DataLoss(
        "facebook connector '" + config_.name + "': the page did not move past checkpoint \"" +
        graph::EncodeHighWater(before) + "\"; stopping this run"));
  }
  return page;
}

Result<PostedReply> FacebookConnector::PostReply(const ReplyRequest& request) {
  const std::string who = "facebook connector '" + config_.name + "'";
  const Mention& target = request.in_reply_to;
  if (!graph::IsGraphId(target.remote_id)) {
    return Status::InvalidArgument(who + ": cannot reply to \"" +
                                   SanitizeUtf8(target.remote_id.substr(0, 64)) +
                                   "\": not a Graph comment id");
  }
  if (request.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument(who + ": reply text is empty");
  }
  std::string text = SanitizeUtf8(request.text);
  if (CountCodePoints(text) > kMaxReplyLength) {
    return Status::InvalidArgument(who + ": reply is longer than " +
                                   std::to_string(kMaxReplyLength) + " characters");
  }
  HttpRequest http =
      NewRequest("POST", config_.base_url + "/" + std::string(graph::kVersion) + "/" +
                             target.remote_id + "/comments?fields=id%2Cpermalink_url");
  http.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  http.body = "message=" + UrlEncode(text);
  HEED_ASSIGN_OR_RETURN(HttpResponse response, Send(http, false));
  Result<PostedReply> posted = facebook::ParsePostedComment(response.body);
  if (!posted.ok()) return ScrubSecret(posted.status().WithContext(Context(http)), config_.token);
  return posted;
}

Result<std::unique_ptr<Connector>> MakeFacebookConnector(const ConnectorConfig& config,
                                                         HttpTransport& transport, Clock& clock) {
  HEED_ASSIGN_OR_RETURN(auto connector, FacebookConnector::Create(config, transport, clock));
  return std::unique_ptr<Connector>(std::move(connector));
}

}  // namespace heed::connectors
