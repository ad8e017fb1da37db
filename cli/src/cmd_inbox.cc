// heed inbox / heed show: what needs an answer, and everything about one item.
#include "commands.h"
#include "inbox_filter.h"
#include "render.h"

namespace heed::cli {

int RunInbox(Session& session, const Args& args) {
  po::options_description desc("heed inbox options");
  AddInboxFilterOptions(desc);
  desc.add_options()("limit", po::value<size_t>()->default_value(0), "at most N items (0: all)")(
      "json", "machine-readable output (JSON array)")("csv", "spreadsheet output (RFC 4180 CSV)")(
      "color", po::value<std::string>()->default_value("auto"),
      "auto, always or never (NO_COLOR is honoured)");
  AddCommonOptions(desc);
  po::variables_map vm;
  if (!ParseArgs(session, args, desc, {}, vm,
                 "heed inbox [--all | --status S | --overdue] [--label L] [--language LANG] "
                 "[--platform P] [--assignee INITIALS|none] [--limit N] [--json | --csv] "
                 "[--color WHEN]")) {
    return kExitOk;
  }
  if (vm.count("json") && vm.count("csv")) {
    throw CommandError{kExitUsage, "heed inbox: choose one of --json and --csv"};
  }
  ColorMode color = ParseColorMode("inbox", vm["color"].as<std::string>());
  store::InboxQuery query = InboxQueryFrom(session, vm);
  query.limit = vm["limit"].as<size_t>();
  // Arguments are checked before the database is opened, so a typo is a usage error (exit 2)
  // even where no database exists yet.
  std::unique_ptr<store::Store> store = session.OpenStore();
  Result<std::vector<store::InboxItem>> items = store->ListInbox(query);
  if (!items.ok()) session.Fail(items.status());
  TimePoint now = session.clock().Now();
  if (vm.count("json")) {
    PrintInboxJson(session.context.out, *items, now);
  } else if (vm.count("csv")) {
    PrintInboxCsv(session.context.out, *items, now);
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
    // The person behind the post, so nobody has to ask them to repeat their story.
    const Mention& m = detail->item.stored.mention;
    Result<std::optional<int64_t>> card = store->FindCustomer({m.platform, m.author.handle});
    if (card.ok() && *card) {
      Result<std::vector<store::TimelineEntry>> timeline = store->CustomerTimeline(**card);
      size_t posts = 0;
      if (timeline.ok()) {
        for (const store::TimelineEntry& e : *timeline) posts += e.kind == "mention";
      }
      session.context.out << "\nCustomer card #" << **card << ": " << posts
                          << " post(s) across platforms (heed customer show " << **card << ")\n";
    }
  }
  return kExitOk;
}

}  // namespace heed::cli
