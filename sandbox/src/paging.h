// Mastodon id pagination (max_id / since_id / min_id / limit) and its RFC 8288 Link header.
//
// Semantics, over items ordered by numeric id:
//   max_id    only items with id < max_id
//   since_id  only items with id > since_id; the page is the newest `limit` of them
//   min_id    only items with id > min_id; the page is the oldest `limit` of them (the items
//             immediately newer than min_id), so walking with min_id = newest seen is gap-free
// Pages are always returned newest first.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "query.h"

namespace heed::sandbox {

struct PageParams {
  std::optional<uint64_t> max_id;
  std::optional<uint64_t> since_id;
  std::optional<uint64_t> min_id;
  size_t limit = 20;
  size_t offset = 0;  // items skipped from the page's starting end (search only)
};

// Parses a decimal id; values past uint64 saturate. nullopt when not a number.
std::optional<uint64_t> ParseId(std::string_view text);

// Reads max_id, since_id, min_id, limit (default_limit when absent or invalid, capped at
// max_limit) and offset from params.
PageParams ParsePageParams(const Params& params, size_t default_limit, size_t max_limit);

// Indices into `ascending_ids` (sorted ascending) forming the page, newest first.
std::vector<size_t> SelectPage(const std::vector<uint64_t>& ascending_ids, const PageParams& page);

// `<{base}{path}?max_id=OLDEST&...>; rel="next", <{base}{path}?min_id=NEWEST&...>; rel="prev"`,
// keeping the request's other parameters (types[], limit, ...) and dropping its pagination
// ones; parameters sorted by name as Rails does.
std::string LinkHeader(std::string_view base_url, std::string_view path, const Params& query,
                       uint64_t oldest, uint64_t newest);

}  // namespace heed::sandbox
