// The Mastodon connector (REST API v1/v2). See connector.h for the contract.
//
// Feeds:
//   "mentions"     GET /api/v1/notifications?types[]=mention&limit=N&min_id=C
//                  checkpoint: the notification id; remote_id: the status id.
//   "tag:NAME"     GET /api/v1/timelines/tag/NAME?limit=N&min_id=C (checkpoint: the status id).
//   "search:QUERY" GET /api/v2/search?type=statuses&q=QUERY&limit=N&min_id=C. Best effort:
//                  full-text search depends on the server's search backend and is not
//                  guaranteed gap-free.
// ("[]" is sent percent-encoded as "types%5B%5D" so the URL is valid RFC 3986.)
//
// Paging is gap-free and oldest-first: min_id makes Mastodon return the items immediately newer
// than the checkpoint (min_id=0 on the first run reads history from the beginning). Mentions are
// returned in ascending id order; next_checkpoint is the greatest id on the page (skipped and
// malformed items included, so they are never re-read); has_more is true when the page was full.
// A page that does not move past the checkpoint ends the run (has_more=false, one item_error).
//
// The bearer token is only ever put in the Authorization header; it is scrubbed from every
// message this connector returns.
#pragma once

#include <memory>
#include <string>

#include "heed/connectors/connector.h"
#include "mastodon_parse.h"

namespace heed::connectors {

class MastodonConnector final : public Connector {
 public:
  // Validates config.feed (kInvalidArgument for an unknown kind or an empty name/query) and
  // config.base_url (normalised). transport and clock must outlive the connector.
  static Result<std::unique_ptr<MastodonConnector>> Create(const ConnectorConfig& config,
                                                           HttpTransport& transport, Clock& clock);
  // Same, but the connector owns transport (e.g. a RetryingTransport over a shared one).
  static Result<std::unique_ptr<MastodonConnector>> Create(const ConnectorConfig& config,
                                                           std::unique_ptr<HttpTransport> transport,
                                                           Clock& clock);

  const std::string& name() const override { return config_.name; }
  const std::string& platform() const override { return platform_; }
  Capabilities capabilities() const override;

  Result<Page> FetchPage(const std::string& checkpoint) override;

  // POST /api/v1/statuses {"status": "@handle text", "in_reply_to_id", "visibility": "public",
  // "language"} with Idempotency-Key: request.idempotency_key (required, kInvalidArgument when
  // empty). "@handle " is prepended unless the text already starts with it.
  Result<PostedReply> PostReply(const ReplyRequest& request) override;

 private:
  enum class FeedKind { kMentions, kTag, kSearch };

  MastodonConnector(ConnectorConfig config, FeedKind kind, std::string feed_arg,
                    HttpTransport& transport, Clock& clock);

  std::string PageUrl(const std::string& min_id) const;
  HttpRequest NewRequest(std::string method, std::string url) const;
  // "mastodon connector 'NAME': METHOD <redacted url>"
  std::string Context(const HttpRequest& request) const;
  Status ErrorFromResponse(const HttpRequest& request, const HttpResponse& response) const;
  Status TransportError(const HttpRequest& request, const Status& status) const;
  // Removes the token from a message (defence in depth).
  Status Scrub(Status status) const;

  const std::string platform_ = "mastodon";
  ConnectorConfig config_;
  FeedKind kind_;
  std::string feed_arg_;  // tag name or search query
  int limit_;             // page size actually requested
  mastodon::ParseOptions parse_options_;
  std::unique_ptr<HttpTransport> owned_transport_;
  HttpTransport& transport_;
  Clock& clock_;
};

}  // namespace heed::connectors
