// Error plumbing shared by the HTTP connectors: the "<platform> connector '<name>'" prefixes that
// every Status carries, transport-failure context, and scrubbing secrets (tokens, JWTs, API keys)
// out of Status messages before they leave a connector.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "heed/core/http.h"
#include "heed/core/status.h"

namespace heed::connectors {

// True for a 2xx HTTP status.
inline bool Is2xx(int status) { return status >= 200 && status <= 299; }

// "<platform> connector '<name>'", e.g. "x connector 'work'".
std::string ConnectorLabel(std::string_view platform, std::string_view name);

// "<platform> connector '<name>': <METHOD> <url>" with the URL passed through RedactUrl.
std::string RequestContext(std::string_view platform, std::string_view name,
                           const HttpRequest& request);

// A transport failure for request, prefixed with the connector label when the message already
// names the (redacted) URL, else with the full RequestContext. Not scrubbed: callers scrub.
Status TransportContext(const Status& status, std::string_view platform, std::string_view name,
                        const HttpRequest& request);

// Replaces every occurrence of each non-empty secret (in order) in status's message with
// "REDACTED". The code and, for kResourceExhausted, retry_after are kept. Returns status
// unchanged when it is OK or no secret occurs in it.
Status ScrubSecrets(Status status, std::initializer_list<std::string_view> secrets);

// ScrubSecrets with one secret.
inline Status ScrubSecret(Status status, std::string_view secret) {
  return ScrubSecrets(std::move(status), {secret});
}

// --- Per-item parse errors --------------------------------------------------------------------

// kDataLoss "<item> <index>: <what>", or "<item> <index> (<detail>): <what>" when detail is
// non-empty; e.g. "x tweet 3 (id 17): field 'text' missing or not a string".
Status ItemDataLoss(std::string_view item, size_t index, std::string_view detail,
                    std::string_view what);

// "id <id>", or "" when id is empty: the usual ItemDataLoss detail.
std::string IdDetail(std::string_view id);

// The error builder a parser keeps for the item it is reading: ItemDataLoss with a fixed item
// kind, index and detail.
class ItemContext {
 public:
  ItemContext(std::string item, size_t index, std::string detail)
      : item_(std::move(item)), index_(index), detail_(std::move(detail)) {}
  Status Error(std::string_view what) const { return ItemDataLoss(item_, index_, detail_, what); }

 private:
  std::string item_;
  size_t index_;
  std::string detail_;
};

}  // namespace heed::connectors
