#include "platforms/graph_common.h"

#include <algorithm>
#include <charconv>

#include "heed/core/text.h"

namespace heed::sandbox::graph {
namespace {

bool IsVersion(std::string_view s) {
  if (s.size() < 4 || s[0] != 'v') return false;
  size_t dot = s.find('.');
  if (dot == std::string_view::npos || dot < 2 || dot + 1 >= s.size()) return false;
  for (size_t i = 1; i < s.size(); ++i) {
    if (i != dot && (s[i] < '0' || s[i] > '9')) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> Call::Param(std::string_view key) const {
  if (auto v = FirstParam(query, key)) return v;
  return FirstParam(form, key);
}

Call ParseCall(const ApiRequest& request, std::string_view sub_path) {
  Call call;
  call.request = &request;
  call.segments = DecodedSegments(sub_path);
  if (!call.segments.empty() && IsVersion(call.segments.front())) {
    call.version = call.segments.front();
    call.segments.erase(call.segments.begin());
  }
  call.query = ParseQuery(request.query);
  std::string type = AsciiLower(FindHeader(request.headers, "Content-Type").value_or(""));
  if (request.method != "GET" &&
      (type.empty() || type.find("application/x-www-form-urlencoded") != std::string::npos)) {
    call.form = ParseQuery(request.body);
  }
  call.token = BearerToken(request.headers);
  if (!call.token) {
    std::string t = Trim(call.Param("access_token").value_or(""));
    if (!t.empty()) {
      call.token = t;
      call.token_in_query = FirstParam(call.query, "access_token").has_value();
    }
  }
  return call;
}

bool HasAnyParam(const Call& call, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    if (call.Param(key)) return true;
  }
  return false;
}

ApiResponse Error(int http_status, int code, std::string_view message, std::string_view type,
                  int subcode, bool is_transient) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("error");
  w.StartObject();
  WriteString(w, "message", message);
  WriteString(w, "type", type);
  WriteInt(w, "code", code);
  if (subcode != 0) WriteInt(w, "error_subcode", subcode);
  if (is_transient) {
    w.Key("is_transient");
    w.Bool(true);
  }
  // Deterministic trace id, shaped like Graph's.
  WriteString(w, "fbtrace_id", "AhEeDsAnDbOx" + std::to_string(code * 7919 + subcode));
  w.EndObject();
  w.EndObject();
  ApiResponse r = JsonResponse(http_status, JsonString(buffer));
  if (http_status == 401 || code == 190 || code == 104) {
    r.headers.emplace_back("WWW-Authenticate", "OAuth \"Facebook Platform\" \"invalid_token\" \"" +
                                                   std::string(message) + "\"");
  }
  return r;
}

ApiResponse MissingToken() {
  return Error(401, 104, "An access token is required to request this resource.");
}

ApiResponse UnknownObject(std::string_view id) {
  return Error(400, 100,
               "Unsupported get request. Object with ID '" + SanitizeUtf8(id.substr(0, 80)) +
                   "' does not exist, cannot be loaded due to missing permissions, or does not "
                   "support this operation.",
               "GraphMethodException", 33);
}

std::string GraphTime(TimePoint t) {
  std::string iso = FormatIso8601(t);  // 2026-08-01T13:51:43.458Z
  return iso.substr(0, 19) + "+0000";
}

std::set<std::string> FieldsOf(const Call& call, std::set<std::string> defaults) {
  std::string fields = call.Param("fields").value_or("");
  if (Trim(fields).empty()) return defaults;
  std::set<std::string> out;
  int depth = 0;
  std::string current;
  for (char c : fields) {
    if (c == '{') {
      ++depth;
    } else if (c == '}') {
      depth = std::max(0, depth - 1);
    } else if (depth == 0 && c == ',') {
      if (!Trim(current).empty()) out.insert(Trim(current));
      current.clear();
    } else if (depth == 0) {
      current += c;
    }
  }
  if (!Trim(current).empty()) out.insert(Trim(current));
  return out;
}

std::string EncodeCursor(std::string_view key) {
  return "QVFI" + HexEncode(key);  // Graph cursors start like this (base64 "AQH")
}

std::optional<std::string> DecodeCursor(std::string_view cursor) {
  if (!cursor.starts_with("QVFI") || cursor.size() % 2 != 0 || cursor.size() > 512) {
    return std::nullopt;
  }
  std::string out;
  for (size_t i = 4; i + 1 < cursor.size(); i += 2) {
    int value = 0;
    auto [p, ec] = std::from_chars(cursor.data() + i, cursor.data() + i + 2, value, 16);
    if (ec != std::errc() || p != cursor.data() + i + 2) return std::nullopt;
    out += static_cast<char>(value);
  }
  return out;
}

Listing Slice(const std::vector<std::string>& keys, const Call& call, size_t default_limit,
              size_t max_limit) {
  size_t limit = default_limit;
  if (auto l = call.Param("limit")) {
    size_t v = 0;
    auto [p, ec] = std::from_chars(l->data(), l->data() + l->size(), v);
    if (ec == std::errc() && p == l->data() + l->size() && v > 0) limit = std::min(v, max_limit);
  }
  Listing listing;
  auto find = [&](const std::string& cursor) -> std::optional<size_t> {
    auto key = DecodeCursor(cursor);
    if (!key) return std::nullopt;
    auto it = std::find(keys.begin(), keys.end(), *key);
    if (it == keys.end()) return std::nullopt;
    return static_cast<size_t>(it - keys.begin());
  };
  if (auto after = call.Param("after"); after && !after->empty()) {
    auto at = find(*after);
    if (!at) {
      listing.bad_cursor = true;
      return listing;
    }
    listing.begin = *at + 1;
    listing.end = std::min(keys.size(), listing.begin + limit);
  } else if (auto before = call.Param("before"); before && !before->empty()) {
    auto at = find(*before);
    if (!at) {
      listing.bad_cursor = true;
      return listing;
    }
    listing.end = *at;
    listing.begin = listing.end > limit ? listing.end - limit : 0;
  } else {
    listing.begin = 0;
    listing.end = std::min(keys.size(), limit);
  }
  listing.has_next = listing.end < keys.size();
  listing.has_previous = listing.begin > 0;
  return listing;
}

void WritePaging(JsonWriter& w, const std::vector<std::string>& keys, const Listing& listing,
                 const Call& call, std::string_view base_url) {
  if (listing.begin >= listing.end) return;
  std::string before = EncodeCursor(keys[listing.begin]);
  std::string after = EncodeCursor(keys[listing.end - 1]);
  Params kept;
  for (const auto& kv : call.query) {
    if (kv.first != "after" && kv.first != "before") kept.push_back(kv);
  }
  std::string path = std::string(base_url) + "/" + call.version;
  for (const std::string& s : call.segments) path += "/" + s;
  auto link = [&](std::string_view key, const std::string& cursor) {
    Params p = kept;
    p.emplace_back(std::string(key), cursor);
    return path + "?" + EncodeQuery(p);
  };
  w.Key("paging");
  w.StartObject();
  w.Key("cursors");
  w.StartObject();
  WriteString(w, "before", before);
  WriteString(w, "after", after);
  w.EndObject();
  if (listing.has_next) WriteString(w, "next", link("after", after));
  if (listing.has_previous) WriteString(w, "previous", link("before", before));
  w.EndObject();
}

UsageMeter::Decision UsageMeter::Consume(const std::string& key) {
  TimePoint now = clock_->Now();
  RateLimiter::Decision d = limiter_.Consume(key, now);
  Decision out;
  out.allowed = d.allowed;
  int used = d.limit - d.remaining;
  out.percent = d.limit > 0 ? std::min(100, used * 100 / d.limit) : 100;
  if (!d.allowed) out.percent = 100;
  auto wait = std::chrono::duration_cast<std::chrono::minutes>(d.reset - now).count();
  out.minutes_to_regain = out.percent >= 100 ? static_cast<int>(std::max<int64_t>(1, wait)) : 0;
  return out;
}

void AddUsageHeaders(ApiResponse* response, const UsageMeter::Decision& d, std::string_view buc_id,
                     std::string_view buc_type) {
  std::string p = std::to_string(d.percent);
  std::string small = std::to_string(d.percent / 4);
  response->headers.emplace_back("X-App-Usage", "{\"call_count\":" + p + ",\"total_cputime\":" +
                                                    small + ",\"total_time\":" + small + "}");
  response->headers.emplace_back(
      "X-Business-Use-Case-Usage",
      "{\"" + std::string(buc_id) + "\":[{\"type\":\"" + std::string(buc_type) +
          "\",\"call_count\":" + p + ",\"total_cputime\":" + small + ",\"total_time\":" + small +
          ",\"estimated_time_to_regain_access\":" + std::to_string(d.minutes_to_regain) + "}]}");
}

ApiResponse RateLimited() {
  return Error(403, 4, "(#4) Application request limit reached", "OAuthException", 0, true);
}

ApiResponse ListResponse(const Call& call, const std::vector<std::string>& keys,
                         size_t default_limit, size_t max_limit, std::string_view base_url,
                         const std::function<void(JsonWriter&, size_t)>& write_item,
                         const std::function<void(JsonWriter&)>& after_paging) {
  Listing listing = Slice(keys, call, default_limit, max_limit);
  if (listing.bad_cursor) return Error(400, 100, "(#100) Invalid cursor");
  return JsonResponse(200, BuildJson([&](JsonWriter& w) {
                        w.StartObject();
                        w.Key("data");
                        w.StartArray();
                        for (size_t i = listing.begin; i < listing.end; ++i) write_item(w, i);
                        w.EndArray();
                        WritePaging(w, keys, listing, call, base_url);
                        if (after_paging) after_paging(w);
                        w.EndObject();
                      }));
}

std::optional<ApiResponse> CheckMessage(std::string_view message, size_t max_characters,
                                        std::string_view missing) {
  switch (CheckReplyText(message, max_characters, /*check_utf8=*/true)) {
    case ReplyTextProblem::kBlank:
      return Error(400, 100, missing);
    case ReplyTextProblem::kInvalidUtf8:
      return Error(400, 100, "(#100) Invalid UTF-8 in message");
    case ReplyTextProblem::kTooLong:
      return Error(400, 100,
                   "(#100) Param message must be at most " + std::to_string(max_characters) +
                       " characters long");
    case ReplyTextProblem::kNone:
      break;
  }
  return std::nullopt;
}

ApiResponse Serve(const ApiRequest& request, std::string_view sub_path, UsageMeter& usage,
                  std::string_view buc_id, std::string_view buc_type,
                  const std::function<ApiResponse(const Call&)>& route) {
  return Guarded(
      [&] {
        Call call = ParseCall(request, sub_path);
        if (!call.token) return MissingToken();
        UsageMeter::Decision decision = usage.Consume("token:" + *call.token);
        ApiResponse response = decision.allowed ? route(call) : RateLimited();
        AddUsageHeaders(&response, decision, buc_id, buc_type);
        return response;
      },
      [](const char* what) {
        return Error(500, 1, WithDetail("An unknown error occurred", what));
      });
}

}  // namespace heed::sandbox::graph
