#include "emulator_kit.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <charconv>

#include "heed/core/text.h"
#include "query.h"

namespace heed::sandbox {

std::string JsonString(const rapidjson::StringBuffer& buffer) {
  return std::string(buffer.GetString(), buffer.GetSize());
}

void WriteKey(JsonWriter& w, std::string_view key) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

void WriteString(JsonWriter& w, std::string_view key, std::string_view value) {
  WriteKey(w, key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void WriteSanitizedString(JsonWriter& w, std::string_view key, std::string_view value) {
  WriteString(w, key, SanitizeUtf8(value));
}

void WriteOptionalString(JsonWriter& w, std::string_view key,
                         const std::optional<std::string>& value) {
  if (value) {
    WriteString(w, key, *value);
  } else {
    WriteNull(w, key);
  }
}

void WriteBool(JsonWriter& w, std::string_view key, bool value) {
  WriteKey(w, key);
  w.Bool(value);
}

void WriteInt(JsonWriter& w, std::string_view key, int value) {
  WriteKey(w, key);
  w.Int(value);
}

void WriteNull(JsonWriter& w, std::string_view key) {
  WriteKey(w, key);
  w.Null();
}

void WriteEmptyArray(JsonWriter& w, std::string_view key) {
  WriteKey(w, key);
  w.StartArray();
  w.EndArray();
}

size_t CountCodePoints(std::string_view text) {
  size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::string Trim(std::string_view text, std::string_view chars) {
  size_t b = text.find_first_not_of(chars);
  if (b == std::string_view::npos) return {};
  size_t e = text.find_last_not_of(chars);
  return std::string(text.substr(b, e - b + 1));
}

std::string_view TruncateUtf8(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

std::vector<std::string> LowerWords(std::string_view text, std::string_view separators) {
  std::vector<std::string> words;
  std::string lower = AsciiLower(text);
  size_t i = 0;
  while (i < lower.size()) {
    size_t b = lower.find_first_not_of(separators, i);
    if (b == std::string::npos) break;
    size_t e = lower.find_first_of(separators, b);
    words.push_back(lower.substr(b, e == std::string::npos ? e : e - b));
    i = e == std::string::npos ? lower.size() : e;
  }
  return words;
}

bool ContainsAll(std::string_view lower_text, const std::vector<std::string>& words) {
  return std::all_of(words.begin(), words.end(), [&](const std::string& word) {
    return lower_text.find(word) != std::string_view::npos;
  });
}

ReplyTextProblem CheckReplyText(std::string_view text, size_t max_code_points, bool check_utf8) {
  if (IsBlank(text)) return ReplyTextProblem::kBlank;
  if (check_utf8 && !IsValidUtf8(text)) return ReplyTextProblem::kInvalidUtf8;
  if (CountCodePoints(text) > max_code_points) return ReplyTextProblem::kTooLong;
  return ReplyTextProblem::kNone;
}

JsonStringField ReadJsonStringField(std::string_view body, const char* name) {
  JsonStringField field;
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    field.status = JsonStringField::kNotObject;
    return field;
  }
  auto it = doc.FindMember(name);
  if (it == doc.MemberEnd() || !it->value.IsString()) {
    field.status = JsonStringField::kMissing;
    return field;
  }
  field.value.assign(it->value.GetString(), it->value.GetStringLength());
  return field;
}

std::vector<std::string_view> RawSegments(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash);
  }
  return out;
}

std::vector<std::string> DecodedSegments(std::string_view path) {
  std::vector<std::string> out;
  for (std::string_view segment : RawSegments(path)) {
    out.push_back(PercentDecode(segment, false));
  }
  return out;
}

std::optional<uint64_t> ParseDigits(std::string_view text, size_t max_digits) {
  if (text.empty() || text.size() > max_digits) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return value;
}

std::optional<int64_t> ParseInt64(std::string_view text) {
  int64_t value = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string Base36(uint64_t value) {
  std::string out;
  do {
    out.push_back("0123456789abcdefghijklmnopqrstuvwxyz"[value % 36]);
    value /= 36;
  } while (value > 0);
  std::reverse(out.begin(), out.end());
  return out;
}

namespace {
constexpr char kHexDigits[] = "0123456789abcdef";
}  // namespace

std::string Hex16(uint64_t value) {
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, value >>= 4) out[static_cast<size_t>(i)] = kHexDigits[value & 0xF];
  return out;
}

std::string HexEncode(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kHexDigits[c >> 4]);
    out.push_back(kHexDigits[c & 0xF]);
  }
  return out;
}

std::optional<std::string> HexDecode(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  auto value = [](char c) {
    return (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
  };
  std::string out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = value(hex[i]), lo = value(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

TimePoint WholeSeconds(TimePoint t) { return std::chrono::floor<std::chrono::seconds>(t); }

std::string IsoSeconds(TimePoint t, std::string_view zone) {
  return FormatIso8601(t).substr(0, 19) + std::string(zone);
}

std::string ClientKey(const std::optional<std::string>& token, const ApiRequest& request) {
  return token ? "token:" + *token : "ip:" + request.remote_address;
}

int64_t SecondsUntilReset(const RateLimiter::Decision& decision, TimePoint now) {
  return std::chrono::duration_cast<std::chrono::seconds>(decision.reset - now).count();
}

int64_t RetryAfterSeconds(const RateLimiter::Decision& decision, const Clock& clock) {
  return std::max<int64_t>(1, SecondsUntilReset(decision, clock.Now()));
}

void AddRetryAfter(ApiResponse* response, const RateLimiter::Decision& decision,
                   const Clock& clock) {
  response->headers.emplace_back("Retry-After", std::to_string(RetryAfterSeconds(decision, clock)));
}

int64_t ResetEpochSeconds(const RateLimiter::Decision& decision) {
  return std::chrono::ceil<std::chrono::seconds>(decision.reset.time_since_epoch()).count();
}

const Account& AuthorOf(const Corpus& corpus, const Post& post) {
  return corpus.accounts[post.account < corpus.accounts.size() ? post.account : 0];
}

const std::string& NameOf(const Account& account) {
  return account.display_name.empty() ? account.username : account.display_name;
}

std::vector<Post> ByCreationTime(std::vector<Post> posts) {
  std::stable_sort(posts.begin(), posts.end(),
                   [](const Post& a, const Post& b) { return a.created_at < b.created_at; });
  return posts;
}

std::string WithDetail(std::string_view message, const char* what) {
  std::string out(message);
  if (what != nullptr) out += std::string(": ") + what;
  return out;
}

}  // namespace heed::sandbox
