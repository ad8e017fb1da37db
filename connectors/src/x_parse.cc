#include "x_parse.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <limits>
#include <utility>

#include "connector_errors.h"
#include "heed/core/clock.h"
#include "heed/core/text.h"
#include "ids.h"
#include "json_util.h"

namespace heed::connectors::x {
namespace {

using json::Member;
using json::Serialize;
using json::StringMember;
using rapidjson::Value;

constexpr size_t kMaxErrorBodyBytes = 64 * 1024;
constexpr size_t kMaxPartialErrors = 20;
constexpr int64_t kTwitterEpochMs = 1288834974657;

// X's text is plain except for these three escapes.
std::string DecodeXEntities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '&') {
      if (text.substr(i, 5) == "&amp;") {
        out.push_back('&');
        i += 5;
        continue;
      }
      if (text.substr(i, 4) == "&lt;") {
        out.push_back('<');
        i += 4;
        continue;
      }
      if (text.substr(i, 4) == "&gt;") {
        out.push_back('>');
        i += 4;
        continue;
      }
    }
    out.push_back(text[i++]);
  }
  return out;
}

bool IsNoLanguage(std::string_view lang) {
  return lang.empty() || lang == "und" || lang == "zxx" || lang.front() == 'q';
}

// One error object of an "errors" array as "title: detail (value)".
std::string DescribeError(const Value& error) {
  std::string title = StringMember(error, "title").value_or("");
  std::string detail = StringMember(error, "detail").value_or("");
  if (detail.empty()) detail = StringMember(error, "message").value_or("");
  std::string m = title;
  if (!detail.empty()) m += m.empty() ? detail : ": " + detail;
  if (m.empty()) m = "unspecified error";
  return json::ClipMessage(m);
}

// The first author in includes.users with the given id, or nullptr.
const Value* FindUser(const Value& doc, const std::string& id) {
  const Value* includes = Member(doc, "includes");
  const Value* users = includes ? Member(*includes, "users") : nullptr;
  if (users == nullptr || !users->IsArray() || id.empty()) return nullptr;
  for (const Value& user : users->GetArray()) {
    if (StringMember(user, "id").value_or("") == id) return &user;
  }
  return nullptr;
}

Item ParseTweet(const Value& doc, const Value& tweet, size_t index) {
  Item item;
  auto id = StringMember(tweet, "id");
  if (id && IsDecimalId(*id)) item.id = *id;
  ItemContext ctx("x tweet", index, IdDetail(item.id));
  if (!tweet.IsObject()) {
    item.mention = ctx.Error("tweet is not an object");
    return item;
  }
  if (item.id.empty()) {
    item.mention = ctx.Error("field 'id' missing or not a decimal id");
    return item;
  }
  std::string parent_id;
  if (const Value* refs = Member(tweet, "referenced_tweets"); refs != nullptr) {
    if (!refs->IsArray()) {
      item.mention = ctx.Error("field 'referenced_tweets' is not an array");
      return item;
    }
    for (const Value& ref : refs->GetArray()) {
      std::string type = StringMember(ref, "type").value_or("");
      if (type == "retweeted") {
        item.skipped = true;
        return item;
      }
      if (type == "replied_to") parent_id = StringMember(ref, "id").value_or("");
    }
  }

  Mention m;
  m.platform = "x";
  m.remote_id = item.id;
  std::optional<std::string> text;
  if (const Value* note = Member(tweet, "note_tweet")) text = StringMember(*note, "text");
  if (!text) text = StringMember(tweet, "text");
  if (!text) {
    item.mention = ctx.Error("field 'text' missing or not a string");
    return item;
  }
  m.text = DecodeXEntities(*text);

  if (const Value* created = Member(tweet, "created_at"); created != nullptr) {
    auto created_text = StringMember(tweet, "created_at");
    if (!created_text) {
      item.mention = ctx.Error("field 'created_at' is not a string");
      return item;
    }
    Result<TimePoint> at = ParseIso8601(*created_text);
    if (!at.ok()) {
      item.mention = ctx.Error("field 'created_at': " + at.status().message());
      return item;
    }
    m.created_at = *at;
  } else if (auto at = SnowflakeTime(item.id)) {
    m.created_at = *at;
  } else {
    item.mention = ctx.Error("field 'created_at' missing and the id carries no time");
    return item;
  }

  std::string lang = StringMember(tweet, "lang").value_or("");
  if (!IsNoLanguage(lang)) m.language = lang;

  m.author.id = StringMember(tweet, "author_id").value_or("");
  const Value* user = FindUser(doc, m.author.id);
  if (user != nullptr) {
    std::string username = StringMember(*user, "username").value_or("");
    m.author.handle = username;
    m.author.display_name = StringMember(*user, "name").value_or("");
    if (!username.empty()) m.author.profile_url = "https://x.com/" + username;
  }
  m.url = m.author.handle.empty() ? "https://x.com/i/web/status/" + item.id
                                  : "https://x.com/" + m.author.handle + "/status/" + item.id;

  if (IsDecimalId(parent_id)) m.parent_id = parent_id;
  std::string conversation = StringMember(tweet, "conversation_id").value_or("");
  if (IsDecimalId(conversation) && conversation != item.id) {
    m.thread_id = conversation;
  } else if (conversation.empty()) {
    m.thread_id = m.parent_id;
  }

  // raw_json: a one-tweet page with the author, so it can be parsed again on its own.
  rapidjson::Document raw;
  raw.SetObject();
  auto& alloc = raw.GetAllocator();
  Value data(rapidjson::kArrayType);
  data.PushBack(Value(tweet, alloc), alloc);
  raw.AddMember("data", data, alloc);
  if (user != nullptr) {
    Value users(rapidjson::kArrayType);
    users.PushBack(Value(*user, alloc), alloc);
    Value includes(rapidjson::kObjectType);
    includes.AddMember("users", users, alloc);
    raw.AddMember("includes", includes, alloc);
  }
  m.raw_json = Serialize(raw);
  item.mention = std::move(m);
  return item;
}

