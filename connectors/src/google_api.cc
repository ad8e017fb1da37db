#include "google_api.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <utility>

#include "connector_errors.h"
#include "connector_text.h"
#include "heed/core/text.h"
#include "http_errors.h"
#include "json_util.h"
#include "rate_limit.h"

namespace heed::connectors::google {
namespace {

using json::Member;
using json::StringMember;
using rapidjson::Value;

constexpr size_t kMaxErrorBodyBytes = 64 * 1024;
constexpr size_t kMaxCheckpointBytes = 64 * 1024;

std::string Truncated(std::string text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  return SanitizeUtf8(std::string_view(text).substr(0, max_bytes)) + "...";
}

// "12s", "1.5s", "0.250s" (google.protobuf.Duration in JSON) -> milliseconds.
std::optional<Millis> ParseDuration(std::string_view text) {
  if (text.size() < 2 || text.size() > 32 || text.back() != 's') return std::nullopt;
  text.remove_suffix(1);
  double seconds = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(seconds) ||
      seconds < 0 || seconds > 86400.0 * 7) {
    return std::nullopt;
  }
  return Millis(static_cast<int64_t>(std::llround(seconds * 1000)));
}

bool IsRateReason(std::string_view reason) {
  return reason == "rateLimitExceeded" || reason == "userRateLimitExceeded" ||
         reason == "quotaExceeded" || reason == "dailyLimitExceeded" ||
         reason == "RATE_LIMIT_EXCEEDED";
}

// ---- checkpoint encoding ----

// ParseInt64 limited to 20 characters (no int64 needs more).
std::optional<int64_t> ShortInt64(std::string_view text) {
  if (text.size() > 20) return std::nullopt;
  return ParseInt64(text);
}

std::string EncodeIds(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) {
    if (!out.empty()) out += ',';
    out += UrlEncode(id);
  }
  return out;
}

std::optional<std::vector<std::string>> DecodeIds(std::string_view text) {
  std::vector<std::string> ids;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string_view part = text.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    auto id = PercentDecodeStrict(part);
    if (!id || id->empty()) return std::nullopt;
    ids.push_back(std::move(*id));
    if (ids.size() > kMaxBoundaryIds) return std::nullopt;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return ids;
}

bool Contains(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

void AddId(std::vector<std::string>& ids, const std::string& id) {
  if (ids.size() < kMaxBoundaryIds && !Contains(ids, id)) ids.push_back(id);
}

}  // namespace

// ---- JSON ----

std::optional<int64_t> IntMember(const Value& object, const char* name) {
  const Value* v = Member(object, name);
  if (v == nullptr) return std::nullopt;
  if (v->IsInt64()) return v->GetInt64();
  if (v->IsString()) return ShortInt64(std::string_view(v->GetString(), v->GetStringLength()));
  return std::nullopt;
}

// ---- Errors ----

std::optional<GoogleError> ParseGoogleError(std::string_view body) {
  if (body.size() > kMaxErrorBodyBytes) return std::nullopt;
  Result<rapidjson::Document> doc = json::Parse(body);
  if (!doc.ok()) return std::nullopt;
  const Value* error = Member(*doc, "error");
  if (error == nullptr || !error->IsObject()) return std::nullopt;
  GoogleError out;
  if (auto code = IntMember(*error, "code"); code && *code >= 100 && *code <= 599) {
    out.code = static_cast<int>(*code);
  }
  out.status = ForTerminal(Truncated(StringMember(*error, "status").value_or(""), 64));
  out.message = json::ClipMessage(StringMember(*error, "message").value_or(""));
  if (const Value* errors = Member(*error, "errors"); errors != nullptr && errors->IsArray()) {
    for (const Value& e : errors->GetArray()) {
      if (auto reason = StringMember(e, "reason")) out.reasons.push_back(ForTerminal(*reason));
    }
  }
  if (const Value* details = Member(*error, "details"); details != nullptr && details->IsArray()) {
    for (const Value& d : details->GetArray()) {
      std::string type = StringMember(d, "@type").value_or("");
      if (type.ends_with("google.rpc.RetryInfo")) {
        if (auto delay = StringMember(d, "retryDelay")) out.retry_delay = ParseDuration(*delay);
      } else if (type.ends_with("google.rpc.ErrorInfo")) {
        if (auto reason = StringMember(d, "reason")) out.reasons.push_back(ForTerminal(*reason));
      }
    }
  }
  return out;
}

