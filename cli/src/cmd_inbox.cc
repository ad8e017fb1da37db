// heed inbox / heed show: what needs an answer, and everything about one item.
#include "commands.h"
#include "render.h"

namespace heed::cli {

int RunInbox(Session& session, const Args& args) {
  po::options_description desc("heed inbox options");
  desc.add_options()("all", "include resolved items")(
      "status", po::value<std::string>(),
      "only items in this status: new, in_progress, waiting or resolved")(
      "overdue", "only open items past their deadline")(
      "label", po::value<std::string>(), "only this tone: negative, neutral or positive")(
      "language", po::value<std::string>(), "only this language (e.g. it, en)")(
      "platform", po::value<std::string>(), "only this platform (e.g. mastodon)")(
      "limit", po::value<size_t>()->default_value(0), "at most N items (0: all)")(
      "json", "machine-readable output")("color", po::value<std::string>()->default_value("auto"),
                                         "auto, always or never (NO_COLOR is honoured)");
  AddCommonOptions(desc);
  po::variables_map vm;
  if (!ParseArgs(session, args, desc, {}, vm,
                 "heed inbox [--all | --status S | --overdue] [--label L] [--language LANG] "
                 "[--platform P] [--limit N] [--json] [--color WHEN]")) {
    return kExitOk;
  }
  ColorMode color = ParseColorMode("inbox", vm["color"].as<std::string>());
  store::InboxQuery query;
  query.include_resolved = vm.count("all") > 0;
  query.limit = vm["limit"].as<size_t>();
  if (vm.count("platform")) query.platform = vm["platform"].as<std::string>();
  if (vm.count("language")) query.language = vm["language"].as<std::string>();
  if (vm.count("label")) {
    query.label = vm["label"].as<std::string>();
    if (query.label != "negative" && query.label != "neutral" && query.label != "positive") {
      throw CommandError{kExitUsage,
                         "heed inbox: --label must be negative, neutral or positive, "
                         "not \"" +
                             query.label + "\""};
    }
  }
  if (vm.count("status")) {
    Result<store::ItemStatus> status = store::ParseItemStatus(vm["status"].as<std::string>());
    if (!status.ok()) {
      throw CommandError{kExitUsage, "heed inbox: --status: " + status.status().message()};
    }
    query.status = *status;
  }
  if (vm.count("overdue")) {
    if (vm.count("status") || vm.count("all")) {
      throw CommandError{kExitUsage,
                         "heed inbox: --overdue lists open items; it does not combine "
                         "with --all or --status"};
    }
    query.overdue_at = session.clock().Now();
  }
  // Arguments are checked before the database is opened, so a typo is a usage error (exit 2)
  // even where no database exists yet.
  std::unique_ptr<store::Store> store = session.OpenStore();
  Result<std::vector<store::InboxItem>> items = store->ListInbox(query);
  if (!items.ok()) session.Fail(items.status());
  TimePoint now = session.clock().Now();
  if (vm.count("json")) {
    PrintInboxJson(session.context.out, *items, now);
  } else {
    PrintInboxTable(session.context.out, *items, now, UseColor(color, session.context));
  }
  return kExitOk;
}

int RunShow(Session& session, const Args& args) {
  po::options_description desc("heed show options");
  desc.add_options()("id", po::value<std::string>(), "item id (from heed inbox)")(
      "json", "machine-readable output")("color", po::value<std::string>()->default_value("auto"),
                                         "auto, always or never");
  AddCommonOptions(desc);
  po::positional_options_description positional;
  positional.add("id", 1);
  po::variables_map vm;
  if (!ParseArgs(session, args, desc, positional, vm, "heed show ID [--json]")) return kExitOk;
  if (!vm.count("id")) throw CommandError{kExitUsage, "heed show: which item? usage: heed show ID"};
  int64_t id = ParseMentionId(session, vm["id"].as<std::string>());
  ColorMode color = ParseColorMode("show", vm["color"].as<std::string>());
  std::unique_ptr<store::Store> store = session.OpenStore();
  Result<store::MentionDetail> detail = store->GetDetail(id);
  if (!detail.ok()) session.Fail(detail.status());
  if (vm.count("json")) {
    PrintDetailJson(session.context.out, *detail, session.clock().Now());
  } else {
    PrintDetail(session.context.out, *detail, session.clock().Now(),
                UseColor(color, session.context));
  }
  return kExitOk;
}

}  // namespace heed::cli
