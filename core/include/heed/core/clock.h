// Time for heed. Every component that needs "now" takes a Clock& so tests can drive time with
// SimulatedClock instead of sleeping. Only RealClock reads the system clock.
//
// TimePoint is wall-clock UTC with millisecond precision: platform timestamps, deadlines and
// stored times are all TimePoints. Implementations must be thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>

#include "heed/core/result.h"

namespace heed {

using Millis = std::chrono::milliseconds;
using TimePoint = std::chrono::sys_time<Millis>;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
  // Blocks for d (RealClock) or advances time by d (SimulatedClock).
  virtual void SleepFor(Millis d) = 0;
};

// The process-wide real clock. Lives for the whole program.
Clock& RealClock();

// A clock that only moves when told to. SleepFor advances it instantly.
class SimulatedClock final : public Clock {
 public:
  explicit SimulatedClock(TimePoint start) : now_(start) {}
  TimePoint Now() const override;
  void SleepFor(Millis d) override;
  void Advance(Millis d);
  void Set(TimePoint t);

 private:
  mutable std::mutex mu_;
  TimePoint now_;  // guarded by mu_
};

// Parses RFC 3339 / ISO-8601 timestamps as platforms send them:
// "2026-08-01T13:51:43.458Z", "2026-08-01T13:51:43Z", "2026-08-01T15:51:43+02:00",
// fractional seconds of any length (truncated to ms). Returns kInvalidArgument naming the input
// when it is not such a timestamp or is out of range.
Result<TimePoint> ParseIso8601(std::string_view text);

// Formats as "2026-08-01T13:51:43.458Z" (always UTC, always milliseconds).
std::string FormatIso8601(TimePoint t);

// Milliseconds since the Unix epoch, for storage.
inline int64_t ToUnixMillis(TimePoint t) { return t.time_since_epoch().count(); }
inline TimePoint FromUnixMillis(int64_t ms) { return TimePoint(Millis(ms)); }

// "1h 05m", "3d 2h", "45s", "-20m" (negative when overdue): compact human durations.
std::string FormatDuration(Millis d);

}  // namespace heed
