// heed reply / note / resolve: what staff do to an item. Everything is appended; nothing is
// ever deleted or hidden.
#include "commands.h"
#include "heed/app/connector_set.h"
#include "heed/responder/responder.h"
#include "heed/sentiment/scorer.h"
#include "inbox_filter.h"
#include "reply_compose.h"

namespace heed::cli {
namespace {

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
        responder.RecordManualReply(id, text, OperatorInitials(session, vm));
    if (!reply.ok()) session.Fail(reply.status());
    RefreshSla(session, *store, id);
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

  const std::string& approval = config.responder.require_approval;
  const bool negative = item.score && item.score->label == "negative";
  responder::ReplyOptions options{
      .replace_existing = vm.count("replace") > 0,
      .requires_approval = approval == "all" || (approval == "negative" && negative)};
  responder::Responder responder(*store, session.clock());
  Result<store::ReplyRecord> reply =
      responder.Reply(id, text, OperatorInitials(session, vm), **set, options);
  if (!reply.ok()) session.Fail(reply.status());
  if (options.requires_approval) {
    session.context.out << "Reply " << reply->id << " to #" << id
                        << " recorded; it needs a second operator: heed approve " << reply->id
                        << " --by INITIALS\n";
    return kExitOk;
  }
  RefreshSla(session, *store, id);
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

namespace {

// Appends `status` to each selected item (ids and/or inbox filters), in one transaction, then
// brings their SLA clocks up to date (waiting pauses them, anything else resumes).
int SetStatusOfItems(Session& session, const Args& args, std::optional<store::ItemStatus> fixed) {
  const std::string usage =
      fixed ? "heed resolve [ID...] [filters] [--by INITIALS]"
            : "heed status (new|in_progress|waiting|resolved) [ID...] [filters] [--by INITIALS]";
  po::options_description desc("heed " + session.command + " options");
  desc.add_options()("status-name", po::value<std::string>(), "the new status")(
      "ids", po::value<std::vector<std::string>>(), "item ids (from heed inbox)")(
      "by", po::value<std::string>(), "your initials (default: $HEED_OPERATOR, else $USER)");
  AddInboxFilterOptions(desc);
  AddCommonOptions(desc);
  po::positional_options_description positional;
  if (!fixed) positional.add("status-name", 1);
  positional.add("ids", -1);
  po::variables_map vm;
  if (!ParseArgs(session, args, desc, positional, vm, usage)) return kExitOk;
  store::ItemStatus status = store::ItemStatus::kResolved;
  if (fixed) {
    status = *fixed;
  } else {
    if (!vm.count("status-name"))
      throw CommandError{kExitUsage, "heed status: which status? " + usage};
    Result<store::ItemStatus> parsed = store::ParseItemStatus(vm["status-name"].as<std::string>());
    if (!parsed.ok()) throw CommandError{kExitUsage, "heed status: " + parsed.status().message()};
    status = *parsed;
  }
  std::vector<int64_t> ids = vm.count("ids")
                                 ? ParseIdList(session, vm["ids"].as<std::vector<std::string>>())
                                 : std::vector<int64_t>{};
  if (ids.empty() && !HasInboxFilter(vm)) {
    throw CommandError{kExitUsage, "heed " + session.command + ": which items? " + usage};
  }
  InboxQueryFrom(session, vm);  // bad filter values are usage errors before the store opens
  const std::string by = OperatorInitials(session, vm);
  std::unique_ptr<store::Store> store = session.OpenStore();
  std::vector<store::InboxItem> items = SelectItems(session, *store, vm, ids, usage);
  responder::Responder responder(*store, session.clock());
  int changed = 0;
  Status done = store->InTransaction([&]() -> Status {
    for (const store::InboxItem& item : items) {
      if (item.status == status) continue;
      HEED_RETURN_IF_ERROR(responder.SetStatus(item.stored.id, status, by));
      ++changed;
    }
    return Status::Ok();
  });
  if (!done.ok()) session.Fail(done);
  for (const store::InboxItem& item : items) RefreshSla(session, *store, item.stored.id);
  if (items.size() == 1 && ids.size() == 1) {
    session.context.out << "#" << ids[0] << " " << store::ItemStatusName(status)
                        << (changed == 0 ? " already" : "") << "\n";
  } else {
    session.context.out << changed << " item" << (changed == 1 ? "" : "s") << " now "
                        << store::ItemStatusName(status) << " (" << items.size() << " selected)\n";
  }
  return kExitOk;
}

}  // namespace

int RunResolve(Session& session, const Args& args) {
  return SetStatusOfItems(session, args, store::ItemStatus::kResolved);
}

int RunStatus(Session& session, const Args& args) {
  return SetStatusOfItems(session, args, std::nullopt);
}

}  // namespace heed::cli
