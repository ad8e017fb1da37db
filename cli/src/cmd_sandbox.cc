// heed sandbox: run the local platform emulator until SIGINT or SIGTERM.
#include <pthread.h>
#include <signal.h>

#include "commands.h"
#include "heed/responder/deadline_policy.h"
#include "heed/sandbox/sandbox.h"

namespace heed::cli {

int RunSandbox(Session& session, const Args& args) {
  po::options_description desc("heed sandbox options");
  desc.add_options()("port", po::value<uint16_t>()->default_value(0),
                     "loopback port to listen on (0: any free port)")(
      "seed", po::value<uint64_t>()->default_value(1), "content seed: same seed, same posts")(
      "posts", po::value<int>()->default_value(60), "posts per feed")(
      "brand", po::value<std::string>()->default_value("acme"), "brand handle and hashtag")(
      "faults", po::value<std::string>()->default_value(""),
      "inject faults into platform responses: KIND[:RATE],... with KIND 429, 500, timeout, "
      "malformed, truncate, html, slow, loop or utf8 (rate 0..1, default 0.1), e.g. "
      "429:0.05,500,malformed")(
      "fault-scope", po::value<std::string>()->default_value("all"),
      "which requests faults hit: all, reads (GET) or writes (POST/PUT/PATCH)")(
      "fault-delay", po::value<std::string>()->default_value("20s"),
      "how long a timeout fault stalls before answering 504, or a slow one before answering")(
      "history", po::value<std::string>()->default_value("18h"),
      "how far back the generated posts go (e.g. 90m, 18h, 3d)")("help,h", "show this help");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(desc).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw CommandError{kExitUsage, std::string("heed sandbox: ") + e.what()};
  }
  if (vm.count("help")) {
    session.context.out << "usage: heed sandbox [--port N] [--seed S] [--posts N]\n\n"
                        << desc << "\n";
    return kExitOk;
  }
  int posts = vm["posts"].as<int>();
  if (posts < 1 || posts > 100'000) {
    throw CommandError{kExitUsage, "heed sandbox: --posts must be from 1 to 100000"};
  }
  // Block the stop signals before the server's threads start, so they inherit the mask and
  // only sigwait below sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  sandbox::SandboxOptions options;
  options.port = vm["port"].as<uint16_t>();
  options.seed = vm["seed"].as<uint64_t>();
  options.post_count = posts;
  options.brand = vm["brand"].as<std::string>();
  options.clock = &session.clock();
  Result<std::optional<Millis>> history = responder::ParseBudget(vm["history"].as<std::string>());
  if (!history.ok() || !history->has_value()) {
    throw CommandError{kExitUsage, "heed sandbox: --history must be a duration such as 18h"};
  }
  options.history_span = **history;
  Result<sandbox::FaultRates> faults = sandbox::ParseFaultSpec(vm["faults"].as<std::string>());
  if (!faults.ok()) {
    throw CommandError{kExitUsage, "heed sandbox: --faults: " + faults.status().message()};
  }
  options.faults = *faults;
  const std::string scope = vm["fault-scope"].as<std::string>();
  using Scope = sandbox::FaultRates::Scope;
  if (scope == "all" || scope == "reads" || scope == "writes") {
    options.faults.scope = scope == "all"     ? Scope::kAll
                           : scope == "reads" ? Scope::kReads
                                              : Scope::kWrites;
  } else {
    throw CommandError{
        kExitUsage,
        "heed sandbox: --fault-scope must be all, reads or writes, not \"" + scope + "\""};
  }
  Result<std::optional<Millis>> delay = responder::ParseBudget(vm["fault-delay"].as<std::string>());
  if (!delay.ok() || !delay->has_value()) {
    throw CommandError{kExitUsage, "heed sandbox: --fault-delay must be a duration such as 20s"};
  }
  options.fault_delay = **delay;
  Result<std::unique_ptr<sandbox::Sandbox>> sandbox = sandbox::Sandbox::Start(options);
  if (!sandbox.ok()) session.Fail(sandbox.status());
  session.context.out << "heed sandbox: Mastodon API at " << (*sandbox)->base_url()
                      << ", other platforms at " << (*sandbox)->base_url() << "/<platform> (seed "
                      << options.seed << ", " << posts << " posts per feed). Ctrl-C stops it.\n"
                      << std::flush;
  int received = 0;
  sigwait(&stop_signals, &received);
  session.context.out << "heed sandbox: stopping; " << (*sandbox)->Requests().size()
                      << " requests served, " << (*sandbox)->Violations().size()
                      << " delete/hide attempts refused, " << (*sandbox)->FaultsInjected()
                      << " faults injected\n";
  if (options.faults.any()) {
    // One line a soak script can grep: what was injected, by --faults kind.
    session.context.err << "faults injected: " << (*sandbox)->FaultsInjectedByKind().Summary()
                        << "\n";
  }
  return kExitOk;
}

}  // namespace heed::cli
