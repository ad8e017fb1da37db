// Internal to the CLI: one function per command, and the plumbing they share.
#pragma once

#include <boost/program_options.hpp>
#include <memory>
#include <string>
#include <vector>

#include "heed/app/config.h"
#include "heed/cli/cli.h"
#include "heed/store/store.h"

namespace heed::cli {

namespace po = boost::program_options;

using Args = std::vector<std::string>;

// Thrown inside a command to end it with an exit code after printing message to stderr.
// Caught once, in RunCli: exceptions never leave the CLI.
struct CommandError {
  int exit_code;
  std::string message;
};

// Shared per-invocation state: the context plus resolved paths.
struct Session {
  Session(CliContext& ctx, std::string name) : context(ctx), command(std::move(name)) {}

  CliContext& context;
  std::string command;  // "inbox", for messages
  std::string db_path;
  std::string config_path;
  bool config_explicit = false;

  Clock& clock() const { return context.clock ? *context.clock : RealClock(); }
  // Loads the config file; a missing default config yields an empty config, a missing explicit
  // one is an error. Exits with kExitData on a bad file.
  app::Config LoadConfig() const;
  // Opens the existing database (kExitData with a hint to run `heed init` when missing).
  std::unique_ptr<store::Store> OpenStore() const { return OpenStoreAt(db_path); }
  std::unique_ptr<store::Store> OpenStoreAt(const std::string& path) const;
  // The HTTP transport: the injected one, or the cpprestsdk transport.
  HttpTransport& Transport();
  // Throws CommandError with the exit code that fits status.
  [[noreturn]] void Fail(const Status& status) const;

 private:
  std::unique_ptr<HttpTransport> owned_transport_;
  mutable bool permissions_checked_ = false;
};

// Adds --db, --config and --help to desc.
void AddCommonOptions(po::options_description& desc);

// Parses args with desc/positional; prints help and returns false when --help was given.
// Throws CommandError(kExitUsage) naming the problem on bad arguments.
bool ParseArgs(Session& session, const Args& args, const po::options_description& desc,
               const po::positional_options_description& positional, po::variables_map& vm,
               const std::string& usage);

// The operator's initials: --by, else $HEED_OPERATOR, else $USER (empty when none is set).
std::string OperatorInitials(const Session& session, const po::variables_map& vm);

// Brings one item's SLA clocks up to date after a staff action (a reply meets the first-reply
// target, waiting pauses the clock), under the configured policy. A failure is reported on
// stderr and does not fail the action, which is already recorded.
void RefreshSla(Session& session, store::Store& store, int64_t mention_id);

// Parses a mention id argument (a positive integer) or throws a usage error.
int64_t ParseMentionId(const Session& session, const std::string& text);

// Resolves the default paths ($XDG_DATA_HOME/heed/heed.db, $XDG_CONFIG_HOME/heed/heed.conf).
std::string DefaultDbPath(const CliContext& context);
std::string DefaultConfigPath(const CliContext& context);

int RunInit(Session& session, const Args& args);
int RunScan(Session& session, const Args& args);
int RunWatch(Session& session, const Args& args);
int RunInbox(Session& session, const Args& args);
int RunShow(Session& session, const Args& args);
int RunReply(Session& session, const Args& args);
int RunNote(Session& session, const Args& args);
int RunResolve(Session& session, const Args& args);
int RunStatus(Session& session, const Args& args);
int RunDemo(Session& session, const Args& args);
int RunSandbox(Session& session, const Args& args);
int RunScore(Session& session, const Args& args);
int RunAssign(Session& session, const Args& args);
int RunCustomer(Session& session, const Args& args);
int RunApprove(Session& session, const Args& args);
int RunOutbox(Session& session, const Args& args);
int RunReport(Session& session, const Args& args);

}  // namespace heed::cli
