// Small helpers every platform emulator (and the Mastodon API) needs: JSON writing, text and
// reply validation, path splitting, number and token codecs, rate-window bookkeeping, corpus
// lookups and exception guarding. Each helper has exactly one behaviour; platform-specific
// shapes (error envelopes, header names) stay in the emulators.
//
// Thread safety: every function is pure or only touches its arguments.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api_types.h"
#include "content.h"
#include "heed/core/clock.h"
#include "rate_limiter.h"

namespace heed::sandbox {

// ---- JSON writing ----

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

std::string JsonString(const rapidjson::StringBuffer& buffer);

// The JSON text `write(w)` produces.
template <typename Write>
std::string BuildJson(Write&& write) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  std::forward<Write>(write)(w);
  return JsonString(buffer);
}

void WriteKey(JsonWriter& w, std::string_view key);
void WriteString(JsonWriter& w, std::string_view key, std::string_view value);
// value with invalid UTF-8 replaced (SanitizeUtf8) first.
void WriteSanitizedString(JsonWriter& w, std::string_view key, std::string_view value);
void WriteOptionalString(JsonWriter& w, std::string_view key,
                         const std::optional<std::string>& value);  // null when absent
void WriteBool(JsonWriter& w, std::string_view key, bool value);
void WriteInt(JsonWriter& w, std::string_view key, int value);
void WriteNull(JsonWriter& w, std::string_view key);
void WriteEmptyArray(JsonWriter& w, std::string_view key);

// ---- Text ----

// Number of Unicode code points (how most platforms count characters).
size_t CountCodePoints(std::string_view text);
// True when text has nothing but spaces, tabs, CR and LF.
bool IsBlank(std::string_view text);
// text without leading and trailing characters of `chars`.
std::string Trim(std::string_view text, std::string_view chars = " \t");
// At most max_bytes of text, cut back to a UTF-8 character boundary.
std::string_view TruncateUtf8(std::string_view text, size_t max_bytes);
// The lower-cased words of text, split on any of `separators` (empty words dropped).
std::vector<std::string> LowerWords(std::string_view text, std::string_view separators = " \t");
// True when every word occurs in lower_text (also when words is empty).
bool ContainsAll(std::string_view lower_text, const std::vector<std::string>& words);

// Why a reply text is refused, checked in this order.
enum class ReplyTextProblem { kNone, kBlank, kInvalidUtf8, kTooLong };
// kInvalidUtf8 only when check_utf8; kTooLong past max_code_points.
ReplyTextProblem CheckReplyText(std::string_view text, size_t max_code_points, bool check_utf8);

// The string member `name` of a JSON object body. kNotObject when the body does not parse to
// an object; kMissing when the member is absent or not a string.
struct JsonStringField {
  enum Status { kOk, kNotObject, kMissing } status = kOk;
  std::string value;
};
JsonStringField ReadJsonStringField(std::string_view body, const char* name);

// ---- Paths ----

// The non-empty '/'-separated segments of path, still percent-encoded.
std::vector<std::string_view> RawSegments(std::string_view path);
// The same, each percent-decoded.
std::vector<std::string> DecodedSegments(std::string_view path);

// ---- Numbers, ids and tokens ----

// 1 to max_digits decimal digits and nothing else, else nullopt. REQUIRES: max_digits <= 19.
std::optional<uint64_t> ParseDigits(std::string_view text, size_t max_digits);
// A whole (optionally negative) decimal int64, else nullopt.
std::optional<int64_t> ParseInt64(std::string_view text);
std::string Base36(uint64_t value);
// Exactly 16 lower-case hex digits.
std::string Hex16(uint64_t value);
// Two lower-case hex digits per byte.
std::string HexEncode(std::string_view bytes);
// The inverse of HexEncode (lower-case digits only), else nullopt.
std::optional<std::string> HexDecode(std::string_view hex);

// ---- Time ----

TimePoint WholeSeconds(TimePoint t);  // rounded down to the second
// "2026-11-23T11:58:00" + zone, e.g. "Z", "+0000", ".000Z" (sub-second part dropped).
std::string IsoSeconds(TimePoint t, std::string_view zone = "Z");

// ---- Auth and rate windows ----

// "token:<token>" with a token, else "ip:<remote address>": the usual rate-limit key.
std::string ClientKey(const std::optional<std::string>& token, const ApiRequest& request);
// Whole seconds from now until the decision's window resets (negative once it passed).
int64_t SecondsUntilReset(const RateLimiter::Decision& decision, TimePoint now);
// At least 1: SecondsUntilReset from clock.Now(), for Retry-After style answers.
int64_t RetryAfterSeconds(const RateLimiter::Decision& decision, const Clock& clock);
// Adds "Retry-After: RetryAfterSeconds(...)".
void AddRetryAfter(ApiResponse* response, const RateLimiter::Decision& decision,
                   const Clock& clock);
// The reset time in epoch seconds, rounded up.
int64_t ResetEpochSeconds(const RateLimiter::Decision& decision);

// ---- Corpus ----

// The post's author (the brand's account when the index is out of range).
// REQUIRES: !corpus.accounts.empty().
const Account& AuthorOf(const Corpus& corpus, const Post& post);
// The display name, or the username when it is empty.
const std::string& NameOf(const Account& account);
// posts stably sorted by created_at, oldest first.
std::vector<Post> ByCreationTime(std::vector<Post> posts);

// ---- Exceptions ----

// message, plus ": <what>" when what is non-null.
std::string WithDetail(std::string_view message, const char* what);

// body(), or on_error(what) when it throws (what = nullptr for non-std exceptions).
template <typename Body, typename OnError>
ApiResponse Guarded(Body&& body, OnError&& on_error) {
  try {
    return std::forward<Body>(body)();
  } catch (const std::exception& e) {
    return on_error(e.what());
  } catch (...) {
    return on_error(nullptr);
  }
}

}  // namespace heed::sandbox
