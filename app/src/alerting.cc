#include "heed/app/alerting.h"

#include "heed/alerts/config.h"

namespace heed::app {
namespace {

bool HasFlag(std::string_view flags, std::string_view flag) {
  size_t pos = 0;
  while (pos <= flags.size()) {
    size_t comma = flags.find(',', pos);
    if (flags.substr(pos, comma == std::string_view::npos ? comma : comma - pos) == flag) {
      return true;
    }
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  return false;
}

Result<alerts::Alert> AlertFor(store::Store& store, const store::SlaEvent& event, TimePoint now) {
  HEED_ASSIGN_OR_RETURN(store::MentionDetail detail, store.GetDetail(event.mention_id));
  const store::InboxItem& item = detail.item;
  const Mention& m = item.stored.mention;
  alerts::Alert alert;
  alert.mention_id = event.mention_id;
  alert.platform = m.platform;
  alert.author = m.author.handle.empty() ? m.author.display_name : m.author.handle;
  alert.excerpt = m.text;
  alert.url = m.url;
  alert.stage = event.stage;
  alert.target = event.target;
  alert.due_at = event.due_at.value_or(event.at);
  alert.fired_at = now;
  alert.urgent = item.score && IsUrgentFlags(item.score->urgency);
  for (const store::DeadlineRecord& d : detail.deadlines) {
    if (d.target == event.target) alert.rule = d.rule;
  }
  return alert;
}

}  // namespace

Result<bool> StoreAlertLedger::AlreadySent(int64_t mention_id, std::string_view target,
                                           std::string_view stage, std::string_view channel) {
  return store_.AlertSent(mention_id, target, stage, channel);
}

Status StoreAlertLedger::RecordSent(int64_t mention_id, std::string_view target,
                                    std::string_view stage, std::string_view channel,
                                    TimePoint at) {
  return store_.RecordAlertSent(mention_id, target, stage, channel, at).status();
}

bool IsUrgentFlags(std::string_view urgency) {
  for (std::string_view flag : {"legal", "safety", "refund", "churn"}) {
    if (HasFlag(urgency, flag)) return true;
  }
  return false;
}

Result<std::unique_ptr<alerts::AlertDispatcher>> MakeDispatcher(const Config& config,
                                                                HttpTransport& transport,
                                                                const EnvLookup& env,
                                                                alerts::AlertLedger& ledger,
                                                                Clock& clock) {
  if (config.alert_channels.empty()) return std::unique_ptr<alerts::AlertDispatcher>();
  std::vector<std::unique_ptr<alerts::AlertChannel>> channels;
  for (const alerts::ChannelSpec& spec : config.alert_channels) {
    HEED_ASSIGN_OR_RETURN(std::unique_ptr<alerts::AlertChannel> channel,
                          alerts::MakeChannel(spec, transport, env));
    channels.push_back(std::move(channel));
  }
  return std::make_unique<alerts::AlertDispatcher>(std::move(channels), ledger, clock,
                                                   config.alert_settings);
}

Result<AlertPass> RunAlertPass(store::Store& store, alerts::AlertDispatcher& dispatcher,
                               TimePoint since, TimePoint now) {
  AlertPass pass;
  HEED_ASSIGN_OR_RETURN(std::vector<store::SlaEvent> events, store.RecentSlaEvents(since));
  for (const store::SlaEvent& event : events) {
    HEED_ASSIGN_OR_RETURN(alerts::Alert alert, AlertFor(store, event, now));
    HEED_ASSIGN_OR_RETURN(alerts::DispatchReport report, dispatcher.Dispatch(alert));
    if (report.held) ++pass.held;
    bool sent_now = false;
    for (const alerts::ChannelOutcome& outcome : report.channels) {
      if (!outcome.status.ok()) {
        pass.errors.push_back("alert " + outcome.channel + ": " + outcome.status.message());
      }
      sent_now = sent_now || (outcome.status.ok() && !outcome.duplicate);
    }
    if (sent_now && report.Delivered()) ++pass.delivered;
  }
  HEED_ASSIGN_OR_RETURN(alerts::TickReport tick, dispatcher.Tick(now));
  for (const alerts::ChannelOutcome& outcome : tick.digest.channels) {
    if (!outcome.status.ok()) {
      pass.errors.push_back("digest " + outcome.channel + ": " + outcome.status.message());
    }
  }
  return pass;
}

}  // namespace heed::app
