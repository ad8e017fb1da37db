// AlertChannel: somewhere alerts go (a chat webhook, a mailbox, a local program).
//
// Contract for implementations:
// - Send/SendDigest deliver one message and return OK only when the other side accepted it;
//   any error means "not delivered" and the dispatcher will try again at the next evaluation.
// - Errors name the channel and what went wrong, never a secret (webhook URL path, password).
// - Calls may block up to the channel's configured timeout.
//
// Thread safety: implementations must allow calls from one thread at a time (the dispatcher
// serialises them); they need not be safe for concurrent use.
#pragma once

#include <string_view>

#include "heed/alerts/alert.h"
#include "heed/core/status.h"

namespace heed::alerts {

class AlertChannel {
 public:
  virtual ~AlertChannel() = default;
  // The configured name ("ops-slack"): the de-duplication key in the ledger.
  virtual std::string_view name() const = 0;
  virtual Status Send(const Alert& alert) = 0;
  virtual Status SendDigest(const Digest& digest) = 0;
};

}  // namespace heed::alerts
