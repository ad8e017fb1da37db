#include "heed/app/watcher.h"

#include <algorithm>
#include <cmath>

#include "heed/app/alerting.h"

namespace heed::app {
namespace {

std::string Plural(int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string_view WatchEventKindName(WatchEventKind kind) {
  switch (kind) {
    case WatchEventKind::kScan:
      return "scan";
    case WatchEventKind::kSkipped:
      return "skipped";
    case WatchEventKind::kStage:
      return "stage";
    case WatchEventKind::kAlert:
      return "alert";
    case WatchEventKind::kEvaluate:
      return "evaluate";
    case WatchEventKind::kError:
      return "error";
  }
  return "unknown";
}

Watcher::Watcher(WatcherParts parts, std::vector<WatchedConnector> connectors,
                 WatcherOptions options, WatchLog log, StopPredicate stop)
    : parts_(parts),
      connectors_(std::move(connectors)),
      options_(options),
      log_(std::move(log)),
      stop_(std::move(stop)),
      random_(options.seed) {}

double Watcher::Uniform() {
  // The top 53 bits as a double in [0, 1). Spelled out rather than through
  // std::uniform_real_distribution, whose output is not specified across standard libraries,
  // so a seed gives the same schedule everywhere.
  return static_cast<double>(random_() >> 11) * 0x1.0p-53;
}

Millis Watcher::Jittered(Millis interval) {
  const double factor = 1.0 + options_.jitter * (2.0 * Uniform() - 1.0);
  const auto jittered = static_cast<int64_t>(std::llround(interval.count() * factor));
  return Millis(std::max<int64_t>(jittered, 1));
}

void Watcher::Emit(WatchEvent event) const {
  if (log_) log_(event);
}

void Watcher::Emit(WatchEventKind kind, TimePoint at, const std::string& source,
                   std::string message, WatchEvent::Counts counts) const {
  Emit({kind, at, source, std::move(message), std::move(counts), std::nullopt});
}

Status Watcher::Place(TimePoint now) {
  if (options_.tick <= Millis(0))
    return Status::InvalidArgument("watch: the tick must be positive");
  if (!(options_.jitter >= 0.0 && options_.jitter <= 0.5)) {
    return Status::InvalidArgument("watch: jitter must be from 0 to 0.5");
  }
  const size_t n = connectors_.size();
  schedule_.clear();
  for (size_t i = 0; i < n; ++i) {
    const WatchedConnector& watched = connectors_[i];
    if (watched.entry == nullptr || watched.connector == nullptr) {
      return Status::InvalidArgument("watch: connector " + std::to_string(i) + " is not set");
    }
    ConnectorSchedule slot;
    slot.name = watched.connector->name();
    slot.interval = watched.entry->poll_interval;
    if (slot.interval <= Millis(0)) {
      return Status::InvalidArgument("watch: " + slot.name + ": poll_interval must be positive");
    }
    // Stratified: connector i lands in the i-th of n equal slices of its window, at a random
    // point inside it, so first runs never bunch up however the generator falls.
    const Millis window = std::min(options_.first_run_spread, slot.interval);
    const double position = (static_cast<double>(i) + Uniform()) / static_cast<double>(n);
    slot.next_run = now + Millis(static_cast<int64_t>(window.count() * position));
    schedule_.push_back(std::move(slot));
  }
  next_tick_ = now;
  return Status::Ok();
}

Result<TimePoint> Watcher::RunDue(TimePoint now) {
  if (!next_tick_) HEED_RETURN_IF_ERROR(Place(now));
  for (size_t i = 0; i < schedule_.size(); ++i) {
    if (Stopping()) return now;
    if (*schedule_[i].next_run <= now) ScanOne(i, now);
  }
  if (Stopping()) return now;
  if (*next_tick_ <= now) {
    HEED_RETURN_IF_ERROR(Tick(now));
    next_tick_ = now + options_.tick;
  }
  if (Stopping()) return now;
  TimePoint next = *next_tick_;
  for (const ConnectorSchedule& slot : schedule_) next = std::min(next, *slot.next_run);
  return std::max(next, now);
}

void Watcher::ScanOne(size_t index, TimePoint now) {
  const WatchedConnector& watched = connectors_[index];
  ConnectorSchedule& slot = schedule_[index];
  const std::string& name = slot.name;
  ScanReport report = parts_.scanner.Scan(*watched.connector, options_.max_pages, stop_);
  slot.last_run = now;

  WatchEvent scan{WatchEventKind::kScan, now, name, "", {}, std::nullopt};
  scan.message = std::to_string(report.inserted) + " new, " + std::to_string(report.updated) +
                 " changed at the source, " + std::to_string(report.duplicates) +
                 " already stored, " + std::to_string(report.item_errors.size()) + " skipped (" +
                 Plural(report.pages, "page", "pages") + ")" +
                 (report.stopped ? ", stopped between pages" : "");
  scan.counts = {{"new", report.inserted},
                 {"changed", report.updated},
                 {"duplicates", report.duplicates},
                 {"skipped", static_cast<int64_t>(report.item_errors.size())},
                 {"pages", report.pages}};
  Emit(std::move(scan));
  // A feed with many broken items would otherwise flood the log on every poll.
  constexpr size_t kMaxSkippedShown = 10;
  for (size_t i = 0; i < report.item_errors.size() && i < kMaxSkippedShown; ++i) {
    Emit(WatchEventKind::kSkipped, now, name,
         "skipped an item: " + report.item_errors[i].message());
  }

  if (report.stopped) return;  // not a result: the next run resumes from the checkpoint
  if (report.error.ok()) {
    slot.consecutive_failures = 0;
    slot.next_run = now + Jittered(slot.interval);
    AutoAck(watched, now);
    return;
  }
  ++slot.consecutive_failures;
  // interval, 2x, 4x... up to max_backoff (or the interval itself when that is longer).
  const Millis cap = std::max(options_.max_backoff, slot.interval);
  Millis backoff = slot.interval;
  for (int i = 1; i < slot.consecutive_failures && backoff < cap; ++i) backoff *= 2;
  slot.next_run = now + Jittered(std::min(backoff, cap));
  WatchEvent error{WatchEventKind::kError, now, name, "", {}, slot.next_run};
  error.message = "scan failed, retrying in " + FormatDuration(*slot.next_run - now) + " (" +
                  Plural(slot.consecutive_failures, "failure", "failures") +
                  " in a row): " + report.error.message();
  error.counts = {{"consecutive_failures", slot.consecutive_failures}};
  Emit(std::move(error));
}

void Watcher::AutoAck(const WatchedConnector& watched, TimePoint now) {
  if (parts_.acknowledger == nullptr || !watched.entry->auto_ack) return;
  const std::string& name = watched.connector->name();
  Result<AutoAckReport> acks = parts_.acknowledger->Run(*watched.entry, parts_.publisher);
  if (!acks.ok()) {
    Emit(WatchEventKind::kError, now, name, "auto_ack: " + acks.status().message());
    return;
  }
  for (const std::string& error : acks->errors) {
    Emit(WatchEventKind::kError, now, name, "auto_ack: " + error);
  }
  if (acks->posted > 0) {
    Emit(WatchEventKind::kScan, now, name,
         Plural(acks->posted, "item", "items") + " acknowledged automatically",
         {{"acknowledged", acks->posted}});
  }
}

Status Watcher::Tick(TimePoint now) {
  Result<std::vector<FiredStage>> evaluated = parts_.engine.EvaluateAll();
  if (!evaluated.ok()) return evaluated.status().WithContext("evaluating deadlines");
  const std::vector<FiredStage>& fired = *evaluated;
  for (const FiredStage& stage : fired) {
    std::string message = "item " + std::to_string(stage.mention_id) + ": " + stage.target + " " +
                          stage.stage + " (rule " + stage.rule;
    if (stage.due_at) message += ", due " + FormatIso8601(*stage.due_at);
    Emit(WatchEventKind::kStage, now, "sla", message + ")", {{"mention_id", stage.mention_id}});
  }
  std::string summary = Plural(static_cast<int64_t>(fired.size()), "new stage", "new stages");

  if (parts_.dispatcher != nullptr && !Stopping()) {
    Result<AlertPass> pass =
        RunAlertPass(parts_.store, *parts_.dispatcher, now - options_.alert_lookback, now);
    if (!pass.ok()) {
      Emit(WatchEventKind::kError, now, "alerts", pass.status().message());
    } else {
      for (const std::string& error : pass->errors) {
        Emit(WatchEventKind::kError, now, "alerts", error);
      }
      if (pass->delivered > 0 || pass->held > 0) {
        Emit(WatchEventKind::kAlert, now, "alerts",
             Plural(pass->delivered, "alert", "alerts") + " delivered, " +
                 std::to_string(pass->held) + " held for quiet hours or the digest",
             {{"delivered", pass->delivered}, {"held", pass->held}});
      }
      summary += "; alerts: " + std::to_string(pass->delivered) + " delivered, " +
                 std::to_string(pass->held) + " held";
    }
  }

  if (!Stopping()) {
    Result<responder::OutboxReport> outbox = parts_.outbox.Process(parts_.publisher);
    if (!outbox.ok()) {
      Emit(WatchEventKind::kError, now, "outbox", outbox.status().message());
    } else {
      for (const std::string& error : outbox->errors) {
        Emit(WatchEventKind::kError, now, "outbox", error);
      }
      summary += "; outbox: " + std::to_string(outbox->sent) + " sent, " +
                 std::to_string(outbox->failed) + " failed, " +
                 std::to_string(outbox->needs_confirmation) + " to confirm";
    }
  }
  Emit(WatchEventKind::kEvaluate, now, "sla", summary,
       {{"stages", static_cast<int64_t>(fired.size())}});
  return Status::Ok();
}

}  // namespace heed::app
