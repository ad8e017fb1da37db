// Mapping of HTTP error responses to Status, shared by connectors.
#pragma once

#include <optional>
#include <string_view>

#include "heed/core/clock.h"
#include "heed/core/status.h"

namespace heed::connectors {

// Maps a non-2xx HTTP status to a Status whose message is
//   "<context>: HTTP <code>[: <platform_message>]"
// 400/422 -> kInvalidArgument, 401 -> kUnauthenticated, 403 -> kPermissionDenied,
// 404/410 -> kNotFound, 408 -> kDeadlineExceeded, 409 -> kAlreadyExists,
// 429 -> kResourceExhausted (with retry_after), 5xx -> kUnavailable, other -> kUnavailable for
// 3xx (an unexpected redirect) and kInvalidArgument for other 4xx.
// context must already be free of secrets (use RedactUrl); platform_message may be empty.
Status StatusFromHttp(int http_status, std::string_view context, std::string_view platform_message,
                      std::optional<Millis> retry_after);

}  // namespace heed::connectors
