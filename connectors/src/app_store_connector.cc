// Placeholder until the app_store connector lands.
#include "platforms.h"

namespace heed::connectors {

Result<std::unique_ptr<Connector>> MakeAppStoreConnector(const ConnectorConfig& config, HttpTransport&,
                                                     Clock&) {
  return Status::Unimplemented("connector \"" + config.name + "\": platform app_store is not built yet");
}

}  // namespace heed::connectors
