#include "platforms/instagram.h"

#include <algorithm>

#include "emulator_kit.h"
#include "heed/core/text.h"
#include "platforms/platforms.h"
#include "prng.h"

namespace heed::sandbox {
namespace {

constexpr size_t kMaxMessage = 2200;
constexpr uint64_t kFirstMediaNumber = 17846368000000000ULL;
constexpr uint64_t kFirstTaggedNumber = 17892354000000000ULL;
constexpr uint64_t kFirstCommentNumber = 17858154000000000ULL;

constexpr const char* kCaptions[] = {
    "New season, new colours. Which one is your favourite?",
    "Behind the scenes at our workshop today.",
    "Our support team is here for you, seven days a week.",
    "Thank you for 10k followers!",
};

// An 11-character shortcode derived from a number (Instagram's are base64-like).
std::string Shortcode(uint64_t n) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out = "C";
  for (int i = 0; i < 10; ++i) {
    out += kAlphabet[n % 64];
    n /= 64;
  }
  return out;
}

std::string Permalink(uint64_t n) { return "https://www.instagram.com/p/" + Shortcode(n) + "/"; }

// Instagram usernames: letters, digits, '.', '_'.
std::string IgUsername(const Account& a) {
  std::string out;
  for (char c : a.username) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.';
    if (ok) out += c;
  }
  return out.empty() ? "user" + a.id : out;
}

}  // namespace

InstagramEmulator::InstagramEmulator(const EmulatorContext& context)
    : context_(context), usage_(context.rate_limit, context.clock) {
  const Corpus& corpus = *context_.corpus;
  TimePoint first = context_.clock->Now() - std::chrono::hours(24);
  if (!corpus.mention_posts.empty()) first = corpus.mention_posts.front().created_at;
  for (int k = 0; k < kMediaCount; ++k) {
    uint64_t n = kFirstMediaNumber + static_cast<uint64_t>(k);
    Media m;
    m.id = std::to_string(n);
    m.caption = kCaptions[k];
    m.permalink = Permalink(n);
    m.username = context_.brand;
    m.owner_id = std::string(kUserId);
    m.timestamp = WholeSeconds(first - std::chrono::hours(kMediaCount - k));
    m.like_count = 100 + 37 * k;
    own_media_.push_back(std::move(m));
  }
  Prng rng(context_.seed * 0x9E3779B97F4A7C15ULL + 0x16);
  uint64_t number = kFirstCommentNumber;
  for (const Post& p : ByCreationTime(corpus.mention_posts)) {
    const Account& a = AuthorOf(corpus, p);
    Comment c;
    c.id = std::to_string(number++);
    c.media_id = own_media_[rng.Below(own_media_.size())].id;
    c.text = p.text;
    c.username = IgUsername(a);
    c.from_id = std::to_string(17841450000000000ULL + p.account);
    c.timestamp = WholeSeconds(p.created_at);
    c.like_count = static_cast<int>(rng.Below(20));
    comments_.push_back(std::move(c));
  }
  next_id_ = number;
  uint64_t media_number = kFirstTaggedNumber;
  for (const Post& p : ByCreationTime(corpus.tag_posts)) {
    const Account& a = AuthorOf(corpus, p);
    Media m;
    m.id = std::to_string(media_number);
    m.caption = p.text;
    m.permalink = Permalink(media_number++);
    m.username = IgUsername(a);
    m.owner_id = std::to_string(17841450000000000ULL + p.account);
    m.timestamp = WholeSeconds(p.created_at);
    m.like_count = static_cast<int>(rng.Below(300));
    tagged_media_.push_back(std::move(m));
  }
}

bool InstagramEmulator::IsForbidden(const ApiRequest& request, std::string_view sub_path) const {
  if (request.method == "GET") return false;
  return graph::HasAnyParam(graph::ParseCall(request, sub_path), {"hide", "hidden", "is_hidden"});
}

ApiResponse InstagramEmulator::Handle(const ApiRequest& request, std::string_view sub_path) {
  return graph::Serve(request, sub_path, usage_, kUserId, "instagram",
                      [this](const graph::Call& call) { return Route(call); });
}