Status PageErrorStatus(const Value& errors) {
  std::string type;
  std::string message = "X returned only errors";
  if (errors.IsArray() && !errors.Empty()) {
    type = StringMember(errors[0], "type").value_or("");
    message += ": " + DescribeError(errors[0]);
    if (errors.Size() > 1) message += " (+" + std::to_string(errors.Size() - 1) + " more)";
  }
  return Status(CodeForProblemType(type), message);
}

}  // namespace

StatusCode CodeForProblemType(std::string_view type) {
  auto has = [&](std::string_view s) { return type.find(s) != std::string_view::npos; };
  if (has("resource-not-found")) return StatusCode::kNotFound;
  if (has("not-authorized-for-resource") || has("client-forbidden") ||
      has("unsupported-authentication")) {
    return StatusCode::kPermissionDenied;
  }
  if (has("invalid-request")) return StatusCode::kInvalidArgument;
  if (has("usage-capped")) return StatusCode::kResourceExhausted;
  return StatusCode::kUnavailable;
}

std::optional<TimePoint> SnowflakeTime(std::string_view id) {
  if (!IsDecimalId(id) || id.size() > 20) return std::nullopt;
  uint64_t value = 0;
  for (char c : id) {
    auto digit = static_cast<uint64_t>(c - '0');
    if (value > (std::numeric_limits<uint64_t>::max() - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  // Snowflakes started in November 2010; smaller ids are sequential and carry no time.
  if (value < (uint64_t{1} << 32)) return std::nullopt;
  int64_t ms = static_cast<int64_t>(value >> 22) + kTwitterEpochMs;
  return FromUnixMillis(ms);
}

Result<TweetPage> ParseTweetPage(std::string_view body) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
  if (!doc.IsObject()) return Status::DataLoss("X response is not a JSON object");
  const Value* data = Member(doc, "data");
  const Value* errors = Member(doc, "errors");
  if (errors != nullptr && !errors->IsArray()) {
    return Status::DataLoss("X response field 'errors' is not an array");
  }
  if (data == nullptr && errors != nullptr && !errors->Empty()) return PageErrorStatus(*errors);
  TweetPage page;
  if (data != nullptr) {
    if (!data->IsArray()) return Status::DataLoss("X response field 'data' is not an array");
    page.items.reserve(data->Size());
    for (rapidjson::SizeType i = 0; i < data->Size(); ++i) {
      page.items.push_back(ParseTweet(doc, (*data)[i], i));
    }
  }
  if (errors != nullptr) {
    for (rapidjson::SizeType i = 0; i < errors->Size() && i < kMaxPartialErrors; ++i) {
      const Value& e = (*errors)[i];
      std::string type = StringMember(e, "type").value_or("");
      StatusCode code = CodeForProblemType(type);
      if (code == StatusCode::kUnavailable) code = StatusCode::kDataLoss;
      page.partial_errors.emplace_back(code, "X partial error: " + DescribeError(e));
    }
  }
  if (const Value* meta = Member(doc, "meta"); meta != nullptr) {
    if (!meta->IsObject()) return Status::DataLoss("X response field 'meta' is not an object");
    page.next_token = StringMember(*meta, "next_token").value_or("");
    std::string newest = StringMember(*meta, "newest_id").value_or("");
    if (IsDecimalId(newest)) page.newest_id = newest;
  }
  return page;
}

ErrorInfo ParseError(std::string_view body) {
  ErrorInfo info;
  if (body.size() > kMaxErrorBodyBytes) return info;
  Result<rapidjson::Document> doc = json::Parse(body);
  if (!doc.ok()) {
    // 2020-era 429s were text/plain "Rate limit exceeded": keep a short printable body.
    std::string_view trimmed = body;
    while (!trimmed.empty() && (trimmed.back() == '\n' || trimmed.back() == ' ')) {
      trimmed.remove_suffix(1);
    }
    if (!trimmed.empty() && trimmed.size() <= 200 && trimmed.front() != '<' &&
        trimmed.find('\n') == std::string_view::npos) {
      info.message = json::ClipMessage(SanitizeUtf8(trimmed));
    }
    return info;
  }
  if (!doc->IsObject()) return info;
  info.type = json::ClipMessage(StringMember(*doc, "type").value_or(""));
  std::string title = StringMember(*doc, "title").value_or("");
  std::string detail = StringMember(*doc, "detail").value_or("");
  if (!detail.empty() && detail != title) {
    info.message = json::ClipMessage(title.empty() ? detail : title + ": " + detail);
  } else if (!title.empty()) {
    info.message = json::ClipMessage(title);
  }
  const Value* errors = Member(*doc, "errors");
  if (errors != nullptr && errors->IsArray() && !errors->Empty()) {
    std::string first = DescribeError((*errors)[0]);
    info.message =
        info.message.empty() ? first : json::ClipMessage(info.message + " (" + first + ")");
    if (info.type.empty())
      info.type = json::ClipMessage(StringMember((*errors)[0], "type").value_or(""));
  }
  return info;
}

Result<std::string> ParseUserId(std::string_view body) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
  if (!doc.IsObject()) return Status::DataLoss("X user response is not a JSON object");
  const Value* data = Member(doc, "data");
  const Value* errors = Member(doc, "errors");
  if (data == nullptr && errors != nullptr && errors->IsArray() && !errors->Empty()) {
    return PageErrorStatus(*errors);
  }
  auto id = data ? StringMember(*data, "id") : std::nullopt;
  if (!id || !IsDecimalId(*id)) return Status::DataLoss("X user response has no decimal data.id");
  return *id;
}

std::string BuildReplyBody(std::string_view text, std::string_view in_reply_to_tweet_id) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  w.Key("text");
  json::PutString(w, text);
  w.Key("reply");
  w.StartObject();
  w.Key("in_reply_to_tweet_id");
  json::PutString(w, in_reply_to_tweet_id);
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

Result<PostedReply> ParseCreatedTweet(std::string_view body) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
  if (!doc.IsObject()) return Status::DataLoss("created tweet is not a JSON object");
  const Value* data = Member(doc, "data");
  auto id = data ? StringMember(*data, "id") : std::nullopt;
  if (!id || !IsDecimalId(*id)) {
    const Value* errors = Member(doc, "errors");
    if (errors != nullptr && errors->IsArray() && !errors->Empty()) {
      return PageErrorStatus(*errors);
    }
    return Status::DataLoss("created tweet has no decimal data.id");
  }
  return PostedReply{*id, "https://x.com/i/web/status/" + *id};
}

}  // namespace heed::connectors::x
