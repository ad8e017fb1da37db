#include "platforms/facebook.h"

#include <algorithm>

#include "emulator_kit.h"
#include "heed/core/text.h"
#include "platforms/platforms.h"
#include "prng.h"

namespace heed::sandbox {
namespace {

constexpr size_t kMaxMessage = 8000;
constexpr uint64_t kFirstPostNumber = 10158300000000000ULL;
constexpr uint64_t kFirstCommentNumber = 10158400000000000ULL;
constexpr std::string_view kPermalinkHost = "https://www.facebook.com/";

constexpr const char* kPostMessages[] = {
    "Our autumn collection is here. Tell us what you think!",
    "We are extending support hours this weekend. Questions? Ask below.",
    "New in the app: order tracking in real time.",
    "Thank you for 10,000 followers! Share your favourite product with us.",
};

int64_t UnixSeconds(TimePoint t) { return ToUnixMillis(t) / 1000; }

std::optional<int64_t> IntParam(const graph::Call& call, std::string_view key) {
  auto v = call.Param(key);
  return v ? ParseInt64(*v) : std::nullopt;
}

std::string NumberOf(const std::string& id) {
  size_t us = id.find('_');
  return us == std::string::npos ? id : id.substr(us + 1);
}

}  // namespace

FacebookEmulator::FacebookEmulator(const EmulatorContext& context)
    : context_(context), usage_(context.rate_limit, context.clock) {
  const Corpus& corpus = *context_.corpus;
  TimePoint first = context_.clock->Now() - std::chrono::hours(24);
  if (!corpus.mention_posts.empty()) first = corpus.mention_posts.front().created_at;
  for (int k = 0; k < kPostCount; ++k) {
    PagePost post;
    post.number = std::to_string(kFirstPostNumber + static_cast<uint64_t>(k));
    post.id = std::string(kPageId) + "_" + post.number;
    post.message = kPostMessages[k];
    post.created_at = WholeSeconds(first - std::chrono::hours(kPostCount - k));
    post.updated_at = post.created_at;
    posts_.push_back(std::move(post));
  }
  Prng rng(context_.seed * 0x9E3779B97F4A7C15ULL + 0xFB);
  uint64_t number = kFirstCommentNumber;
  for (const Post& m : ByCreationTime(corpus.mention_posts)) {
    PagePost& post = posts_[rng.Below(posts_.size())];
    Comment c;
    c.post_id = post.id;
    c.id = post.number + "_" + std::to_string(number++);
    c.from_id = std::to_string(6100000000000ULL + m.account);
    c.from_name = NameOf(AuthorOf(corpus, m));
    c.message = m.text;
    c.created_at = WholeSeconds(m.created_at);
    c.like_count = static_cast<int>(rng.Below(12));
    if (rng.Chance(0.25)) {
      std::vector<const Comment*> roots;
      for (const Comment& other : comments_) {
        if (other.post_id == c.post_id && other.parent_id.empty()) roots.push_back(&other);
      }
      if (!roots.empty()) c.parent_id = rng.Pick(roots)->id;
    }
    post.updated_at = std::max(post.updated_at, c.created_at);
    comments_.push_back(std::move(c));
  }
  next_comment_number_ = number;
}

bool FacebookEmulator::IsForbidden(const ApiRequest& request, std::string_view sub_path) const {
  if (request.method == "GET") return false;
  graph::Call call = graph::ParseCall(request, sub_path);
  if (graph::HasAnyParam(call, {"is_hidden", "hide", "hidden", "is_private"})) return true;
  return call.segments.size() == 2 && call.segments[1] == "blocked";
}

ApiResponse FacebookEmulator::Handle(const ApiRequest& request, std::string_view sub_path) {
  return graph::Serve(request, sub_path, usage_, kPageId, "pages",
                      [this](const graph::Call& call) { return Route(call); });
}

ApiResponse FacebookEmulator::Route(const graph::Call& call) {
  const auto& s = call.segments;
  const std::string& method = call.request->method;
  if (method == "GET" && s.size() == 2 && s[0] == kPageId && (s[1] == "feed" || s[1] == "posts")) {
    return Feed(call);
  }
  if (method == "GET" && s.size() == 2 && s[1] == "comments") return Comments(call, s[0]);
  if (method == "GET" && s.size() == 1) return OneComment(call, s[0]);
  if (method == "POST" && s.size() == 2 && s[1] == "comments") return PostComment(call, s[0]);
  if (s.empty()) return graph::Error(400, 100, "Unsupported request: no object id");
  return graph::UnknownObject(s[0]);
}

ApiResponse FacebookEmulator::Feed(const graph::Call& call) const {
  std::set<std::string> fields = graph::FieldsOf(call, {"id", "message", "created_time"});
  std::lock_guard lock(mu_);
  std::vector<const PagePost*> newest_first;
  for (auto it = posts_.rbegin(); it != posts_.rend(); ++it) newest_first.push_back(&*it);
  std::vector<std::string> keys;
  for (const PagePost* p : newest_first) keys.push_back(p->id);
  return graph::ListResponse(call, keys, 25, 100, context_.base_url, [&](JsonWriter& w, size_t i) {
    const PagePost& p = *newest_first[i];
    w.StartObject();
    if (fields.count("id")) WriteString(w, "id", p.id);
    if (fields.count("message")) WriteString(w, "message", p.message);
    if (fields.count("created_time"))
      WriteString(w, "created_time", graph::GraphTime(p.created_at));
    if (fields.count("updated_time"))
      WriteString(w, "updated_time", graph::GraphTime(p.updated_at));
    if (fields.count("permalink_url")) {
      WriteString(w, "permalink_url",
                  std::string(kPermalinkHost) + std::string(kPageId) + "/posts/" + p.number + "/");
    }
    w.EndObject();
  });
}

std::string FacebookEmulator::PermalinkLocked(const Comment& c) const {
  std::string base = std::string(kPermalinkHost) + std::string(kPageId) + "/posts/" +
                     NumberOf(c.post_id) + "/?comment_id=";
  if (c.parent_id.empty()) return base + NumberOf(c.id);
  return base + NumberOf(c.parent_id) + "&reply_comment_id=" + NumberOf(c.id);
}

int FacebookEmulator::ReplyCountLocked(const std::string& comment_id) const {
  return static_cast<int>(std::count_if(comments_.begin(), comments_.end(), [&](const Comment& c) {
    return c.parent_id == comment_id;
  }));
}

void FacebookEmulator::WriteComment(JsonWriter& w, const Comment& c,
                                    const std::set<std::string>& fields) const {
  w.StartObject();
  if (fields.count("id")) WriteString(w, "id", c.id);
  if (fields.count("message")) WriteString(w, "message", c.message);
  if (fields.count("created_time")) WriteString(w, "created_time", graph::GraphTime(c.created_at));
  if (fields.count("from")) {
    w.Key("from");
    w.StartObject();
    WriteString(w, "id", c.from_id);
    WriteString(w, "name", c.from_name);
    w.EndObject();
  }
  if (fields.count("permalink_url")) WriteString(w, "permalink_url", PermalinkLocked(c));
  if (fields.count("parent") && !c.parent_id.empty()) {
    w.Key("parent");
    w.StartObject();
    WriteString(w, "id", c.parent_id);
    w.EndObject();
  }
  if (fields.count("is_hidden")) WriteBool(w, "is_hidden", false);
  if (fields.count("comment_count")) {
    WriteInt(w, "comment_count", c.parent_id.empty() ? ReplyCountLocked(c.id) : 0);
  }
  if (fields.count("like_count")) WriteInt(w, "like_count", c.like_count);
  w.EndObject();
}

const FacebookEmulator::Comment* FacebookEmulator::FindCommentLocked(const std::string& id) const {
  for (const Comment& c : comments_) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

FacebookEmulator::PagePost* FacebookEmulator::FindPostLocked(const std::string& id) {
  for (PagePost& p : posts_) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

ApiResponse FacebookEmulator::Comments(const graph::Call& call,
                                       const std::string& object_id) const {
  std::set<std::string> fields = graph::FieldsOf(call, {"id", "message", "created_time", "from"});
  std::string filter = call.Param("filter").value_or("toplevel");
  std::string order = call.Param("order").value_or("chronological");
  if (filter != "toplevel" && filter != "stream") {
    return graph::Error(400, 100,
                        "(#100) filter must be one of the following values: toplevel, "
                        "stream");
  }
  if (order != "chronological" && order != "reverse_chronological") {
    return graph::Error(400, 100,
                        "(#100) order must be one of the following values: "
                        "chronological, reverse_chronological, ranked");
  }
  std::optional<int64_t> since = IntParam(call, "since");
  std::optional<int64_t> until = IntParam(call, "until");
  if ((call.Param("since") && !since) || (call.Param("until") && !until)) {
    return graph::Error(400, 100, "(#100) since/until must be unix timestamps");
  }
  std::lock_guard lock(mu_);
  bool is_post = false;
  for (const PagePost& p : posts_) is_post = is_post || p.id == object_id;
  const Comment* parent = is_post ? nullptr : FindCommentLocked(object_id);
  if (!is_post && parent == nullptr) return graph::UnknownObject(object_id);

  std::vector<const Comment*> selected;
  for (const Comment& c : comments_) {
    bool belongs = is_post ? c.post_id == object_id && (filter == "stream" || c.parent_id.empty())
                           : c.parent_id == object_id;
    if (!belongs) continue;
    int64_t t = UnixSeconds(c.created_at);
    if ((since && t < *since) || (until && t > *until)) continue;
    selected.push_back(&c);
  }
  if (order == "reverse_chronological") std::reverse(selected.begin(), selected.end());
  std::vector<std::string> keys;
  for (const Comment* c : selected) keys.push_back(c->id);
  bool summary =
      call.Param("summary").value_or("") == "1" || call.Param("summary").value_or("") == "true";
  return graph::ListResponse(
      call, keys, 25, 100, context_.base_url,
      [&](JsonWriter& w, size_t i) { WriteComment(w, *selected[i], fields); },
      [&](JsonWriter& w) {
        if (!summary) return;
        w.Key("summary");
        w.StartObject();
        WriteString(w, "order", order);
        WriteInt(w, "total_count", static_cast<int>(selected.size()));
        WriteBool(w, "can_comment", true);
        w.EndObject();
      });
}

ApiResponse FacebookEmulator::OneComment(const graph::Call& call, const std::string& id) const {
  std::set<std::string> fields = graph::FieldsOf(call, {"id", "message", "created_time", "from"});
  std::lock_guard lock(mu_);
  const Comment* c = FindCommentLocked(id);
  if (c == nullptr) return graph::UnknownObject(id);
  return JsonResponse(200, BuildJson([&](JsonWriter& w) { WriteComment(w, *c, fields); }));
}

ApiResponse FacebookEmulator::PostComment(const graph::Call& call, const std::string& object_id) {
  std::string message = call.Param("message").value_or("");
  if (auto bad =
          graph::CheckMessage(message, kMaxMessage, "(#100) Missing message or attachment")) {
    return *bad;
  }
  std::lock_guard lock(mu_);
  Comment reply;
  const Comment* target = FindCommentLocked(object_id);
  PagePost* post = nullptr;
  if (target != nullptr) {
    post = FindPostLocked(target->post_id);
    // Threads are one level deep: a reply to a reply joins the top-level comment.
    reply.parent_id = target->parent_id.empty() ? target->id : target->parent_id;
  } else {
    post = FindPostLocked(object_id);
  }
  if (post == nullptr) {
    return graph::Error(400, 100,
                        "Unsupported post request. Object with ID '" +
                            SanitizeUtf8(object_id.substr(0, 80)) +
                            "' does not exist, cannot be loaded due to missing permissions, or "
                            "does not support this operation.",
                        "GraphMethodException", 33);
  }
  reply.post_id = post->id;
  reply.id = post->number + "_" + std::to_string(next_comment_number_++);
  reply.from_id = std::string(kPageId);
  reply.from_name = BrandDisplayName(context_.brand);
  reply.message = message;
  reply.created_at = WholeSeconds(context_.clock->Now());
  post->updated_at = std::max(post->updated_at, reply.created_at);
  context_.log->RecordReply({"facebook", reply.id, object_id, message, ""});
  std::set<std::string> fields = graph::FieldsOf(call, {"id"});
  fields.insert("id");
  std::string body = BuildJson([&](JsonWriter& w) { WriteComment(w, reply, fields); });
  comments_.push_back(std::move(reply));
  return JsonResponse(200, std::move(body));
}

std::unique_ptr<PlatformEmulator> MakeFacebookEmulator(const EmulatorContext& context) {
  return std::make_unique<FacebookEmulator>(context);
}

}  // namespace heed::sandbox