Status StatusFromGoogleError(int http_status, const std::optional<GoogleError>& error,
                             std::string_view context, std::optional<Millis> header_retry_after) {
  std::string message = error ? error->message : "";
  std::string status = error ? error->status : "";
  std::optional<Millis> retry = header_retry_after;
  if (!retry && error) retry = error->retry_delay;
  bool rate = http_status == 429 || status == "RESOURCE_EXHAUSTED";
  if (error) {
    for (const std::string& reason : error->reasons) rate = rate || IsRateReason(reason);
  }
  std::string full = std::string(context) + ": HTTP " + std::to_string(http_status);
  if (!message.empty()) full += ": " + message;
  if (rate) return Status::ResourceExhausted(std::move(full), retry);
  if (status == "UNAUTHENTICATED") return Status::Unauthenticated(std::move(full));
  if (status == "PERMISSION_DENIED") return Status::PermissionDenied(std::move(full));
  if (http_status >= 200 && http_status <= 299) {
    // An error envelope inside a 2xx body: trust the envelope's code, else call it unavailable.
    int code = error && error->code != 0 ? error->code : 503;
    if (code >= 200 && code <= 299) code = 500;
    return StatusFromHttp(code, context, message.empty() ? "error in a 2xx body" : message, retry);
  }
  return StatusFromHttp(http_status, context, message, retry);
}

Status StatusFromGoogleResponse(const HttpResponse& response, std::string_view context,
                                TimePoint now) {
  return StatusFromGoogleError(response.status, ParseGoogleError(response.body), context,
                               RetryAfterHint(response, now));
}

Result<HttpResponse> SendChecked(HttpTransport& transport, const HttpRequest& request, Clock& clock,
                                 std::string_view platform, std::string_view name,
                                 const std::string& token) {
  Result<HttpResponse> response = transport.Send(request);
  if (!response.ok()) {
    return ScrubSecret(TransportContext(response.status(), platform, name, request), token);
  }
  if (!Is2xx(response->status)) {
    return ScrubSecret(
        StatusFromGoogleResponse(*response, RequestContext(platform, name, request), clock.Now()),
        token);
  }
  return response;
}

// ---- Checkpoint ----

std::string EncodeCheckpoint(const PassCheckpoint& c) {
  if (!c.floor_key && c.page_token.empty()) return "";
  std::string out = "g1";
  if (c.floor_key) out += ";f=" + std::to_string(*c.floor_key);
  if (!c.floor_ids.empty()) out += ";fi=" + EncodeIds(c.floor_ids);
  if (!c.page_token.empty()) {
    out += ";t=" + UrlEncode(c.page_token);
    if (c.top_key) out += ";tk=" + std::to_string(*c.top_key);
    if (!c.top_ids.empty()) out += ";ti=" + EncodeIds(c.top_ids);
    out += ";n=" + std::to_string(c.pass_pages);
    if (c.token_repeats > 0) out += ";r=" + std::to_string(c.token_repeats);
  }
  return out;
}

Result<PassCheckpoint> DecodeCheckpoint(std::string_view text) {
  PassCheckpoint c;
  if (text.empty()) return c;
  auto bad = [&](std::string_view why) {
    return Status::InvalidArgument("checkpoint \"" + ForTerminal(SanitizeUtf8(text.substr(0, 80))) +
                                   "\" is not a Google review checkpoint: " + std::string(why));
  };
  if (text.size() > kMaxCheckpointBytes) return bad("too long");
  if (!text.starts_with("g1")) return bad("unknown version");
  std::set<std::string> seen;
  size_t start = 2;
  while (start < text.size()) {
    if (text[start] != ';') return bad("expected ';'");
    size_t end = text.find(';', start + 1);
    std::string_view field = text.substr(
        start + 1, end == std::string_view::npos ? std::string_view::npos : end - start - 1);
    start = end == std::string_view::npos ? text.size() : end;
    size_t eq = field.find('=');
    if (eq == std::string_view::npos) return bad("field without '='");
    std::string key(field.substr(0, eq));
    std::string_view value = field.substr(eq + 1);
    if (!seen.insert(key).second) return bad("repeated field " + key);
    if (key == "f" || key == "tk") {
      auto v = ShortInt64(value);
      if (!v) return bad("bad key value");
      (key == "f" ? c.floor_key : c.top_key) = *v;
    } else if (key == "fi" || key == "ti") {
      auto ids = DecodeIds(value);
      if (!ids) return bad("bad id list");
      (key == "fi" ? c.floor_ids : c.top_ids) = std::move(*ids);
    } else if (key == "t") {
      auto token = PercentDecodeStrict(value);
      if (!token || token->empty()) return bad("bad page token");
      c.page_token = std::move(*token);
    } else if (key == "n") {
      auto n = ShortInt64(value);
      if (!n || *n < 0 || *n > 1000000) return bad("bad page count");
      c.pass_pages = static_cast<int>(*n);
    } else if (key == "r") {
      auto n = ShortInt64(value);
      if (!n || *n < 1 || *n >= kMaxTokenRepeats) return bad("bad repeat count");
      c.token_repeats = static_cast<int>(*n);
    } else {
      return bad("unknown field " + key);
    }
  }
  if (c.page_token.empty() &&
      (c.top_key || !c.top_ids.empty() || seen.count("n") > 0 || seen.count("r") > 0)) {
    return bad("pass state without a page token");
  }
  if (!c.floor_key && !c.floor_ids.empty()) return bad("floor ids without a floor");
  return c;
}

