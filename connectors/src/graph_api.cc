#include "graph_api.h"

#include <algorithm>
#include <charconv>
#include <tuple>
#include <utility>

#include "connector_errors.h"
#include "heed/core/text.h"
#include "http_errors.h"
#include "json_util.h"

namespace heed::connectors::graph {
namespace {

using json::Member;
using json::StringMember;
using rapidjson::Value;

constexpr size_t kMaxErrorBodyBytes = 64 * 1024;
constexpr size_t kMaxUsageHeaderBytes = 16 * 1024;
constexpr size_t kMaxCheckpointIds = 10000;

std::optional<int> IntMember(const Value& object, const char* name) {
  const Value* v = Member(object, name);
  if (v == nullptr) return std::nullopt;
  if (v->IsInt()) return v->GetInt();
  if (v->IsString()) {
    int out = 0;
    const char* begin = v->GetString();
    const char* end = begin + v->GetStringLength();
    auto [ptr, ec] = std::from_chars(begin, end, out);
    if (ec == std::errc() && ptr == end) return out;
  }
  return std::nullopt;
}

// Folds the percentages of one usage object ({"call_count":12,"total_time":3,...}) into usage.
void FoldUsageObject(const Value& object, Usage* usage) {
  if (!object.IsObject()) return;
  for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
    std::string_view key(it->name.GetString(), it->name.GetStringLength());
    const Value& v = it->value;
    if (!v.IsNumber()) continue;
    double number = v.GetDouble();
    if (key == "estimated_time_to_regain_access") {
      if (number > 0 && number < 24 * 60) {
        Millis wait{static_cast<int64_t>(number * 60000)};
        if (!usage->retry_after || *usage->retry_after < wait) usage->retry_after = wait;
      }
      continue;
    }
    if (key == "call_count" || key == "total_cputime" || key == "total_time" ||
        key == "acc_id_util_pct") {
      int percent = number > 1000 ? 1000 : static_cast<int>(number);
      usage->max_percent = std::max(usage->max_percent, percent);
    }
  }
}

void FoldUsageHeader(std::string_view header, Usage* usage) {
  if (header.empty() || header.size() > kMaxUsageHeaderBytes) return;
  Result<rapidjson::Document> doc = json::Parse(header);
  if (!doc.ok() || !doc->IsObject()) return;
  // X-App-Usage: a flat object. X-Business-Use-Case-Usage: {"<id>": [{...}, ...], ...}.
  FoldUsageObject(*doc, usage);
  for (auto it = doc->MemberBegin(); it != doc->MemberEnd(); ++it) {
    if (!it->value.IsArray()) continue;
    for (const Value& entry : it->value.GetArray()) FoldUsageObject(entry, usage);
  }
}

bool IsThrottleCode(int code) {
  return code == 4 || code == 17 || code == 32 || code == 613 || (code >= 80000 && code <= 80014);
}

}  // namespace

bool IsGraphId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return (c >= '0' && c <= '9') || c == '_'; });
}

Result<TimePoint> ParseGraphTime(std::string_view text) {
  std::string fixed(text);
  // "...+0000" -> "...+00:00"
  if (fixed.size() > 5) {
    size_t sign = fixed.size() - 5;
    char c = fixed[sign];
    bool digits = std::all_of(fixed.begin() + static_cast<std::ptrdiff_t>(sign) + 1, fixed.end(),
                              [](char d) { return d >= '0' && d <= '9'; });
    if ((c == '+' || c == '-') && digits && fixed.find('T') != std::string::npos) {
      fixed.insert(fixed.size() - 2, ":");
    }
  }
  return ParseIso8601(fixed);
}

std::optional<GraphError> GraphErrorOf(const Value& doc) {
  const Value* error = Member(doc, "error");
  if (error == nullptr || !error->IsObject()) return std::nullopt;
  GraphError e;
  e.code = IntMember(*error, "code").value_or(0);
  e.subcode = IntMember(*error, "error_subcode").value_or(0);
  e.type = ForTerminal(StringMember(*error, "type").value_or(""));
  e.message = json::ClipMessage(StringMember(*error, "message").value_or(""));
  const Value* transient = Member(*error, "is_transient");
  e.is_transient = transient != nullptr && transient->IsBool() && transient->GetBool();
  return e;
}

std::optional<GraphError> ParseGraphError(std::string_view body) {
  if (body.size() > kMaxErrorBodyBytes) return std::nullopt;
  Result<rapidjson::Document> doc = json::Parse(body);
  if (!doc.ok()) return std::nullopt;
  return GraphErrorOf(*doc);
}

Usage UsageOf(const HttpResponse& response) {
  Usage usage;
  for (const auto& [name, value] : response.headers) {
    std::string lower = AsciiLower(name);
    if (lower == "x-app-usage" || lower == "x-page-usage" || lower == "x-ad-account-usage" ||
        lower == "x-business-use-case-usage") {
      FoldUsageHeader(value, &usage);
    }
  }
  usage.exhausted = usage.max_percent >= 100;
  return usage;
}

