// What the Google review connectors (google_business, google_play) share:
//  1. Google's integer-as-string JSON members (other JSON access: json_util.h);
//  2. the Google error envelope {"error": {"code", "message", "status", "details"[]}} (also the
//     legacy form with "errors"[{reason}] and no "status") mapped to a Status;
//  3. the "newest-first pass" checkpoint both review lists need.
//
// Why a pass: both APIs list reviews newest first (Business Profile: orderBy=updateTime desc;
// Play: by lastModified) with an opaque page token and NO "since" filter. So every run walks
// from the newest review down, page by page, and stops at the first review it has already
// seen. The checkpoint (PassCheckpoint) holds
//   floor      the ordering key (updateTime / lastModified) of the newest review emitted by the
//              last completed pass, plus the ids of the reviews at exactly that key: a review is
//              new iff key > floor, or key == floor and its id is not in floor_ids. An edited
//              review gets a newer key and so comes back (same remote_id, new text).
//   pass       while a pass spans several pages: the page token of the next page, the top
//              (largest key and its ids) seen in this pass, and the pages read so far.
// A pass ends at the first page that contains a review that is not new (everything after it
// is older: the list is ordered), at the last page, on a page token that repeats
// kMaxTokenRepeats times in a row, or on a first run after backfill_pages pages. A page that
// hands back the token it was sent is a page served again (a cache, a hiccup), not the next one:
// the pass asks for the same token again (its reviews, re-emitted, are duplicates the store
// absorbs) rather than end there and leave the older reviews of the pass unread. Then floor := the
// pass's top. Items that arrive during a pass sit above its top, so the next pass sees them: no
// gap. A restart mid-pass resumes with the stored token; items are emitted at most once per pass
// because the floor only moves at the end of a pass and the token moves forward. A rejected
// (expired) token restarts the pass from the newest review with the same floor: the re-read items
// are duplicates the store absorbs, never gaps.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heed/connectors/connector.h"
#include "heed/core/clock.h"
#include "heed/core/http.h"
#include "heed/core/mention.h"
#include "heed/core/result.h"

namespace heed::connectors::google {

// ---- JSON -------------------------------------------------------------------------------

// object[name] as an integer: a JSON integer, or a string of decimal digits (Google encodes
// int64 as strings, e.g. lastModified.seconds). nullopt otherwise.
std::optional<int64_t> IntMember(const rapidjson::Value& object, const char* name);

// ---- Errors -------------------------------------------------------------------------------

struct GoogleError {
  int code = 0;                       // error.code (the HTTP status Google meant); 0 when absent
  std::string status;                 // "RESOURCE_EXHAUSTED", "PERMISSION_DENIED", ... or empty
  std::string message;                // sanitised for terminals, at most 300 bytes
  std::vector<std::string> reasons;   // errors[].reason and details[ErrorInfo].reason
  std::optional<Millis> retry_delay;  // details[RetryInfo].retryDelay ("12s", "1.5s")
};

// The envelope of body; nullopt when body is not {"error": {...}}.
std::optional<GoogleError> ParseGoogleError(std::string_view body);

// Maps an error to a Status "<context>: HTTP <code>[: <message>]":
//   status RESOURCE_EXHAUSTED, HTTP 429, or a rate/quota reason (rateLimitExceeded,
//     userRateLimitExceeded, quotaExceeded, dailyLimitExceeded, RATE_LIMIT_EXCEEDED)
//     -> kResourceExhausted with retry_after (the header hint, else RetryInfo);
//   UNAUTHENTICATED -> kUnauthenticated; PERMISSION_DENIED -> kPermissionDenied;
//   otherwise by HTTP status (StatusFromHttp). context must be free of secrets.
Status StatusFromGoogleError(int http_status, const std::optional<GoogleError>& error,
                             std::string_view context, std::optional<Millis> header_retry_after);

// A non-2xx response as a Status (uses the Retry-After / X-RateLimit-Reset hint if present).
Status StatusFromGoogleResponse(const HttpResponse& response, std::string_view context,
                                TimePoint now);

// Sends request through transport. A transport failure (with the connector's context) or a
// non-2xx response (StatusFromGoogleResponse with RequestContext(platform, name, request), the
// time read from clock) comes back as a Status, scrubbed of token.
Result<HttpResponse> SendChecked(HttpTransport& transport, const HttpRequest& request, Clock& clock,
                                 std::string_view platform, std::string_view name,
                                 const std::string& token);

// ---- Newest-first pass ----------------------------------------------------------------------

inline constexpr size_t kMaxBoundaryIds = 100;  // more ids at one key: re-emitted, never lost

struct PassCheckpoint {
  std::optional<int64_t> floor_key;  // nullopt: no pass completed yet (first run)
  std::vector<std::string> floor_ids;
  std::string page_token;  // non-empty: a pass is in progress and continues here
  std::optional<int64_t> top_key;
  std::vector<std::string> top_ids;
  int pass_pages = 0;
  int token_repeats = 0;  // pages in a row that handed back the token they were sent
};

inline constexpr int kMaxTokenRepeats = 3;

// "g1;f=KEY;fi=ID,ID;t=TOKEN;tk=KEY;ti=ID,ID;n=PAGES;r=REPEATS" with percent-encoded values;
// fields left out when empty (r when 0). Empty string for the initial (empty) checkpoint.
std::string EncodeCheckpoint(const PassCheckpoint& checkpoint);
// Inverse of EncodeCheckpoint; "" is the initial checkpoint. kInvalidArgument when malformed.
Result<PassCheckpoint> DecodeCheckpoint(std::string_view text);

// One review of a page, as the parsers hand it over.
struct PageItem {
  std::optional<int64_t> key;  // ordering key; nullopt when the item has none usable
  std::string id;              // remote_id; empty when unusable
  Result<Mention> mention = Status::DataLoss("item not parsed");
};

struct PassStep {
  Page page;
  PassCheckpoint next;
};

// Applies one fetched page (in the API's order) to `current`: emits the new mentions, reports
// malformed items in item_errors (prefixed with context), and computes the next checkpoint.
// backfill_pages bounds a first run (no floor yet); 0 means unbounded.
PassStep AdvancePass(const PassCheckpoint& current, std::vector<PageItem> items,
                     const std::string& next_page_token, int backfill_pages,
                     std::string_view context);

// One page of reviews, as the parsers hand it over.
struct ReviewsPage {
  std::vector<PageItem> items;  // in the API's order (newest first)
  std::string next_page_token;  // empty on the last page
};

// A newest-first review list, as a connector describes it to FetchPassPage. The references
// and functions must outlive the call.
struct ReviewFeed {
  std::string_view platform;  // "google_play": the messages' prefix
  const std::string& name;    // the connector's configured name
  const std::string& token;   // scrubbed out of every returned message
  int backfill_pages;         // see AdvancePass
  // The GET for a page ("" the first page), the checked send, and the body's parser.
  std::function<HttpRequest(const std::string& page_token)> request;
  std::function<Result<HttpResponse>(const HttpRequest&)> send;
  std::function<Result<ReviewsPage>(std::string_view body)> parse;
};

// One Connector::FetchPage of the newest-first pass: decodes checkpoint, fetches its page (when
// the platform rejects a stored page token, once restarts the pass from the newest review with
// an item error saying so: re-read reviews are duplicates the store absorbs, never gaps),
// parses it and advances the pass. Errors are the send's or the parser's, with context.
Result<Page> FetchPassPage(const ReviewFeed& feed, const std::string& checkpoint);

}  // namespace heed::connectors::google
