// AlertLedger: the memory of what went out, so each (mention, target, stage, channel) is sent
// once across evaluations and restarts. The store implements it in the database; tests and
// tools use InMemoryAlertLedger.
//
// Keys:
// - an alert: (mention_id > 0, "first_reply" | "resolution", stage, channel name);
// - the daily digest: (mention_id 0, target "digest", stage = local date "YYYY-MM-DD", channel),
//   so a store table must not require mention_id to name a mention.
// Recording is append-only: recording a key twice is harmless (the second is ignored).
//
// Thread safety: implementations must be safe for concurrent use.
#pragma once

#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <tuple>

#include "heed/core/clock.h"
#include "heed/core/result.h"

namespace heed::alerts {

inline constexpr std::string_view kDigestTarget = "digest";

class AlertLedger {
 public:
  virtual ~AlertLedger() = default;
  // Whether RecordSent was called for this key. A non-OK result means "unknown" (the
  // dispatcher then sends nothing rather than risk a duplicate).
  virtual Result<bool> AlreadySent(int64_t mention_id, std::string_view target,
                                   std::string_view stage, std::string_view channel) = 0;
  virtual Status RecordSent(int64_t mention_id, std::string_view target, std::string_view stage,
                            std::string_view channel, TimePoint at) = 0;
};

class InMemoryAlertLedger final : public AlertLedger {
 public:
  Result<bool> AlreadySent(int64_t mention_id, std::string_view target, std::string_view stage,
                           std::string_view channel) override;
  Status RecordSent(int64_t mention_id, std::string_view target, std::string_view stage,
                    std::string_view channel, TimePoint at) override;

  size_t size() const;

 private:
  using Key = std::tuple<int64_t, std::string, std::string, std::string>;
  mutable std::mutex mu_;
  std::set<Key> sent_;  // guarded by mu_
};

}  // namespace heed::alerts
