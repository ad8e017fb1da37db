// AlertDispatcher: decides whether, when and where an alert goes.
//
// - De-duplication: each (mention, target, stage, channel) is sent at most once, remembered in
//   the AlertLedger, so calling Dispatch for the same alert every evaluation is expected and
//   cheap. A channel that fails is not recorded and is tried again on the next Dispatch.
// - Quiet hours: while QuietHours::IsQuiet(now), a non-urgent alert is held (not sent, not
//   recorded) and reported as held. A held alert waits for the next daily digest even after the
//   quiet hours end; without a digest configured, Tick sends it once they end. An alert is
//   urgent when its stage is one of the configured urgent stages, or when it is flagged urgent
//   and its stage is breached or escalated; urgent alerts go out during quiet hours too.
// - Daily digest: from digest_minute (local time in zone) on each local day, Tick /
//   MaybeSendDigest sends every channel one Digest: the held alerts and the count of alerts per
//   stage since the previous digest. Ledger key (0, "digest", local date, channel): once per
//   day per channel, retried on the next call when a channel failed. Held alerts delivered in a
//   digest are recorded as sent on that channel, so they are not sent again on their own.
//
// Held alerts and stage counts live in memory: after a restart, alerts that were held are
// dispatched again by the next evaluation (and held again during quiet hours).
//
// Thread safety: all methods may be called from any thread; calls are serialised internally.
// ledger and clock must outlive the dispatcher.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "heed/alerts/channel.h"
#include "heed/alerts/ledger.h"
#include "heed/alerts/quiet_hours.h"

namespace heed::alerts {

struct DispatcherOptions {
  TimeZone zone = TimeZone::Utc();        // local days and digest_minute
  std::optional<QuietHours> quiet_hours;  // none: never quiet
  std::optional<int> digest_minute;       // minutes after local midnight; none: no digest
  std::set<std::string> urgent_stages;    // stages that always pass quiet hours
};

// What happened on one channel.
struct ChannelOutcome {
  std::string channel;
  Status status;           // OK: delivered now (or earlier, when duplicate)
  bool duplicate = false;  // the ledger says it went out before; not sent again
};

struct DispatchReport {
  bool held = false;  // kept back for quiet hours / the digest; channels untouched
  std::vector<ChannelOutcome> channels;
  // True when every channel has the alert (now or earlier) and nothing is held.
  bool Delivered() const;
};

struct DigestReport {
  bool attempted = false;  // false: not due yet, no digest configured, or already sent today
  std::string local_date;
  size_t held = 0;  // alerts the digest carried
  std::vector<ChannelOutcome> channels;
};

struct TickReport {
  DigestReport digest;                   // digest configured: what MaybeSendDigest did
  std::vector<DispatchReport> released;  // no digest: held alerts sent now quiet hours ended
};

class AlertDispatcher {
 public:
  AlertDispatcher(std::vector<std::unique_ptr<AlertChannel>> channels, AlertLedger& ledger,
                  Clock& clock, DispatcherOptions options);

  // kInvalidArgument for an invalid alert (ValidateAlert); a ledger error as returned by the
  // ledger (nothing is sent then). Channel failures are in the report, not the status.
  Result<DispatchReport> Dispatch(const Alert& alert);

  // Sends today's digest when it is due (see the class comment). Ledger errors are returned.
  Result<DigestReport> MaybeSendDigest(TimePoint now);

  // Call once per evaluation: MaybeSendDigest(now), or with no digest configured, sends the
  // held alerts once quiet hours are over.
  Result<TickReport> Tick(TimePoint now);

  // The item was answered or resolved: its held alerts are no longer news.
  void DropHeld(int64_t mention_id);

  std::vector<Alert> held() const;
  bool IsUrgent(const Alert& alert) const;

 private:
  using Key = std::tuple<int64_t, std::string, std::string>;  // mention, target, stage
  static Key KeyOf(const Alert& a) { return {a.mention_id, a.target, a.stage}; }

  Result<DispatchReport> DispatchLocked(const Alert& alert, TimePoint now, bool release);
  Result<DigestReport> DigestLocked(TimePoint now);
  void Count(const Alert& alert);

  std::vector<std::unique_ptr<AlertChannel>> channels_;
  AlertLedger& ledger_;
  Clock& clock_;
  const DispatcherOptions options_;

  mutable std::mutex mu_;
  std::vector<Alert> held_;                  // guarded by mu_; oldest first
  std::map<std::string, int> stage_counts_;  // guarded by mu_; since the last digest
  std::set<Key> counted_;                    // guarded by mu_; alerts in stage_counts_
};

}  // namespace heed::alerts
