// heed scan: poll every configured connector once (cron-friendly).
#include "commands.h"
#include "heed/app/connector_set.h"
#include "heed/app/scanner.h"
#include "heed/sentiment/scorer.h"

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
  app::Scanner scanner(*store, **scorer, config.policy, session.clock());
  bool failed = false;
  for (const auto& [name, connector] : (*set)->all()) {
    if (!only.empty() && name != only) continue;
    app::ScanReport report = scanner.Scan(*connector, vm["max-pages"].as<int>());
    session.context.out << name << ": " << report.inserted << " new, " << report.updated
                        << " changed at the source, " << report.duplicates << " already stored, "
                        << report.item_errors.size() << " skipped (" << report.pages
                        << (report.pages == 1 ? " page" : " pages") << ")\n";
    constexpr size_t kMaxShown = 10;
    for (size_t i = 0; i < report.item_errors.size() && i < kMaxShown; ++i) {
      session.context.err << "heed scan: " << name
                          << ": skipped an item: " << report.item_errors[i].message() << "\n";
    }
    if (!report.error.ok()) {
      failed = true;
      session.context.err << "heed scan: " << report.error.message() << "\n";
    }
  }
  return failed ? kExitFailure : kExitOk;
}

}  // namespace heed::cli
