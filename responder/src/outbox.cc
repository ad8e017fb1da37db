#include "heed/responder/outbox.h"

#include <algorithm>

namespace heed::responder {
namespace {

std::string IdempotencyKey(int64_t reply_id) { return "heed-reply-" + std::to_string(reply_id); }

Millis Backoff(const RetryPolicy& policy, int failures) {
  Millis wait = policy.first_backoff;
  for (int i = 1; i < failures && wait < policy.max_backoff; ++i) wait *= policy.factor;
  return std::min(wait, policy.max_backoff);
}

}  // namespace

std::string_view DeliveryStateName(DeliveryState state) {
  switch (state) {
    case DeliveryState::kSent:
      return "sent";
    case DeliveryState::kAwaitingApproval:
      return "awaiting approval";
    case DeliveryState::kReady:
      return "ready";
    case DeliveryState::kInterrupted:
      return "interrupted";
    case DeliveryState::kNeedsConfirmation:
      return "needs confirmation";
    case DeliveryState::kRetryWait:
      return "retrying";
    case DeliveryState::kGaveUp:
      return "failed";
  }
  return "ready";
}

DeliveryStatus ReadDeliveryStatus(const store::OutboxEntry& entry, const RetryPolicy& policy) {
  DeliveryStatus status;
  const store::ReplyRecord& reply = entry.reply;
  if (reply.state == store::ReplyState::kSent) {
    status.state = DeliveryState::kSent;
    return status;
  }
  int failures = 0;
  std::optional<TimePoint> last_failure;
  for (const store::ReplyAttempt& a : entry.attempts) {
    if (a.outcome == "started") ++status.attempts;
    if (a.outcome == "failed") {
      ++failures;
      last_failure = a.at;
      status.last_error = a.detail;
    }
    // An operator saying "not sent" starts the count afresh.
    if (a.outcome == "confirmed_not_sent") failures = 0, last_failure.reset();
  }
  if (reply.requires_approval && reply.approved_by.empty()) {
    status.state = DeliveryState::kAwaitingApproval;
    return status;
  }
  const std::string last = entry.attempts.empty() ? "" : entry.attempts.back().outcome;
  if (last == "started") {
    status.state = DeliveryState::kInterrupted;
  } else if (last == "unverifiable") {
    status.state = DeliveryState::kNeedsConfirmation;
  } else if (last == "failed" && failures >= policy.max_attempts) {
    status.state = DeliveryState::kGaveUp;
  } else if (last == "failed") {
    status.state = DeliveryState::kRetryWait;
    status.next_attempt = *last_failure + Backoff(policy, failures);
  } else {
    status.state = DeliveryState::kReady;  // no attempt yet, or confirmed not sent
  }
  return status;
}

Result<store::ReplyRecord> Outbox::Deliver(int64_t reply_id, ReplyPublisher& publisher,
                                           bool replace_existing) {
  const std::string what = "reply " + std::to_string(reply_id);
  HEED_ASSIGN_OR_RETURN(store::ReplyRecord reply, store_.GetReply(reply_id));
  HEED_ASSIGN_OR_RETURN(std::vector<store::ReplyAttempt> attempts, store_.ReplyAttempts(reply_id));
  DeliveryStatus status = ReadDeliveryStatus({reply, attempts}, policy_);
  switch (status.state) {
    case DeliveryState::kSent:
      return Status::FailedPrecondition(what + " was already sent: " + reply.url);
    case DeliveryState::kAwaitingApproval:
      return Status::FailedPrecondition(what +
                                        " awaits approval by a second operator (heed "
                                        "approve " +
                                        std::to_string(reply_id) + " --by INITIALS)");
    case DeliveryState::kInterrupted:
    case DeliveryState::kNeedsConfirmation:
      return Status::FailedPrecondition(
          what +
          ": an earlier send was interrupted; check the platform, then run heed outbox "
          "confirm " +
          std::to_string(reply_id) + " --sent URL or --not-sent");
    default:
      break;
  }
  HEED_ASSIGN_OR_RETURN(store::StoredMention mention, store_.GetMention(reply.mention_id));
  // Committed on its own before the network call: if heed dies during Publish, this row is
  // what tells the next run that the reply may already be public.
  HEED_RETURN_IF_ERROR(store_.AppendReplyAttempt({0, reply_id, "started", "", "", clock_.Now()}));
  Result<PublishedReply> published =
      publisher.Publish(mention, reply.text, IdempotencyKey(reply_id), replace_existing);
  HEED_RETURN_IF_ERROR(RecordOutcome(reply_id, published));
  if (!published.ok()) return published.status().WithContext(what + " not posted");
  return store_.GetReply(reply_id);
}

Status Outbox::RecordOutcome(int64_t reply_id, const Result<PublishedReply>& published) {
  const TimePoint now = clock_.Now();
  return store_.InTransaction([&]() -> Status {
    if (!published.ok()) {
      const std::string error = published.status().ToString();
      HEED_RETURN_IF_ERROR(store_.AppendReplyAttempt({0, reply_id, "failed", error, "", now}));
      return store_.MarkReplyFailed(reply_id, error);
    }
    HEED_RETURN_IF_ERROR(
        store_.AppendReplyAttempt({0, reply_id, "sent", published->remote_id, "", now}));
    return store_.MarkReplySent(reply_id, published->remote_id, published->url, now);
  });
}

Result<OutboxReport> Outbox::Process(ReplyPublisher& publisher) {
  OutboxReport report;
  HEED_ASSIGN_OR_RETURN(std::vector<store::OutboxEntry> entries, store_.ListOutbox());
  for (const store::OutboxEntry& entry : entries) {
    const int64_t id = entry.reply.id;
    DeliveryStatus status = ReadDeliveryStatus(entry, policy_);
    if (status.state == DeliveryState::kInterrupted) {
      HEED_ASSIGN_OR_RETURN(store::StoredMention mention,
                            store_.GetMention(entry.reply.mention_id));
      if (publisher.CheckInterruptedSend(mention) == DeliveryCheck::kUnverifiable) {
        HEED_RETURN_IF_ERROR(store_.AppendReplyAttempt(
            {0, id, "unverifiable", "send interrupted; the platform cannot tell if it went out", "",
             clock_.Now()}));
        ++report.needs_confirmation;
        continue;
      }
      // A repeat with the same idempotency key is harmless: record why we send again.
      HEED_RETURN_IF_ERROR(store_.AppendReplyAttempt(
          {0, id, "not_found", "send interrupted; re-sent with the same idempotency key", "",
           clock_.Now()}));
      status.state = DeliveryState::kReady;
    }
    switch (status.state) {
      case DeliveryState::kNeedsConfirmation:
        ++report.needs_confirmation;
        continue;
      case DeliveryState::kAwaitingApproval:
        ++report.awaiting_approval;
        continue;
      case DeliveryState::kGaveUp:
        ++report.waiting;
        continue;
      case DeliveryState::kRetryWait:
        if (clock_.Now() < *status.next_attempt) {
          ++report.waiting;
          continue;
        }
        break;
      default:
        break;
    }
    Result<store::ReplyRecord> sent = Deliver(id, publisher);
    if (sent.ok()) {
      ++report.sent;
    } else {
      ++report.failed;
      report.errors.push_back(sent.status().ToString());
    }
  }
  return report;
}

Status Outbox::Confirm(int64_t reply_id, bool sent, const std::string& url, const std::string& by) {
  const std::string what = "confirm reply " + std::to_string(reply_id);
  if (by.find_first_not_of(" \t") == std::string::npos) {
    return Status::InvalidArgument(what + ": give your initials (--by)");
  }
  HEED_ASSIGN_OR_RETURN(store::ReplyRecord reply, store_.GetReply(reply_id));
  if (reply.state == store::ReplyState::kSent) {
    return Status::FailedPrecondition(what + ": it is already recorded as sent");
  }
  const TimePoint now = clock_.Now();
  return store_.InTransaction([&]() -> Status {
    if (!sent) {
      return store_.AppendReplyAttempt({0, reply_id, "confirmed_not_sent", "", by, now});
    }
    HEED_RETURN_IF_ERROR(store_.AppendReplyAttempt({0, reply_id, "confirmed_sent", url, by, now}));
    return store_.MarkReplySent(reply_id, "", url, now);
  });
}

}  // namespace heed::responder
