// Placeholder until the youtube connector lands.
#include "platforms.h"

namespace heed::connectors {

Result<std::unique_ptr<Connector>> MakeYoutubeConnector(const ConnectorConfig& config, HttpTransport&,
                                                     Clock&) {
  return Status::Unimplemented("connector \"" + config.name + "\": platform youtube is not built yet");
}

}  // namespace heed::connectors
