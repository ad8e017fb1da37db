// Request and capability boilerplate shared by the JSON HTTP connectors.
#pragma once

#include <string>

#include "heed/connectors/connector.h"
#include "heed/core/clock.h"
#include "heed/core/http.h"

namespace heed::connectors {

// The User-Agent heed sends unless a platform demands its own format.
inline constexpr char kUserAgent[] = "heed/0.1";

// A request with the given method, url and timeout, "Accept: application/json" and
// "User-Agent: heed/0.1"; when bearer_token is non-empty, "Authorization: Bearer <token>" too.
HttpRequest NewJsonRequest(std::string method, std::string url, Millis timeout,
                           const std::string& bearer_token = "");

// A connector that reads and replies: can_read and can_reply set, the rest as given.
Capabilities ReplyCapabilities(int max_reply_length, int backfill_pages,
                               bool reply_replaces_existing);

}  // namespace heed::connectors
