#include "reddit_parse.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <utility>

#include "connector_errors.h"
#include "heed/core/text.h"
#include "json_util.h"

namespace heed::connectors::reddit {
namespace {

using json::Member;
using json::Serialize;
using json::StringMember;
using rapidjson::Value;

constexpr char kSite[] = "https://www.reddit.com";

Status ItemError(size_t index, const std::string& name, std::string_view what) {
  return ItemDataLoss("reddit item", index, name.substr(0, 40), what);
}

std::string WithoutQuery(std::string s) {
  size_t q = s.find_first_of("?#");
  if (q != std::string::npos) s.erase(q);
  return s;
}

bool IsRemovedText(const std::string& text) { return text == "[deleted]" || text == "[removed]"; }

Item ParseChild(const Value& child, size_t index) {
  Item item;
  if (!child.IsObject()) {
    item.mention = ItemError(index, "", "child is not an object");
    return item;
  }
  std::string kind = StringMember(child, "kind").value_or("");
  const Value* data = Member(child, "data");
  if (data == nullptr || !data->IsObject()) {
    item.mention = ItemError(index, "", "field 'data' missing or not an object");
    return item;
  }
  std::string id = StringMember(*data, "id").value_or("");
  std::string name = StringMember(*data, "name").value_or("");
  if (name.empty() && !id.empty() && !kind.empty()) name = kind + "_" + id;
  if (id.empty() && name.size() > 3 && name[2] == '_') id = name.substr(3);
  if (auto sort = walk::SortKeyFromBase36(id); sort && !name.empty()) {
    item.key = walk::Key{*sort, name};
  }
  if (kind != "t1" && kind != "t3") {
    item.skipped = true;
    return item;
  }
  if (!item.key) {
    item.mention = ItemError(index, name, "field 'id'/'name' missing or not a base-36 id");
    return item;
  }
  const Value* created = Member(*data, "created_utc");
  if (created == nullptr || !created->IsNumber() || !std::isfinite(created->GetDouble()) ||
      created->GetDouble() < 0 || created->GetDouble() > 1e11) {
    item.mention = ItemError(index, name, "field 'created_utc' missing or not epoch seconds");
    return item;
  }
  auto author = StringMember(*data, "author");
  if (!author || author->empty()) {
    item.mention = ItemError(index, name, "field 'author' missing or not a string");
    return item;
  }
  Mention m;
  m.platform = "reddit";
  m.remote_id = name;
  m.created_at = FromUnixMillis(static_cast<int64_t>(std::llround(created->GetDouble() * 1000)));
  m.author.handle = *author;
  m.author.id = StringMember(*data, "author_fullname").value_or(*author);
  if (*author != "[deleted]") m.author.profile_url = std::string(kSite) + "/user/" + *author;
  std::string subreddit = StringMember(*data, "subreddit").value_or("");
  if (kind == "t1") {
    auto body = StringMember(*data, "body");
    if (!body) {
      item.mention = ItemError(index, name, "field 'body' missing or not a string");
      return item;
    }
    m.text = *body;
    m.removed_at_source = IsRemovedText(*body);
    m.parent_id = StringMember(*data, "parent_id").value_or("");
    m.thread_id = StringMember(*data, "link_id").value_or("");
  } else {
    auto title = StringMember(*data, "title");
    if (!title) {
      item.mention = ItemError(index, name, "field 'title' missing or not a string");
      return item;
    }
    std::string selftext = StringMember(*data, "selftext").value_or("");
    m.text = *title;
    if (!selftext.empty()) m.text += "\n\n" + selftext;
    const Value* removed_by = Member(*data, "removed_by_category");
    m.removed_at_source =
        IsRemovedText(selftext) || (removed_by != nullptr && removed_by->IsString());
  }
  std::string permalink = StringMember(*data, "permalink").value_or("");
  if (permalink.empty()) permalink = StringMember(*data, "context").value_or("");
  if (kind == "t1" && m.thread_id.empty()) {
    // Inbox items (/message/mentions) carry no link_id; the context permalink names it:
    // /r/<sub>/comments/<link id36>/<slug>/<id>/?context=3
    size_t at = permalink.find("/comments/");
    if (at != std::string::npos) {
      std::string link = permalink.substr(at + 10);
      link = link.substr(0, link.find('/'));
      if (walk::SortKeyFromBase36(link)) m.thread_id = "t3_" + link;
    }
  }
  if (permalink.starts_with("/")) {
    m.url = WithoutQuery(kSite + permalink);
  } else if (permalink.starts_with("https://")) {
    m.url = WithoutQuery(permalink);
  } else if (kind == "t1" && !subreddit.empty() && m.thread_id.starts_with("t3_")) {
    m.url = std::string(kSite) + "/r/" + subreddit + "/comments/" + m.thread_id.substr(3) + "/_/" +
            id + "/";
  } else if (kind == "t3" && !subreddit.empty()) {
    m.url = std::string(kSite) + "/r/" + subreddit + "/comments/" + id + "/";
  } else {
    m.url = std::string(kSite) + "/" + (kind == "t1" ? "comments/" : "") + id;
  }
  m.raw_json = Serialize(child);
  item.mention = std::move(m);
  return item;
}

}  // namespace

Result<ListPage> ParseListing(std::string_view body) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
  const Value* data = Member(doc, "data");
  const Value* children = data != nullptr ? Member(*data, "children") : nullptr;
  if (StringMember(doc, "kind").value_or("") != "Listing" || children == nullptr ||
      !children->IsArray()) {
    return Status::DataLoss("response is not a Reddit Listing with a 'data.children' array");
  }
  ListPage page;
  page.after = StringMember(*data, "after").value_or("");
  for (rapidjson::SizeType i = 0; i < children->Size(); ++i) {
    page.items.push_back(ParseChild((*children)[i], i));
  }
  return page;
}

