// One factory per platform; each lives in <platform>_connector.cc. factory.cc maps the config's
// platform name to these. Each factory validates config (feed syntax, required account) and
// returns kInvalidArgument naming the connector and the problem. transport is already the
// retrying decorator; transport and clock outlive the connector.
#pragma once

#include <memory>

#include "heed/connectors/connector.h"

namespace heed::connectors {

using ConnectorFactory = Result<std::unique_ptr<Connector>> (*)(const ConnectorConfig& config,
                                                                HttpTransport& transport,
                                                                Clock& clock);

Result<std::unique_ptr<Connector>> MakeMastodonConnector(const ConnectorConfig& config,
                                                         HttpTransport& transport, Clock& clock);
Result<std::unique_ptr<Connector>> MakeBlueskyConnector(const ConnectorConfig& config,
                                                        HttpTransport& transport, Clock& clock);
Result<std::unique_ptr<Connector>> MakeRedditConnector(const ConnectorConfig& config,
                                                       HttpTransport& transport, Clock& clock);
Result<std::unique_ptr<Connector>> MakeXConnector(const ConnectorConfig& config,
                                                  HttpTransport& transport, Clock& clock);
Result<std::unique_ptr<Connector>> MakeYoutubeConnector(const ConnectorConfig& config,
                                                        HttpTransport& transport, Clock& clock);
Result<std::unique_ptr<Connector>> MakeFacebookConnector(const ConnectorConfig& config,
                                                         HttpTransport& transport, Clock& clock);
Result<std::unique_ptr<Connector>> MakeInstagramConnector(const ConnectorConfig& config,
                                                          HttpTransport& transport, Clock& clock);
Result<std::unique_ptr<Connector>> MakeGoogleBusinessConnector(const ConnectorConfig& config,
                                                               HttpTransport& transport,
                                                               Clock& clock);
Result<std::unique_ptr<Connector>> MakeTrustpilotConnector(const ConnectorConfig& config,
                                                           HttpTransport& transport, Clock& clock);
Result<std::unique_ptr<Connector>> MakeGooglePlayConnector(const ConnectorConfig& config,
                                                           HttpTransport& transport, Clock& clock);
Result<std::unique_ptr<Connector>> MakeAppStoreConnector(const ConnectorConfig& config,
                                                         HttpTransport& transport, Clock& clock);
Result<std::unique_ptr<Connector>> MakeHackerNewsConnector(const ConnectorConfig& config,
                                                           HttpTransport& transport, Clock& clock);
Result<std::unique_ptr<Connector>> MakeRssConnector(const ConnectorConfig& config,
                                                    HttpTransport& transport, Clock& clock);

}  // namespace heed::connectors
