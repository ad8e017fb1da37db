// Placeholder until the x connector lands.
#include "platforms.h"

namespace heed::connectors {

Result<std::unique_ptr<Connector>> MakeXConnector(const ConnectorConfig& config, HttpTransport&,
                                                     Clock&) {
  return Status::Unimplemented("connector \"" + config.name + "\": platform x is not built yet");
}

}  // namespace heed::connectors
