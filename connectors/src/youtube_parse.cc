#include "youtube_parse.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <utility>

#include "heed/core/clock.h"
#include "heed/core/text.h"
#include "html_text.h"

namespace heed::connectors::youtube {
namespace {

using rapidjson::Value;

constexpr int kMaxDepth = 64;
constexpr size_t kMaxErrorMessageBytes = 300;
constexpr size_t kMaxErrorBodyBytes = 64 * 1024;

bool DepthWithin(std::string_view body, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

Result<rapidjson::Document> ParseJson(std::string_view body) {
  if (!DepthWithin(body, kMaxDepth)) {
    return Status::DataLoss("response JSON nested deeper than " + std::to_string(kMaxDepth));
  }
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseIterativeFlag>(body.data(), body.size());
  if (doc.HasParseError()) {
    std::string start = SanitizeUtf8(body.substr(0, 40));
    return Status::DataLoss(std::string("response is not JSON (") +
                            rapidjson::GetParseError_En(doc.GetParseError()) + " at offset " +
                            std::to_string(doc.GetErrorOffset()) + "; body starts \"" +
                            ForTerminal(start) + "\")");
  }
  return doc;
}

const Value* Member(const Value& object, const char* name) {
  if (!object.IsObject()) return nullptr;
  auto it = object.FindMember(name);
  return it == object.MemberEnd() ? nullptr : &it->value;
}

std::optional<std::string> StringMember(const Value& object, const char* name) {
  const Value* v = Member(object, name);
  if (v == nullptr || !v->IsString()) return std::nullopt;
  return SanitizeUtf8(std::string_view(v->GetString(), v->GetStringLength()));
}

std::string Serialize(const Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return SanitizeUtf8(std::string_view(buffer.GetString(), buffer.GetSize()));
}

std::string Clip(std::string message) {
  if (message.size() > kMaxErrorMessageBytes) {
    message = SanitizeUtf8(std::string_view(message).substr(0, kMaxErrorMessageBytes)) + "...";
  }
  return ForTerminal(message);
}

class ItemContext {
 public:
  ItemContext(size_t index, std::string id) : index_(index), id_(std::move(id)) {}
  Status Error(std::string_view what) const {
    std::string m = "youtube comment thread " + std::to_string(index_);
    if (!id_.empty()) m += " (id " + id_ + ")";
    return Status::DataLoss(m + ": " + std::string(what));
  }

 private:
  size_t index_;
  std::string id_;
};

ErrorInfo ErrorFrom(const Value& doc) {
  ErrorInfo info;
  const Value* error = Member(doc, "error");
  if (error == nullptr || !error->IsObject()) return info;
  info.present = true;
  if (const Value* code = Member(*error, "code"); code != nullptr && code->IsInt()) {
    info.code = code->GetInt();
  }
  info.message = Clip(HtmlToText(StringMember(*error, "message").value_or("")));
  info.status = Clip(StringMember(*error, "status").value_or(""));
  const Value* errors = Member(*error, "errors");
  if (errors != nullptr && errors->IsArray() && !errors->Empty()) {
    info.reason = Clip(StringMember((*errors)[0], "reason").value_or(""));
    if (info.message.empty()) {
      info.message = Clip(HtmlToText(StringMember((*errors)[0], "message").value_or("")));
    }
  }
  return info;
}

Item ParseThread(const Value& thread, size_t index) {
  Item item;
  auto thread_id = StringMember(thread, "id");
  if (thread_id) item.id = *thread_id;
  const Value* snippet = Member(thread, "snippet");
  const Value* top = snippet ? Member(*snippet, "topLevelComment") : nullptr;
  const Value* comment = top ? Member(*top, "snippet") : nullptr;
  if (item.id.empty() && top != nullptr) item.id = StringMember(*top, "id").value_or("");
  ItemContext ctx(index, item.id);
  if (!thread.IsObject()) {
    item.mention = ctx.Error("thread is not an object");
    return item;
  }
  if (item.id.empty()) {
    item.mention = ctx.Error("field 'id' missing or not a string");
    return item;
  }
  if (comment == nullptr || !comment->IsObject()) {
    item.mention = ctx.Error("field 'snippet.topLevelComment.snippet' missing or not an object");
    return item;
  }
  auto published = StringMember(*comment, "publishedAt");
  if (!published) {
    item.mention = ctx.Error("field 'publishedAt' missing or not a string");
    return item;
  }
  Result<TimePoint> at = ParseIso8601(*published);
  if (!at.ok()) {
    item.mention = ctx.Error("field 'publishedAt': " + at.status().message());
    return item;
  }
  item.published = *at;

  Mention m;
  m.platform = "youtube";
  m.remote_id = item.id;
  m.created_at = *at;
  if (auto original = StringMember(*comment, "textOriginal")) {
    m.text = *original;
  } else if (auto display = StringMember(*comment, "textDisplay")) {
    m.text = HtmlToText(*display);
  } else {
    item.mention = ctx.Error("neither 'textOriginal' nor 'textDisplay' is a string");
    return item;
  }
  std::string name = StringMember(*comment, "authorDisplayName").value_or("");
  m.author.display_name = name;
  m.author.handle = !name.empty() && name.front() == '@' ? name.substr(1) : name;
  if (const Value* channel = Member(*comment, "authorChannelId")) {
    m.author.id = StringMember(*channel, "value").value_or("");
  }
  m.author.profile_url = StringMember(*comment, "authorChannelUrl").value_or("");

  std::string video = StringMember(*snippet, "videoId").value_or("");
  if (video.empty()) video = StringMember(*comment, "videoId").value_or("");
  std::string channel = StringMember(*snippet, "channelId").value_or("");
  if (channel.empty()) channel = StringMember(*comment, "channelId").value_or("");
  if (!video.empty()) {
    m.url = "https://www.youtube.com/watch?v=" + video + "&lc=" + item.id;
  } else if (!channel.empty()) {
    m.url = "https://www.youtube.com/channel/" + channel + "?lc=" + item.id;
  } else {
    item.mention = ctx.Error("neither 'videoId' nor 'channelId' is present to build a link");
    return item;
  }
  m.raw_json = Serialize(thread);
  item.mention = std::move(m);
  return item;
}

}  // namespace

ErrorInfo ParseError(std::string_view body) {
  if (body.size() > kMaxErrorBodyBytes) return {};
  Result<rapidjson::Document> doc = ParseJson(body);
  if (!doc.ok()) return {};
  return ErrorFrom(*doc);
}

Result<ThreadPage> ParseThreadPage(std::string_view body) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, ParseJson(body));
  if (!doc.IsObject()) return Status::DataLoss("YouTube response is not a JSON object");
  if (ErrorInfo error = ErrorFrom(doc); error.present) {
    return Status::Unavailable("YouTube returned an error in a 200: " + error.message +
                               (error.reason.empty() ? "" : " (" + error.reason + ")"));
  }
  const Value* items = Member(doc, "items");
  if (items == nullptr || !items->IsArray()) {
    return Status::DataLoss("YouTube response has no 'items' array");
  }
  ThreadPage page;
  page.items.reserve(items->Size());
  for (rapidjson::SizeType i = 0; i < items->Size(); ++i) {
    page.items.push_back(ParseThread((*items)[i], i));
  }
  if (const Value* token = Member(doc, "nextPageToken"); token != nullptr) {
    if (!token->IsString()) return Status::DataLoss("YouTube 'nextPageToken' is not a string");
    page.next_page_token = StringMember(doc, "nextPageToken").value_or("");
  }
  return page;
}

std::string BuildReplyBody(std::string_view parent_id, std::string_view text) {
  auto put = [](rapidjson::Writer<rapidjson::StringBuffer>& w, std::string_view s) {
    std::string clean = SanitizeUtf8(s);
    w.String(clean.data(), static_cast<rapidjson::SizeType>(clean.size()));
  };
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("snippet");
  w.StartObject();
  w.Key("parentId");
  put(w, parent_id);
  w.Key("textOriginal");
  put(w, text);
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

Result<std::string> ParseInsertedCommentId(std::string_view body) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, ParseJson(body));
  if (!doc.IsObject()) return Status::DataLoss("inserted comment is not a JSON object");
  auto id = StringMember(doc, "id");
  if (!id || id->empty()) return Status::DataLoss("inserted comment has no string 'id'");
  return *id;
}

}  // namespace heed::connectors::youtube
