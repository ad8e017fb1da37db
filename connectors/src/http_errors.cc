#include "http_errors.h"

#include <string>

namespace heed::connectors {

Status StatusFromHttp(int http_status, std::string_view context, std::string_view platform_message,
                      std::optional<Millis> retry_after) {
  std::string message = std::string(context) + ": HTTP " + std::to_string(http_status);
  if (!platform_message.empty()) message.append(": ").append(platform_message);
  switch (http_status) {
    case 400:
    case 422:
      return Status::InvalidArgument(std::move(message));
    case 401:
      return Status::Unauthenticated(std::move(message));
    case 403:
      return Status::PermissionDenied(std::move(message));
    case 404:
    case 410:
      return Status::NotFound(std::move(message));
    case 408:
      return Status::DeadlineExceeded(std::move(message));
    case 409:
      return Status::AlreadyExists(std::move(message));
    case 429:
      return Status::ResourceExhausted(std::move(message), retry_after);
    default:
      break;
  }
  if (http_status >= 400 && http_status < 500) return Status::InvalidArgument(std::move(message));
  return Status::Unavailable(std::move(message));
}

}  // namespace heed::connectors
