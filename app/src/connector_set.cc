#include "heed/app/connector_set.h"

namespace heed::app {

Result<std::unique_ptr<ConnectorSet>> ConnectorSet::Create(const Config& config,
                                                           HttpTransport& transport, Clock& clock) {
  auto set = std::make_unique<ConnectorSet>();
  for (const ConnectorEntry& entry : config.connectors) {
    Result<std::unique_ptr<connectors::Connector>> connector =
        connectors::MakeConnector(entry.connector, transport, clock);
    if (!connector.ok()) return connector.status().WithContext("connector " + entry.connector.name);
    set->connectors_[entry.connector.name] = std::move(connector).value();
  }
  return set;
}

connectors::Connector* ConnectorSet::Find(const std::string& name) const {
  auto it = connectors_.find(name);
  return it == connectors_.end() ? nullptr : it->second.get();
}

Result<responder::PublishedReply> ConnectorSet::Publish(const store::StoredMention& mention,
                                                        const std::string& text,
                                                        const std::string& idempotency_key,
                                                        bool replace_existing) {
  connectors::Connector* connector = Find(mention.connector);
  if (connector == nullptr) {
    return Status::FailedPrecondition("mention came from connector \"" + mention.connector +
                                      "\", which is not in the configuration");
  }
  if (!connector->capabilities().can_reply) {
    return Status::FailedPrecondition(mention.connector + " (" + mention.mention.platform +
                                      ") is read-only: answer on the platform at " +
                                      mention.mention.url + ", then record it with `heed reply " +
                                      std::to_string(mention.id) + " --manual --text ...`");
  }
  connectors::ReplyRequest request{mention.mention, text, idempotency_key};
  request.replace_existing = replace_existing;
  HEED_ASSIGN_OR_RETURN(connectors::PostedReply posted, connector->PostReply(request));
  return responder::PublishedReply{posted.remote_id, posted.url};
}

responder::DeliveryCheck ConnectorSet::CheckInterruptedSend(const store::StoredMention& mention) {
  connectors::Connector* connector = Find(mention.connector);
  if (connector != nullptr && connector->capabilities().idempotent_replies) {
    return responder::DeliveryCheck::kSafeToResend;
  }
  return responder::DeliveryCheck::kUnverifiable;
}

}  // namespace heed::app