ApiResponse InstagramEmulator::Route(const graph::Call& call) {
  const auto& s = call.segments;
  const std::string& method = call.request->method;
  if (s.empty()) return graph::Error(400, 100, "Unsupported request: no object id");
  const bool is_user = s[0] == kUserId;
  if (method == "GET" && is_user && s.size() == 2 && s[1] == "media") {
    std::lock_guard lock(mu_);
    return ListMedia(call, own_media_);
  }
  if (method == "GET" && is_user && s.size() == 2 && s[1] == "tags") {
    std::lock_guard lock(mu_);
    return ListMedia(call, tagged_media_);
  }
  if (method == "POST" && is_user && s.size() == 2 && s[1] == "mentions") {
    return ReplyToMention(call);
  }
  if (method == "GET" && s.size() == 2 && s[1] == "comments") return ListComments(call, s[0]);
  if (method == "GET" && s.size() == 2 && s[1] == "replies") return ListReplies(call, s[0]);
  if (method == "GET" && s.size() == 1) return OneComment(call, s[0]);
  if (method == "POST" && s.size() == 2 && s[1] == "replies") return Reply(call, s[0]);
  return graph::UnknownObject(s[0]);
}

int InstagramEmulator::CommentCountLocked(const std::string& media_id) const {
  return static_cast<int>(std::count_if(comments_.begin(), comments_.end(),
                                        [&](const Comment& c) { return c.media_id == media_id; }));
}

ApiResponse InstagramEmulator::ListMedia(const graph::Call& call,
                                         const std::vector<Media>& media) const {
  std::set<std::string> fields = graph::FieldsOf(call, {"id"});
  std::vector<const Media*> newest_first;
  for (auto it = media.rbegin(); it != media.rend(); ++it) newest_first.push_back(&*it);
  std::vector<std::string> keys;
  for (const Media* m : newest_first) keys.push_back(m->id);
  return graph::ListResponse(call, keys, 25, 100, context_.base_url, [&](JsonWriter& w, size_t i) {
    const Media& m = *newest_first[i];
    w.StartObject();
    if (fields.count("id")) WriteString(w, "id", m.id);
    if (fields.count("caption")) WriteString(w, "caption", m.caption);
    if (fields.count("media_type")) WriteString(w, "media_type", "IMAGE");
    if (fields.count("permalink")) WriteString(w, "permalink", m.permalink);
    if (fields.count("timestamp")) WriteString(w, "timestamp", graph::GraphTime(m.timestamp));
    if (fields.count("username")) WriteString(w, "username", m.username);
    if (fields.count("comments_count")) WriteInt(w, "comments_count", CommentCountLocked(m.id));
    if (fields.count("like_count")) WriteInt(w, "like_count", m.like_count);
    w.EndObject();
  });
}