Status StatusFromGraph(int http_status, std::string_view context, const GraphError* error,
                       const Usage& usage) {
  std::string detail;
  if (error != nullptr) {
    detail = error->message;
    if (error->code != 0 && detail.find("(#" + std::to_string(error->code) + ")") != 0) {
      detail = "(#" + std::to_string(error->code) + ") " + detail;
    }
  }
  std::string message = std::string(context) + ": HTTP " + std::to_string(http_status);
  if (!detail.empty()) message += ": " + detail;
  if (error != nullptr) {
    int code = error->code;
    if (IsThrottleCode(code)) {
      return Status::ResourceExhausted(message + " (rate limited)",
                                       usage.retry_after.value_or(Millis(60000)));
    }
    if (code == 102 || code == 104 || code == 190 || code == 463 || code == 467) {
      return Status::Unauthenticated(std::move(message));
    }
    if (code == 10 || (code >= 200 && code <= 299)) {
      return Status::PermissionDenied(std::move(message));
    }
    if (code == 100) return Status::InvalidArgument(std::move(message));
    if (code == 1 || code == 2 || error->is_transient) {
      return Status::Unavailable(std::move(message));
    }
  }
  if (usage.exhausted) {
    return Status::ResourceExhausted(
        message + " (usage at " + std::to_string(usage.max_percent) + "%)",
        usage.retry_after.value_or(Millis(60000)));
  }
  if (http_status >= 200 && http_status <= 299) {
    // An error envelope inside a 2xx body with an unknown code: the request did not succeed.
    return Status::Unavailable(std::move(message));
  }
  return StatusFromHttp(http_status, context, detail,
                        http_status == 429 ? usage.retry_after : std::nullopt);
}

Result<HttpResponse> SendChecked(HttpTransport& transport, const HttpRequest& request, bool is_read,
                                 std::string_view platform, std::string_view name,
                                 const std::string& token) {
  Result<HttpResponse> response = transport.Send(request);
  if (!response.ok()) {
    return ScrubSecret(TransportContext(response.status(), platform, name, request), token);
  }
  Usage usage = UsageOf(*response);
  bool ok = Is2xx(response->status);
  if (ok && !(is_read && usage.exhausted)) return response;
  std::optional<GraphError> error = ok ? std::nullopt : ParseGraphError(response->body);
  return ScrubSecret(StatusFromGraph(response->status, RequestContext(platform, name, request),
                                     error ? &*error : nullptr, usage),
                     token);
}

Paging PagingOf(const Value& doc) {
  Paging paging;
  const Value* p = Member(doc, "paging");
  if (p == nullptr || !p->IsObject()) return paging;
  const Value* cursors = Member(*p, "cursors");
  if (cursors != nullptr) paging.after = StringMember(*cursors, "after").value_or("");
  auto next = StringMember(*p, "next");
  paging.has_next = next.has_value() && !next->empty();
  auto previous = StringMember(*p, "previous");
  paging.has_previous = previous.has_value() && !previous->empty();
  return paging;
}

Result<HighWater> DecodeHighWater(std::string_view checkpoint) {
  HighWater mark;
  if (checkpoint.empty()) return mark;
  auto bad = [&] {
    return Status::InvalidArgument("checkpoint is not a Graph high-water mark: \"" +
                                   SanitizeUtf8(checkpoint.substr(0, 64)) + "\"");
  };
  if (!checkpoint.starts_with("v1:")) return bad();
  std::string_view rest = checkpoint.substr(3);
  size_t colon = rest.find(':');
  if (colon == std::string_view::npos || colon == 0) return bad();
  std::string_view secs = rest.substr(0, colon);
  auto [ptr, ec] = std::from_chars(secs.data(), secs.data() + secs.size(), mark.seconds);
  if (ec != std::errc() || ptr != secs.data() + secs.size() || mark.seconds <= 0) return bad();
  std::string_view ids = rest.substr(colon + 1);
  while (!ids.empty()) {
    size_t comma = ids.find(',');
    std::string_view id = ids.substr(0, comma);
    if (!IsGraphId(id) || mark.ids.size() >= kMaxCheckpointIds) return bad();
    mark.ids.emplace(id);
    if (comma == std::string_view::npos) break;
    ids.remove_prefix(comma + 1);
    if (ids.empty()) return bad();
  }
  return mark;
}

std::string EncodeHighWater(const HighWater& mark) {
  if (mark.empty()) return "";
  std::string out = "v1:" + std::to_string(mark.seconds) + ":";
  bool first = true;
  for (const std::string& id : mark.ids) {
    if (!first) out += ",";
    out += id;
    first = false;
  }
  return out;
}

bool IsNew(const HighWater& mark, int64_t seconds, const std::string& id) {
  if (seconds != mark.seconds) return seconds > mark.seconds;
  return mark.ids.count(id) == 0;
}

std::vector<size_t> TakeOldest(std::vector<Keyed> candidates, size_t limit,
                               std::optional<std::pair<int64_t, std::string>> frontier,
                               HighWater* mark, size_t* left_over) {
  std::sort(candidates.begin(), candidates.end(), [](const Keyed& a, const Keyed& b) {
    return std::tie(a.seconds, a.id) < std::tie(b.seconds, b.id);
  });
  std::vector<size_t> taken;
  size_t rest = 0;
  std::set<std::string> seen_now;
  for (const Keyed& k : candidates) {
    if (!IsNew(*mark, k.seconds, k.id) || !seen_now.insert(k.id).second) continue;
    bool beyond =
        frontier && std::tie(k.seconds, k.id) > std::tie(frontier->first, frontier->second);
    if (beyond || taken.size() >= limit) {
      ++rest;
      continue;
    }
    taken.push_back(k.index);
    if (k.seconds != mark->seconds) {
      mark->seconds = k.seconds;
      mark->ids.clear();
    }
    mark->ids.insert(k.id);
  }
  if (left_over != nullptr) *left_over = rest;
  return taken;
}

}  // namespace heed::connectors::graph
