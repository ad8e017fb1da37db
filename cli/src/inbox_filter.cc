#include "inbox_filter.h"

#include <sstream>

namespace heed::cli {

void AddInboxFilterOptions(po::options_description& desc) {
  desc.add_options()("all", "include resolved items")(
      "status", po::value<std::string>(),
      "only items in this status: new, in_progress, waiting or resolved")(
      "overdue", "only open items past their deadline")(
      "label", po::value<std::string>(), "only this tone: negative, neutral or positive")(
      "language", po::value<std::string>(), "only this language (e.g. it, en)")(
      "platform", po::value<std::string>(), "only this platform (e.g. mastodon)")(
      "assignee", po::value<std::string>(),
      "only items assigned to these initials (\"none\": unassigned)");
}

bool HasInboxFilter(const po::variables_map& vm) {
  for (const char* name :
       {"all", "status", "overdue", "label", "language", "platform", "assignee"}) {
    if (vm.count(name)) return true;
  }
  return false;
}

store::InboxQuery InboxQueryFrom(const Session& session, const po::variables_map& vm) {
  const std::string prefix = "heed " + session.command + ": ";
  store::InboxQuery query;
  query.include_resolved = vm.count("all") > 0;
  if (vm.count("platform")) query.platform = vm["platform"].as<std::string>();
  if (vm.count("language")) query.language = vm["language"].as<std::string>();
  if (vm.count("assignee")) {
    std::string assignee = vm["assignee"].as<std::string>();
    query.assignee = assignee == "none" ? "" : assignee;
  }
  if (vm.count("label")) {
    query.label = vm["label"].as<std::string>();
    if (query.label != "negative" && query.label != "neutral" && query.label != "positive") {
      throw CommandError{
          kExitUsage,
          prefix + "--label must be negative, neutral or positive, not \"" + query.label + "\""};
    }
  }
  if (vm.count("status")) {
    Result<store::ItemStatus> status = store::ParseItemStatus(vm["status"].as<std::string>());
    if (!status.ok())
      throw CommandError{kExitUsage, prefix + "--status: " + status.status().message()};
    query.status = *status;
  }
  if (vm.count("overdue")) {
    if (vm.count("status") || vm.count("all")) {
      throw CommandError{kExitUsage, prefix +
                                         "--overdue lists open items; it does not combine with "
                                         "--all or --status"};
    }
    query.overdue_at = session.clock().Now();
  }
  return query;
}

std::vector<store::InboxItem> SelectItems(Session& session, store::Store& store,
                                          const po::variables_map& vm,
                                          const std::vector<int64_t>& ids,
                                          const std::string& usage) {
  const std::string prefix = "heed " + session.command + ": ";
  if (ids.empty() && !HasInboxFilter(vm)) {
    throw CommandError{kExitUsage,
                       prefix + "which items? give ids or at least one filter: " + usage};
  }
  store::InboxQuery query = InboxQueryFrom(session, vm);
  query.ids = ids;
  // Named ids are acted on whatever their status, unless a filter says otherwise.
  if (!ids.empty() && !vm.count("status") && !vm.count("overdue")) query.include_resolved = true;
  Result<std::vector<store::InboxItem>> items = store.ListInbox(query);
  if (!items.ok()) session.Fail(items.status());
  for (int64_t id : ids) {
    bool found = false;
    for (const store::InboxItem& item : *items) found = found || item.stored.id == id;
    if (!found) {
      throw CommandError{kExitFailure, prefix + "item " + std::to_string(id) +
                                           " does not exist or does not match the filters; "
                                           "nothing was changed"};
    }
  }
  return std::move(items).value();
}

std::vector<int64_t> ParseIdList(const Session& session, const std::vector<std::string>& texts) {
  std::vector<int64_t> ids;
  for (const std::string& text : texts) {
    std::string spaced = text;
    for (char& c : spaced) c = c == ',' ? ' ' : c;
    std::istringstream words(spaced);
    std::string word;
    while (words >> word) ids.push_back(ParseMentionId(session, word));
  }
  return ids;
}

}  // namespace heed::cli
