// heed assign / heed customer: who works on an item, and who the person behind it is across
// platforms. Both only append: reassigning and relinking keep the earlier rows.
#include "commands.h"
#include "heed/core/text.h"
#include "inbox_filter.h"
#include "render.h"

namespace heed::cli {
namespace {

// "platform:handle" (the handle may itself contain ':' or '@').
store::Identity ParseIdentity(const Session& session, const std::string& text) {
  size_t colon = text.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
    throw CommandError{kExitUsage, "heed " + session.command + ": \"" + text +
                                       "\" is not PLATFORM:HANDLE (e.g. "
                                       "mastodon:giulia@mastodon.social)"};
  }
  std::string handle = text.substr(colon + 1);
  if (handle.front() == '@' && handle.size() > 1) handle.erase(0, 1);
  return {text.substr(0, colon), handle};
}

}  // namespace

int RunAssign(Session& session, const Args& args) {
  const std::string usage =
      "heed assign [ID...] (--to INITIALS | --unassign) [filters: --status S --platform P "
      "--label L --language LANG --overdue --assignee A] [--by INITIALS]";
  po::options_description desc("heed assign options");
  desc.add_options()("ids", po::value<std::vector<std::string>>(), "item ids (from heed inbox)")(
      "to", po::value<std::string>(), "the operator's initials")(
      "unassign", "take the items off anyone's list")(
      "by", po::value<std::string>(), "your initials (default: $HEED_OPERATOR, else $USER)");
  AddInboxFilterOptions(desc);
  AddCommonOptions(desc);
  po::positional_options_description positional;
  positional.add("ids", -1);
  po::variables_map vm;
  if (!ParseArgs(session, args, desc, positional, vm, usage)) return kExitOk;
  if (vm.count("to") == vm.count("unassign")) {
    throw CommandError{kExitUsage, "heed assign: give --to INITIALS or --unassign: " + usage};
  }
  const std::string assignee = vm.count("to") ? vm["to"].as<std::string>() : "";
  if (vm.count("to") && assignee.find_first_not_of(" \t") == std::string::npos) {
    throw CommandError{kExitUsage, "heed assign: --to needs the operator's initials"};
  }
  std::vector<int64_t> ids = vm.count("ids")
                                 ? ParseIdList(session, vm["ids"].as<std::vector<std::string>>())
                                 : std::vector<int64_t>{};
  const std::string by = OperatorInitials(session, vm);
  if (by.empty()) throw CommandError{kExitUsage, "heed assign: who is assigning? give --by"};
  if (ids.empty() && !HasInboxFilter(vm)) {
    throw CommandError{kExitUsage, "heed assign: which items? give ids or a filter: " + usage};
  }
  InboxQueryFrom(session, vm);  // bad filter values are usage errors before the store opens
  std::unique_ptr<store::Store> store = session.OpenStore();
  std::vector<store::InboxItem> items = SelectItems(session, *store, vm, ids, usage);
  const TimePoint now = session.clock().Now();
  int changed = 0;
  Status status = store->InTransaction([&]() -> Status {
    for (const store::InboxItem& item : items) {
      if (item.assignee == assignee) continue;
      HEED_RETURN_IF_ERROR(store->Assign({item.stored.id, assignee, by, now}));
      ++changed;
    }
    return Status::Ok();
  });
  if (!status.ok()) session.Fail(status);
  session.context.out << (assignee.empty() ? "Unassigned " : "Assigned ") << changed << " item"
                      << (changed == 1 ? "" : "s")
                      << (assignee.empty() ? "" : " to " + ForTerminal(assignee));
  if (changed < static_cast<int>(items.size())) {
    session.context.out << " (" << items.size() - changed << " already so)";
  }
  session.context.out << "\n";
  return kExitOk;
}

