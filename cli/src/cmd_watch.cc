// heed watch: the daemon. Scans each connector at its own interval, evaluates deadlines every
// minute, sends alerts and works through the outbox (app::Watcher), logging one line per event
// to stdout. SIGTERM or SIGINT stops it after the transaction in progress (exit 0).
//
// Signals (stop_signals.h): the loop waits until the watcher's next wake time or a signal,
// whichever is first; the watcher's stop predicate reads the flag between connectors and
// between pages, so a page being stored always commits first.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <unistd.h>

#include <algorithm>
#include <random>

#include "commands.h"
#include "heed/app/alerting.h"
#include "heed/app/auto_ack.h"
#include "heed/app/connector_set.h"
#include "heed/app/scanner.h"
#include "heed/app/sla_engine.h"
#include "heed/app/watcher.h"
#include "heed/core/text.h"
#include "heed/responder/outbox.h"
#include "heed/sentiment/scorer.h"
#include "reply_compose.h"
#include "stop_signals.h"

namespace heed::cli {
namespace {

// One log line per event, as text or JSON. Everything printed goes through ForTerminal: event
// messages carry platform errors and item errors, which are untrusted.
class WatchLogger {
 public:
  WatchLogger(std::ostream& out, Clock& clock, bool json) : out_(out), clock_(clock), json_(json) {}

  // Stamped when written rather than with the pass's start time, so a slow scan shows.
  void Event(const app::WatchEvent& event) {
    if (event.kind == app::WatchEventKind::kError) ++errors_;
    Line(app::WatchEventKindName(event.kind), event.source, event.message, event.counts,
         event.retry_at);
  }
  void Line(std::string_view kind, const std::string& source, const std::string& message,
            const app::WatchEvent::Counts& counts = {},
            std::optional<TimePoint> retry_at = std::nullopt) {
    const TimePoint at = clock_.Now();
    const std::string clean_source = ForTerminal(source);
    const std::string clean_message = ForTerminal(message);
    if (!json_) {
      out_ << FormatIso8601(at) << " " << kind << " "
           << (clean_source.empty() ? "" : clean_source + ": ") << clean_message << std::endl;
      return;
    }
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    auto string = [&w](std::string_view s) {
      w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
    };
    w.StartObject();
    string("time");
    string(FormatIso8601(at));
    string("event");
    string(kind);
    if (!clean_source.empty()) {
      string("source");
      string(clean_source);
    }
    string("message");
    string(clean_message);
    for (const auto& [name, value] : counts) {
      string(name);
      w.Int64(value);
    }
    if (retry_at) {
      string("retry_at");
      string(FormatIso8601(*retry_at));
    }
    w.EndObject();
    out_ << buffer.GetString() << std::endl;  // flushed: the journal or a file sees it now
  }
  int errors() const { return errors_; }

 private:
  std::ostream& out_;
  Clock& clock_;
  bool json_;
  int errors_ = 0;
};

std::string Names(const std::vector<app::WatchedConnector>& watched) {
  std::string names;
  for (const app::WatchedConnector& w : watched) {
    names += (names.empty() ? "" : ", ") + w.connector->name() + " every " +
             FormatDuration(w.entry->poll_interval);
  }
  return names;
}

}  // namespace

int RunWatch(Session& session, const Args& args) {
  po::options_description desc("heed watch options");
  desc.add_options()("once", "run every connector and one evaluation now, then exit (cron)")(
      "connector", po::value<std::string>(), "watch only this connector")(
      "log-json", "log one JSON object per line instead of text");
  AddCommonOptions(desc);
  po::variables_map vm;
  if (!ParseArgs(session, args, desc, {}, vm,
                 "heed watch [--once] [--connector NAME] [--log-json]")) {
    return kExitOk;
  }
  const bool once = vm.count("once") > 0;
  app::Config config = session.LoadConfig();
  if (config.connectors.empty()) {
    throw CommandError{kExitData, "heed watch: no connectors configured in " + session.config_path +
                                      "; add a [connector.NAME] section (see the README)"};
  }
  const app::EnvLookup env = [&](const std::string& name) { return session.context.Env(name); };
  Status secrets = app::ResolveSecrets(config, env);
  if (!secrets.ok()) session.Fail(secrets);

  std::unique_ptr<store::Store> store = session.OpenStore();
  Result<std::unique_ptr<sentiment::Scorer>> scorer = sentiment::Scorer::CreateDefault();
  if (!scorer.ok()) session.Fail(scorer.status());
  Clock& clock = session.clock();
  Result<std::unique_ptr<app::ConnectorSet>> set =
      app::ConnectorSet::Create(config, session.Transport(), clock);
  if (!set.ok()) session.Fail(set.status());

  const std::string only = vm.count("connector") ? vm["connector"].as<std::string>() : "";
  std::vector<app::WatchedConnector> watched;
  for (const app::ConnectorEntry& entry : config.connectors) {
    if (only.empty() || entry.connector.name == only) {
      watched.push_back({&entry, (*set)->Find(entry.connector.name)});
    }
  }
  if (watched.empty()) {
    throw CommandError{kExitUsage,
                       "heed watch: no connector named \"" + only + "\" in " + session.config_path};
  }

  app::SlaEngine engine(*store, clock, app::SlaSetup{config.sla, config.calendars});
  app::Scanner scanner(*store, **scorer, engine, clock);
  responder::Outbox outbox(*store, clock);
  const responder::TemplateSet templates = LoadTemplates(config.responder.templates_file);
  app::AutoAcknowledger acknowledger(*store, clock, templates, config.calendars);
  app::StoreAlertLedger ledger(*store);
  Result<std::unique_ptr<alerts::AlertDispatcher>> dispatcher =
      app::MakeDispatcher(config, session.Transport(), env, ledger, clock);
  if (!dispatcher.ok()) session.Fail(dispatcher.status());

  StopSignals signals("heed watch");
  WatchLogger logger(session.context.out, clock, vm.count("log-json") > 0);
  app::WatcherOptions options;
  // Each daemon its own jitter, so installations polling one platform do not align.
  options.seed =
      (static_cast<uint64_t>(std::random_device{}()) << 32) ^ static_cast<uint64_t>(::getpid());
  if (once) options.first_run_spread = Millis(0);  // everything due now
  app::Watcher watcher(
      app::WatcherParts{*store, scanner, engine, outbox, **set, dispatcher->get(), &acknowledger},
      watched, options, [&logger](const app::WatchEvent& event) { logger.Event(event); },
      [&signals] { return signals.requested(); });

  logger.Line("start", "",
              std::string(once ? "one pass over " : "watching ") + Names(watched) +
                  "; deadlines every " + FormatDuration(options.tick) +
                  (*dispatcher ? ", alerts on" : ", no alert channels"));
  while (true) {
    Result<TimePoint> next = watcher.RunDue(clock.Now());
    if (!next.ok()) {
      // Only the deadline evaluation's database work (or a bad schedule) ends up here:
      // carrying on would hide breaches, so exit and let the supervisor restart or alert.
      logger.Line("exit", "", "stopping: " + next.status().message());
      return kExitFailure;
    }
    if (once || signals.requested()) break;
    // At most an hour per wait, so a clock step (NTP, suspend) is noticed within the hour.
    signals.Wait(std::clamp<Millis>(*next - clock.Now(), Millis(0), std::chrono::hours(1)));
    if (signals.requested()) break;
  }
  if (signals.requested()) {
    logger.Line("stopped", "",
                signals.signal_name() + " received; the last transaction was committed");
    return kExitOk;
  }
  return logger.errors() > 0 ? kExitFailure : kExitOk;
}

}  // namespace heed::cli
