#include "heed/alerts/dispatcher.h"

#include <algorithm>

namespace heed::alerts {

bool DispatchReport::Delivered() const {
  if (held) return false;
  return std::all_of(channels.begin(), channels.end(),
                     [](const ChannelOutcome& c) { return c.status.ok(); });
}

AlertDispatcher::AlertDispatcher(std::vector<std::unique_ptr<AlertChannel>> channels,
                                 AlertLedger& ledger, Clock& clock, DispatcherOptions options)
    : channels_(std::move(channels)),
      ledger_(ledger),
      clock_(clock),
      options_(std::move(options)) {}

bool AlertDispatcher::IsUrgent(const Alert& alert) const {
  if (options_.urgent_stages.count(alert.stage) > 0) return true;
  return alert.urgent && (alert.stage == kStageBreached || alert.stage == kStageEscalated);
}

void AlertDispatcher::Count(const Alert& alert) {
  if (counted_.insert(KeyOf(alert)).second) ++stage_counts_[alert.stage];
}

Result<DispatchReport> AlertDispatcher::Dispatch(const Alert& alert) {
  HEED_RETURN_IF_ERROR(ValidateAlert(alert));
  std::lock_guard lock(mu_);
  return DispatchLocked(alert, clock_.Now(), /*release=*/false);
}

Result<DispatchReport> AlertDispatcher::DispatchLocked(const Alert& alert, TimePoint now,
                                                       bool release) {
  DispatchReport report;
  std::vector<AlertChannel*> pending;
  for (const auto& channel : channels_) {
    HEED_ASSIGN_OR_RETURN(bool sent, ledger_.AlreadySent(alert.mention_id, alert.target,
                                                         alert.stage, channel->name()));
    if (sent) {
      report.channels.push_back({std::string(channel->name()), Status::Ok(), true});
    } else {
      pending.push_back(channel.get());
    }
  }
  auto held = std::find_if(held_.begin(), held_.end(),
                           [&](const Alert& a) { return KeyOf(a) == KeyOf(alert); });
  if (pending.empty()) {
    if (held != held_.end()) held_.erase(held);
    return report;
  }
  bool urgent = IsUrgent(alert);
  bool quiet = options_.quiet_hours && options_.quiet_hours->IsQuiet(now);
  // Once held, an alert belongs to the digest (when there is one) even after quiet hours.
  bool hold =
      !urgent && !release && (quiet || (held != held_.end() && options_.digest_minute.has_value()));
  if (hold) {
    if (held == held_.end()) {
      held_.push_back(alert);
      Count(alert);
    }
    report.held = true;
    report.channels.clear();
    return report;
  }
  if (held != held_.end()) held_.erase(held);

  bool any_sent = false;
  for (AlertChannel* channel : pending) {
    Status status = channel->Send(alert);
    if (status.ok()) {
      any_sent = true;
      // Sent but unrecorded would be sent again next time: say so on this channel.
      status = ledger_.RecordSent(alert.mention_id, alert.target, alert.stage, channel->name(), now)
                   .WithContext("sent, but the alert ledger failed");
    }
    report.channels.push_back({std::string(channel->name()), std::move(status), false});
  }
  if (any_sent) Count(alert);
  return report;
}

Result<DigestReport> AlertDispatcher::MaybeSendDigest(TimePoint now) {
  std::lock_guard lock(mu_);
  return DigestLocked(now);
}

Result<DigestReport> AlertDispatcher::DigestLocked(TimePoint now) {
  DigestReport report;
  if (!options_.digest_minute) return report;
  if (options_.zone.ToLocal(now).minute_of_day() < *options_.digest_minute) return report;
  report.local_date = options_.zone.LocalDate(now);

  std::vector<AlertChannel*> pending;
  for (const auto& channel : channels_) {
    HEED_ASSIGN_OR_RETURN(
        bool sent, ledger_.AlreadySent(0, kDigestTarget, report.local_date, channel->name()));
    if (!sent) pending.push_back(channel.get());
  }
  if (pending.empty()) return report;

  Digest digest{now, report.local_date, held_, stage_counts_};
  report.attempted = true;
  report.held = held_.size();
  bool all_ok = true;
  for (AlertChannel* channel : pending) {
    Status status = channel->SendDigest(digest);
    if (status.ok()) {
      // The held alerts reached this channel inside the digest: never send them again there.
      for (const Alert& a : held_) {
        status = ledger_.RecordSent(a.mention_id, a.target, a.stage, channel->name(), now);
        if (!status.ok()) break;
      }
      if (status.ok()) {
        status = ledger_.RecordSent(0, kDigestTarget, report.local_date, channel->name(), now);
      }
      status = status.WithContext("digest sent, but the alert ledger failed");
    }
    all_ok = all_ok && status.ok();
    report.channels.push_back({std::string(channel->name()), std::move(status), false});
  }
  if (all_ok) {
    held_.clear();
    stage_counts_.clear();
    counted_.clear();
  }
  return report;
}

Result<TickReport> AlertDispatcher::Tick(TimePoint now) {
  std::lock_guard lock(mu_);
  TickReport report;
  if (options_.digest_minute) {
    HEED_ASSIGN_OR_RETURN(report.digest, DigestLocked(now));
    return report;
  }
  if (options_.quiet_hours && options_.quiet_hours->IsQuiet(now)) return report;
  std::vector<Alert> waiting = held_;
  for (const Alert& alert : waiting) {
    HEED_ASSIGN_OR_RETURN(DispatchReport released, DispatchLocked(alert, now, /*release=*/true));
    report.released.push_back(std::move(released));
  }
  return report;
}

void AlertDispatcher::DropHeld(int64_t mention_id) {
  std::lock_guard lock(mu_);
  std::erase_if(held_, [&](const Alert& a) { return a.mention_id == mention_id; });
}

std::vector<Alert> AlertDispatcher::held() const {
  std::lock_guard lock(mu_);
  return held_;
}

}  // namespace heed::alerts