// ---- Pass ----

PassStep AdvancePass(const PassCheckpoint& current, std::vector<PageItem> items,
                     const std::string& next_page_token, int backfill_pages,
                     std::string_view context) {
  PassStep step;
  PassCheckpoint pass = current;  // top_key/top_ids accumulate here
  auto is_new = [&](int64_t key, const std::string& id) {
    if (!current.floor_key) return true;
    if (key != *current.floor_key) return key > *current.floor_key;
    return !Contains(current.floor_ids, id);
  };
  auto error = [&](const Status& s) { step.page.item_errors.push_back(s.WithContext(context)); };

  bool reached_old = false;
  std::set<std::string> on_page;
  for (PageItem& item : items) {
    if (!item.key || item.id.empty()) {
      error(item.mention.ok() ? Status::DataLoss("review without a usable id or timestamp")
                              : item.mention.status());
      continue;
    }
    if (!is_new(*item.key, item.id)) {
      reached_old = true;
      continue;
    }
    if (!on_page.insert(item.id).second) continue;  // listed twice on one page
    if (!pass.top_key || *item.key > *pass.top_key) {
      pass.top_key = *item.key;
      pass.top_ids = {item.id};
    } else if (*item.key == *pass.top_key) {
      AddId(pass.top_ids, item.id);
    }
    if (item.mention.ok()) {
      step.page.mentions.push_back(std::move(item.mention).value());
    } else {
      error(item.mention.status());
    }
  }

  // The token it was sent back: this page was served again, not the next one. Ask again (see
  // the header); only kMaxTokenRepeats in a row end the pass.
  const bool repeat = !next_page_token.empty() && next_page_token == current.page_token;
  const bool looping = repeat && current.token_repeats + 1 >= kMaxTokenRepeats;
  if (looping) {
    error(Status::DataLoss("the next page token repeats the current one (" +
                           std::to_string(kMaxTokenRepeats) +
                           " times in a row); ending this pass"));
  }
  const bool bounded = !repeat && !current.floor_key && backfill_pages > 0 &&
                       current.pass_pages + 1 >= backfill_pages;
  if (reached_old || next_page_token.empty() || looping || bounded) {
    PassCheckpoint done;
    done.floor_key = current.floor_key;
    done.floor_ids = current.floor_ids;
    if (pass.top_key) {
      if (!done.floor_key || *pass.top_key > *done.floor_key) {
        done.floor_key = pass.top_key;
        done.floor_ids = pass.top_ids;
      } else if (*pass.top_key == *done.floor_key) {
        for (const std::string& id : pass.top_ids) AddId(done.floor_ids, id);
      }
    }
    step.next = std::move(done);
    step.page.has_more = false;
  } else {
    pass.page_token = next_page_token;
    pass.pass_pages = current.pass_pages + (repeat ? 0 : 1);
    pass.token_repeats = repeat ? current.token_repeats + 1 : 0;
    step.next = std::move(pass);
    step.page.has_more = true;
  }
  step.page.next_checkpoint = EncodeCheckpoint(step.next);
  return step;
}

Result<Page> FetchPassPage(const ReviewFeed& feed, const std::string& checkpoint) {
  Result<PassCheckpoint> decoded = DecodeCheckpoint(checkpoint);
  if (!decoded.ok()) {
    return decoded.status().WithContext(std::string(feed.platform) + " connector '" + feed.name +
                                        "'");
  }
  PassCheckpoint current = std::move(decoded).value();
  std::vector<Status> notes;

  HttpRequest request = feed.request(current.page_token);
  Result<HttpResponse> response = feed.send(request);
  if (!response.ok() && !current.page_token.empty() &&
      response.status().code() == StatusCode::kInvalidArgument) {
    notes.push_back(Status::DataLoss(
        RequestContext(feed.platform, feed.name, request) +
        ": the stored page token was rejected (" + response.status().message() +
        "); restarting this pass from the newest review (already stored reviews are skipped)"));
    current.page_token.clear();
    request = feed.request("");
    response = feed.send(request);
  }
  if (!response.ok()) return response.status();

  const std::string context = RequestContext(feed.platform, feed.name, request);
  Result<ReviewsPage> parsed = feed.parse(response->body);
  if (!parsed.ok()) return ScrubSecret(parsed.status().WithContext(context), feed.token);
  PassStep step = AdvancePass(current, std::move(parsed->items), parsed->next_page_token,
                              feed.backfill_pages, context);
  for (Status& s : step.page.item_errors) s = ScrubSecret(std::move(s), feed.token);
  step.page.item_errors.insert(step.page.item_errors.begin(), notes.begin(), notes.end());
  return std::move(step.page);
}

}  // namespace heed::connectors::google
