#include "facebook_parse.h"

#include <tuple>
#include <utility>

#include "connector_errors.h"
#include "graph_api.h"
#include "heed/core/text.h"
#include "json_util.h"

namespace heed::connectors::facebook {
namespace {

using graph::GraphError;
using graph::GraphErrorOf;
using graph::IsGraphId;
using graph::Paging;
using graph::PagingOf;
using graph::ParseGraphTime;
using graph::StatusFromGraph;
using graph::Usage;
using json::Member;
using json::Serialize;
using json::StringMember;
using rapidjson::Value;

constexpr std::string_view kPermalinkHost = "https://www.facebook.com/";

Status ItemError(size_t index, const std::string& id, std::string_view what) {
  return ItemDataLoss("facebook comment", index, IdDetail(id), what);
}

// The value of query parameter `key` in url ("" when absent); digits only are kept.
std::string DigitsParam(std::string_view url, std::string_view key) {
  size_t q = url.find('?');
  if (q == std::string_view::npos) return "";
  std::string_view query = url.substr(q + 1);
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    if (pair.size() > key.size() && pair.starts_with(key) && pair[key.size()] == '=') {
      std::string_view value = pair.substr(key.size() + 1);
      return IsGraphId(value) && value.find('_') == std::string_view::npos ? std::string(value)
                                                                           : "";
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return "";
}

// The post id of ".../posts/<POST>/?..." or "" when not that shape.
std::string PostOfPermalink(std::string_view url) {
  size_t at = url.find("/posts/");
  if (at == std::string_view::npos) return "";
  std::string_view rest = url.substr(at + 7);
  size_t end = rest.find_first_of("/?");
  std::string_view post = rest.substr(0, end);
  return IsGraphId(post) && post.find('_') == std::string_view::npos ? std::string(post) : "";
}

// {id, parent id} derived from a permalink, both empty when it is not the recorded shape.
std::pair<std::string, std::string> IdsFromPermalink(std::string_view url) {
  std::string post = PostOfPermalink(url);
  std::string comment = DigitsParam(url, "comment_id");
  if (post.empty() || comment.empty()) return {};
  std::string reply = DigitsParam(url, "reply_comment_id");
  if (reply.empty()) return {post + "_" + comment, ""};
  return {post + "_" + reply, post + "_" + comment};
}

// Maps a 200 body's {"error": ...} envelope to a Status; OK when there is none.
Status EnvelopeError(const Value& doc) {
  std::optional<GraphError> error = GraphErrorOf(doc);
  if (!error) return Status::Ok();
  return StatusFromGraph(200, "error in a 200 response", &*error, Usage{});
}

Result<const Value*> DataArray(const Value& doc, std::string_view what) {
  HEED_RETURN_IF_ERROR(EnvelopeError(doc));
  const Value* data = Member(doc, "data");
  if (data == nullptr || !data->IsArray()) {
    return Status::DataLoss(std::string(what) + " response is not an object with a 'data' array");
  }
  return data;
}

Item ParseComment(const Value& v, size_t index, const ParseOptions& options) {
  Item item;
  if (!v.IsObject()) {
    item.mention = ItemError(index, "", "comment is not an object");
    return item;
  }
  std::string permalink = StringMember(v, "permalink_url").value_or("");
  std::string id = StringMember(v, "id").value_or("");
  std::string derived_parent;
  if (id.empty()) std::tie(id, derived_parent) = IdsFromPermalink(permalink);
  if (!IsGraphId(id)) {
    item.mention = ItemError(index, "", "field 'id' missing or not a Graph id");
    return item;
  }
  auto created = StringMember(v, "created_time");
  if (!created) {
    item.mention = ItemError(index, id, "field 'created_time' missing or not a string");
    return item;
  }
  Result<TimePoint> created_at = ParseGraphTime(*created);
  if (!created_at.ok()) {
    item.mention = ItemError(index, id, "field 'created_time': " + created_at.status().message());
    return item;
  }
  item.id = id;
  item.seconds = ToUnixMillis(*created_at) / 1000;
  if (item.seconds <= 0) {
    item.mention = ItemError(index, id, "field 'created_time' before 1970");
    return item;
  }

  Mention m;
  m.platform = "facebook";
  m.remote_id = id;
  m.created_at = *created_at;
  const Value* from = Member(v, "from");
  if (from != nullptr && !from->IsNull()) {
    if (!from->IsObject()) {
      item.mention = ItemError(index, id, "field 'from' is not an object");
      return item;
    }
    m.author.id = StringMember(*from, "id").value_or("");
    m.author.display_name = StringMember(*from, "name").value_or("");
    m.author.handle = m.author.display_name;
  }
  if (!options.page_id.empty() && m.author.id == options.page_id) {
    item.skipped = true;
    return item;
  }
  const Value* message = Member(v, "message");
  if (message != nullptr && !message->IsNull() && !message->IsString()) {
    item.mention = ItemError(index, id, "field 'message' is not a string");
    return item;
  }
  m.text = StringMember(v, "message").value_or("");
  m.url = permalink.empty() ? std::string(kPermalinkHost) + id : permalink;
  m.thread_id = options.post_id;
  const Value* parent = Member(v, "parent");
  std::string parent_id = parent != nullptr ? StringMember(*parent, "id").value_or("") : "";
  if (parent_id.empty()) parent_id = derived_parent;
  m.parent_id = parent_id.empty() ? options.post_id : parent_id;
  // A comment a Page admin hid outside heed is still a customer's words: it is stored like any
  // other, its flag kept in raw_json for the operator.
  const Value* hidden = Member(v, "is_hidden");  // read only; heed never hides
  if (hidden != nullptr && !hidden->IsNull() && !hidden->IsBool()) {
    item.mention = ItemError(index, id, "field 'is_hidden' is not a boolean");  // never hidden
    return item;
  }
  m.raw_json = Serialize(v);
  item.mention = std::move(m);
  return item;
}

}  // namespace

Result<FeedPage> ParseFeed(std::string_view body) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
  HEED_ASSIGN_OR_RETURN(const Value* data, DataArray(doc, "feed"));
  FeedPage page;
  for (const Value& v : data->GetArray()) {
    std::string id = StringMember(v, "id").value_or("");
    if (!IsGraphId(id)) {
      ++page.dropped;
      continue;
    }
    Post post{id, std::nullopt};
    if (auto updated = StringMember(v, "updated_time")) {
      Result<TimePoint> t = ParseGraphTime(*updated);
      if (t.ok()) post.updated_seconds = ToUnixMillis(*t) / 1000;
    }
    page.posts.push_back(std::move(post));
  }
  return page;
}

Result<CommentsPage> ParseComments(std::string_view body, const ParseOptions& options) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
  HEED_ASSIGN_OR_RETURN(const Value* data, DataArray(doc, "comments"));
  CommentsPage page;
  page.items.reserve(data->Size());
  for (rapidjson::SizeType i = 0; i < data->Size(); ++i) {
    page.items.push_back(ParseComment((*data)[i], i, options));
  }
  Paging paging = PagingOf(doc);
  page.after = paging.after;
  page.has_next = paging.has_next;
  return page;
}

Result<PostedReply> ParsePostedComment(std::string_view body) {
  HEED_ASSIGN_OR_RETURN(rapidjson::Document doc, json::Parse(body));
  HEED_RETURN_IF_ERROR(EnvelopeError(doc));
  if (!doc.IsObject()) return Status::DataLoss("created comment is not a JSON object");
  auto id = StringMember(doc, "id");
  if (!id || !IsGraphId(*id)) return Status::DataLoss("created comment has no Graph 'id'");
  PostedReply reply;
  reply.remote_id = *id;
  reply.url = StringMember(doc, "permalink_url").value_or("");
  if (reply.url.empty()) reply.url = std::string(kPermalinkHost) + *id;
  return reply;
}

}  // namespace heed::connectors::facebook
