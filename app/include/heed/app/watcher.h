// The schedule behind `heed watch`: each connector is scanned at its own poll_interval (with
// jitter, so installations and feeds do not poll in lock-step), and an evaluation tick every
// minute records SLA stages, sends their alerts and works through the reply outbox.
//
// The watcher never sleeps and never reads a clock for its schedule: RunDue(now) does what is
// due at `now` and returns when it next needs to run, and the caller waits (poll() on a signal
// pipe in the CLI, a SimulatedClock in tests). Jitter comes from a seeded generator, so a seed
// fixes the whole schedule.
//
// Failures: a connector that fails (network, platform, storing a page) is reported and retried
// after a backoff that doubles with each consecutive failure up to max_backoff; it does not
// delay the other connectors or the tick, and its first success restores its normal interval.
// Alert and outbox failures are reported and retried at the next tick. Only a database failure
// in the SLA evaluation (nothing network-bound) ends RunDue with an error: carrying on without
// deadlines would hide breaches.
//
// Stopping: the stop predicate is asked before each connector, before each page of a scan (the
// page being stored always commits first) and before the tick.
//
// Thread safety: confine to one thread, with the store and components it uses.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "heed/alerts/dispatcher.h"
#include "heed/app/auto_ack.h"
#include "heed/app/config.h"
#include "heed/app/scanner.h"
#include "heed/app/sla_engine.h"
#include "heed/connectors/connector.h"
#include "heed/core/clock.h"
#include "heed/responder/outbox.h"
#include "heed/store/store.h"

namespace heed::app {

enum class WatchEventKind {
  kScan,      // one connector scanned (possibly stopped early between pages)
  kSkipped,   // an item a connector could not read; the scan went on
  kStage,     // an SLA stage recorded for the first time
  kAlert,     // the alert pass delivered or held alerts
  kEvaluate,  // one evaluation tick: stages, alerts, outbox
  kError,     // something failed; the watcher carries on
};
std::string_view WatchEventKindName(WatchEventKind kind);

// One line of the watcher's log. message may contain untrusted text (platform errors, item
// errors): neutralise it before printing. Nothing in an event is secret.
struct WatchEvent {
  WatchEventKind kind = WatchEventKind::kScan;
  TimePoint at;         // the `now` of the RunDue call that produced it
  std::string source;   // the connector's name, or "sla", "alerts", "outbox"
  std::string message;  // one human-readable line
  // For machine-readable logs, e.g. {"new", 3}, {"pages", 1}, {"mention_id", 12}.
  using Counts = std::vector<std::pair<std::string, int64_t>>;
  Counts counts;
  std::optional<TimePoint> retry_at;  // kError of a connector: when it is tried again
};
using WatchLog = std::function<void(const WatchEvent&)>;

// A connector and the config entry it came from (poll_interval, auto_ack settings).
struct WatchedConnector {
  const ConnectorEntry* entry = nullptr;
  connectors::Connector* connector = nullptr;
};

// What the watcher drives. Everything referenced must outlive it.
struct WatcherParts {
  store::Store& store;
  Scanner& scanner;
  SlaEngine& engine;
  responder::Outbox& outbox;
  responder::ReplyPublisher& publisher;           // replies from the outbox and auto_ack
  alerts::AlertDispatcher* dispatcher = nullptr;  // nullptr: no alert channels configured
  AutoAcknowledger* acknowledger = nullptr;       // nullptr: no automatic acknowledgements
};

struct WatcherOptions {
  uint64_t seed = 0;                     // for jitter and the spread of first runs
  double jitter = 0.1;                   // each interval is scaled by [1 - jitter, 1 + jitter]
  Millis tick{std::chrono::minutes(1)};  // SLA evaluation, alerts and outbox
  Millis max_backoff{std::chrono::hours(1)};
  // The first scan of each connector falls somewhere in [start, start + min(first_run_spread,
  // its poll_interval)), connectors evenly spread over it; zero: all run at the first call.
  Millis first_run_spread{std::chrono::seconds(30)};
  Millis alert_lookback{std::chrono::hours(24)};  // RunAlertPass's `since` is now - this
  int max_pages = 0;                              // per scan; 0: the connector's own bound
};

// Where one connector stands in the schedule.
struct ConnectorSchedule {
  std::string name;
  Millis interval{0};
  std::optional<TimePoint> next_run;  // unset until the first RunDue places it
  std::optional<TimePoint> last_run;
  int consecutive_failures = 0;
};

class Watcher {
 public:
  // kInvalidArgument (at the first RunDue) for a non-positive poll_interval or tick, or jitter
  // outside [0, 0.5]. log receives every event as it happens; it may be empty.
  Watcher(WatcherParts parts, std::vector<WatchedConnector> connectors, WatcherOptions options,
          WatchLog log, StopPredicate stop = {});

  // Runs every connector whose time has come, then the tick when due, and returns the earliest
  // time anything is due next (never before now; `now` itself when a stop cut the pass short).
  // The first call places the schedule around `now`. Errors: kInvalidArgument for bad
  // settings (first call), or the store's error when the deadline evaluation failed (the tick
  // is retried at the next call). Everything else is reported through the log.
  Result<TimePoint> RunDue(TimePoint now);

  // Parallel to the connectors given; empty until the first RunDue.
  const std::vector<ConnectorSchedule>& schedule() const { return schedule_; }

 private:
  Status Place(TimePoint now);
  bool Stopping() const { return stop_ && stop_(); }
  void ScanOne(size_t index, TimePoint now);
  // After a successful scan; its failures are reported and do not back the connector off.
  void AutoAck(const WatchedConnector& watched, TimePoint now);
  Status Tick(TimePoint now);
  Millis Jittered(Millis interval);
  double Uniform();  // [0, 1), from the seeded generator
  void Emit(WatchEvent event) const;
  void Emit(WatchEventKind kind, TimePoint at, const std::string& source, std::string message,
            WatchEvent::Counts counts = {}) const;

  WatcherParts parts_;
  std::vector<WatchedConnector> connectors_;
  WatcherOptions options_;
  WatchLog log_;
  StopPredicate stop_;
  std::mt19937_64 random_;
  std::vector<ConnectorSchedule> schedule_;  // parallel to connectors_
  std::optional<TimePoint> next_tick_;       // unset until placed
};

}  // namespace heed::app
