#include "instagram_connector.h"

#include <algorithm>
#include <limits>
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

constexpr int kMaxMedia = 25;
constexpr int kMaxWalkPages = 10;
// A list that hands back the cursor it was sent this many times in a row is stopped.
constexpr int kMaxCursorRepeats = 3;
constexpr int kMaxGraphLimit = 50;
constexpr size_t kMaxReplyLength = 2200;
constexpr Millis kRequestTimeout{15000};
constexpr char kCommentFields[] =
    "id%2Ctext%2Ctimestamp%2Cusername%2Cfrom%2Clike_count%2Cparent_id";
constexpr char kTagFields[] = "id%2Ccaption%2Cpermalink%2Ctimestamp%2Cusername%2Cmedia_type";

bool IsDigits(std::string_view s) {
  return !s.empty() && s.size() <= 64 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Result<std::unique_ptr<InstagramConnector>> InstagramConnector::Create(
    const ConnectorConfig& config, HttpTransport& transport, Clock&) {
  ConnectorConfig normalized = config;
  HEED_ASSIGN_OR_RETURN(normalized.base_url, NormalizeBaseUrl(config.base_url));
  const std::string& feed = config.feed;
  FeedKind kind;
  std::string user;
  if (feed.starts_with("account:")) {
    kind = FeedKind::kAccount;
    user = feed.substr(8);
  } else if (feed.starts_with("mentions:")) {
    kind = FeedKind::kMentions;
    user = feed.substr(9);
  } else {
    return Status::InvalidArgument("instagram connector '" + config.name + "': unknown feed \"" +
                                   SanitizeUtf8(feed) +
                                   "\" (supported: account:IG_USER_ID, mentions:IG_USER_ID)");
  }
  if (!IsDigits(user)) {
    return Status::InvalidArgument("instagram connector '" + config.name + "': feed \"" +
                                   SanitizeUtf8(feed) + "\" needs the numeric Instagram user id");
  }
  return std::unique_ptr<InstagramConnector>(
      new InstagramConnector(std::move(normalized), kind, std::move(user), transport));
}

InstagramConnector::InstagramConnector(ConnectorConfig config, FeedKind kind, std::string user_id,
                                       HttpTransport& transport)
    : config_(std::move(config)),
      kind_(kind),
      user_id_(std::move(user_id)),
      limit_(std::clamp(config_.page_limit, 1, kMaxGraphLimit)),
      transport_(transport) {}

Capabilities InstagramConnector::capabilities() const {
  return ReplyCapabilities(static_cast<int>(kMaxReplyLength), 25,
                           /*reply_replaces_existing=*/false);
}

HttpRequest InstagramConnector::NewRequest(std::string method, std::string url) const {
  return NewJsonRequest(std::move(method), std::move(url), kRequestTimeout, config_.token);
}

std::string InstagramConnector::Context(const HttpRequest& request) const {
  return RequestContext("instagram", config_.name, request);
}

std::string InstagramConnector::Url(const std::string& node,
                                    const std::string& edge_and_query) const {
  return config_.base_url + "/" + std::string(graph::kVersion) + "/" + node + edge_and_query;
}

Result<HttpResponse> InstagramConnector::Send(const HttpRequest& request, bool is_read) const {
  return graph::SendChecked(transport_, request, is_read, "instagram", config_.name, config_.token);
}

template <typename Parse>
Status InstagramConnector::Walk(const std::string& first_url, const graph::HighWater& mark,
                                Parse parse, std::vector<instagram::Item>* items, Page* page,
                                bool* cursor_repeated) const {
  const bool first_run = mark.empty();
  std::string after;
  int repeats = 0;  // answers in a row that handed back the cursor sent
  for (int pages = 0; pages < kMaxWalkPages; ++pages) {
    HttpRequest request =
        NewRequest("GET", after.empty() ? first_url : first_url + "&after=" + UrlEncode(after));
    HEED_ASSIGN_OR_RETURN(HttpResponse response, Send(request, true));
    Result<instagram::ItemPage> parsed = parse(response.body);
    if (!parsed.ok()) {
      return ScrubSecret(parsed.status().WithContext(Context(request)), config_.token);
    }
    // Asked for the newest page, answered with a later one (a stale page from a cache or a
    // platform hiccup): the newest items of this list were not read, and taking the oldest of
    // an incomplete set would move the mark past them. Fail the fetch; the next run re-walks.
    if (after.empty() && parsed->has_previous) {
      return Status::DataLoss(Context(request) +
                              ": the first page of the list came back as a later page "
                              "(paging.previous is set); not trusting this walk");
    }
    // The cursor sent came back: the previous page served again (a stale page), not the next
    // one. Its items are already read; ask again rather than end the list there, which would
    // leave its older items unread while the oldest-first take moves the mark past them.
    if (!after.empty() && parsed->after == after && ++repeats < kMaxCursorRepeats) continue;
    bool reached_older = false;
    bool newest_first = true;
    int64_t previous = std::numeric_limits<int64_t>::max();
    for (instagram::Item& item : parsed->items) {
      if (item.seconds == 0) {
        page->item_errors.push_back(item.mention.status().WithContext(Context(request)));
        continue;
      }
      if (item.seconds > previous) newest_first = false;
      previous = item.seconds;
      if (!first_run && item.seconds < mark.seconds) reached_older = true;
      items->push_back(std::move(item));
    }
    if (!parsed->has_next || (reached_older && newest_first)) return Status::Ok();
    if (parsed->after.empty() || parsed->after == after) {  // kMaxCursorRepeats in a row
      page->item_errors.push_back(
          Status::DataLoss(Context(request) + ": the cursor repeats; stopping this list"));
      *cursor_repeated = true;
      return Status::Ok();
    }
    after = parsed->after;
  }
  if (!first_run) {
    page->item_errors.push_back(Status::DataLoss("instagram connector '" + config_.name +
                                                 "': more than " + std::to_string(kMaxWalkPages) +
                                                 " pages of new items in " + RedactUrl(first_url) +
                                                 "; older new items of this list may be missed"));
  }
  return Status::Ok();
}

Result<Page> InstagramConnector::FetchPage(const std::string& checkpoint) {
  Result<graph::HighWater> decoded = graph::DecodeHighWater(checkpoint);
  if (!decoded.ok()) {
    return decoded.status().WithContext("instagram connector '" + config_.name + "'");
  }
  graph::HighWater mark = std::move(decoded).value();
  Page page;
  std::vector<instagram::Item> items;
  bool cursor_repeated = false;
  const std::string limit = std::to_string(limit_);

  if (kind_ == FeedKind::kMentions) {
    instagram::ParseOptions options{user_id_, "", ""};
    HEED_RETURN_IF_ERROR(Walk(
        Url(user_id_, "/tags?fields=" + std::string(kTagFields) + "&limit=" + limit), mark,
        [&](std::string_view body) { return instagram::ParseTags(body, options); }, &items, &page,
        &cursor_repeated));
  } else {
    HttpRequest media_request = NewRequest("GET", Url(user_id_,
                                                      "/media?fields=id%2Cpermalink%2Ctimestamp%2C"
                                                      "comments_count&limit=" +
                                                          std::to_string(kMaxMedia)));
    HEED_ASSIGN_OR_RETURN(HttpResponse media_response, Send(media_request, true));
    Result<instagram::MediaPage> media = instagram::ParseMediaList(media_response.body);
    if (!media.ok()) {
      return ScrubSecret(media.status().WithContext(Context(media_request)), config_.token);
    }
    if (media->dropped > 0) {
      page.item_errors.push_back(Status::DataLoss(Context(media_request) + ": ignored " +
                                                  std::to_string(media->dropped) +
                                                  " media without a usable id"));
    }
    for (const instagram::Media& m : media->media) {
      if (m.comments_count && *m.comments_count == 0) continue;
      instagram::ParseOptions options{user_id_, m.id, m.permalink};
      HEED_RETURN_IF_ERROR(Walk(
          Url(m.id, "/comments?fields=" + std::string(kCommentFields) + "&limit=" + limit), mark,
          [&](std::string_view body) { return instagram::ParseComments(body, options); }, &items,
          &page, &cursor_repeated));
    }
  }

  std::vector<graph::Keyed> keys;
  keys.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) keys.push_back({items[i].seconds, items[i].id, i});
  size_t left_over = 0;
  std::vector<size_t> taken = graph::TakeOldest(std::move(keys), static_cast<size_t>(limit_),
                                                std::nullopt, &mark, &left_over);
  for (size_t index : taken) {
    instagram::Item& item = items[index];
    if (item.skipped) continue;
    if (!item.mention.ok()) {
      page.item_errors.push_back(ScrubSecret(item.mention.status(), config_.token));
      continue;
    }
    page.mentions.push_back(std::move(item.mention).value());
  }
  page.next_checkpoint = taken.empty() ? checkpoint : graph::EncodeHighWater(mark);
  page.has_more = !taken.empty() && left_over > 0 && !cursor_repeated;
  return page;
}

