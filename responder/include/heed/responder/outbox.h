// The reply outbox: every reply is recorded before it is sent, sent at most once, and its result
// recorded. The delivery log (store::ReplyAttempt) makes a crash visible: a "started" attempt
// with nothing after it means heed stopped while the platform was being called, so the reply
// may or may not be public. Such a reply is never re-sent blindly: heed re-sends only when the
// platform makes a repeat harmless (idempotency key honoured), and otherwise waits for an
// operator to confirm (`heed outbox confirm`).
//
// Failed sends are retried with exponential backoff up to RetryPolicy::max_attempts; replies
// that need approval wait for a second operator.
//
// Thread safety: confine to one thread (it uses one Store).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "heed/core/clock.h"
#include "heed/core/result.h"
#include "heed/store/store.h"

namespace heed::responder {

struct PublishedReply {
  std::string remote_id;
  std::string url;
};

// What the platform can say about a reply heed may have sent before a crash.
enum class DeliveryCheck {
  kSafeToResend,  // sending again with the same idempotency key cannot double-post
  kUnverifiable,  // heed cannot tell: an operator must confirm
};

// How the responder reaches the platform. The app adapts connectors to this, so the responder
// does not depend on connectors (dependency inversion).
class ReplyPublisher {
 public:
  virtual ~ReplyPublisher() = default;
  // Posts text publicly in reply to mention. idempotency_key is stable per stored reply.
  // replace_existing: the operator confirmed overwriting the platform's one reply (review
  // sites); without it such platforms refuse with kFailedPrecondition when a reply exists.
  virtual Result<PublishedReply> Publish(const store::StoredMention& mention,
                                         const std::string& text,
                                         const std::string& idempotency_key,
                                         bool replace_existing) = 0;
  // Whether a send interrupted by a crash may be repeated. Default: it may not.
  virtual DeliveryCheck CheckInterruptedSend(const store::StoredMention& mention) {
    static_cast<void>(mention);
    return DeliveryCheck::kUnverifiable;
  }
};

struct RetryPolicy {
  int max_attempts = 5;  // sends, the first included
  Millis first_backoff{std::chrono::minutes(1)};
  int factor = 4;  // 1m, 4m, 16m, 64m...
  Millis max_backoff{std::chrono::hours(2)};
};

// Where a reply stands, read from its row and delivery log.
enum class DeliveryState {
  kSent,
  kAwaitingApproval,   // needs a second operator (`heed approve`)
  kReady,              // never attempted, or confirmed not sent: send now
  kInterrupted,        // a send started and nothing was recorded after it
  kNeedsConfirmation,  // interrupted, and the platform cannot tell: an operator decides
  kRetryWait,          // failed; next attempt at `next_attempt`
  kGaveUp,             // failed max_attempts times; shown until an operator acts
};
std::string_view DeliveryStateName(DeliveryState state);

struct DeliveryStatus {
  DeliveryState state = DeliveryState::kReady;
  int attempts = 0;  // sends started
  std::optional<TimePoint> next_attempt;
  std::string last_error;
};

DeliveryStatus ReadDeliveryStatus(const store::OutboxEntry& entry, const RetryPolicy& policy);

struct OutboxReport {
  int sent = 0;                // delivered in this pass
  int failed = 0;              // attempted and failed in this pass
  int needs_confirmation = 0;  // interrupted sends waiting for an operator
  int awaiting_approval = 0;
  int waiting = 0;                  // backing off, or gave up
  std::vector<std::string> errors;  // one line per failed send
};

class Outbox {
 public:
  // store and clock must outlive the outbox.
  Outbox(store::Store& store, Clock& clock, RetryPolicy policy = {})
      : store_(store), clock_(clock), policy_(policy) {}

  // Sends a recorded reply: appends "started" (committed before the platform is called), then
  // "sent" with the remote id and URL, or "failed" with the error. kFailedPrecondition when the
  // reply awaits approval, was sent, or its last send was interrupted (see Process/Confirm).
  Result<store::ReplyRecord> Deliver(int64_t reply_id, ReplyPublisher& publisher,
                                     bool replace_existing = false);

  // One pass over the outbox: interrupted sends are re-sent when the publisher says a repeat is
  // harmless and otherwise marked for confirmation; ready replies are sent; failed ones are
  // retried when their backoff has passed.
  Result<OutboxReport> Process(ReplyPublisher& publisher);

  // An operator's word on an interrupted or failed send: it is on the platform (url may be
  // empty), or it is not (it becomes ready to send again).
  Status Confirm(int64_t reply_id, bool sent, const std::string& url, const std::string& by);

 private:
  Status RecordOutcome(int64_t reply_id, const Result<PublishedReply>& published);

  store::Store& store_;
  Clock& clock_;
  RetryPolicy policy_;
};

}  // namespace heed::responder
