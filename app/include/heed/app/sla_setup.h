// The SLA setup in force: the policy and the business calendars its rules name. Stored with
// every policy version as config-file text that reads back to the same setup, so an item is
// always re-evaluated under the version its clock started with, whatever the config says now.
#pragma once

#include <map>
#include <string>

#include "heed/core/result.h"
#include "heed/responder/business_calendar.h"
#include "heed/responder/sla_policy.h"

namespace heed::app {

struct SlaSetup {
  responder::SlaPolicy policy;
  std::map<std::string, responder::BusinessCalendar> calendars;  // by name
};

// The [calendar.NAME] sections (holidays written as holiday_dates, only calendars a rule
// names), [sla] and the [sla.rule.NAME] sections in rule order. Deterministic: equal setups
// give equal text, which is what makes it usable as a version's identity.
std::string SerializeSla(const SlaSetup& setup);

// Reads text written by SerializeSla. kDataLoss when the stored text does not parse (the file
// was tampered with, or written by an incompatible heed).
Result<SlaSetup> ParseSlaSnapshot(const std::string& text);

}  // namespace heed::app
