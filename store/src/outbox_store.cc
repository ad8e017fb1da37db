// The reply outbox's log: approvals and delivery attempts.
#include <string>

#include "heed/store/store.h"
#include "rows.h"
#include "statement.h"

namespace heed::store {

using internal::Statement;

Status Store::AppendReplyAttempt(const ReplyAttempt& attempt) {
  const std::string what =
      "record " + attempt.outcome + " for reply " + std::to_string(attempt.reply_id);
  HEED_ASSIGN_OR_RETURN(Statement stmt,
                        statements_->Prepare("INSERT INTO reply_attempts (reply_id, outcome, "
                                             "detail, by, at) VALUES (?1, ?2, ?3, ?4, ?5)",
                                             what));
  stmt.BindInt64(1, attempt.reply_id);
  stmt.BindText(2, attempt.outcome);
  stmt.BindText(3, attempt.detail);
  stmt.BindText(4, attempt.by.empty() ? std::string_view("heed") : attempt.by);
  stmt.BindTime(5, attempt.at);
  return stmt.Run();
}

Result<std::vector<ReplyAttempt>> Store::ReplyAttempts(int64_t reply_id) {
  HEED_ASSIGN_OR_RETURN(
      Statement stmt,
      statements_->Prepare("SELECT " + std::string(internal::kAttemptColumns) +
                               " FROM reply_attempts WHERE reply_id = ?1 ORDER BY id",
                           "get delivery log of reply " + std::to_string(reply_id)));
  stmt.BindInt64(1, reply_id);
  return internal::ReadAll(stmt,
                           [](const Statement& row) { return internal::ReadAttempt(row, 0); });
}

Result<ReplyRecord> Store::GetReply(int64_t reply_id) {
  HEED_ASSIGN_OR_RETURN(Statement stmt,
                        statements_->Prepare("SELECT " + std::string(internal::kReplyColumns) +
                                                 " FROM replies WHERE id = ?1",
                                             "get reply " + std::to_string(reply_id)));
  stmt.BindInt64(1, reply_id);
  HEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Status::NotFound("reply " + std::to_string(reply_id) + " not found");
  return internal::ReadReply(stmt, 0);
}

Status Store::ApproveReply(int64_t reply_id, std::string_view approver, TimePoint at) {
  const std::string what = "approve reply " + std::to_string(reply_id);
  if (approver.find_first_not_of(" \t\n\v\f\r") == std::string_view::npos) {
    return Status::InvalidArgument(what + ": the approver's initials are required");
  }
  HEED_ASSIGN_OR_RETURN(ReplyRecord reply, GetReply(reply_id));
  if (!reply.requires_approval) {
    return Status::FailedPrecondition(what + ": it does not need approval");
  }
  if (reply.operator_name == approver) {
    return Status::FailedPrecondition(what + ": " + std::string(approver) +
                                      " wrote it; a second operator must approve");
  }
  if (!reply.approved_by.empty()) {
    return Status::FailedPrecondition(what + ": already approved by " + reply.approved_by);
  }
  HEED_ASSIGN_OR_RETURN(Statement stmt,
                        statements_->Prepare("INSERT INTO reply_approvals (reply_id, approver, "
                                             "at) VALUES (?1, ?2, ?3)",
                                             what));
  stmt.BindInt64(1, reply_id);
  stmt.BindText(2, approver);
  stmt.BindTime(3, at);
  return stmt.Run();
}

Result<std::vector<OutboxEntry>> Store::ListOutbox() {
  HEED_ASSIGN_OR_RETURN(
      Statement stmt,
      statements_->Prepare("SELECT " + std::string(internal::kReplyColumns) +
                               " FROM replies WHERE state IN ('pending', 'failed') ORDER BY id",
                           "list outbox"));
  HEED_ASSIGN_OR_RETURN(
      std::vector<ReplyRecord> replies,
      internal::ReadAll(stmt, [](const Statement& row) { return internal::ReadReply(row, 0); }));
  std::vector<OutboxEntry> entries;
  entries.reserve(replies.size());
  for (ReplyRecord& reply : replies) {
    HEED_ASSIGN_OR_RETURN(std::vector<ReplyAttempt> attempts, ReplyAttempts(reply.id));
    entries.push_back(OutboxEntry{std::move(reply), std::move(attempts)});
  }
  return entries;
}

}  // namespace heed::store
