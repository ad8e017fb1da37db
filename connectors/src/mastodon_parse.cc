#include "mastodon_parse.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <utility>

#include "connector_errors.h"
#include "heed/core/clock.h"
#include "heed/core/text.h"
#include "html_text.h"
#include "ids.h"
#include "json_util.h"

namespace heed::connectors::mastodon {
namespace {

using json::Member;
using json::Serialize;
using json::StringMember;
using rapidjson::Value;

std::string QualifyHandle(std::string acct, const ParseOptions& options) {
  if (!acct.empty() && acct.front() == '@') acct.erase(0, 1);
  if (acct.find('@') == std::string::npos && !options.instance_authority.empty()) {
    acct += "@" + options.instance_authority;
  }
  return acct;
}

// Maps a status object to a Mention (without raw_json).
Result<Mention> ParseStatus(const Value& status, const ItemContext& ctx,
                            const ParseOptions& options) {
  if (!status.IsObject()) return ctx.Error("status is not an object");
  Mention m;
  m.platform = "mastodon";
  auto id = StringMember(status, "id");
  if (!id || !IsDecimalId(*id)) return ctx.Error("field 'status.id' missing or not a decimal id");
  m.remote_id = *id;

  auto created = StringMember(status, "created_at");
  if (!created) return ctx.Error("field 'status.created_at' missing or not a string");
  Result<TimePoint> created_at = ParseIso8601(*created);
  if (!created_at.ok()) {
    return ctx.Error("field 'status.created_at': " + created_at.status().message());
  }
  m.created_at = *created_at;

  const Value* account = Member(status, "account");
  if (account == nullptr || !account->IsObject()) {
    return ctx.Error("field 'status.account' missing or not an object");
  }
  auto account_id = StringMember(*account, "id");
  if (!account_id || account_id->empty()) {
    return ctx.Error("field 'status.account.id' missing or not a string");
  }
  auto acct = StringMember(*account, "acct");
  if (!acct || acct->empty())
    return ctx.Error("field 'status.account.acct' missing or not a string");
  m.author.id = *account_id;
  m.author.handle = QualifyHandle(*acct, options);
  m.author.display_name = StringMember(*account, "display_name").value_or("");
  m.author.profile_url = StringMember(*account, "url").value_or("");

  auto content = StringMember(status, "content");
  if (!content) return ctx.Error("field 'status.content' missing or not a string");
  std::string text = HtmlToText(*content);
  std::string spoiler = StringMember(status, "spoiler_text").value_or("");
  if (!spoiler.empty()) text = text.empty() ? spoiler : spoiler + "\n\n" + text;
  m.text = std::move(text);

  m.language = StringMember(status, "language").value_or("");
  m.url = StringMember(status, "url").value_or("");
  if (m.url.empty()) m.url = StringMember(status, "uri").value_or("");
  m.parent_id = StringMember(status, "in_reply_to_id").value_or("");
  m.thread_id = m.parent_id;
  return m;
}

bool IsBoost(const Value& status) {
  const Value* reblog = Member(status, "reblog");
  return reblog != nullptr && reblog->IsObject();
}

Item ParseNotification(const Value& v, size_t index, const ParseOptions& options) {
  Item item;
  auto id = StringMember(v, "id");
  if (id && IsDecimalId(*id)) item.cursor = *id;
  ItemContext ctx("mastodon item", index, IdDetail(item.cursor));
  if (!v.IsObject()) {
    item.mention = ctx.Error("notification is not an object");
    return item;
  }
  if (item.cursor.empty()) {
    item.mention = ctx.Error("field 'id' missing or not a decimal id");
    return item;
  }
  auto type = StringMember(v, "type");
  if (!type) {
    item.mention = ctx.Error("field 'type' missing or not a string");
    return item;
  }
  if (*type != "mention") {
    item.skipped = true;
    return item;
  }
  const Value* status = Member(v, "status");
  if (status == nullptr || !status->IsObject()) {
    item.mention = ctx.Error("field 'status' missing or not an object");
    return item;
  }
  if (IsBoost(*status)) {
    item.skipped = true;
    return item;
  }
  item.mention = ParseStatus(*status, ctx, options);
  if (item.mention.ok()) item.mention->raw_json = Serialize(v);
  return item;
}

Item ParseStatusItem(const Value& v, size_t index, const ParseOptions& options) {
  Item item;
  auto id = StringMember(v, "id");
  if (id && IsDecimalId(*id)) item.cursor = *id;
  ItemContext ctx("mastodon item", index, IdDetail(item.cursor));
  if (v.IsObject() && IsBoost(v)) {
    item.skipped = !item.cursor.empty();
    if (!item.skipped) item.mention = ctx.Error("field 'id' missing or not a decimal id");
    return item;
  }
  item.mention = ParseStatus(v, ctx, options);
  if (item.mention.ok()) item.mention->raw_json = Serialize(v);
  return item;
}

template <typename ParseOne>
std::vector<Item> ParseArray(const Value& array, const ParseOptions& options, ParseOne parse_one) {
  std::vector<Item> items;
  items.reserve(array.Size());
  for (rapidjson::SizeType i = 0; i < array.Size(); ++i) {
    items.push_back(parse_one(array[i], i, options));
  }
  return items;
}

}  // namespace

Result<std::vector<Item>> ParseNotifications(std::string_view body, const ParseOptions& options) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
  if (!doc.IsArray()) return Status::DataLoss("notifications response is not a JSON array");
  return ParseArray(doc, options, ParseNotification);
}

Result<std::vector<Item>> ParseStatuses(std::string_view body, const ParseOptions& options) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
  if (!doc.IsArray()) return Status::DataLoss("timeline response is not a JSON array");
  return ParseArray(doc, options, ParseStatusItem);
}

Result<std::vector<Item>> ParseSearch(std::string_view body, const ParseOptions& options) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
  const Value* statuses = Member(doc, "statuses");
  if (statuses == nullptr || !statuses->IsArray()) {
    return Status::DataLoss("search response is not an object with a 'statuses' array");
  }
  return ParseArray(*statuses, options, ParseStatusItem);
}

std::string ParseErrorMessage(std::string_view body) {
  return json::ErrorBodyMessage(body, "error");
}

std::string BuildReplyBody(std::string_view status_text, std::string_view in_reply_to_id,
                           std::string_view language) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  w.Key("status");
  json::PutString(w, status_text);
  w.Key("in_reply_to_id");
  json::PutString(w, in_reply_to_id);
  w.Key("visibility");
  w.String("public");
  if (!language.empty()) {
    w.Key("language");
    json::PutString(w, language);
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

Result<PostedReply> ParsePostedStatus(std::string_view body) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
  if (!doc.IsObject()) return Status::DataLoss("posted status is not a JSON object");
  auto id = StringMember(doc, "id");
  if (!id || id->empty()) return Status::DataLoss("posted status has no string 'id'");
  PostedReply reply;
  reply.remote_id = *id;
  reply.url = StringMember(doc, "url").value_or("");
  if (reply.url.empty()) reply.url = StringMember(doc, "uri").value_or("");
  return reply;
}

}  // namespace heed::connectors::mastodon
