#include "connector_errors.h"

#include <utility>

namespace heed::connectors {

std::string ConnectorLabel(std::string_view platform, std::string_view name) {
  return std::string(platform) + " connector '" + std::string(name) + "'";
}

std::string RequestContext(std::string_view platform, std::string_view name,
                           const HttpRequest& request) {
  return ConnectorLabel(platform, name) + ": " + request.method + " " + RedactUrl(request.url);
}

Status TransportContext(const Status& status, std::string_view platform, std::string_view name,
                        const HttpRequest& request) {
  // Transports usually name the (redacted) URL already; do not repeat it.
  bool names_url = status.message().find(RedactUrl(request.url)) != std::string::npos;
  return status.WithContext(names_url ? ConnectorLabel(platform, name)
                                      : RequestContext(platform, name, request));
}

Status ScrubSecrets(Status status, std::initializer_list<std::string_view> secrets) {
  if (status.ok()) return status;
  std::string message = status.message();
  bool changed = false;
  for (std::string_view secret : secrets) {
    if (secret.empty()) continue;
    // Search on after each replacement, so a secret that occurs inside "REDACTED" cannot loop.
    constexpr std::string_view kRedacted = "REDACTED";
    for (size_t pos = 0; (pos = message.find(secret, pos)) != std::string::npos;) {
      message.replace(pos, secret.size(), kRedacted);
      pos += kRedacted.size();
      changed = true;
    }
  }
  if (!changed) return status;
  if (status.code() == StatusCode::kResourceExhausted) {
    return Status::ResourceExhausted(std::move(message), status.retry_after());
  }
  return Status(status.code(), std::move(message));
}

Status ItemDataLoss(std::string_view item, size_t index, std::string_view detail,
                    std::string_view what) {
  std::string m = std::string(item) + " " + std::to_string(index);
  if (!detail.empty()) m += " (" + std::string(detail) + ")";
  return Status::DataLoss(m + ": " + std::string(what));
}

std::string IdDetail(std::string_view id) { return id.empty() ? "" : "id " + std::string(id); }

}  // namespace heed::connectors
