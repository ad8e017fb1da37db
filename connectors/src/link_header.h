// RFC 8288 Link header parsing, e.g. Mastodon's pagination header:
//   <https://x/api/v1/notifications?max_id=21>; rel="next", <https://x/...?min_id=30>; rel="prev"
// Input is untrusted: malformed parts are skipped, never fatal.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace heed::connectors {

struct LinkValue {
  std::string target;  // the URI reference between < and >
  // Parameters in order; names lower-cased, quoted values unquoted (backslash escapes removed).
  std::vector<std::pair<std::string, std::string>> params;

  // True when the space-separated rel parameter contains relation (case-insensitive).
  bool HasRel(std::string_view relation) const;
};

// Parses a Link header field value (several values may be joined with commas). Link values
// without a <target> are dropped.
std::vector<LinkValue> ParseLinkHeader(std::string_view header);

// The target of the first link whose rel contains relation.
std::optional<std::string> FindLinkTarget(const std::vector<LinkValue>& links,
                                          std::string_view relation);

// The raw (still percent-encoded) value of query parameter key in url, if present.
std::optional<std::string> QueryParam(std::string_view url, std::string_view key);

}  // namespace heed::connectors
