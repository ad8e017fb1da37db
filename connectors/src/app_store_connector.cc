#include "app_store_connector.h"

#include <algorithm>
#include <utility>

#include "app_store_parse.h"
#include "app_store_trustpilot_walk.h"
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

}  // namespace

Result<std::unique_ptr<AppStoreConnector>> AppStoreConnector::Create(const ConnectorConfig& config,
                                                                     HttpTransport& transport,
                                                                     Clock& clock) {
  const std::string who = "app_store connector '" + config.name + "'";
  ConnectorConfig normalized = config;
  Result<std::string> base = NormalizeBaseUrl(config.base_url);
  if (!base.ok()) return base.status().WithContext(who);
  normalized.base_url = *base;
  if (!config.feed.starts_with("app:")) {
    return Status::InvalidArgument(who + ": unknown feed \"" + SanitizeUtf8(config.feed) +
                                   "\" (supported: app:APP_ID)");
  }
  std::string app_id = config.feed.substr(4);
  if (!IsDecimalId(app_id)) {
    return Status::InvalidArgument(who + ": feed \"" + SanitizeUtf8(config.feed) +
                                   "\": APP_ID must be the numeric Apple app id");
  }
  Result<std::unique_ptr<AppStoreJwt>> jwt =
      AppStoreJwt::Create(config.account, config.token, clock);
  if (!jwt.ok()) return jwt.status().WithContext(who);
  return std::unique_ptr<AppStoreConnector>(new AppStoreConnector(
      std::move(normalized), std::move(app_id), std::move(jwt).value(), transport, clock));
}

AppStoreConnector::AppStoreConnector(ConnectorConfig config, std::string app_id,
                                     std::unique_ptr<AppStoreJwt> jwt, HttpTransport& transport,
                                     Clock& clock)
    : config_(std::move(config)),
      app_id_(std::move(app_id)),
      limit_(std::clamp(config_.page_limit, 1, kMaxPageLimit)),
      jwt_(std::move(jwt)),
      transport_(transport),
      clock_(clock) {}

Capabilities AppStoreConnector::capabilities() const {
  return ReplyCapabilities(kMaxReplyLength, kBackfillPages, /*reply_replaces_existing=*/true);
}

std::string AppStoreConnector::PageUrl(const std::string& cursor) const {
  std::string url = config_.base_url + "/v1/apps/" + app_id_ +
                    "/customerReviews?sort=-createdDate&limit=" + std::to_string(limit_) +
                    "&include=response"
                    "&fields%5BcustomerReviews%5D=rating,title,body,reviewerNickname,createdDate,"
                    "territory,response"
                    "&fields%5BcustomerReviewResponses%5D=responseBody,lastModifiedDate,state,"
                    "review";
  if (!cursor.empty()) url += "&cursor=" + cursor;  // already URL-safe (see ParseReviewsPage)
  return url;
}

Result<HttpRequest> AppStoreConnector::NewRequest(std::string method, std::string url) {
  Result<std::string> jwt = jwt_->Token();
  if (!jwt.ok()) return jwt.status().WithContext("app_store connector '" + config_.name + "'");
  last_jwt_ = *jwt;
  HttpRequest request = NewJsonRequest(std::move(method), std::move(url), kRequestTimeout);
  request.headers.emplace_back("Authorization", "Bearer " + *jwt);
  return request;
}

std::string AppStoreConnector::Context(const HttpRequest& request) const {
  return RequestContext("app_store", config_.name, request);
}

Status AppStoreConnector::Scrub(Status status) const {
  return ScrubSecrets(std::move(status), {config_.token, last_jwt_});
}

Status AppStoreConnector::TransportError(const HttpRequest& request, const Status& status) const {
  return Scrub(TransportContext(status, "app_store", config_.name, request));
}

