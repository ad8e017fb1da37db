#include "heed/app/auto_ack.h"

#include "heed/responder/responder.h"

namespace heed::app {
namespace {

constexpr std::string_view kCheckpointPrefix = "~auto_ack/";
constexpr auto kMaxAge = std::chrono::hours(24);

std::string Plural(int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string DescribeBudget(Millis budget, std::string_view language) {
  const bool italian = language.substr(0, 2) == "it";
  const int64_t minutes = std::chrono::duration_cast<std::chrono::minutes>(budget).count();
  if (minutes % (24 * 60) == 0 && minutes >= 24 * 60) {
    return italian ? Plural(minutes / (24 * 60), "giorno", "giorni")
                   : Plural(minutes / (24 * 60), "day", "days");
  }
  if (minutes % 60 == 0 && minutes >= 60) {
    return italian ? Plural(minutes / 60, "ora", "ore") : Plural(minutes / 60, "hour", "hours");
  }
  return italian ? Plural(minutes, "minuto", "minuti") : Plural(minutes, "minute", "minutes");
}

Result<AutoAckReport> AutoAcknowledger::Run(const ConnectorEntry& entry,
                                            responder::ReplyPublisher& publisher) {
  AutoAckReport report;
  if (!entry.auto_ack) return report;
  const std::string& name = entry.connector.name;
  const std::string checkpoint_key = std::string(kCheckpointPrefix) + name;
  HEED_ASSIGN_OR_RETURN(std::optional<std::string> checkpoint,
                        store_.GetCheckpoint(checkpoint_key));
  int64_t after = 0;
  if (checkpoint) after = std::strtoll(checkpoint->c_str(), nullptr, 10);
  HEED_ASSIGN_OR_RETURN(std::vector<int64_t> candidates, store_.UnansweredNegatives(name, after));
  if (candidates.empty()) return report;

  const TimePoint now = clock_.Now();
  if (!entry.auto_ack_calendar.empty()) {
    auto calendar = calendars_.find(entry.auto_ack_calendar);
    if (calendar != calendars_.end() && !calendar->second.IsOpen(now)) {
      report.waiting_for_hours = static_cast<int>(candidates.size());
      return report;  // the checkpoint stays: they are acknowledged once the calendar opens
    }
  }
  responder::Responder responder(store_, clock_);
  for (int64_t id : candidates) {
    HEED_ASSIGN_OR_RETURN(store::MentionDetail detail, store_.GetDetail(id));
    const store::InboxItem& item = detail.item;
    const Mention& m = item.stored.mention;
    if (now - m.created_at > kMaxAge || !item.deadline || !item.deadline->budget) continue;
    const std::string language =
        !m.language.empty() ? m.language : (item.score ? item.score->language : "");
    std::map<std::string, std::string> vars = responder::MentionVariables(item.stored);
    vars["within"] = DescribeBudget(*item.deadline->budget, language);
    Result<responder::RenderedTemplate> text =
        templates_.Render(entry.auto_ack_template, language, vars);
    if (!text.ok()) return text.status().WithContext("connector " + name + ": auto_ack_template");
    Result<store::ReplyRecord> posted = responder.Reply(id, text->text, "heed", publisher,
                                                        responder::ReplyOptions{.auto_ack = true});
    if (posted.ok()) {
      ++report.posted;
    } else {
      // Recorded as failed (and never posted twice): the outbox retries it.
      report.errors.push_back("item " + std::to_string(id) + ": " + posted.status().message());
    }
  }
  HEED_RETURN_IF_ERROR(
      store_.SetCheckpoint(checkpoint_key, std::to_string(candidates.back()), now));
  return report;
}

}  // namespace heed::app