int RunCustomer(Session& session, const Args& args) {
  const std::string usage =
      "heed customer link PLATFORM:HANDLE... [--name NAME] [--by INITIALS]\n"
      "       heed customer show (CARD_ID | PLATFORM:HANDLE | --item ID) [--json]";
  po::options_description desc("heed customer options");
  desc.add_options()("action", po::value<std::string>(), "link or show")(
      "args", po::value<std::vector<std::string>>(), "handles, or the card")(
      "name", po::value<std::string>(), "the person's name on the card")(
      "item", po::value<std::string>(), "show the card of this item's author")(
      "json", "machine-readable output")("by", po::value<std::string>(),
                                         "your initials (default: $HEED_OPERATOR, else $USER)");
  AddCommonOptions(desc);
  po::positional_options_description positional;
  positional.add("action", 1).add("args", -1);
  po::variables_map vm;
  if (!ParseArgs(session, args, desc, positional, vm, usage)) return kExitOk;
  const std::string action = vm.count("action") ? vm["action"].as<std::string>() : "";
  std::vector<std::string> rest =
      vm.count("args") ? vm["args"].as<std::vector<std::string>>() : std::vector<std::string>{};

  if (action == "link") {
    if (rest.empty()) throw CommandError{kExitUsage, "heed customer link: which handles? " + usage};
    std::vector<store::Identity> identities;
    for (const std::string& text : rest) identities.push_back(ParseIdentity(session, text));
    const std::string by = OperatorInitials(session, vm);
    if (by.empty()) throw CommandError{kExitUsage, "heed customer link: give --by INITIALS"};
    std::unique_ptr<store::Store> store = session.OpenStore();
    const TimePoint now = session.clock().Now();
    int64_t card = 0;
    Status status = store->InTransaction([&]() -> Status {
      // The first existing card among the handles keeps its id; other cards merge into it.
      std::vector<int64_t> existing;
      for (const store::Identity& identity : identities) {
        HEED_ASSIGN_OR_RETURN(std::optional<int64_t> found, store->FindCustomer(identity));
        if (found && std::find(existing.begin(), existing.end(), *found) == existing.end()) {
          existing.push_back(*found);
        }
      }
      if (existing.empty()) {
        HEED_ASSIGN_OR_RETURN(
            card,
            store->CreateCustomer(vm.count("name") ? vm["name"].as<std::string>() : "", by, now));
      } else {
        card = existing.front();
        for (size_t k = 1; k < existing.size(); ++k) {
          HEED_RETURN_IF_ERROR(store->MergeCustomers(existing[k], card, by, now));
        }
      }
      for (const store::Identity& identity : identities) {
        HEED_ASSIGN_OR_RETURN(std::optional<int64_t> found, store->FindCustomer(identity));
        if (found != card) HEED_RETURN_IF_ERROR(store->LinkIdentity(card, identity, by, now));
      }
      return Status::Ok();
    });
    if (!status.ok()) session.Fail(status);
    Result<store::CustomerCard> linked = store->GetCustomer(card);
    if (!linked.ok()) session.Fail(linked.status());
    session.context.out << "Customer card #" << card << ": " << linked->identities.size()
                        << " handle" << (linked->identities.size() == 1 ? "" : "s") << "\n";
    return kExitOk;
  }
  if (action == "show") {
    std::unique_ptr<store::Store> store = session.OpenStore();
    std::optional<int64_t> card;
    if (vm.count("item")) {
      Result<store::StoredMention> m =
          store->GetMention(ParseMentionId(session, vm["item"].as<std::string>()));
      if (!m.ok()) session.Fail(m.status());
      Result<std::optional<int64_t>> found =
          store->FindCustomer({m->mention.platform, m->mention.author.handle});
      if (!found.ok()) session.Fail(found.status());
      if (!*found) {
        throw CommandError{kExitFailure,
                           "heed customer show: the author of item " + std::to_string(m->id) +
                               " has no card yet (heed customer link " + m->mention.platform + ":" +
                               ForTerminal(m->mention.author.handle) + " ...)"};
      }
      card = *found;
    } else if (rest.size() == 1 && rest[0].find(':') != std::string::npos) {
      const store::Identity identity = ParseIdentity(session, rest[0]);
      Result<std::optional<int64_t>> found = store->FindCustomer(identity);
      if (!found.ok()) session.Fail(found.status());
      if (!*found) {
        // No card yet: the handle's own history is still worth showing.
        Result<std::vector<store::TimelineEntry>> timeline = store->IdentityTimeline(identity);
        if (!timeline.ok()) session.Fail(timeline.status());
        if (timeline->empty()) {
          throw CommandError{kExitFailure, "heed customer show: nothing from " +
                                               ForTerminal(rest[0]) + " and no card"};
        }
        store::CustomerCard handle_only;
        handle_only.identities = {identity};
        if (vm.count("json")) {
          PrintCustomerJson(session.context.out, handle_only, *timeline);
        } else {
          session.context.out << "(no customer card yet: heed customer link "
                              << ForTerminal(rest[0]) << " ... creates one)\n";
          PrintCustomer(session.context.out, handle_only, *timeline);
        }
        return kExitOk;
      }
      card = *found;
    } else if (rest.size() == 1) {
      card = ParseMentionId(session, rest[0]);
    } else {
      throw CommandError{kExitUsage, "heed customer show: which card? " + usage};
    }
    Result<store::CustomerCard> info = store->GetCustomer(*card);
    if (!info.ok()) session.Fail(info.status());
    Result<std::vector<store::TimelineEntry>> timeline = store->CustomerTimeline(*card);
    if (!timeline.ok()) session.Fail(timeline.status());
    if (vm.count("json")) {
      PrintCustomerJson(session.context.out, *info, *timeline);
    } else {
      PrintCustomer(session.context.out, *info, *timeline);
    }
    return kExitOk;
  }
  throw CommandError{kExitUsage, "heed customer: expected link or show: " + usage};
}

}  // namespace heed::cli
