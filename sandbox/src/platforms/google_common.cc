#include "platforms/google_common.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "emulator_kit.h"
#include "heed/core/text.h"
#include "prng.h"

namespace heed::sandbox::google_emulator {

ApiResponse GoogleError(int http_status, std::string_view status, std::string_view message,
                        std::optional<std::chrono::seconds> retry_delay) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("error");
  w.StartObject();
  w.Key("code");
  w.Int(http_status);
  WriteString(w, "message", message);
  WriteString(w, "status", status);
  if (retry_delay) {
    w.Key("details");
    w.StartArray();
    w.StartObject();
    WriteString(w, "@type", "type.googleapis.com/google.rpc.ErrorInfo");
    WriteString(w, "reason", "RATE_LIMIT_EXCEEDED");
    WriteString(w, "domain", "googleapis.com");
    w.EndObject();
    w.StartObject();
    WriteString(w, "@type", "type.googleapis.com/google.rpc.RetryInfo");
    WriteString(w, "retryDelay", std::to_string(retry_delay->count()) + "s");
    w.EndObject();
    w.EndArray();
  }
  w.EndObject();
  w.EndObject();
  return JsonResponse(http_status, JsonString(buffer));
}

ApiResponse MissingCredentials() {
  ApiResponse r = GoogleError(
      401, "UNAUTHENTICATED",
      "Request is missing required authentication credential. Expected OAuth 2 access token, "
      "login cookie or other valid authentication credential. See "
      "https://developers.google.com/identity/sign-in/web/devconsole-project.");
  r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\"");
  return r;
}

ApiResponse InternalError(const char* what) {
  return GoogleError(500, "INTERNAL", WithDetail("heed sandbox internal error", what));
}

std::optional<ApiResponse> Admit(const ApiRequest& request, RateLimiter& limiter,
                                 const Clock& clock, std::string_view quota_message) {
  std::optional<std::string> token = BearerToken(request.headers);
  if (!token) return MissingCredentials();
  RateLimiter::Decision quota = limiter.Consume("token:" + *token, clock.Now());
  if (quota.allowed) return std::nullopt;
  return GoogleError(429, "RESOURCE_EXHAUSTED", quota_message,
                     std::chrono::seconds(RetryAfterSeconds(quota, clock)));
}

std::optional<int> PageSize(const Params& query, std::string_view key, int default_size,
                            int max_size) {
  auto size = FirstParam(query, key);
  if (!size || size->empty()) return default_size;
  char* end = nullptr;
  long parsed = std::strtol(size->c_str(), &end, 10);
  if (*end != '\0' || parsed < 0) return std::nullopt;
  return parsed == 0 ? default_size : static_cast<int>(std::min<long>(parsed, max_size));
}

std::optional<ApiResponse> ReadReplyText(std::string_view body, const ReplyRules& rules,
                                         std::string* text) {
  JsonStringField field = ReadJsonStringField(body, rules.field);
  if (field.status == JsonStringField::kNotObject) {
    return GoogleError(400, "INVALID_ARGUMENT", "Invalid JSON payload received.");
  }
  if (field.status == JsonStringField::kMissing) {
    return GoogleError(400, "INVALID_ARGUMENT", rules.missing);
  }
  switch (CheckReplyText(field.value, rules.max_code_points, /*check_utf8=*/true)) {
    case ReplyTextProblem::kBlank:
    case ReplyTextProblem::kInvalidUtf8:
      return GoogleError(400, "INVALID_ARGUMENT", rules.empty);
    case ReplyTextProblem::kTooLong:
      return GoogleError(400, "INVALID_ARGUMENT", rules.too_long);
    case ReplyTextProblem::kNone:
      break;
  }
  *text = std::move(field.value);
  return std::nullopt;
}

int StarsFromTone(std::string_view text, uint64_t salt) {
  static constexpr std::string_view kNegative[] = {
      "broken", "still", "crash",    "charged",  "rude",    "stopped",         "wrong",  "refund",
      "worst",  "can't", "hasn't",   "missing",  "not ",    "rotto",           "ancora", "rimborso",
      "pessim", "non ",  "scortese", "sbagliat", "addebit", "nessuna risposta"};
  static constexpr std::string_view kPositive[] = {
      "thank",  "great", "impressed", "well done",   "perfect", "love",  "excellent", "fast",
      "grazie", "ottim", "perfett",   "complimenti", "veloce",  "bravi", "fantastic"};
  std::string lower = AsciiLower(text);
  int score = 0;
  for (std::string_view cue : kNegative) score -= lower.find(cue) != std::string::npos ? 1 : 0;
  for (std::string_view cue : kPositive) score += lower.find(cue) != std::string::npos ? 1 : 0;
  Prng rng(salt);
  if (score < 0) return rng.Chance(0.7) ? 1 : 2;
  if (score > 0) return rng.Chance(0.7) ? 5 : 4;
  return static_cast<int>(rng.Between(3, 4));
}

std::string WithoutBrandMention(std::string_view text, std::string_view brand) {
  std::string mention = "@" + AsciiLower(brand);
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '@' && AsciiLower(text.substr(i, mention.size())) == mention) {
      size_t end = i + mention.size();
      bool word_end = end >= text.size() || !(std::isalnum(static_cast<unsigned char>(text[end])) ||
                                              text[end] == '_' || text[end] == '@');
      if (word_end) {
        i = end;
        continue;
      }
    }
    out.push_back(text[i++]);
  }
  // Collapse runs of spaces left behind and trim.
  std::string collapsed;
  for (char c : out) {
    if (c == ' ' && (collapsed.empty() || collapsed.back() == ' ' || collapsed.back() == '\n')) {
      continue;
    }
    collapsed.push_back(c);
  }
  while (!collapsed.empty() && (collapsed.back() == ' ' || collapsed.back() == '\n')) {
    collapsed.pop_back();
  }
  return collapsed.empty() ? std::string(text) : collapsed;
}

}  // namespace heed::sandbox::google_emulator
