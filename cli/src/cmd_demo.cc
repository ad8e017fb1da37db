// heed demo: the whole job end to end on the embedded default store, against a local sandbox:
// init -> scan -> inbox -> reply to the most urgent item -> note -> resolve -> show.
// It drives the same commands a person would type, so the demo proves the real paths work.
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "commands.h"
#include "heed/sandbox/sandbox.h"

namespace heed::cli {
namespace {

constexpr const char* kDemoTokenVariable = "HEED_DEMO_TOKEN";

// Two kinds of source: social mentions (Mastodon) and app-store reviews with star ratings
// (Google Play, whose one public reply per review a new reply replaces).
std::string DemoConfig(const sandbox::Sandbox& sandbox, const std::string& db_path) {
  return "[store]\npath = " + db_path +
         "\n\n[policy]\nnegative = 1h\nquestion = 4h\nneutral = 4h\npositive = none\n\n"
         "[connector.mastodon]\nplatform = mastodon\nbase_url = " +
         sandbox.PlatformUrl("mastodon") + "\nfeed = mentions\ntoken_env = " + kDemoTokenVariable +
         "\n\n[connector.google-play]\nplatform = google_play\nbase_url = " +
         sandbox.PlatformUrl("google_play") +
         "\nfeed = app:com.acme.app\ntoken_env = " + kDemoTokenVariable + "\n";
}

// A positive, professional public answer in the author's language.
std::string DemoReply(const Mention& mention) {
  // Greet by first name, as a person would: "Ciao Lorenzo", not "Ciao lorenzo rossi".
  std::string name = mention.author.display_name;
  if (name.empty()) name = mention.author.handle.substr(0, mention.author.handle.find('@'));
  name = name.substr(0, name.find(' '));
  if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') name[0] = static_cast<char>(name[0] - 32);
  if (mention.language == "it") {
    return "Ciao " + name +
           ", grazie per averci scritto e ci scusiamo per il disagio. Ti abbiamo appena "
           "mandato un messaggio privato: risolviamo insieme entro oggi.";
  }
  return "Hi " + name +
         ", thank you for telling us, and we're sorry for the trouble. We've just sent you a "
         "direct message so we can put this right today.";
}

}  // namespace

int RunDemo(Session& session, const Args& args) {
  po::options_description desc("heed demo options");
  desc.add_options()("dir", po::value<std::string>(),
                     "keep the demo's config and database here (default: a temporary directory, "
                     "removed afterwards)")("seed", po::value<uint64_t>()->default_value(7),
                                            "sandbox content seed")(
      "posts", po::value<int>()->default_value(6), "posts per sandbox feed")(
      "faults", po::value<std::string>()->default_value("429:0.1,500:0.1"),
      "faults the sandbox injects (see heed sandbox --help); heed retries them")(
      "color", po::value<std::string>()->default_value("auto"), "auto, always or never")(
      "help,h", "show this help");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(desc).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw CommandError{kExitUsage, std::string("heed demo: ") + e.what()};
  }
  CliContext& context = session.context;
  if (vm.count("help")) {
    context.out << "usage: heed demo [--dir DIR] [--seed S] [--posts N]\n\n" << desc << "\n";
    return kExitOk;
  }
  int posts = vm["posts"].as<int>();
  if (posts < 1 || posts > 10000) {
    throw CommandError{kExitUsage, "heed demo: --posts must be from 1 to 10000"};
  }
  namespace fs = std::filesystem;
  bool temporary = !vm.count("dir");
  std::string dir;
  if (temporary) {
    std::string pattern = (fs::temp_directory_path() / "heed-demo-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw CommandError{kExitFailure, "heed demo: cannot create a temporary directory"};
    }
    dir = pattern;
  } else {
    dir = vm["dir"].as<std::string>();
    std::error_code ec;
    fs::create_directories(dir, ec);
  }
  const std::string db = dir + "/heed.db";
  const std::string config = dir + "/heed.conf";

  sandbox::SandboxOptions options;
  options.seed = vm["seed"].as<uint64_t>();
  options.post_count = posts;
  options.clock = &session.clock();
  // Recent posts, as a team starting its shift would see: with the default policy every
  // negative post (1h budget) falls due before any neutral one (4h).
  options.history_span = std::chrono::minutes(150);
  Result<sandbox::FaultRates> faults = sandbox::ParseFaultSpec(vm["faults"].as<std::string>());
  if (!faults.ok()) {
    throw CommandError{kExitUsage, "heed demo: --faults: " + faults.status().message()};
  }
  options.faults = *faults;
  Result<std::unique_ptr<sandbox::Sandbox>> sandbox = sandbox::Sandbox::Start(options);
  if (!sandbox.ok()) session.Fail(sandbox.status());
  {
    std::ofstream file(config);
    file << DemoConfig(**sandbox, db);
  }
  // Owner-only, as heed asks of every config (it may name token files).
  std::filesystem::permissions(
      config, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);

