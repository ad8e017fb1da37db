// Pieces shared by the Graph API emulators (facebook, instagram): request parsing (version
// prefix, query + form parameters, access token), the Graph error envelope, "+0000" timestamps,
// field selection, cursor paging, list responses, message validation and the usage
// (rate-limit) headers around every call.
#pragma once

#include <functional>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "api_types.h"
#include "emulator_kit.h"
#include "heed/core/clock.h"
#include "query.h"
#include "rate_limiter.h"

namespace heed::sandbox::graph {

// One Graph request: "/v21.0/123_456/comments?x=y" -> version "v21.0", segments {"123_456",
// "comments"}. The version prefix is optional, as on the real API.
struct Call {
  const ApiRequest* request = nullptr;
  std::string version;
  std::vector<std::string> segments;  // percent-decoded
  Params query;
  Params form;                       // application/x-www-form-urlencoded body (POST)
  std::optional<std::string> token;  // Bearer header or access_token parameter
  bool token_in_query = false;

  // The first value of key in the query, else in the form body.
  std::optional<std::string> Param(std::string_view key) const;
};

Call ParseCall(const ApiRequest& request, std::string_view sub_path);

// True when any of keys is a parameter of the call (query or form).
bool HasAnyParam(const Call& call, std::initializer_list<const char*> keys);

// {"error":{"message","type","code","error_subcode"?,"is_transient"?,"fbtrace_id"}}.
ApiResponse Error(int http_status, int code, std::string_view message,
                  std::string_view type = "OAuthException", int subcode = 0,
                  bool is_transient = false);
// 401, code 104: no access token.
ApiResponse MissingToken();
// 400, code 100, subcode 33: unknown object or unsupported edge.
ApiResponse UnknownObject(std::string_view id);

// "2026-11-23T11:58:00+0000"
std::string GraphTime(TimePoint t);

// The top-level names of a "fields" parameter ("id,from{id,name},message" -> id, from,
// message); `defaults` when the parameter is absent or empty.
std::set<std::string> FieldsOf(const Call& call, std::set<std::string> defaults);

// Opaque cursors naming an item key ("anchor" paging: insertions do not shift pages).
std::string EncodeCursor(std::string_view key);
std::optional<std::string> DecodeCursor(std::string_view cursor);

// A page over a list already in presentation order, identified by unique keys.
struct Listing {
  size_t begin = 0, end = 0;  // [begin, end) of the list
  bool has_next = false, has_previous = false;
  bool bad_cursor = false;
};
// Reads limit (default_limit when absent/invalid, capped at max_limit), after and before.
Listing Slice(const std::vector<std::string>& keys, const Call& call, size_t default_limit,
              size_t max_limit);

// Writes "paging": {"cursors": {"before","after"}, "next"?, "previous"?}. Nothing when the page
// is empty. Links keep the request's other parameters (access_token included, as Graph does).
void WritePaging(JsonWriter& w, const std::vector<std::string>& keys, const Listing& listing,
                 const Call& call, std::string_view base_url);

// {"data": [write_item(w, i) for i in the page], "paging": {...}[, after_paging(w)]} over keys
// (the list in presentation order), or 400 "(#100) Invalid cursor".
ApiResponse ListResponse(const Call& call, const std::vector<std::string>& keys,
                         size_t default_limit, size_t max_limit, std::string_view base_url,
                         const std::function<void(JsonWriter&, size_t)>& write_item,
                         const std::function<void(JsonWriter&)>& after_paging = nullptr);

// nullopt when message is non-blank UTF-8 of at most max_characters code points; else the
// (#100) error, `missing` for a blank message.
std::optional<ApiResponse> CheckMessage(std::string_view message, size_t max_characters,
                                        std::string_view missing);

// Per-token request budget over a one-hour window, reported like Graph's usage headers.
class UsageMeter {
 public:
  UsageMeter(int limit, Clock* clock) : limiter_(limit, std::chrono::hours(1)), clock_(clock) {}
  struct Decision {
    bool allowed = true;
    int percent = 0;
    int minutes_to_regain = 0;
  };
  Decision Consume(const std::string& key);

 private:
  RateLimiter limiter_;
  Clock* clock_;
};

// X-App-Usage and X-Business-Use-Case-Usage ({"<buc_id>":[{"type":buc_type,...}]}).
void AddUsageHeaders(ApiResponse* response, const UsageMeter::Decision& decision,
                     std::string_view buc_id, std::string_view buc_type);
// 403 code 4 "(#4) Application request limit reached", is_transient.
ApiResponse RateLimited();

// A whole Graph call: 401 without a token, else one request counted against the token's usage
// (403 past it) and route(call), with the usage headers; an exception is a 500 code 1.
ApiResponse Serve(const ApiRequest& request, std::string_view sub_path, UsageMeter& usage,
                  std::string_view buc_id, std::string_view buc_type,
                  const std::function<ApiResponse(const Call&)>& route);

}  // namespace heed::sandbox::graph
