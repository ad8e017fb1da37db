// The responder: what staff do to a mention. Replies are public and recorded before they are
// sent (see outbox.h), notes are signed, status changes are appended to the item's history. Nothing
// here can delete or hide anything: the store refuses it and no platform call exists for it.
//
// Thread safety: confine to one thread (it uses one Store).
#pragma once

#include <string>

#include "heed/core/clock.h"
#include "heed/core/result.h"
#include "heed/responder/outbox.h"
#include "heed/store/store.h"

namespace heed::responder {

// Options of one reply.
struct ReplyOptions {
  bool replace_existing = false;   // see ReplyPublisher::Publish
  bool requires_approval = false;  // record it, and send only after a second operator approves
  bool auto_ack = false;           // heed's automatic acknowledgement (at most one per item)
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
                                   bool replace_existing = false) {
    return Reply(mention_id, text, operator_name, publisher,
                 ReplyOptions{.replace_existing = replace_existing});
  }
  // With options: a reply that requires approval is recorded and returned unsent (pending);
  // `Approve` sends it.
  Result<store::ReplyRecord> Reply(int64_t mention_id, const std::string& text,
                                   const std::string& operator_name, ReplyPublisher& publisher,
                                   const ReplyOptions& options);

  // A second operator approves a reply that requires it, and it is sent.
  // kFailedPrecondition when the approver wrote it, it needs no approval or was approved.
  Result<store::ReplyRecord> Approve(int64_t reply_id, const std::string& approver,
                                     ReplyPublisher& publisher);

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
