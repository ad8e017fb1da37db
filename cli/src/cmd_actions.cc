// heed reply / note / resolve: what staff do to an item. Everything is appended; nothing is
// ever deleted or hidden.
#include "commands.h"
#include "heed/app/connector_set.h"
#include "heed/responder/responder.h"
#include "heed/sentiment/scorer.h"
#include "reply_compose.h"

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

// The reply to post: --text, a rendered --template, or what the operator writes in $EDITOR.
// Throws CommandError for a bad template (usage) or when the editor left it empty (failure).
std::string ComposeReply(Session& session, const po::variables_map& vm, int64_t id,
                         const store::InboxItem& item, const std::string& language) {
  if (vm.count("text")) return vm["text"].as<std::string>();
  const std::vector<std::string> overrides =
      vm.count("var") ? vm["var"].as<std::vector<std::string>>() : std::vector<std::string>{};
  const std::string file = vm.count("templates") ? vm["templates"].as<std::string>() : "";
  responder::TemplateSet templates = LoadTemplates(file);
  const std::map<std::string, std::string> vars = ReplyVariables(item.stored, overrides);
  if (vm.count("template")) {
    const std::string name = vm["template"].as<std::string>();
    Result<responder::RenderedTemplate> rendered = templates.Render(name, language, vars);
    if (!rendered.ok()) {
      throw CommandError{kExitUsage, "heed reply: " + rendered.status().message() +
                                         (rendered.status().code() == StatusCode::kInvalidArgument
                                              ? " (add --var KEY=VALUE)"
                                              : "")};
    }
    session.context.err << "heed reply: template \"" << name << "\" in " << rendered->language
                        << (rendered->fallback
                                ? " (none in " +
                                      (language.empty() ? "the post's language" : language) + ")"
                                : "")
                        << "\n";
    return rendered->text;
  }
  Result<responder::RenderedTemplate> suggestion =
      templates.Render(SuggestedTemplate(item.score ? item.score->label : ""), language, vars);
  std::string text = StripComments(EditInEditor(
      session.context, EditorPrefill(id, item, language, suggestion.ok() ? suggestion->text : "")));
  if (text.empty()) throw CommandError{kExitFailure, "heed reply: empty reply, nothing posted"};
  return text;
}

}  // namespace

int RunReply(Session& session, const Args& args) {
  const std::string usage =
      "heed reply ID [--text TEXT | --template NAME [--var KEY=VALUE ...]] [--by INITIALS] "
      "[--force] [--check] [--replace | --manual] [--templates FILE]";
  po::options_description desc("heed reply options");
  desc.add_options()("text,t", po::value<std::string>(),
                     "the public reply (without --text or --template: write it in $EDITOR)")(
      "template", po::value<std::string>(),
      "start from a canned reply in the author's language: acknowledgement, apology, refund, "
      "thanks, follow_up, resolved, or one of --templates FILE")(
      "var", po::value<std::vector<std::string>>(),
      "KEY=VALUE for a template variable (name, handle, platform and ticket are filled in)")(
      "templates", po::value<std::string>(),
      "a templates file adding to (and overriding by name) the built-in ones")(
      "check",
      "only check the reply (length, tone, greeting, apology, language): exit 0 if "
      "it passes, 1 with warnings; nothing is posted")("force",
                                                       "post even though the reply check warns")(
      "replace", "confirm overwriting the platform's existing reply (review sites keep one)")(
      "manual",
      "record a reply you posted by hand on the platform (read-only sources; not checked)")(
      "by", po::value<std::string>(), "your initials (default: $HEED_OPERATOR, else $USER)");
  po::positional_options_description positional;
  positional.add("id", 1);
  po::variables_map vm;
  std::optional<int64_t> item_id = ParseItemCommand(session, args, desc, positional, vm, usage);
  if (!item_id) return kExitOk;
  const int64_t id = *item_id;
  if (vm.count("text") && vm.count("template")) {
    throw CommandError{kExitUsage, "heed reply: use --text or --template, not both: " + usage};
  }
  if (!vm.count("text") && !vm.count("template") &&
      (!session.context.in_is_tty || !session.context.out_is_tty)) {
    throw CommandError{kExitUsage,
                       "heed reply: the reply text is missing (not on a terminal, so no "
                       "$EDITOR): " +
                           usage};
  }
  if (vm.count("var") && !vm.count("template")) {
    throw CommandError{kExitUsage, "heed reply: --var fills a --template's variables: " + usage};
  }
  if (vm.count("manual") && vm.count("replace")) {
    throw CommandError{kExitUsage,
                       "heed reply: --manual records a reply you already posted; it cannot "
                       "--replace anything on the platform. Use one of them."};
  }
  std::unique_ptr<store::Store> store = session.OpenStore();
  Result<store::MentionDetail> detail = store->GetDetail(id);
  if (!detail.ok()) session.Fail(detail.status());
  const store::InboxItem& item = detail->item;
  const Mention& mention = item.stored.mention;
  const std::string language =
      !mention.language.empty() ? mention.language : (item.score ? item.score->language : "");
  const std::string text = ComposeReply(session, vm, id, item, language);

  // The reply check. A reply recorded with --manual is already public: checking it would only
  // get in the way of recording it, unless asked for with --check.
  if (!vm.count("manual") || vm.count("check")) {
    Result<std::unique_ptr<sentiment::Scorer>> scorer = sentiment::Scorer::CreateDefault();
    if (!scorer.ok()) session.Fail(scorer.status());
    const std::vector<responder::ReplyWarning> warnings = responder::CheckReply(
        **scorer,
        {text, mention.platform, language, item.score ? item.score->label : "",
         mention.author.display_name.empty() ? mention.author.handle : mention.author.display_name,
         mention.text});
    PrintWarnings(session.context.err, warnings);
    if (vm.count("check")) {
      session.context.out << "Reply check for #" << id << ": "
                          << (warnings.empty() ? "ok"
                                               : std::to_string(warnings.size()) + " warning(s)")
                          << "\n";
      return warnings.empty() ? kExitOk : kExitFailure;
    }
    if (!warnings.empty() && !vm.count("force")) {
      throw CommandError{kExitFailure,
                         "heed reply: not posted: the reply check found " +
                             std::to_string(warnings.size()) +
                             " problem(s). Edit the reply, or add --force to post it as it is."};
    }
  }
  if (vm.count("manual")) {
    responder::Responder responder(*store, session.clock());
    Result<store::ReplyRecord> reply =
        responder.RecordManualReply(id, text, OperatorFrom(session, vm));
    if (!reply.ok()) session.Fail(reply.status());
    session.context.out << "Recorded your reply to #" << id << " (posted by hand, reply "
                        << reply->id << ")\n";
    return kExitOk;
  }
  app::Config config = session.LoadConfig();
  Status secrets = app::ResolveSecrets(
      config, [&](const std::string& name) { return session.context.Env(name); });
  if (!secrets.ok()) session.Fail(secrets);
  Result<std::unique_ptr<app::ConnectorSet>> set =
      app::ConnectorSet::Create(config, session.Transport(), session.clock());
  if (!set.ok()) session.Fail(set.status());

  responder::Responder responder(*store, session.clock());
  Result<store::ReplyRecord> reply =
      responder.Reply(id, text, OperatorFrom(session, vm), **set, vm.count("replace") > 0);
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
