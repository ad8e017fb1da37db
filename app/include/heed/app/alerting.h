// Alerts from SLA stages: the store-backed ledger, the dispatcher built from the config, and
// the pass that offers each recorded stage of an open item to the dispatcher. A stage whose
// delivery failed on a channel is offered again on the next pass (the ledger only records what
// went out), so an outage of the webhook does not lose the alert.
//
// Thread safety: confine to one thread, with the Store it uses.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "heed/alerts/dispatcher.h"
#include "heed/alerts/ledger.h"
#include "heed/app/config.h"
#include "heed/core/clock.h"
#include "heed/core/http.h"
#include "heed/store/store.h"

namespace heed::app {

class StoreAlertLedger final : public alerts::AlertLedger {
 public:
  explicit StoreAlertLedger(store::Store& store) : store_(store) {}
  Result<bool> AlreadySent(int64_t mention_id, std::string_view target, std::string_view stage,
                           std::string_view channel) override;
  Status RecordSent(int64_t mention_id, std::string_view target, std::string_view stage,
                    std::string_view channel, TimePoint at) override;

 private:
  store::Store& store_;
};

// Urgent, for quiet hours: the scorer flagged legal, safety, refund or churn.
bool IsUrgentFlags(std::string_view urgency);

// The dispatcher over the configured channels; nullptr when no [alert.NAME] is configured.
// Secrets are resolved through env; errors name the channel and never contain a secret.
Result<std::unique_ptr<alerts::AlertDispatcher>> MakeDispatcher(const Config& config,
                                                                HttpTransport& transport,
                                                                const EnvLookup& env,
                                                                alerts::AlertLedger& ledger,
                                                                Clock& clock);

struct AlertPass {
  int delivered = 0;                // alerts that reached every channel in this pass
  int held = 0;                     // kept for quiet hours / the digest
  std::vector<std::string> errors;  // one line per channel failure
};

// Offers every stage recorded for open items since `since` (older ones are not news any more)
// to the dispatcher, then lets it send the digest when due.
Result<AlertPass> RunAlertPass(store::Store& store, alerts::AlertDispatcher& dispatcher,
                               TimePoint since, TimePoint now);

}  // namespace heed::app
