#include "google_business_connector.h"

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

constexpr char kDefaultBaseUrl[] = "https://mybusiness.googleapis.com";
constexpr char kFeedPrefix[] = "location:";
constexpr int kMaxPageSize = 50;
constexpr int kMaxReplyLength = 4096;
constexpr int kBackfillPages = 20;
constexpr Millis kRequestTimeout{15000};

}  // namespace

Result<std::unique_ptr<GoogleBusinessConnector>> GoogleBusinessConnector::Create(
    const ConnectorConfig& config, HttpTransport& transport, Clock& clock) {
  ConnectorConfig normalized = config;
  HEED_ASSIGN_OR_RETURN(
      normalized.base_url,
      NormalizeBaseUrl(config.base_url.empty() ? kDefaultBaseUrl : config.base_url));
  const std::string& feed = config.feed;
  std::string location = feed.starts_with(kFeedPrefix) ? feed.substr(sizeof(kFeedPrefix) - 1) : "";
  if (!google_business::IsLocationName(location)) {
    return Status::InvalidArgument(
        "google_business connector '" + config.name + "': unknown feed \"" +
        ForTerminal(SanitizeUtf8(feed.substr(0, 200))) +
        "\" (supported: location:accounts/ACCOUNT_ID/locations/LOCATION_ID)");
  }
  return std::unique_ptr<GoogleBusinessConnector>(
      new GoogleBusinessConnector(std::move(normalized), std::move(location), transport, clock));
}

GoogleBusinessConnector::GoogleBusinessConnector(ConnectorConfig config, std::string location,
                                                 HttpTransport& transport, Clock& clock)
    : config_(std::move(config)),
      location_(std::move(location)),
      limit_(std::clamp(config_.page_limit, 1, kMaxPageSize)),
      transport_(transport),
      clock_(clock) {
  parse_options_.location_name = location_;
}

Capabilities GoogleBusinessConnector::capabilities() const {
  return ReplyCapabilities(kMaxReplyLength, kBackfillPages, /*reply_replaces_existing=*/true);
}

std::string GoogleBusinessConnector::PageUrl(const std::string& page_token) const {
  std::string url = config_.base_url + "/v4/" + location_ +
                    "/reviews?pageSize=" + std::to_string(limit_) + "&orderBy=updateTime%20desc";
  if (!page_token.empty()) url += "&pageToken=" + UrlEncode(page_token);
  return url;
}

HttpRequest GoogleBusinessConnector::NewRequest(std::string method, std::string url) const {
  return NewJsonRequest(std::move(method), std::move(url), kRequestTimeout, config_.token);
}

std::string GoogleBusinessConnector::Context(const HttpRequest& request) const {
  return RequestContext("google_business", config_.name, request);
}

Result<HttpResponse> GoogleBusinessConnector::Send(const HttpRequest& request) {
  return google::SendChecked(transport_, request, clock_, "google_business", config_.name,
                             config_.token);
}

Result<Page> GoogleBusinessConnector::FetchPage(const std::string& checkpoint) {
  return google::FetchPassPage(
      {"google_business", config_.name, config_.token, kBackfillPages,
       [this](const std::string& page_token) { return NewRequest("GET", PageUrl(page_token)); },
       [this](const HttpRequest& request) { return Send(request); },
       [this](std::string_view body) {
         return google_business::ParseReviewsPage(body, parse_options_);
       }},
      checkpoint);
}

Status GoogleBusinessConnector::Refusal(const std::string& review,
                                        const std::string& existing) const {
  return Status::FailedPrecondition("google_business connector '" + config_.name + "': review " +
                                    review + " already has a public reply: \"" +
                                    ForTerminal(existing, /*keep_newlines=*/true) +
                                    "\"; confirm replacing it");
}

Result<PostedReply> GoogleBusinessConnector::PostReply(const ReplyRequest& request) {
  const std::string who = "google_business connector '" + config_.name + "'";
  const Mention& target = request.in_reply_to;
  if (!google_business::IsReviewName(target.remote_id)) {
    return Status::InvalidArgument(who + ": cannot reply to \"" +
                                   ForTerminal(SanitizeUtf8(target.remote_id.substr(0, 200))) +
                                   "\": not a review name (accounts/A/locations/L/reviews/R)");
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
                                   " characters; Google allows " + std::to_string(kMaxReplyLength));
  }
  const std::string& name = target.remote_id;
  if (!request.replace_existing) {
    if (!target.owner_reply.empty()) return Refusal(name, target.owner_reply);
    // The stored mention may predate a reply written in the Business Profile UI: look first.
    HttpRequest check = NewRequest("GET", config_.base_url + "/v4/" + name);
    Result<HttpResponse> current = Send(check);
    if (!current.ok()) {
      return current.status().WithContext(who + ": could not check for an existing reply");
    }
    Result<std::string> existing = google_business::ParseCurrentReply(current->body);
    if (!existing.ok()) {
      return existing.status().WithContext(Context(check) +
                                           ": could not check for an existing reply");
    }
    if (!existing->empty()) return Refusal(name, *existing);
  }

  HttpRequest put = NewRequest("PUT", config_.base_url + "/v4/" + name + "/reply");
  put.headers.emplace_back("Content-Type", "application/json");
  put.body = google_business::BuildReplyBody(request.text);
  Result<HttpResponse> response = Send(put);
  if (!response.ok()) return response.status();
  Status accepted = google_business::ParseReplyResponse(response->body);
  if (!accepted.ok()) return ScrubSecret(accepted.WithContext(Context(put)), config_.token);
  PostedReply posted;
  posted.remote_id = name + "/reply";
  posted.url = target.url;
  return posted;
}

Result<std::unique_ptr<Connector>> MakeGoogleBusinessConnector(const ConnectorConfig& config,
                                                               HttpTransport& transport,
                                                               Clock& clock) {
  HEED_ASSIGN_OR_RETURN(auto connector, GoogleBusinessConnector::Create(config, transport, clock));
  return std::unique_ptr<Connector>(std::move(connector));
}

}  // namespace heed::connectors