void InstagramEmulator::WriteComment(JsonWriter& w, const Comment& c,
                                     const std::set<std::string>& fields, bool with_replies) const {
  w.StartObject();
  if (fields.count("id")) WriteString(w, "id", c.id);
  if (fields.count("text")) WriteString(w, "text", c.text);
  if (fields.count("timestamp")) WriteString(w, "timestamp", graph::GraphTime(c.timestamp));
  if (fields.count("username")) WriteString(w, "username", c.username);
  if (fields.count("from")) {
    w.Key("from");
    w.StartObject();
    WriteString(w, "id", c.from_id);
    WriteString(w, "username", c.username);
    w.EndObject();
  }
  if (fields.count("like_count")) WriteInt(w, "like_count", c.like_count);
  if (fields.count("hidden")) WriteBool(w, "hidden", false);
  if (fields.count("parent_id") && !c.parent_id.empty()) WriteString(w, "parent_id", c.parent_id);
  if (fields.count("media")) {
    w.Key("media");
    w.StartObject();
    WriteString(w, "id", c.media_id);
    w.EndObject();
  }
  if (with_replies && fields.count("replies")) {
    w.Key("replies");
    w.StartObject();
    w.Key("data");
    w.StartArray();
    for (const Comment& r : comments_) {
      if (r.parent_id != c.id) continue;
      w.StartObject();
      WriteString(w, "id", r.id);
      WriteString(w, "text", r.text);
      WriteString(w, "timestamp", graph::GraphTime(r.timestamp));
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndObject();
}

const InstagramEmulator::Comment* InstagramEmulator::FindCommentLocked(
    const std::string& id) const {
  for (const Comment& c : comments_) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

ApiResponse InstagramEmulator::ListComments(const graph::Call& call,
                                            const std::string& media_id) const {
  std::set<std::string> fields = graph::FieldsOf(call, {"id", "text", "timestamp"});
  std::lock_guard lock(mu_);
  bool known = std::any_of(own_media_.begin(), own_media_.end(),
                           [&](const Media& m) { return m.id == media_id; });
  if (!known) return graph::UnknownObject(media_id);
  std::vector<const Comment*> newest_first;
  for (auto it = comments_.rbegin(); it != comments_.rend(); ++it) {
    if (it->media_id == media_id && it->parent_id.empty()) newest_first.push_back(&*it);
  }
  std::vector<std::string> keys;
  for (const Comment* c : newest_first) keys.push_back(c->id);
  return graph::ListResponse(call, keys, 25, 50, context_.base_url, [&](JsonWriter& w, size_t i) {
    WriteComment(w, *newest_first[i], fields, true);
  });
}

ApiResponse InstagramEmulator::ListReplies(const graph::Call& call,
                                           const std::string& comment_id) const {
  std::set<std::string> fields = graph::FieldsOf(call, {"id", "text", "timestamp"});
  std::lock_guard lock(mu_);
  if (FindCommentLocked(comment_id) == nullptr) return graph::UnknownObject(comment_id);
  std::vector<const Comment*> replies;
  for (const Comment& c : comments_) {
    if (c.parent_id == comment_id) replies.push_back(&c);
  }
  std::vector<std::string> keys;
  for (const Comment* c : replies) keys.push_back(c->id);
  return graph::ListResponse(call, keys, 25, 50, context_.base_url, [&](JsonWriter& w, size_t i) {
    WriteComment(w, *replies[i], fields, false);
  });
}

ApiResponse InstagramEmulator::OneComment(const graph::Call& call, const std::string& id) const {
  std::set<std::string> fields = graph::FieldsOf(call, {"id", "text", "timestamp"});
  std::lock_guard lock(mu_);
  const Comment* c = FindCommentLocked(id);
  if (c == nullptr) return graph::UnknownObject(id);
  return JsonResponse(200, BuildJson([&](JsonWriter& w) { WriteComment(w, *c, fields, true); }));
}

std::optional<ApiResponse> InstagramEmulator::BadMessage(const std::string& message) {
  return graph::CheckMessage(message, kMaxMessage, "(#100) The parameter message is required");
}

std::string InstagramEmulator::AddReplyLocked(const std::string& media_id,
                                              const std::string& parent_id,
                                              const std::string& in_reply_to,
                                              const std::string& message) {
  Comment reply;
  reply.id = std::to_string(next_id_++);
  reply.media_id = media_id;
  reply.parent_id = parent_id;
  reply.text = message;
  reply.username = context_.brand;
  reply.from_id = std::string(kUserId);
  reply.timestamp = WholeSeconds(context_.clock->Now());
  context_.log->RecordReply({"instagram", reply.id, in_reply_to, message, ""});
  std::string id = reply.id;
  comments_.push_back(std::move(reply));
  return id;
}

ApiResponse InstagramEmulator::Reply(const graph::Call& call, const std::string& comment_id) {
  std::string message = call.Param("message").value_or("");
  if (auto bad = BadMessage(message)) return *bad;
  std::lock_guard lock(mu_);
  const Comment* target = FindCommentLocked(comment_id);
  if (target == nullptr) return graph::UnknownObject(comment_id);
  // Replies are one level deep: answering a reply joins its top-level comment.
  std::string parent = target->parent_id.empty() ? target->id : target->parent_id;
  std::string id = AddReplyLocked(target->media_id, parent, comment_id, message);
  return JsonResponse(200, "{\"id\":\"" + id + "\"}");
}

ApiResponse InstagramEmulator::ReplyToMention(const graph::Call& call) {
  std::string message = call.Param("message").value_or("");
  std::string media_id = call.Param("media_id").value_or("");
  std::string comment_id = call.Param("comment_id").value_or("");
  if (media_id.empty()) {
    return graph::Error(400, 100, "(#100) The parameter media_id is required");
  }
  if (auto bad = BadMessage(message)) return *bad;
  std::lock_guard lock(mu_);
  bool tagged = std::any_of(tagged_media_.begin(), tagged_media_.end(),
                            [&](const Media& m) { return m.id == media_id; });
  if (!tagged) {
    return graph::Error(400, 100,
                        "(#100) The media " + SanitizeUtf8(media_id.substr(0, 40)) +
                            " does not mention this account");
  }
  std::string id =
      AddReplyLocked(media_id, comment_id, comment_id.empty() ? media_id : comment_id, message);
  return JsonResponse(200, "{\"id\":\"" + id + "\"}");
}

std::unique_ptr<PlatformEmulator> MakeInstagramEmulator(const EmulatorContext& context) {
  return std::make_unique<InstagramEmulator>(context);
}

}  // namespace heed::sandbox