Status AppStoreConnector::ErrorFromResponse(const HttpRequest& request,
                                            const HttpResponse& response) const {
  app_store::ApiError error = app_store::ParseError(response.body);
  int status = response.status;
  // Apple answers validation failures with 409 ENTITY_ERROR.*: the request is wrong, nothing
  // "already exists".
  if (status == 409 && error.code.starts_with("ENTITY_ERROR")) status = 422;
  std::optional<Millis> retry_after;
  if (status == 429)
    retry_after = RetryAfterHint(response, clock_.Now()).value_or(kRateLimitFallback);
  return Scrub(StatusFromHttp(status, Context(request), error.message, retry_after));
}

Result<Page> AppStoreConnector::FetchPage(const std::string& checkpoint) {
  Result<review_walk::WalkState> state = review_walk::Decode(checkpoint);
  if (!state.ok()) return state.status().WithContext("app_store connector '" + config_.name + "'");
  // A page served again in place of the one asked for (the cursor sent comes back) is asked
  // again and never moves the checkpoint (see app_store_trustpilot_walk.h).
  Result<review_walk::StepResult> step =
      review_walk::FetchBelonging([&]() -> Result<review_walk::StepResult> {
        HEED_ASSIGN_OR_RETURN(HttpRequest request,
                              NewRequest("GET", PageUrl(state->walking ? state->position : "")));
        Result<HttpResponse> response = transport_.Send(request);
        if (!response.ok()) return TransportError(request, response.status());
        if (!Is2xx(response->status)) return ErrorFromResponse(request, *response);
        Result<app_store::ReviewsPage> parsed =
            app_store::ParseReviewsPage(response->body, app_id_, Context(request));
        if (!parsed.ok()) {
          const Status& s = parsed.status();
          bool has_context = s.message().starts_with(Context(request));
          return Scrub(has_context ? s : s.WithContext(Context(request)));
        }
        return review_walk::Step(*state, std::move(parsed->items), std::move(parsed->next_cursor),
                                 kBackfillPages, Context(request));
      });
  if (!step.ok()) return Scrub(step.status());
  Page page;
  page.mentions = std::move(step->mentions);
  for (Status& e : step->item_errors) page.item_errors.push_back(Scrub(std::move(e)));
  page.next_checkpoint = review_walk::Encode(step->next);
  page.has_more = step->has_more;
  return page;
}

Result<PostedReply> AppStoreConnector::PostReply(const ReplyRequest& request) {
  const std::string who = "app_store connector '" + config_.name + "'";
  const Mention& target = request.in_reply_to;
  if (target.remote_id.empty() || target.remote_id.size() > 200) {
    return Status::InvalidArgument(who + ": cannot reply to a review without a usable id");
  }
  if (request.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument(who + ": reply text is empty");
  }
  if (CountCodePoints(request.text) > static_cast<size_t>(kMaxReplyLength)) {
    return Status::InvalidArgument(who + ": reply is longer than " +
                                   std::to_string(kMaxReplyLength) + " characters");
  }
  if (!target.owner_reply.empty() && !request.replace_existing) {
    return Status::FailedPrecondition(
        who + ": review " + SanitizeUtf8(target.remote_id) + " already has a public reply: \"" +
        SanitizeUtf8(target.owner_reply) + "\"; confirm replacing it");
  }
  HEED_ASSIGN_OR_RETURN(HttpRequest http,
                        NewRequest("POST", config_.base_url + "/v1/customerReviewResponses"));
  http.headers.emplace_back("Content-Type", "application/json");
  http.body = app_store::BuildReplyBody(target.remote_id, request.text);
  Result<HttpResponse> response = transport_.Send(http);
  if (!response.ok()) return TransportError(http, response.status());
  if (!Is2xx(response->status)) return ErrorFromResponse(http, *response);
  Result<std::string> id = app_store::ParsePostedResponse(response->body);
  if (!id.ok()) return Scrub(id.status().WithContext(Context(http)));
  return PostedReply{*id, app_store::AppReviewsUrl(app_id_)};
}

Result<std::unique_ptr<Connector>> MakeAppStoreConnector(const ConnectorConfig& config,
                                                         HttpTransport& transport, Clock& clock) {
  HEED_ASSIGN_OR_RETURN(auto connector, AppStoreConnector::Create(config, transport, clock));
  return std::unique_ptr<Connector>(std::move(connector));
}

}  // namespace heed::connectors
