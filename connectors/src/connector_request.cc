#include "connector_request.h"

#include <utility>

namespace heed::connectors {

HttpRequest NewJsonRequest(std::string method, std::string url, Millis timeout,
                           const std::string& bearer_token) {
  HttpRequest request;
  request.method = std::move(method);
  request.url = std::move(url);
  request.timeout = timeout;
  request.headers.emplace_back("Accept", "application/json");
  request.headers.emplace_back("User-Agent", kUserAgent);
  if (!bearer_token.empty())
    request.headers.emplace_back("Authorization", "Bearer " + bearer_token);
  return request;
}

Capabilities ReplyCapabilities(int max_reply_length, int backfill_pages,
                               bool reply_replaces_existing) {
  Capabilities c;
  c.can_read = true;
  c.can_reply = true;
  c.reply_replaces_existing = reply_replaces_existing;
  c.max_reply_length = max_reply_length;
  c.backfill_pages = backfill_pages;
  return c;
}

}  // namespace heed::connectors
