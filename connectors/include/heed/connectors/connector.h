// The connector contract: how heed listens to one feed on one platform and answers publicly.
//
// A connector can list new items and post public replies. It has no delete, hide, edit or
// moderation operation, by design: heed never removes or hides what customers said.
//
// Thread safety: a Connector is used by one thread at a time.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "heed/core/clock.h"
#include "heed/core/http.h"
#include "heed/core/mention.h"
#include "heed/core/result.h"

namespace heed::connectors {

struct Capabilities {
  bool can_read = true;
  bool can_reply = false;
  bool reply_replaces_existing = false;  // platform keeps one reply per item (GBP, Play, ...)
  int max_reply_length = 0;              // in characters (graphemes); 0: unknown
  int backfill_pages = 0;                // pages read per run on a first scan; 0: unbounded
  // Sending the same ReplyRequest::idempotency_key twice cannot post twice (the platform honours
  // the key, or the key fixes the record's id). After a crash mid-send heed may then simply
  // send again; otherwise an operator must confirm whether the reply went out.
  bool idempotent_replies = false;
};

// One page of new items. Items that could not be parsed are reported in item_errors and
// skipped; the page is still usable.
struct Page {
  std::vector<Mention> mentions;
  std::vector<Status> item_errors;
  // The checkpoint to store once these mentions are stored (in the same transaction).
  std::string next_checkpoint;
  bool has_more = false;  // another page of new items is waiting
};

struct ReplyRequest {
  Mention in_reply_to;
  std::string text;             // the operator's text; the connector adds what the platform
                                // needs (e.g. the @handle on Mastodon)
  std::string idempotency_key;  // stable per stored reply, so a retried send does not double-post
  // For platforms whose one reply replaces the previous one (capabilities().
  // reply_replaces_existing): the operator confirmed overwriting in_reply_to.owner_reply.
  // Without it such a connector refuses with kFailedPrecondition when a reply exists.
  bool replace_existing = false;
};

struct PostedReply {
  std::string remote_id;
  std::string url;
};

class Connector {
 public:
  virtual ~Connector() = default;

  // The configured name (unique per installation, e.g. "mastodon-mentions") and platform.
  virtual const std::string& name() const = 0;
  virtual const std::string& platform() const = 0;
  virtual Capabilities capabilities() const = 0;

  // Fetches the next page of items newer than checkpoint (empty: first run). Errors:
  // kUnavailable (network, 5xx after retries), kResourceExhausted (rate limited; retry_after set),
  // kUnauthenticated/kPermissionDenied (token), kDataLoss (the page itself is unreadable).
  virtual Result<Page> FetchPage(const std::string& checkpoint) = 0;

  // Posts a public reply. kFailedPrecondition when the connector cannot reply.
  virtual Result<PostedReply> PostReply(const ReplyRequest& request) = 0;
};

// Where and how to reach one feed. Secrets never travel through argv: token comes from the
// environment variable or file named in the config.
struct ConnectorConfig {
  std::string name;      // e.g. "mastodon"
  std::string platform;  // "mastodon"
  std::string base_url;  // e.g. "https://mastodon.social" or "http://127.0.0.1:PORT"
  std::string feed;      // platform-specific: "mentions", "tag:acme", "search:acme"
  std::string token;     // resolved secret; may be empty for public feeds
  std::string account;   // the platform account the feed belongs to, when the API needs it
                         // (a Bluesky handle, an App Store Connect "issuer:key id", ...)
  int page_limit = 40;   // items per page requested
};

// Creates the connector for config.platform. kInvalidArgument for an unknown platform or a bad
// feed. transport and clock must outlive the connector.
Result<std::unique_ptr<Connector>> MakeConnector(const ConnectorConfig& config,
                                                 HttpTransport& transport, Clock& clock);

// The production transport over cpprestsdk: TLS verification on, per-request timeouts.
std::unique_ptr<HttpTransport> MakeCpprestTransport();

}  // namespace heed::connectors