  // The demo's token lives only in this process's lookup, never in argv or the real environment.
  CliContext demo = context;
  demo.env = [&context](const std::string& name) -> std::optional<std::string> {
    if (name == kDemoTokenVariable) return std::string("sandbox-demo-token");
    return context.Env(name);
  };
  const std::string color = "--color=" + vm["color"].as<std::string>();
  auto step = [&](const std::string& title, const std::vector<std::string>& command) {
    context.out << "\n\u25b6 " << title << "\n  $ heed";
    for (const std::string& arg : command) {
      bool quote = arg.find(' ') != std::string::npos;
      context.out << " " << (quote ? "\"" + arg + "\"" : arg);
    }
    context.out << "\n\n";
    std::vector<std::string> full = command;
    full.insert(full.end(), {"--config", config});
    int code = RunCli(full, demo);
    // The sandbox's posts are hours old, so some are already past their deadline: that is
    // what `heed scan` reports with exit code 4, and what the demo goes on to show.
    if (code == kExitBreached && command.front() == "scan") {
      context.out << "  (exit 4: some items are already past their reply deadline)\n";
      return;
    }
    if (code != kExitOk) {
      throw CommandError{
          code, "heed demo: step \"" + title + "\" failed (exit " + std::to_string(code) + ")"};
    }
  };

  context.out << "heed demo: a local sandbox emulating Mastodon and Google Play is running at "
              << (*sandbox)->base_url() << " (seed " << options.seed << ", " << posts
              << " mentions and " << posts << " app reviews";
  if (options.faults.any()) context.out << "; it also answers some requests with 429 or 503";
  context.out << ").\nWorking directory: " << dir << "\n";
  step("Create the config and the database", {"init"});
  step("Scan every connector once", {"scan"});
  step("The inbox: most urgent first (red = new, yellow = in progress, green = resolved)",
       {"inbox", color});

  int64_t urgent_id = 0;
  std::string reply_text;
  std::string identity;  // platform:handle of its author, for the customer card
  bool has_owner_reply = false;
  {
    std::unique_ptr<store::Store> store = session.OpenStoreAt(db);
    store::InboxQuery query;
    query.limit = 1;
    Result<std::vector<store::InboxItem>> top = store->ListInbox(query);
    if (!top.ok() || top->empty()) {
      throw CommandError{kExitFailure, "heed demo: the scan stored nothing to answer"};
    }
    urgent_id = top->front().stored.id;
    reply_text = DemoReply(top->front().stored.mention);
    has_owner_reply = !top->front().stored.mention.owner_reply.empty();
    const Mention& m = top->front().stored.mention;
    identity = m.platform + ":" + (m.author.handle.empty() ? m.author.id : m.author.handle);
  }
  const std::string id = std::to_string(urgent_id);
  step("Take it: assign the most urgent item to yourself",
       {"assign", id, "--to", "DM", "--by", "DM"});
  if (has_owner_reply) {
    // A review site keeps one public answer per review: replacing it needs the operator's
    // explicit confirmation, and the old text stays in heed's history.
    step(
        "Answer the most urgent item publicly, in its author's language (it already has a "
        "public answer on the store: --replace confirms overwriting it; heed keeps the old text)",
        {"reply", id, "--replace", "--text", reply_text, "--by", "DM"});
  } else {
    step("Answer the most urgent item publicly, in its author's language",
         {"reply", id, "--text", reply_text, "--by", "DM"});
  }
  step("Leave a signed internal note",
       {"note", id, "Customer contacted by DM; courier notified.", "--by", "DM"});
  step("Open the author's customer card, so nobody asks them to repeat their story",
       {"customer", "link", identity, "--by", "DM"});
  step("Mark it resolved", {"resolve", id, "--by", "DM"});
  step("Everything about it: text, score explained, deadline, reply, note, history",
       {"show", id, color});
  step("The customer's whole history across platforms", {"customer", "show", "--item", id});
  step("The inbox again, resolved items included", {"inbox", "--all", "--limit", "5", color});

  std::vector<sandbox::RecordedReply> replies = (*sandbox)->Replies();
  size_t violations = (*sandbox)->Violations().size();
  context.out << "\n\u25b6 What the platforms saw\n  public replies received: " << replies.size()
              << "\n  delete or hide requests: " << violations << "\n";
  if (uint64_t faults_injected = (*sandbox)->FaultsInjected(); faults_injected > 0) {
    context.out << "  429/503 faults injected, and retried by heed: " << faults_injected << "\n";
  }
  for (const sandbox::RecordedReply& r : replies) {
    context.out << "  " << r.platform << " reply " << r.id << " to " << r.in_reply_to_id << ": "
                << r.text << "\n";
  }
  if (temporary) {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  if (replies.size() != 1 || violations != 0) {
    throw CommandError{kExitFailure,
                       "heed demo: the sandbox did not see exactly one public reply "
                       "and no delete/hide request"};
  }
  context.out << "\nDemo complete.\n";
  return kExitOk;
}

}  // namespace heed::cli
