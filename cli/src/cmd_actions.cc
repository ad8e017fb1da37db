// heed reply / note / resolve: what staff do to an item. Everything is appended; nothing is
// ever deleted or hidden.
#include "commands.h"
#include "heed/app/connector_set.h"
#include "heed/responder/responder.h"

namespace heed::cli {
namespace {

// The operator's initials: --by, else $HEED_OPERATOR, else $USER.
std::string OperatorFrom(const Session& session, const po::variables_map& vm) {
  if (vm.count("by")) return vm["by"].as<std::string>();
  if (auto op = session.context.Env("HEED_OPERATOR"); op && !op->empty()) return *op;
  return session.context.Env("USER").value_or("");
}

// Parses "COMMAND ID [more positionals] [options]": adds the id option, the common options and
// the positional layout, then returns the item id; nullopt when --help was printed.
std::optional<int64_t> ParseItemCommand(Session& session, const Args& args,
                                        po::options_description& desc,
                                        po::positional_options_description& positional,
                                        po::variables_map& vm, const std::string& usage) {
  desc.add_options()("id", po::value<std::string>(), "item id (from heed inbox)");
  AddCommonOptions(desc);
  if (!ParseArgs(session, args, desc, positional, vm, usage)) return std::nullopt;
  if (!vm.count("id")) {
    throw CommandError{kExitUsage, "heed " + session.command + ": which item? usage: " + usage};
  }
  return ParseMentionId(session, vm["id"].as<std::string>());
}

}  // namespace

int RunReply(Session& session, const Args& args) {
  const std::string usage = "heed reply ID --text TEXT [--by INITIALS] [--replace | --manual]";
  po::options_description desc("heed reply options");
  desc.add_options()("text,t", po::value<std::string>(), "the public reply")(
      "replace", "confirm overwriting the platform's existing reply (review sites keep one)")(
      "manual", "record a reply you posted by hand on the platform (read-only sources)")(
      "by", po::value<std::string>(), "your initials (default: $HEED_OPERATOR, else $USER)");
  po::positional_options_description positional;
  positional.add("id", 1);
  po::variables_map vm;
  std::optional<int64_t> item = ParseItemCommand(session, args, desc, positional, vm, usage);
  if (!item) return kExitOk;
  const int64_t id = *item;
  if (!vm.count("text")) {
    throw CommandError{kExitUsage, "heed reply: the reply text is missing: " + usage};
  }
  if (vm.count("manual") && vm.count("replace")) {
    throw CommandError{kExitUsage,
                       "heed reply: --manual records a reply you already posted; it cannot "
                       "--replace anything on the platform. Use one of them."};
  }
  if (vm.count("manual")) {
    std::unique_ptr<store::Store> store = session.OpenStore();
    responder::Responder responder(*store, session.clock());
    Result<store::ReplyRecord> reply =
        responder.RecordManualReply(id, vm["text"].as<std::string>(), OperatorFrom(session, vm));
    if (!reply.ok()) session.Fail(reply.status());
    session.context.out << "Recorded your reply to #" << id << " (posted by hand, reply "
                        << reply->id << ")\n";
    return kExitOk;
  }
  app::Config config = session.LoadConfig();
  Status secrets = app::ResolveSecrets(
      config, [&](const std::string& name) { return session.context.Env(name); });
  if (!secrets.ok()) session.Fail(secrets);
  std::unique_ptr<store::Store> store = session.OpenStore();
  Result<std::unique_ptr<app::ConnectorSet>> set =
      app::ConnectorSet::Create(config, session.Transport(), session.clock());
  if (!set.ok()) session.Fail(set.status());

  responder::Responder responder(*store, session.clock());
  Result<store::ReplyRecord> reply = responder.Reply(
      id, vm["text"].as<std::string>(), OperatorFrom(session, vm), **set, vm.count("replace") > 0);
  if (!reply.ok()) session.Fail(reply.status());
  session.context.out << "Replied publicly to #" << id << " (reply " << reply->id << ")"
                      << (reply->url.empty() ? "" : ": " + reply->url) << "\n";
  return kExitOk;
}

int RunNote(Session& session, const Args& args) {
  const std::string usage = "heed note ID TEXT --by INITIALS";
  po::options_description desc("heed note options");
  desc.add_options()("text", po::value<std::vector<std::string>>(),
                     "the note (internal, never published)")(
      "by", po::value<std::string>(), "your initials (required: notes are signed)");
  po::positional_options_description positional;
  positional.add("id", 1).add("text", -1);
  po::variables_map vm;
  std::optional<int64_t> item = ParseItemCommand(session, args, desc, positional, vm, usage);
  if (!item) return kExitOk;
  const int64_t id = *item;
  if (!vm.count("text")) {
    throw CommandError{kExitUsage, "heed note: the note text is missing: " + usage};
  }
  if (!vm.count("by")) {
    throw CommandError{kExitUsage, "heed note: notes are signed; add --by INITIALS"};
  }
  std::string text;
  for (const std::string& word : vm["text"].as<std::vector<std::string>>()) {
    text += (text.empty() ? "" : " ") + word;
  }
  std::unique_ptr<store::Store> store = session.OpenStore();
  responder::Responder responder(*store, session.clock());
  Result<int64_t> note = responder.Note(id, text, vm["by"].as<std::string>());
  if (!note.ok()) session.Fail(note.status());
  session.context.out << "Note added to #" << id << ", signed " << vm["by"].as<std::string>()
                      << "\n";
  return kExitOk;
}

int RunResolve(Session& session, const Args& args) {
  const std::string usage = "heed resolve ID [--by INITIALS]";
  po::options_description desc("heed resolve options");
  desc.add_options()("by", po::value<std::string>(),
                     "your initials (default: $HEED_OPERATOR, else $USER)");
  po::positional_options_description positional;
  positional.add("id", 1);
  po::variables_map vm;
  std::optional<int64_t> item = ParseItemCommand(session, args, desc, positional, vm, usage);
  if (!item) return kExitOk;
  const int64_t id = *item;
  std::unique_ptr<store::Store> store = session.OpenStore();
  responder::Responder responder(*store, session.clock());
  Status resolved =
      responder.SetStatus(id, store::ItemStatus::kResolved, OperatorFrom(session, vm));
  if (!resolved.ok()) session.Fail(resolved);
  session.context.out << "#" << id << " resolved\n";
  return kExitOk;
}

}  // namespace heed::cli
