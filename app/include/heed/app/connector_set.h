// The configured connectors of one installation, built over one transport, and the adapter that
// lets the responder publish replies through them.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "heed/app/config.h"
#include "heed/connectors/connector.h"
#include "heed/core/clock.h"
#include "heed/core/http.h"
#include "heed/responder/responder.h"

namespace heed::app {

class ConnectorSet final : public responder::ReplyPublisher {
 public:
  // Builds every connector in config (secrets must be resolved). transport and clock must
  // outlive the set. kInvalidArgument naming the connector when one is misconfigured.
  static Result<std::unique_ptr<ConnectorSet>> Create(const Config& config,
                                                      HttpTransport& transport, Clock& clock);

  // nullptr when no connector has that name.
  connectors::Connector* Find(const std::string& name) const;
  const std::map<std::string, std::unique_ptr<connectors::Connector>>& all() const {
    return connectors_;
  }

  // Publishes through the connector that fetched the mention. kFailedPrecondition when that
  // connector is no longer configured or cannot reply.
  Result<responder::PublishedReply> Publish(const store::StoredMention& mention,
                                            const std::string& text,
                                            const std::string& idempotency_key,
                                            bool replace_existing) override;
  // kSafeToResend for connectors whose platform honours the idempotency key.
  responder::DeliveryCheck CheckInterruptedSend(const store::StoredMention& mention) override;

 private:
  std::map<std::string, std::unique_ptr<connectors::Connector>> connectors_;
};

}  // namespace heed::app
