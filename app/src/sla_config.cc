// The SLA sections of the config file: [calendar.NAME], [sla] and [sla.rule.NAME].
#include <filesystem>
#include <fstream>
#include <sstream>

#include "config_parse.h"
#include "heed/app/sla_setup.h"
#include "heed/responder/deadline_policy.h"
#include "heed/responder/ical.h"

namespace heed::app::internal {

std::string Trim(std::string s) {
  const char* ws = " \t\r\n";
  s.erase(s.find_last_not_of(ws) + 1);
  s.erase(0, s.find_first_not_of(ws));
  return s;
}

std::vector<std::string> SplitList(const std::string& value) {
  std::vector<std::string> items;
  std::istringstream in(value);
  for (std::string item; std::getline(in, item, ',');) {
    item = Trim(item);
    if (!item.empty()) items.push_back(item);
  }
  return items;
}

std::optional<int> ParsePercent(std::string text) {
  text = Trim(text);
  if (!text.empty() && text.back() == '%') text = Trim(text.substr(0, text.size() - 1));
  return ParseInt<int>(text);
}

bool SplitSectionKey(const std::string& key, std::string_view prefix, std::string& name,
                     std::string& field) {
  if (key.rfind(prefix, 0) != 0) return false;
  size_t dot = key.rfind('.');
  if (dot <= prefix.size()) return false;
  name = key.substr(prefix.size(), dot - prefix.size());
  field = key.substr(dot + 1);
  return true;
}

Status SetCalendarKey(CalendarSpec& spec, const std::string& key, const std::string& value,
                      const std::string& where) {
  if (key == "time_zone") {
    spec.time_zone = value;
  } else if (key == "hours") {
    spec.hours = value;
  } else if (key == "holidays") {
    spec.holidays = value;
  } else if (key == "holiday_dates") {
    // Dates listed inline, as heed writes them into a stored policy version.
    std::string spaced = value;
    for (char& c : spaced) c = c == ',' ? ' ' : c;
    std::istringstream words(spaced);
    for (std::string word; words >> word;) {
      int y = 0;
      unsigned m = 0, d = 0;
      char dash1 = 0, dash2 = 0;
      std::istringstream date(word);
      responder::LocalDate parsed{};
      if (date >> y >> dash1 >> m >> dash2 >> d && date.peek() == EOF && dash1 == '-' &&
          dash2 == '-') {
        parsed = std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d);
      }
      if (!parsed.ok()) {
        return Status::InvalidArgument(where + ": \"" + word + "\" is not a date (YYYY-MM-DD)");
      }
      spec.holiday_dates.push_back(parsed);
    }
  } else {
    return Status::InvalidArgument(where +
                                   ": unknown calendar key (expected time_zone, hours, "
                                   "holidays or holiday_dates)");
  }
  return Status::Ok();
}

Status SetSlaKey(responder::SlaPolicy& sla, const std::string& key, const std::string& value,
                 const std::string& where) {
  if (key == "name") {
    if (value.empty()) return Status::InvalidArgument(where + ": the policy needs a name");
    sla.name = value;
  } else if (key == "warning") {
    sla.stages.warning_percent.clear();
    for (const std::string& item : SplitList(value)) {
      std::optional<int> percent = ParsePercent(item);
      if (!percent || *percent < 1 || *percent > 99 ||
          (!sla.stages.warning_percent.empty() && *percent <= sla.stages.warning_percent.back())) {
        return Status::InvalidArgument(where + ": \"" + item +
                                       "\" is not a percentage from 1% to 99% in ascending order "
                                       "(e.g. warning = 50%, 80%)");
      }
      sla.stages.warning_percent.push_back(*percent);
    }
  } else if (key == "escalate") {
    std::optional<int> percent = ParsePercent(value);
    if (!percent || *percent <= 100 || *percent > 10'000) {
      return Status::InvalidArgument(where + ": \"" + value +
                                     "\" is not a percentage above 100% (e.g. 200%)");
    }
    sla.stages.escalate_percent = *percent;
  } else {
    return Status::InvalidArgument(where +
                                   ": unknown sla key (expected name, warning or escalate)");
  }
  return Status::Ok();
}

Status SetRuleKey(responder::SlaRule& rule, const std::string& key, const std::string& value,
                  const std::string& where) {
  auto budget = [&](std::optional<Millis>& slot) {
    Result<std::optional<Millis>> parsed = responder::ParseBudget(value);
    if (!parsed.ok()) return parsed.status().WithContext(where);
    slot = *parsed;
    return Status::Ok();
  };
  if (key == "platform") {
    rule.platforms = SplitList(value);
  } else if (key == "label") {
    rule.labels = SplitList(value);
    for (const std::string& label : rule.labels) {
      if (label != "negative" && label != "neutral" && label != "positive") {
        return Status::InvalidArgument(where + ": \"" + label +
                                       "\" is not a label (negative, neutral or positive)");
      }
    }
  } else if (key == "urgency") {
    rule.urgency_any = SplitList(value);
  } else if (key == "max_rating") {
    rule.max_rating = ParseInt<int>(value);
    if (!rule.max_rating || *rule.max_rating < 1 || *rule.max_rating > 5) {
      return Status::InvalidArgument(where + ": max_rating must be a number of stars from 1 to 5");
    }
  } else if (key == "min_reach") {
    rule.min_reach = ParseInt<int64_t>(value);
    if (!rule.min_reach || *rule.min_reach < 0) {
      return Status::InvalidArgument(where + ": min_reach must be a number of followers");
    }
  } else if (key == "first_reply") {
    return budget(rule.first_reply);
  } else if (key == "resolution") {
    return budget(rule.resolution);
  } else if (key == "calendar") {
    rule.calendar = value;
  } else {
    return Status::InvalidArgument(where +
                                   ": unknown rule key (expected platform, label, urgency, "
                                   "max_rating, min_reach, first_reply, resolution or calendar)");
  }
  return Status::Ok();
}

