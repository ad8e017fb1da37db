#include "google_play_connector.h"

#include <algorithm>
#include <utility>

#include "connector_errors.h"
#include "connector_request.h"
#include "connector_text.h"
#include "heed/core/text.h"
#include "platforms.h"
#include "url_util.h"

namespace heed::connectors {
namespace {

constexpr char kDefaultBaseUrl[] = "https://androidpublisher.googleapis.com";
constexpr char kFeedPrefix[] = "app:";
constexpr int kMaxPageSize = 100;
constexpr int kMaxReplyLength = 350;
constexpr int kBackfillPages = 20;
constexpr size_t kMaxReviewIdBytes = 512;
constexpr Millis kRequestTimeout{15000};

bool IsUsableReviewId(std::string_view id) {
  if (id.empty() || id.size() > kMaxReviewIdBytes) return false;
  for (unsigned char c : id) {
    if (c <= 0x20 || c == 0x7F || c == '/' || c == '?' || c == '#') return false;
  }
  return true;
}

}  // namespace

Result<std::unique_ptr<GooglePlayConnector>> GooglePlayConnector::Create(
    const ConnectorConfig& config, HttpTransport& transport, Clock& clock) {
  ConnectorConfig normalized = config;
  HEED_ASSIGN_OR_RETURN(
      normalized.base_url,
      NormalizeBaseUrl(config.base_url.empty() ? kDefaultBaseUrl : config.base_url));
  const std::string& feed = config.feed;
  std::string package = feed.starts_with(kFeedPrefix) ? feed.substr(sizeof(kFeedPrefix) - 1) : "";
  if (!google_play::IsPackageName(package)) {
    return Status::InvalidArgument("google_play connector '" + config.name + "': unknown feed \"" +
                                   ForTerminal(SanitizeUtf8(feed.substr(0, 200))) +
                                   "\" (supported: app:PACKAGE_NAME, e.g. app:com.example.app)");
  }
  return std::unique_ptr<GooglePlayConnector>(
      new GooglePlayConnector(std::move(normalized), std::move(package), transport, clock));
}

GooglePlayConnector::GooglePlayConnector(ConnectorConfig config, std::string package,
                                         HttpTransport& transport, Clock& clock)
    : config_(std::move(config)),
      package_(std::move(package)),
      limit_(std::clamp(config_.page_limit, 1, kMaxPageSize)),
      transport_(transport),
      clock_(clock) {
  parse_options_.package_name = package_;
}

Capabilities GooglePlayConnector::capabilities() const {
  return ReplyCapabilities(kMaxReplyLength, kBackfillPages, /*reply_replaces_existing=*/true);
}

std::string GooglePlayConnector::ReviewsUrl() const {
  return config_.base_url + "/androidpublisher/v3/applications/" + package_ + "/reviews";
}

std::string GooglePlayConnector::PageUrl(const std::string& page_token) const {
  std::string url = ReviewsUrl() + "?maxResults=" + std::to_string(limit_);
  if (!page_token.empty()) url += "&token=" + UrlEncode(page_token);
  return url;
}

HttpRequest GooglePlayConnector::NewRequest(std::string method, std::string url) const {
  return NewJsonRequest(std::move(method), std::move(url), kRequestTimeout, config_.token);
}

std::string GooglePlayConnector::Context(const HttpRequest& request) const {
  return RequestContext("google_play", config_.name, request);
}

Result<HttpResponse> GooglePlayConnector::Send(const HttpRequest& request) {
  return google::SendChecked(transport_, request, clock_, "google_play", config_.name,
                             config_.token);
}

Result<Page> GooglePlayConnector::FetchPage(const std::string& checkpoint) {
  return google::FetchPassPage(
      {"google_play", config_.name, config_.token, kBackfillPages,
       [this](const std::string& page_token) { return NewRequest("GET", PageUrl(page_token)); },
       [this](const HttpRequest& request) { return Send(request); },
       [this](std::string_view body) {
         return google_play::ParseReviewsPage(body, parse_options_);
       }},
      checkpoint);
}

Status GooglePlayConnector::Refusal(const std::string& review, const std::string& existing) const {
  return Status::FailedPrecondition("google_play connector '" + config_.name + "': review " +
                                    ForTerminal(review) + " already has a public reply: \"" +
                                    ForTerminal(existing, /*keep_newlines=*/true) +
                                    "\"; confirm replacing it");
}

Result<PostedReply> GooglePlayConnector::PostReply(const ReplyRequest& request) {
  const std::string who = "google_play connector '" + config_.name + "'";
  const Mention& target = request.in_reply_to;
  if (!IsUsableReviewId(target.remote_id)) {
    return Status::InvalidArgument(who + ": cannot reply to \"" +
                                   ForTerminal(SanitizeUtf8(target.remote_id.substr(0, 200))) +
                                   "\": not a Play review id");
  }
  if (IsBlank(request.text)) {
    return Status::InvalidArgument(who + ": reply text is empty");
  }
  if (!IsValidUtf8(request.text)) {
    return Status::InvalidArgument(who + ": reply text is not valid UTF-8");
  }
  size_t length = CountCodePoints(request.text);
  if (length > static_cast<size_t>(kMaxReplyLength)) {
    return Status::InvalidArgument(who + ": reply is " + std::to_string(length) +
                                   " characters; Google Play allows " +
                                   std::to_string(kMaxReplyLength));
  }
  const std::string& id = target.remote_id;
  const std::string review_url = ReviewsUrl() + "/" + UrlEncode(id);
  if (!request.replace_existing) {
    if (!target.owner_reply.empty()) return Refusal(id, target.owner_reply);
    // The stored mention may predate a reply written in Play Console: look first.
    HttpRequest check = NewRequest("GET", review_url);
    Result<HttpResponse> current = Send(check);
    if (!current.ok()) {
      return current.status().WithContext(who + ": could not check for an existing reply");
    }
    Result<std::string> existing = google_play::ParseCurrentReply(current->body);
    if (!existing.ok()) {
      return existing.status().WithContext(Context(check) +
                                           ": could not check for an existing reply");
    }
    if (!existing->empty()) return Refusal(id, *existing);
  }

  HttpRequest post = NewRequest("POST", review_url + ":reply");
  post.headers.emplace_back("Content-Type", "application/json");
  post.body = google_play::BuildReplyBody(request.text);
  Result<HttpResponse> response = Send(post);
  if (!response.ok()) return response.status();
  Status accepted = google_play::ParseReplyResponse(response->body);
  if (!accepted.ok()) return ScrubSecret(accepted.WithContext(Context(post)), config_.token);
  PostedReply posted;
  posted.remote_id = id + "/reply";
  posted.url = target.url;
  return posted;
}

Result<std::unique_ptr<Connector>> MakeGooglePlayConnector(const ConnectorConfig& config,
                                                           HttpTransport& transport, Clock& clock) {
  HEED_ASSIGN_OR_RETURN(auto connector, GooglePlayConnector::Create(config, transport, clock));
  return std::unique_ptr<Connector>(std::move(connector));
}

}  // namespace heed::connectors
