// Placeholder until the reddit connector lands.
#include "platforms.h"

namespace heed::connectors {

Result<std::unique_ptr<Connector>> MakeRedditConnector(const ConnectorConfig& config, HttpTransport&,
                                                     Clock&) {
  return Status::Unimplemented("connector \"" + config.name + "\": platform reddit is not built yet");
}

}  // namespace heed::connectors
