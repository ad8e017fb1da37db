// Placeholder until the hackernews connector lands.
#include "platforms.h"

namespace heed::connectors {

Result<std::unique_ptr<Connector>> MakeHackerNewsConnector(const ConnectorConfig& config, HttpTransport&,
                                                     Clock&) {
  return Status::Unimplemented("connector \"" + config.name + "\": platform hackernews is not built yet");
}

}  // namespace heed::connectors
