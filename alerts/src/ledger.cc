#include "heed/alerts/ledger.h"

namespace heed::alerts {

Result<bool> InMemoryAlertLedger::AlreadySent(int64_t mention_id, std::string_view target,
                                              std::string_view stage, std::string_view channel) {
  std::lock_guard lock(mu_);
  return sent_.count(Key{mention_id, target, stage, channel}) > 0;
}

Status InMemoryAlertLedger::RecordSent(int64_t mention_id, std::string_view target,
                                       std::string_view stage, std::string_view channel,
                                       TimePoint /*at*/) {
  std::lock_guard lock(mu_);
  sent_.insert(Key{mention_id, target, stage, channel});
  return Status::Ok();
}

size_t InMemoryAlertLedger::size() const {
  std::lock_guard lock(mu_);
  return sent_.size();
}

}  // namespace heed::alerts
