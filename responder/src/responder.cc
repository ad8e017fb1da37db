#include "heed/responder/responder.h"

#include <algorithm>

namespace heed::responder {
namespace {

bool IsBlank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

}  // namespace

Result<store::ReplyRecord> Responder::Reply(int64_t mention_id, const std::string& text,
                                            const std::string& operator_name,
                                            ReplyPublisher& publisher,
                                            const ReplyOptions& options) {
  if (IsBlank(text)) return Status::InvalidArgument("reply text is empty");
  if (IsBlank(operator_name)) {
    return Status::InvalidArgument("a reply needs the operator's initials (--by)");
  }
  HEED_ASSIGN_OR_RETURN(store::StoredMention mention, store_.GetMention(mention_id));
  static_cast<void>(mention);  // checked for existence before anything is recorded

  store::ReplyRecord reply;
  reply.mention_id = mention_id;
  reply.text = text;
  reply.operator_name = operator_name;
  reply.created_at = clock_.Now();
  reply.state = store::ReplyState::kPending;
  reply.requires_approval = options.requires_approval;
  reply.auto_ack = options.auto_ack;
  // Recorded before sending (the outbox): a crash from here on leaves a row that says so.
  HEED_ASSIGN_OR_RETURN(reply.id, store_.InsertReply(reply));
  // The item is in progress once staff answered or drafted an answer for approval; a failed
  // send leaves it as it was, and an acknowledgement is not work on it: it stays new.
  if (options.requires_approval) {
    HEED_RETURN_IF_ERROR(StartWorkIfNew(mention_id, operator_name));
    return reply;
  }
  HEED_ASSIGN_OR_RETURN(
      store::ReplyRecord sent,
      Outbox(store_, clock_).Deliver(reply.id, publisher, options.replace_existing));
  if (!options.auto_ack) HEED_RETURN_IF_ERROR(StartWorkIfNew(mention_id, operator_name));
  return sent;
}

Result<store::ReplyRecord> Responder::Approve(int64_t reply_id, const std::string& approver,
                                              ReplyPublisher& publisher) {
  HEED_RETURN_IF_ERROR(store_.ApproveReply(reply_id, approver, clock_.Now()));
  return Outbox(store_, clock_).Deliver(reply_id, publisher);
}

Result<store::ReplyRecord> Responder::RecordManualReply(int64_t mention_id, const std::string& text,
                                                        const std::string& operator_name) {
  if (IsBlank(text)) return Status::InvalidArgument("reply text is empty");
  if (IsBlank(operator_name)) {
    return Status::InvalidArgument("a reply needs the operator's initials (--by)");
  }
  HEED_ASSIGN_OR_RETURN(store::StoredMention mention, store_.GetMention(mention_id));
  store::ReplyRecord reply;
  reply.mention_id = mention_id;
  reply.text = text;
  reply.operator_name = operator_name;
  reply.created_at = clock_.Now();
  reply.state = store::ReplyState::kSent;
  reply.url = mention.mention.url;
  reply.sent_at = reply.created_at;
  reply.manual = true;
  HEED_ASSIGN_OR_RETURN(reply.id, store_.InsertReply(reply));
  HEED_RETURN_IF_ERROR(StartWorkIfNew(mention_id, operator_name));
  return reply;
}

Status Responder::StartWorkIfNew(int64_t mention_id, const std::string& by) {
  HEED_ASSIGN_OR_RETURN(store::MentionDetail detail, store_.GetDetail(mention_id));
  if (detail.item.status != store::ItemStatus::kNew) return Status::Ok();
  return SetStatus(mention_id, store::ItemStatus::kInProgress, by);
}

Result<int64_t> Responder::Note(int64_t mention_id, const std::string& text,
                                const std::string& operator_name) {
  if (IsBlank(text)) return Status::InvalidArgument("note text is empty");
  if (IsBlank(operator_name)) {
    return Status::InvalidArgument("notes are signed: give the operator's initials (--by)");
  }
  store::NoteRecord note;
  note.mention_id = mention_id;
  note.text = text;
  note.operator_name = operator_name;
  note.created_at = clock_.Now();
  return store_.InsertNote(note);
}

Status Responder::SetStatus(int64_t mention_id, store::ItemStatus status, const std::string& by) {
  HEED_ASSIGN_OR_RETURN(store::MentionDetail detail, store_.GetDetail(mention_id));
  if (detail.item.status == status) return Status::Ok();
  return store_.AppendStatus(
      {mention_id, status, by.empty() ? std::string("heed") : by, clock_.Now()});
}

}  // namespace heed::responder
