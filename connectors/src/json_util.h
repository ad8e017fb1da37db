// Checked access to untrusted JSON bodies, shared by every JSON connector (RapidJSON).
//
// Contract: nothing here throws or asserts on any input. Strings taken out of a document are
// always UTF-8-sanitised (ill-formed sequences become U+FFFD); documents are never validated for
// encoding on parse, so an ill-formed string costs one field, not the page.
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <optional>
#include <string>
#include <string_view>

#include "heed/core/clock.h"
#include "heed/core/result.h"

namespace heed::connectors::json {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

// The nesting limit Parse enforces.
inline constexpr int kMaxDepth = 64;

// --- Parsing ----------------------------------------------------------------------------------

// True when body (JSON text) never nests arrays/objects deeper than max_depth. A cheap scan that
// runs before RapidJSON (and its recursive Writer) sees the document.
bool DepthWithin(std::string_view body, int max_depth);

// Parses body (iteratively). kDataLoss when it nests deeper than kMaxDepth ("response JSON nested
// deeper than 64") or is not JSON ("response is not JSON (<reason> at offset N; body starts
// \"<first 40 bytes, terminal-safe>\")").
Result<rapidjson::Document> Parse(std::string_view body);

// --- Reading ----------------------------------------------------------------------------------

// object[name] when object is an object and has the member, else nullptr.
const rapidjson::Value* Member(const rapidjson::Value& object, const char* name);
// object[name] when it exists and is an object, else nullptr.
const rapidjson::Value* ObjectMember(const rapidjson::Value& object, const char* name);
// The sanitised string at object[name]; nullopt when missing, null or not a string.
std::optional<std::string> StringMember(const rapidjson::Value& object, const char* name);
// The ISO-8601 time in the string at object[name]; nullopt when missing, not a string or not
// ISO-8601.
std::optional<TimePoint> IsoTimeMember(const rapidjson::Value& object, const char* name);

// --- Writing ----------------------------------------------------------------------------------

// value re-serialised (compact), ill-formed UTF-8 replaced by U+FFFD: what raw_json stores.
std::string Serialize(const rapidjson::Value& value);
// Writes s as a JSON string, sanitised first.
void PutString(Writer& writer, std::string_view s);
// {"<key>": "<value>"} with key and value sanitised.
std::string ObjectWithString(std::string_view key, std::string_view value);

// --- Error text -------------------------------------------------------------------------------

// The longest error text a platform may put into a Status message.
inline constexpr size_t kMaxErrorMessageBytes = 300;
// message made valid UTF-8 and terminal-safe, then cut at a character boundary to at most
// kMaxErrorMessageBytes (and "..." appended when cut). Used for every platform-supplied error
// text.
std::string ClipMessage(std::string message);

// The clipped string member `name` of a JSON error body (e.g. {"error": "..."}); "" when the body
// is over 64 KiB, not JSON, or has no such string.
std::string ErrorBodyMessage(std::string_view body, const char* name);

}  // namespace heed::connectors::json
