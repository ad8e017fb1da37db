#include "trustpilot_connector.h"

#include <algorithm>
#include <charconv>
#include <utility>

#include "app_store_trustpilot_walk.h"
#include "connector_errors.h"
#include "connector_request.h"
#include "connector_text.h"
#include "heed/core/text.h"
#include "http_errors.h"
#include "platforms.h"
#include "rate_limit.h"
#include "trustpilot_parse.h"
#include "url_util.h"

namespace heed::connectors {
namespace {

constexpr Millis kRequestTimeout{15000};
constexpr int kMaxPage = 1000000;

bool IsHeaderSafe(std::string_view value) {
  for (unsigned char c : value) {
    if (c < 0x21 || c == 0x7f) return false;
  }
  return true;
}

std::optional<int> ParsePage(std::string_view text) {
  if (text.empty()) return 1;
  int page = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), page);
  if (ec != std::errc() || ptr != text.data() + text.size() || page < 1 || page > kMaxPage) {
    return std::nullopt;
  }
  return page;
}

}  // namespace

Result<std::unique_ptr<TrustpilotConnector>> TrustpilotConnector::Create(
    const ConnectorConfig& config, HttpTransport& transport, Clock& clock) {
  const std::string who = "trustpilot connector '" + config.name + "'";
  ConnectorConfig normalized = config;
  Result<std::string> base = NormalizeBaseUrl(config.base_url);
  if (!base.ok()) return base.status().WithContext(who);
  normalized.base_url = *base;
  if (!config.feed.starts_with("business:")) {
    return Status::InvalidArgument(who + ": unknown feed \"" + SanitizeUtf8(config.feed) +
                                   "\" (supported: business:BUSINESS_UNIT_ID)");
  }
  std::string business_unit = config.feed.substr(9);
  if (!trustpilot::IsReviewId(business_unit)) {
    return Status::InvalidArgument(who + ": feed \"" + SanitizeUtf8(config.feed) +
                                   "\": the business unit id must be letters and digits");
  }
  size_t colon = config.token.find(':');
  std::string api_key = config.token.substr(0, colon);
  std::string access_token = colon == std::string::npos ? "" : config.token.substr(colon + 1);
  if (api_key.empty() || !IsHeaderSafe(api_key) || !IsHeaderSafe(access_token)) {
    return Status::InvalidArgument(
        who + ": token must be \"API_KEY\" or \"API_KEY:ACCESS_TOKEN\" (no spaces)");
  }
  return std::unique_ptr<TrustpilotConnector>(
      new TrustpilotConnector(std::move(normalized), std::move(business_unit), std::move(api_key),
                              std::move(access_token), transport, clock));
}

TrustpilotConnector::TrustpilotConnector(ConnectorConfig config, std::string business_unit,
                                         std::string api_key, std::string access_token,
                                         HttpTransport& transport, Clock& clock)
    : config_(std::move(config)),
      business_unit_(std::move(business_unit)),
      api_key_(std::move(api_key)),
      access_token_(std::move(access_token)),
      limit_(std::clamp(config_.page_limit, 1, kMaxPerPage)),
      transport_(transport),
      clock_(clock) {}

Capabilities TrustpilotConnector::capabilities() const {
  return ReplyCapabilities(kMaxReplyLength, kBackfillPages, /*reply_replaces_existing=*/true);
}

std::string TrustpilotConnector::PageUrl(int page) const {
  return config_.base_url + "/v1/business-units/" + business_unit_ +
         "/reviews?orderBy=createdat.desc&perPage=" + std::to_string(limit_) +
         "&page=" + std::to_string(page);
}

HttpRequest TrustpilotConnector::NewRequest(std::string method, std::string url) const {
  HttpRequest request = NewJsonRequest(std::move(method), std::move(url), kRequestTimeout);
  request.headers.emplace_back("apikey", api_key_);
  return request;
}

std::string TrustpilotConnector::Context(const HttpRequest& request) const {
  return RequestContext("trustpilot", config_.name, request);
}

Status TrustpilotConnector::Scrub(Status status) const {
  return ScrubSecrets(std::move(status), {config_.token, access_token_, api_key_});
}

Status TrustpilotConnector::TransportError(const HttpRequest& request, const Status& status) const {
  return Scrub(TransportContext(status, "trustpilot", config_.name, request));
}

