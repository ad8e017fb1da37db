#include "heed/cli/cli.h"

#include <filesystem>
#include <functional>
#include <iostream>
#include <map>

#include "commands.h"
#include "heed/app/sla_engine.h"
#include "heed/connectors/connector.h"
#include "heed/core/text.h"

namespace heed::cli {
namespace {

struct CommandInfo {
  const char* name;
  const char* summary;
  int (*run)(Session&, const Args&);
};

constexpr CommandInfo kCommands[] = {
    {"init", "create the config file and the database", RunInit},
    {"scan", "poll every configured connector once", RunScan},
    {"watch", "the daemon: scan on a schedule, check deadlines, send alerts", RunWatch},
    {"inbox", "open items, most urgent first", RunInbox},
    {"show", "everything about one item: text, score explained, deadline, replies, notes", RunShow},
    {"reply", "answer an item publicly on its platform", RunReply},
    {"note", "add a signed internal note to an item", RunNote},
    {"resolve", "mark items resolved (by ids or by filter)", RunResolve},
    {"status", "set items new, in_progress, waiting (pauses the SLA clock) or resolved", RunStatus},
    {"assign", "give items to an operator (by ids or by filter)", RunAssign},
    {"customer", "link a person's handles across platforms; show their whole history", RunCustomer},
    {"approve", "approve (and post) a reply that needs a second operator", RunApprove},
    {"outbox", "replies not yet on their platform: list, retry, confirm", RunOutbox},
    {"report", "volume, sentiment, reply times, SLA and breaches for a period", RunReport},
    {"demo", "run the whole flow against a local sandbox", RunDemo},
    {"sandbox", "run the local platform emulator", RunSandbox},
    {"score", "score texts (argument or stdin lines): label, compound, urgency, why", RunScore},
};

void PrintUsage(std::ostream& out) {
  out << "heed: listen to what people say about your brand, and answer publicly in time.\n\n"
         "usage: heed COMMAND [options]      (heed COMMAND --help for a command's options)\n\n"
         "commands:\n";
  for (const CommandInfo& c : kCommands) {
    out << "  " << c.name << std::string(10 - std::string_view(c.name).size(), ' ') << c.summary
        << "\n";
  }
  out << "\nexit codes: 0 ok, 1 operation failed, 2 usage error, 3 database or config unusable,\n"
         "            4 (scan) items are past their deadline\n";
}

std::string XdgDir(const CliContext& context, const char* xdg_var, const char* home_suffix) {
  if (auto dir = context.Env(xdg_var); dir && !dir->empty() && dir->front() == '/') return *dir;
  std::string home = context.Env("HOME").value_or("");
  if (home.empty()) home = ".";
  return home + "/" + home_suffix;
}

}  // namespace

std::string DefaultDbPath(const CliContext& context) {
  if (auto db = context.Env("HEED_DB"); db && !db->empty()) return *db;
  return XdgDir(context, "XDG_DATA_HOME", ".local/share") + "/heed/heed.db";
}

std::string DefaultConfigPath(const CliContext& context) {
  if (auto config = context.Env("HEED_CONFIG"); config && !config->empty()) return *config;
  return XdgDir(context, "XDG_CONFIG_HOME", ".config") + "/heed/heed.conf";
}

void AddCommonOptions(po::options_description& desc) {
  desc.add_options()("db", po::value<std::string>(),
                     "database file (default: $HEED_DB, "
                     "else store.path from the config, else "
                     "$XDG_DATA_HOME/heed/heed.db)")(
      "config", po::value<std::string>(),
      "config file (default: $HEED_CONFIG, else $XDG_CONFIG_HOME/heed/heed.conf)")(
      "help,h", "show this help");
}

bool ParseArgs(Session& session, const Args& args, const po::options_description& desc,
               const po::positional_options_description& positional, po::variables_map& vm,
               const std::string& usage) {
  try {
    po::store(po::command_line_parser(args).options(desc).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw CommandError{kExitUsage, "heed " + session.command + ": " + e.what() + "\n(see heed " +
                                       session.command + " --help)"};
  }
  if (vm.count("help")) {
    session.context.out << "usage: " << usage << "\n\n" << desc << "\n";
    return false;
  }
  session.config_explicit = vm.count("config") > 0;
  session.config_path =
      session.config_explicit ? vm["config"].as<std::string>() : DefaultConfigPath(session.context);
  if (vm.count("db")) {
    session.db_path = vm["db"].as<std::string>();
  } else if (auto env_db = session.context.Env("HEED_DB"); env_db && !env_db->empty()) {
    session.db_path = *env_db;
  } else {
    std::error_code ec;
    if (std::filesystem::exists(session.config_path, ec)) {
      app::Config config = session.LoadConfig();
      if (!config.store_path.empty()) session.db_path = config.store_path;
    }
    if (session.db_path.empty()) session.db_path = DefaultDbPath(session.context);
  }
  return true;
}

std::string OperatorInitials(const Session& session, const po::variables_map& vm) {
  if (vm.count("by")) return vm["by"].as<std::string>();
  if (auto op = session.context.Env("HEED_OPERATOR"); op && !op->empty()) return *op;
  return session.context.Env("USER").value_or("");
}

void RefreshSla(Session& session, store::Store& store, int64_t mention_id) {
  app::Config config = session.LoadConfig();
  app::SlaEngine engine(store, session.clock(), app::SlaSetup{config.sla, config.calendars});
  Result<std::vector<app::FiredStage>> fired = engine.EvaluateItem(mention_id);
  if (!fired.ok()) {
    session.context.err << "heed " << session.command
                        << ": warning: deadlines not updated: " << fired.status().message() << "\n";
  }
}

int64_t ParseMentionId(const Session& session, const std::string& text) {
  int64_t id = 0;
  bool valid = !text.empty() && text.size() <= 15;
  for (char c : text) valid = valid && c >= '0' && c <= '9';
  if (valid) id = std::stoll(text);
  if (!valid || id <= 0) {
    throw CommandError{kExitUsage, "heed " + session.command + ": \"" + text +
                                       "\" is not an item id (a positive number from heed inbox)"};
  }
  return id;
}

app::Config Session::LoadConfig() const {
  std::error_code ec;
  if (!config_explicit && !std::filesystem::exists(config_path, ec)) return app::Config{};
  Result<app::Config> config = app::LoadConfigFile(config_path);
  if (!config.ok())
    throw CommandError{kExitData, "heed " + command + ": " + config.status().message()};
  // Said once per command, however often the config is read.
  if (!permissions_checked_) {
    permissions_checked_ = true;
    for (const std::string& warning : app::PermissionWarnings(*config, config_path)) {
      context.err << "heed " << command << ": warning: " << warning << "\n";
    }
  }
  return std::move(config).value();
}

std::unique_ptr<store::Store> Session::OpenStoreAt(const std::string& path) const {
  Result<std::unique_ptr<store::Store>> opened =
      store::Store::Open(path, store::Store::OpenMode::kMustExist);
  if (!opened.ok()) {
    std::string hint = opened.status().code() == StatusCode::kNotFound
                           ? " (run `heed init` first, or pass --db)"
                           : "";
    throw CommandError{kExitData, "heed " + command + ": " + opened.status().message() + hint};
  }
  return std::move(opened).value();
}

HttpTransport& Session::Transport() {
  if (context.transport) return *context.transport;
  if (!owned_transport_) owned_transport_ = connectors::MakeCpprestTransport();
  return *owned_transport_;
}

void Session::Fail(const Status& status) const {
  int code = kExitFailure;
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
      code = kExitUsage;
      break;
    case StatusCode::kDataLoss:
      code = kExitData;
      break;
    default:
      break;
  }
  throw CommandError{code, "heed " + command + ": " + status.message()};
}

int RunCli(const std::vector<std::string>& args, CliContext& context) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    PrintUsage(args.empty() ? context.err : context.out);
    return args.empty() ? kExitUsage : kExitOk;
  }
  if (args[0] == "--version") {
    context.out << "heed 0.1.0\n";
    return kExitOk;
  }
  for (const CommandInfo& c : kCommands) {
    if (args[0] != c.name) continue;
    Session session(context, c.name);
    try {
      return c.run(session, Args(args.begin() + 1, args.end()));
    } catch (const CommandError& e) {
      // Messages may quote what the user typed or what a platform sent: neutralised.
      context.err << ForTerminal(e.message, /*keep_newlines=*/true) << "\n";
      return e.exit_code;
    } catch (const std::exception& e) {
      context.err << "heed " << c.name << ": unexpected error: " << ForTerminal(e.what()) << "\n";
      return kExitFailure;
    }
  }
  context.err << "heed: unknown command \"" << args[0] << "\"\n\n";
  PrintUsage(context.err);
  return kExitUsage;
}

}  // namespace heed::cli