std::string ParseErrorMessage(std::string_view body) {
  if (body.size() > 64 * 1024) return "";
  Result<rapidjson::Document> doc = json::Parse(body);
  if (!doc.ok() || !doc->IsObject()) return "";
  std::string message = StringMember(*doc, "message").value_or("");
  for (const char* extra : {"reason", "explanation"}) {
    std::string s = StringMember(*doc, extra).value_or("");
    if (!s.empty() && s != message) message += (message.empty() ? "" : "; ") + s;
  }
  return json::ClipMessage(message);
}

std::optional<Millis> ParseRateLimitWait(std::string_view message) {
  size_t at = message.find("again in ");
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = message.substr(at + 9);
  int64_t n = 0;
  size_t digits = 0;
  while (digits < rest.size() && digits < 9 && rest[digits] >= '0' && rest[digits] <= '9') {
    n = n * 10 + (rest[digits] - '0');
    ++digits;
  }
  if (digits == 0) return std::nullopt;
  rest.remove_prefix(digits);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (rest.starts_with("millisecond")) return Millis(n);
  if (rest.starts_with("second")) return Millis(n * 1000);
  if (rest.starts_with("minute")) return Millis(n * 60 * 1000);
  if (rest.starts_with("hour")) return Millis(n * 3600 * 1000);
  return std::nullopt;
}

Result<PostedReply> ParseCommentResponse(std::string_view body) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
  const Value* json = Member(doc, "json");
  if (json == nullptr || !json->IsObject()) {
    return Status::DataLoss("comment response has no 'json' object");
  }
  if (const Value* errors = Member(*json, "errors");
      errors && errors->IsArray() && errors->Size() > 0) {
    std::string text;
    StatusCode code = StatusCode::kInvalidArgument;
    std::optional<Millis> wait;
    for (rapidjson::SizeType i = 0; i < errors->Size() && i < 5; ++i) {
      const Value& e = (*errors)[i];
      std::string name, message;
      if (e.IsArray() && e.Size() >= 1 && e[0].IsString()) name = e[0].GetString();
      if (e.IsArray() && e.Size() >= 2 && e[1].IsString()) message = e[1].GetString();
      name = SanitizeUtf8(name);
      message = SanitizeUtf8(message);
      if (!text.empty()) text += "; ";
      text += name.empty() ? "error" : name;
      if (!message.empty()) text += ": " + message;
      if (name == "RATELIMIT") {
        code = StatusCode::kResourceExhausted;
        wait = ParseRateLimitWait(message);
      } else if (code != StatusCode::kResourceExhausted) {
        if (name == "USER_REQUIRED") {
          code = StatusCode::kUnauthenticated;
        } else if (name == "THREAD_LOCKED" || name == "DELETED_COMMENT" || name == "DELETED_LINK" ||
                   name == "TOO_OLD" || name == "BANNED_FROM_SUBREDDIT" ||
                   name == "SUBREDDIT_NOTALLOWED" || name == "USER_BLOCKED" ||
                   name == "COMMENT_GUIDANCE_VALIDATION_FAILED" || name == "SOMETHING_IS_BROKEN" ||
                   name == "ARCHIVED") {
          code = StatusCode::kFailedPrecondition;
        }
      }
    }
    text = "reddit refused the comment: " + json::ClipMessage(text);
    if (code == StatusCode::kResourceExhausted) return Status::ResourceExhausted(text, wait);
    return Status(code, text);
  }
  const Value* data = Member(*json, "data");
  const Value* things = data != nullptr ? Member(*data, "things") : nullptr;
  if (things == nullptr || !things->IsArray()) {
    return Status::DataLoss("comment response has no 'json.data.things' array");
  }
  if (things->Size() == 0) {
    return Status::FailedPrecondition(
        "reddit accepted no comment (the target is deleted, removed or locked)");
  }
  const Value* thing = Member((*things)[0], "data");
  if (thing == nullptr) return Status::DataLoss("comment response thing has no 'data'");
  PostedReply reply;
  reply.remote_id = StringMember(*thing, "name").value_or("");
  if (reply.remote_id.empty()) {
    std::string id = StringMember(*thing, "id").value_or("");
    if (!id.empty()) reply.remote_id = "t1_" + id;
  }
  if (reply.remote_id.empty()) return Status::DataLoss("comment response has no 'name'");
  std::string permalink = StringMember(*thing, "permalink").value_or("");
  if (permalink.starts_with("/")) reply.url = std::string(kSite) + permalink;
  return reply;
}

}  // namespace heed::connectors::reddit