Status TrustpilotConnector::ErrorFromResponse(const HttpRequest& request,
                                              const HttpResponse& response) const {
  std::optional<Millis> retry_after;
  if (response.status == 429) retry_after = RetryAfterHint(response, clock_.Now());
  return Scrub(StatusFromHttp(response.status, Context(request),
                              trustpilot::ParseErrorMessage(response.body), retry_after));
}

Result<Page> TrustpilotConnector::FetchPage(const std::string& checkpoint) {
  const std::string who = "trustpilot connector '" + config_.name + "'";
  Result<review_walk::WalkState> state = review_walk::Decode(checkpoint);
  if (!state.ok()) return state.status().WithContext(who);
  std::optional<int> page_number = ParsePage(state->walking ? state->position : "");
  if (!page_number) {
    return Status::InvalidArgument(who + ": checkpoint holds no valid page number");
  }
  // A page served in place of the one asked for (its links name another page number: a stale
  // page from a cache or a platform hiccup) is asked again and never moves the checkpoint: the
  // walk would step past the page it never read (see app_store_trustpilot_walk.h).
  Result<review_walk::StepResult> step =
      review_walk::FetchBelonging([&]() -> Result<review_walk::StepResult> {
        HttpRequest request = NewRequest("GET", PageUrl(*page_number));
        Result<HttpResponse> response = transport_.Send(request);
        if (!response.ok()) return TransportError(request, response.status());
        if (!Is2xx(response->status)) return ErrorFromResponse(request, *response);
        Result<trustpilot::ReviewsPage> parsed =
            trustpilot::ParseReviewsPage(response->body, Context(request));
        if (!parsed.ok()) {
          const Status& s = parsed.status();
          return Scrub(s.message().starts_with(Context(request)) ? s
                                                                 : s.WithContext(Context(request)));
        }
        if (parsed->linked_page && *parsed->linked_page != *page_number) {
          return review_walk::Stale(Context(request),
                                    "the answer's links describe page " +
                                        std::to_string(*parsed->linked_page) + ", not page " +
                                        std::to_string(*page_number) + " (a page served again)");
        }
        bool has_next =
            parsed->has_next_link.value_or(parsed->items.size() >= static_cast<size_t>(limit_));
        std::optional<std::string> next_position;
        if (has_next && *page_number < kMaxPage) next_position = std::to_string(*page_number + 1);
        return review_walk::Step(*state, std::move(parsed->items), std::move(next_position),
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

Result<PostedReply> TrustpilotConnector::PostReply(const ReplyRequest& request) {
  const std::string who = "trustpilot connector '" + config_.name + "'";
  const Mention& target = request.in_reply_to;
  if (!trustpilot::IsReviewId(target.remote_id)) {
    return Status::InvalidArgument(who + ": cannot reply to \"" +
                                   SanitizeUtf8(target.remote_id.substr(0, 64)) +
                                   "\": not a Trustpilot review id");
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
        who + ": review " + target.remote_id + " already has a public reply: \"" +
        SanitizeUtf8(target.owner_reply) + "\"; confirm replacing it");
  }
  if (access_token_.empty()) {
    return Status::FailedPrecondition(
        who +
        ": replying needs a business-user access token; set the token to "
        "\"API_KEY:ACCESS_TOKEN\"");
  }
  HttpRequest http =
      NewRequest("POST", config_.base_url + "/v1/private/reviews/" + target.remote_id + "/reply");
  http.headers.emplace_back("Authorization", "Bearer " + access_token_);
  http.headers.emplace_back("Content-Type", "application/json");
  http.body = trustpilot::BuildReplyBody(request.text, config_.account);
  Result<HttpResponse> response = transport_.Send(http);
  if (!response.ok()) return TransportError(http, response.status());
  if (!Is2xx(response->status)) return ErrorFromResponse(http, *response);
  // 201 Created; the reply has no id of its own: it is the review's companyReply.
  return PostedReply{target.remote_id + ":reply", trustpilot::ReviewUrl(target.remote_id)};
}

Result<std::unique_ptr<Connector>> MakeTrustpilotConnector(const ConnectorConfig& config,
                                                           HttpTransport& transport, Clock& clock) {
  HEED_ASSIGN_OR_RETURN(auto connector, TrustpilotConnector::Create(config, transport, clock));
  return std::unique_ptr<Connector>(std::move(connector));
}

}  // namespace heed::connectors