int CurrentYear() {
  auto today = std::chrono::floor<std::chrono::days>(RealClock().Now());
  return static_cast<int>(std::chrono::year_month_day(today).year());
}

Result<responder::BusinessCalendar> BuildCalendar(const std::string& name, const CalendarSpec& spec,
                                                  const std::string& source,
                                                  const ConfigContext& context) {
  std::string where = source + ": calendar." + name;
  for (auto [field, value] :
       {std::pair{"time_zone", &spec.time_zone}, std::pair{"hours", &spec.hours}}) {
    if (value->empty()) return Status::InvalidArgument(where + " needs " + field);
  }
  // Checked alone first, so a bad zone is reported against its own key.
  HEED_RETURN_IF_ERROR(responder::BusinessCalendar::Create(name, spec.time_zone, "24x7")
                           .status()
                           .WithContext(where + ".time_zone"));
  std::vector<responder::LocalDate> holidays = spec.holiday_dates;
  if (!spec.holidays.empty()) {
    std::filesystem::path path(spec.holidays);
    if (path.is_relative() && !context.base_dir.empty()) path = context.base_dir / path;
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ics;
    if (!(in && ics << in.rdbuf())) {
      return Status::InvalidArgument(where + ".holidays: cannot read " + path.string());
    }
    int year = context.reference_year ? *context.reference_year : CurrentYear();
    Result<std::vector<responder::LocalDate>> parsed =
        responder::ParseICalHolidays(ics.str(), year - 1, year + 5);
    if (!parsed.ok()) return parsed.status().WithContext(where + ".holidays: " + path.string());
    holidays.insert(holidays.end(), parsed->begin(), parsed->end());
  }
  Result<responder::BusinessCalendar> calendar =
      responder::BusinessCalendar::Create(name, spec.time_zone, spec.hours, std::move(holidays));
  if (!calendar.ok()) return calendar.status().WithContext(where + ".hours");
  return calendar;
}

}  // namespace heed::app::internal

namespace heed::app {
namespace {

std::string JoinList(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string FormatDate(const responder::LocalDate& date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buf;
}

// Budgets in whole seconds ("5400s"): ParseBudget reads them back exactly, whatever the unit
// the operator wrote.
std::string FormatBudget(const std::optional<Millis>& budget) {
  if (!budget) return "none";
  return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(*budget).count()) + "s";
}

}  // namespace

std::string SerializeSla(const SlaSetup& setup) {
  const responder::SlaPolicy& policy = setup.policy;
  std::ostringstream out;
  for (const auto& [name, calendar] : setup.calendars) {
    bool used = false;
    for (const responder::SlaRule& rule : policy.rules) used = used || rule.calendar == name;
    if (!used) continue;
    out << "[calendar." << name << "]\ntime_zone = " << calendar.time_zone()
        << "\nhours = " << calendar.HoursText() << "\n";
    if (!calendar.holidays().empty()) {
      out << "holiday_dates =";
      for (const responder::LocalDate& day : calendar.holidays()) out << " " << FormatDate(day);
      out << "\n";
    }
    out << "\n";
  }
  out << "[sla]\nname = " << policy.name << "\nwarning = ";
  for (size_t k = 0; k < policy.stages.warning_percent.size(); ++k) {
    out << (k ? ", " : "") << policy.stages.warning_percent[k] << "%";
  }
  out << "\nescalate = " << policy.stages.escalate_percent << "%\n";
  for (const responder::SlaRule& rule : policy.rules) {
    out << "\n[sla.rule." << rule.name << "]\n";
    if (!rule.platforms.empty()) out << "platform = " << JoinList(rule.platforms) << "\n";
    if (!rule.labels.empty()) out << "label = " << JoinList(rule.labels) << "\n";
    if (!rule.urgency_any.empty()) out << "urgency = " << JoinList(rule.urgency_any) << "\n";
    if (rule.max_rating) out << "max_rating = " << *rule.max_rating << "\n";
    if (rule.min_reach) out << "min_reach = " << *rule.min_reach << "\n";
    out << "first_reply = " << FormatBudget(rule.first_reply) << "\n";
    out << "resolution = " << FormatBudget(rule.resolution) << "\n";
    if (!rule.calendar.empty()) out << "calendar = " << rule.calendar << "\n";
  }
  return out.str();
}

Result<SlaSetup> ParseSlaSnapshot(const std::string& text) {
  Result<Config> config = ParseConfig(text, "stored SLA policy");
  if (!config.ok()) return Status::DataLoss(config.status().message());
  return SlaSetup{std::move(config->sla), std::move(config->calendars)};
}

}  // namespace heed::app
