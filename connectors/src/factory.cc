// MakeConnector: the one place that knows which platforms exist.
#include <memory>

#include "heed/connectors/connector.h"
#include "mastodon_connector.h"
#include "retrying_transport.h"

namespace heed::connectors {

Result<std::unique_ptr<Connector>> MakeConnector(const ConnectorConfig& config,
                                                 HttpTransport& transport, Clock& clock) {
  if (config.platform == "mastodon") {
    auto retrying = std::make_unique<RetryingTransport>(transport, clock);
    HEED_ASSIGN_OR_RETURN(auto connector,
                          MastodonConnector::Create(config, std::move(retrying), clock));
    return std::unique_ptr<Connector>(std::move(connector));
  }
  return Status::InvalidArgument("unknown platform \"" + config.platform + "\" for connector \"" +
                                 config.name + "\" (supported: mastodon)");
}

}  // namespace heed::connectors