Result<PostedReply> InstagramConnector::PostReply(const ReplyRequest& request) {
  const std::string who = "instagram connector '" + config_.name + "'";
  const Mention& target = request.in_reply_to;
  if (!IsDigits(target.remote_id)) {
    return Status::InvalidArgument(who + ": cannot reply to \"" +
                                   SanitizeUtf8(target.remote_id.substr(0, 64)) +
                                   "\": not an Instagram id");
  }
  if (request.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument(who + ": reply text is empty");
  }
  std::string text = SanitizeUtf8(request.text);
  if (CountCodePoints(text) > kMaxReplyLength) {
    return Status::InvalidArgument(who + ": reply is longer than " +
                                   std::to_string(kMaxReplyLength) + " characters");
  }
  HttpRequest http = kind_ == FeedKind::kAccount
                         ? NewRequest("POST", Url(target.remote_id, "/replies"))
                         : NewRequest("POST", Url(user_id_, "/mentions"));
  http.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  http.body = kind_ == FeedKind::kAccount
                  ? "message=" + UrlEncode(text)
                  : "media_id=" + target.remote_id + "&message=" + UrlEncode(text);
  HEED_ASSIGN_OR_RETURN(HttpResponse response, Send(http, false));
  Result<PostedReply> posted = instagram::ParseCreated(response.body, target.url);
  if (!posted.ok()) return ScrubSecret(posted.status().WithContext(Context(http)), config_.token);
  return posted;
}

Result<std::unique_ptr<Connector>> MakeInstagramConnector(const ConnectorConfig& config,
                                                          HttpTransport& transport, Clock& clock) {
  HEED_ASSIGN_OR_RETURN(auto connector, InstagramConnector::Create(config, transport, clock));
  return std::unique_ptr<Connector>(std::move(connector));
}

}  // namespace heed::connectors
