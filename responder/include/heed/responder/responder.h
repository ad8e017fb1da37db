// The responder: what staff do to a mention. Replies are public and recorded before they are
// sent (outbox), notes are signed, status changes are appended to the item's history. Nothing
// here can delete or hide anything: the store refuses it and no platform call exists for it.
//
// Thread safety: confine to one thread (it uses one Store).
#pragma once

#include <string>

#include "heed/core/clock.h"
#include "heed/core/result.h"
#include "heed/store/store.h"

namespace heed::responder {

struct PublishedReply {
  std::string remote_id;
  std::string url;
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
};

class Responder {
 public:
  // store and clock must outlive the responder.
  Responder(store::Store& store, Clock& clock) : store_(store), clock_(clock) {}

  // Records the reply as pending, publishes it, then records the platform's answer. On a failed
  // send the reply stays recorded as failed (with the error) and the error is returned.
  // A new item moves to in progress. kInvalidArgument for empty text or operator,
  // kNotFound for an unknown mention.
  Result<store::ReplyRecord> Reply(int64_t mention_id, const std::string& text,
                                   const std::string& operator_name, ReplyPublisher& publisher,
                                   bool replace_existing = false);

  // Records a reply the operator posted by hand on the platform (read-only sources such as
  // Hacker News or RSS): stored as sent and manual, with the mention's URL. A new item moves to
  // in progress. Same errors as Reply.
  Result<store::ReplyRecord> RecordManualReply(int64_t mention_id, const std::string& text,
                                               const std::string& operator_name);

  // Appends a signed note. kInvalidArgument when text or operator is empty.
  Result<int64_t> Note(int64_t mention_id, const std::string& text,
                       const std::string& operator_name);

  // Appends a status change; a no-op (OK) when the item already has that status.
  Status SetStatus(int64_t mention_id, store::ItemStatus status, const std::string& by);

 private:
  Status StartWorkIfNew(int64_t mention_id, const std::string& by);

  store::Store& store_;
  Clock& clock_;
};

}  // namespace heed::responder
