// heed scan: poll every configured connector once (cron-friendly). SIGTERM or SIGINT (a cron
// timeout, Ctrl-C) stops it between pages: what was read is committed, the next run resumes.
// A progress bar is drawn on stderr when it is a terminal.
#include "commands.h"
#include "heed/app/alerting.h"
#include "heed/app/auto_ack.h"
#include "heed/app/connector_set.h"
#include "heed/app/scanner.h"
#include "heed/app/sla_engine.h"
#include "heed/core/text.h"
#include "heed/sentiment/scorer.h"
#include "progress_bar.h"
#include "reply_compose.h"
#include "stop_signals.h"

namespace heed::cli {

int RunScan(Session& session, const Args& args) {
  po::options_description desc("heed scan options");
  desc.add_options()("connector", po::value<std::string>(), "scan only this connector")(
      "max-pages", po::value<int>()->default_value(0),
      "pages per connector in this run (0: the connector's own bound)");
  AddCommonOptions(desc);
  po::variables_map vm;
  if (!ParseArgs(session, args, desc, {}, vm, "heed scan [--connector NAME] [--max-pages N]")) {
    return kExitOk;
  }
  app::Config config = session.LoadConfig();
  if (config.connectors.empty()) {
    throw CommandError{kExitData, "heed scan: no connectors configured in " + session.config_path +
                                      "; add a [connector.NAME] section (see the README)"};
  }
  Status secrets = app::ResolveSecrets(
      config, [&](const std::string& name) { return session.context.Env(name); });
  if (!secrets.ok()) session.Fail(secrets);

  std::unique_ptr<store::Store> store = session.OpenStore();
  Result<std::unique_ptr<sentiment::Scorer>> scorer = sentiment::Scorer::CreateDefault();
  if (!scorer.ok()) session.Fail(scorer.status());
  Result<std::unique_ptr<app::ConnectorSet>> set =
      app::ConnectorSet::Create(config, session.Transport(), session.clock());
  if (!set.ok()) session.Fail(set.status());

  std::string only = vm.count("connector") ? vm["connector"].as<std::string>() : "";
  if (!only.empty() && (*set)->Find(only) == nullptr) {
    throw CommandError{kExitUsage,
                       "heed scan: no connector named \"" + only + "\" in " + session.config_path};
  }
  app::SlaEngine engine(*store, session.clock(), app::SlaSetup{config.sla, config.calendars});
  app::Scanner scanner(*store, **scorer, engine, session.clock());
  const responder::TemplateSet templates = LoadTemplates(config.responder.templates_file);
  app::AutoAcknowledger acknowledger(*store, session.clock(), templates, config.calendars);
  std::ostream& out = session.context.out;
  std::ostream& err = session.context.err;
  StopSignals signals("heed scan");
  ProgressBar bar(err, session.context.err_is_tty);
  const int scanned_total = only.empty() ? static_cast<int>(config.connectors.size()) : 1;
  int scanned = 0;
  bool failed = false;
  for (const app::ConnectorEntry& entry : config.connectors) {
    const std::string& name = entry.connector.name;
    if (!only.empty() && name != only) continue;
    if (signals.requested()) break;
    connectors::Connector* connector = (*set)->Find(name);
    const std::string shown = ForTerminal(name);
    bar.Update(scanned, scanned_total, shown + ": reading");
    app::ScanReport report = scanner.Scan(
        *connector, vm["max-pages"].as<int>(), [&signals] { return signals.requested(); },
        [&](const app::ScanReport& so_far) {
          bar.Update(scanned, scanned_total,
                     shown + ": page " + std::to_string(so_far.pages) + ", " +
                         std::to_string(so_far.inserted) + " new");
        });
    ++scanned;
    bar.Clear();
    out << name << ": " << report.inserted << " new, " << report.updated
        << " changed at the source, " << report.duplicates << " already stored, "
        << report.item_errors.size() << " skipped (" << report.pages
        << (report.pages == 1 ? " page" : " pages") << ")\n";
    constexpr size_t kMaxShown = 10;
    for (size_t i = 0; i < report.item_errors.size() && i < kMaxShown; ++i) {
      err << "heed scan: " << name << ": skipped an item: " << report.item_errors[i].message()
          << "\n";
    }
    if (!report.error.ok()) {
      failed = true;
      err << "heed scan: " << report.error.message() << "\n";
    }
    if (signals.requested()) break;  // no new public replies once asked to stop
    Result<app::AutoAckReport> acks = acknowledger.Run(entry, **set);
    if (!acks.ok()) {
      failed = true;
      err << "heed scan: " << name << ": auto_ack: " << acks.status().message() << "\n";
    } else if (entry.auto_ack) {
      out << name << ": " << acks->posted << " acknowledged automatically"
          << (acks->waiting_for_hours
                  ? ", " + std::to_string(acks->waiting_for_hours) + " waiting for business hours"
                  : "")
          << "\n";
      for (const std::string& error : acks->errors) {
        failed = true;
        err << "heed scan: " << name << ": auto_ack: " << ForTerminal(error) << "\n";
      }
    }
  }

  if (signals.requested()) {
    // Deadlines and alerts are left to the next run: whoever stopped us wants us gone now.
    err << "heed scan: " << signals.signal_name()
        << " received; stopped after the last committed page (the next scan resumes there)\n";
    return kExitInterrupted + signals.signal_number();
  }

  // Deadlines and alerts, so cron users get them without the daemon.
  Result<std::vector<app::FiredStage>> fired = engine.EvaluateAll();
  if (!fired.ok()) session.Fail(fired.status());
  app::StoreAlertLedger ledger(*store);
  Result<std::unique_ptr<alerts::AlertDispatcher>> dispatcher = app::MakeDispatcher(
      config, session.Transport(), [&](const std::string& n) { return session.context.Env(n); },
      ledger, session.clock());
  if (!dispatcher.ok()) session.Fail(dispatcher.status());
  const TimePoint now = session.clock().Now();
  if (*dispatcher) {
    Result<app::AlertPass> pass =
        app::RunAlertPass(*store, **dispatcher, now - std::chrono::hours(24), now);
    if (!pass.ok()) session.Fail(pass.status());
    for (const std::string& error : pass->errors)
      err << "heed scan: " << ForTerminal(error) << "\n";
    failed = failed || !pass->errors.empty();
  }
  store::InboxQuery overdue;
  overdue.overdue_at = now;
  overdue.limit = 1001;
  Result<std::vector<store::InboxItem>> late = store->ListInbox(overdue);
  if (!late.ok()) session.Fail(late.status());
  out << "SLA: " << fired->size() << " new stage" << (fired->size() == 1 ? "" : "s")
      << " recorded; "
      << (late->size() > 1000 ? std::string("more than 1000") : std::to_string(late->size()))
      << " open item" << (late->size() == 1 ? "" : "s") << " past the deadline\n";
  if (failed) return kExitFailure;
  return late->empty() ? kExitOk : kExitBreached;
}

}  // namespace heed::cli
