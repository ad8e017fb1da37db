// Internal to heed::app: the small parsers config.cc and sla_config.cc share, and the setters
// for the SLA sections ([calendar.NAME], [sla], [sla.rule.NAME]).
#pragma once

#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heed/app/config.h"
#include "heed/responder/business_calendar.h"
#include "heed/responder/sla_policy.h"

namespace heed::app::internal {

std::string Trim(std::string s);

// "a, b,c" -> {"a", "b", "c"}; empty items dropped.
std::vector<std::string> SplitList(const std::string& value);

template <typename Int>
std::optional<Int> ParseInt(std::string_view text) {
  Int value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// "50%" or "50".
std::optional<int> ParsePercent(std::string text);

// Splits "PREFIX.NAME.KEY" (a [PREFIX.NAME] section's key) into NAME and KEY; false when the
// key is not in that form. NAME may itself contain dots.
bool SplitSectionKey(const std::string& key, std::string_view prefix, std::string& name,
                     std::string& field);

// [calendar.NAME] as written; built into a BusinessCalendar once the whole file is read.
struct CalendarSpec {
  std::string time_zone, hours, holidays;
  std::vector<responder::LocalDate> holiday_dates;  // holiday_dates = 2026-12-25, ...
};

Status SetCalendarKey(CalendarSpec& spec, const std::string& key, const std::string& value,
                      const std::string& where);
Status SetSlaKey(responder::SlaPolicy& sla, const std::string& key, const std::string& value,
                 const std::string& where);
Status SetRuleKey(responder::SlaRule& rule, const std::string& key, const std::string& value,
                  const std::string& where);
// The current year by the real clock (iCal holidays are expanded around it).
int CurrentYear();

Result<responder::BusinessCalendar> BuildCalendar(const std::string& name, const CalendarSpec& spec,
                                                  const std::string& source,
                                                  const ConfigContext& context);

}  // namespace heed::app::internal
