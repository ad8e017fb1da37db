#include "youtube_parse.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <utility>

#include "connector_errors.h"
#include "heed/core/clock.h"
#include "heed/core/text.h"
#include "html_text.h"
#include "json_util.h"

namespace heed::connectors::youtube {
namespace {

using json::Member;
using json::Serialize;
using json::StringMember;
using rapidjson::Value;

constexpr size_t kMaxErrorBodyBytes = 64 * 1024;

ErrorInfo ErrorFrom(const Value& doc) {
  ErrorInfo info;
  const Value* error = Member(doc, "error");
  if (error == nullptr || !error->IsObject()) return info;
  info.present = true;
  if (const Value* code = Member(*error, "code"); code != nullptr && code->IsInt()) {
    info.code = code->GetInt();
  }
  info.message = json::ClipMessage(HtmlToText(StringMember(*error, "message").value_or("")));
  info.status = json::ClipMessage(StringMember(*error, "status").value_or(""));
  const Value* errors = Member(*error, "errors");
  if (errors != nullptr && errors->IsArray() && !errors->Empty()) {
    info.reason = json::ClipMessage(StringMember((*errors)[0], "reason").value_or(""));
    if (info.message.empty()) {
      info.message =
          json::ClipMessage(HtmlToText(StringMember((*errors)[0], "message").value_or("")));
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
  ItemContext ctx("youtube comment thread", index, IdDetail(item.id));
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
  Result<rapidjson::Document> doc = json::Parse(body);
  if (!doc.ok()) return {};
  return ErrorFrom(*doc);
}

Result<ThreadPage> ParseThreadPage(std::string_view body) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
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
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  w.Key("snippet");
  w.StartObject();
  w.Key("parentId");
  json::PutString(w, parent_id);
  w.Key("textOriginal");
  json::PutString(w, text);
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

Result<std::string> ParseInsertedCommentId(std::string_view body) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
  if (!doc.IsObject()) return Status::DataLoss("inserted comment is not a JSON object");
  auto id = StringMember(doc, "id");
  if (!id || id->empty()) return Status::DataLoss("inserted comment has no string 'id'");
  return *id;
}

}  // namespace heed::connectors::youtube
