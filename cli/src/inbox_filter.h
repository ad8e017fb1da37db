// The inbox filters shared by the commands that select items: `heed inbox` lists them, bulk
// `heed assign` and `heed resolve` act on them.
#pragma once

#include <string>

#include "commands.h"
#include "heed/store/store.h"

namespace heed::cli {

// Adds --all, --status, --overdue, --label, --language, --platform and --assignee.
void AddInboxFilterOptions(po::options_description& desc);

// The query the filter options describe (limit and ids left unset). Throws a usage error naming
// the option for bad values, or when --overdue is combined with --all/--status.
store::InboxQuery InboxQueryFrom(const Session& session, const po::variables_map& vm);

// Whether any filter option was given (bulk commands refuse to act on everything by accident).
bool HasInboxFilter(const po::variables_map& vm);

// The items a bulk command acts on: the given ids (each must exist and match the filters, or
// nothing is done) and/or every item the filter options select. Throws a usage error when
// neither ids nor a filter were given: acting on everything needs a filter said out loud.
std::vector<store::InboxItem> SelectItems(Session& session, store::Store& store,
                                          const po::variables_map& vm,
                                          const std::vector<int64_t>& ids,
                                          const std::string& usage);

// Parses "12", "12,13" or "12 13" style id lists (each a positive number).
std::vector<int64_t> ParseIdList(const Session& session, const std::vector<std::string>& texts);

}  // namespace heed::cli
