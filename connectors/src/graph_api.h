// Helpers shared by the Meta Graph API connectors (facebook, instagram): the error envelope,
// usage (rate-limit) headers, "+0000" timestamps, cursor paging, and the high-water-mark
// checkpoint both connectors use. All input is untrusted; nothing here throws or asserts.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "heed/core/clock.h"
#include "heed/core/http.h"
#include "heed/core/mention.h"
#include "heed/core/result.h"

namespace heed::connectors::graph {

// The Graph API version heed speaks. Paths are "/<kVersion>/<node>/<edge>".
inline constexpr std::string_view kVersion = "v21.0";

// --- Ids and times ---------------------------------------------------------------------------

// True when id is 1..64 characters of [0-9_] (Graph node ids: "123", "123_456").
bool IsGraphId(std::string_view id);

// Graph timestamps: "2021-08-10T18:45:03+0000" (no colon in the offset), also plain ISO-8601.
// kInvalidArgument when unreadable.
Result<TimePoint> ParseGraphTime(std::string_view text);

// --- Errors and usage -----------------------------------------------------------------------

struct GraphError {
  int code = 0;
  int subcode = 0;
  std::string type;
  std::string message;  // sanitised, terminal-safe, at most ~300 bytes
  bool is_transient = false;
};

// The {"error": {...}} envelope, when body is one (any HTTP status, including 200).
std::optional<GraphError> ParseGraphError(std::string_view body);
// Same, from an already parsed document.
std::optional<GraphError> GraphErrorOf(const rapidjson::Value& doc);

// How busy the app/page/account is, from X-App-Usage, X-Page-Usage, X-Ad-Account-Usage and
// X-Business-Use-Case-Usage (JSON percentages). exhausted when any percentage is >= 100;
// retry_after from the largest estimated_time_to_regain_access (minutes) when given.
struct Usage {
  bool exhausted = false;
  int max_percent = 0;
  std::optional<Millis> retry_after;
};
Usage UsageOf(const HttpResponse& response);

// Maps a Graph error to a Status "<context>: HTTP <status>: (#code) message":
//   code 4, 17, 32, 613, 80000-80014 (throttling)   -> kResourceExhausted (retry_after from usage)
//   code 102, 104, 190, 463, 467 (token)            -> kUnauthenticated
//   code 10, 200-299 (permission)                   -> kPermissionDenied
//   code 100 (invalid parameter / unknown object)   -> kInvalidArgument
//   code 1, 2 or is_transient                       -> kUnavailable
//   otherwise StatusFromHttp on the HTTP status. An exhausted usage header also yields
//   kResourceExhausted. context must be free of secrets.
Status StatusFromGraph(int http_status, std::string_view context, const GraphError* error,
                       const Usage& usage);

// Sends request through transport. A transport failure, a non-2xx response, or (when is_read) a
// 2xx response whose usage headers say the budget is exhausted comes back as a Status: the
// transport error with the connector's context, else StatusFromGraph with
// RequestContext(platform, name, request). Every such Status is scrubbed of token.
Result<HttpResponse> SendChecked(HttpTransport& transport, const HttpRequest& request, bool is_read,
                                 std::string_view platform, std::string_view name,
                                 const std::string& token);

// --- Paging -----------------------------------------------------------------------------------

// paging.cursors.after (empty when absent) and whether paging.next exists (another page) and
// paging.previous (an earlier page: this is not the first page of the list).
struct Paging {
  std::string after;
  bool has_next = false;
  bool has_previous = false;
};
Paging PagingOf(const rapidjson::Value& doc);

// --- High-water-mark checkpoint -----------------------------------------------------------

// "v1:<unix seconds>:<id>,<id>,..." — the newest created-time second fully or partly read, and
// the ids already delivered at exactly that second. An item is new when its (second, id) key is
// past the mark: second > mark, or second == mark and id not in ids. Graph timestamps have
// one-second precision, so the ids set is what makes equal timestamps safe.
struct HighWater {
  int64_t seconds = 0;
  std::set<std::string> ids;
  bool empty() const { return seconds == 0 && ids.empty(); }
};

// "" -> empty mark (first run). kInvalidArgument for anything that is not Encode's output.
Result<HighWater> DecodeHighWater(std::string_view checkpoint);
std::string EncodeHighWater(const HighWater& mark);

// True when (seconds, id) is past mark.
bool IsNew(const HighWater& mark, int64_t seconds, const std::string& id);

// One orderable item of a merged candidate set.
struct Keyed {
  int64_t seconds = 0;
  std::string id;
  size_t index = 0;  // caller's index into its own item vector
};

// Sorts candidates by (seconds, id), drops those not new w.r.t. mark and those past `frontier`
// (when set: items after it may be preceded by unread ones), takes at most `limit`, and
// advances `mark` over the taken ones. Returns the taken indices (ascending keys) and sets
// *left_over to how many new candidates were not taken.
std::vector<size_t> TakeOldest(std::vector<Keyed> candidates, size_t limit,
                               std::optional<std::pair<int64_t, std::string>> frontier,
                               HighWater* mark, size_t* left_over);

}  // namespace heed::connectors::graph
