// WebhookChannel: POSTs each alert as JSON to a chat "incoming webhook".
//
//   slack       {"text": "..."}                       (Slack incoming webhooks)
//   mattermost  {"text": "...", "username": "..."}    (username only when configured)
//   teams       {"@type":"MessageCard","@context":"https://schema.org/extensions",
//                "summary": title, "title": title, "text": body}
//
// The webhook URL is a secret (whoever has it can post): errors name only its scheme and host.
// Untrusted text is neutralised for each format: Slack's control sequences (<!channel>, <@U1>)
// by escaping &, < and >; markdown (links, images) for Mattermost and Teams by backslash
// escapes; bare mass mentions (@channel, @here, @all, @everyone) by a zero-width space after '@'.
//
// Thread safety: as AlertChannel (the transport must outlive the channel).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "heed/alerts/channel.h"
#include "heed/alerts/time_zone.h"
#include "heed/core/http.h"

namespace heed::alerts {

enum class WebhookFormat { kSlack, kMattermost, kTeams };

// "slack" | "mattermost" | "teams"; kInvalidArgument naming the value otherwise.
Result<WebhookFormat> ParseWebhookFormat(std::string_view text);
std::string_view WebhookFormatName(WebhookFormat format);

struct WebhookOptions {
  std::string url;  // secret; http:// or https://
  WebhookFormat format = WebhookFormat::kSlack;
  std::string username;  // mattermost: the name posts appear under (optional)
  Millis timeout{10000};
  TimeZone zone = TimeZone::Utc();  // for times shown in messages
};

// The JSON body heed POSTs for a message with this title and body.
std::string WebhookPayload(WebhookFormat format, const AlertText& text, std::string_view username);

// "https://hooks.slack.com" from "https://hooks.slack.com/services/T0/B0/secret": what errors
// may show of a secret URL. "(invalid URL)" when there is no scheme.
std::string UrlOrigin(std::string_view url);

class WebhookChannel final : public AlertChannel {
 public:
  // kInvalidArgument when the URL is not http(s)://HOST[...] (the message shows no secret).
  static Result<std::unique_ptr<WebhookChannel>> Make(std::string name, WebhookOptions options,
                                                      HttpTransport& transport);

  std::string_view name() const override { return name_; }
  Status Send(const Alert& alert) override;
  Status SendDigest(const Digest& digest) override;

 private:
  WebhookChannel(std::string name, WebhookOptions options, HttpTransport& transport)
      : name_(std::move(name)), options_(std::move(options)), transport_(transport) {}
  Status Post(const AlertText& text);

  const std::string name_;
  const WebhookOptions options_;
  HttpTransport& transport_;
};

}  // namespace heed::alerts
