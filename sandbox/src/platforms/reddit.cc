#include "platforms/reddit.h"

#include <algorithm>

#include "emulator_kit.h"
#include "heed/core/text.h"
#include "platforms/platforms.h"
#include "prng.h"
#include "query.h"

namespace heed::sandbox {
namespace {

constexpr std::chrono::seconds kRateWindow{600};
constexpr size_t kMaxCommentChars = 10000;
constexpr uint64_t kFirstSubmissionId = 1500000000ULL;
constexpr uint64_t kFirstCommentId = 40000000000ULL;

ApiResponse RedditError(int status, std::string_view message) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  WriteString(w, "message", message);
  w.Key("error");
  w.Int(status);
  w.EndObject();
  return JsonResponse(status, JsonString(buffer));
}

// 200 {"json": {"errors": [[code, message, field]]}}: how Reddit refuses a comment.
ApiResponse CommentError(std::string_view code, std::string_view message, std::string_view field) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("json");
  w.StartObject();
  w.Key("errors");
  w.StartArray();
  w.StartArray();
  w.String(code.data(), static_cast<rapidjson::SizeType>(code.size()));
  w.String(message.data(), static_cast<rapidjson::SizeType>(message.size()));
  w.String(field.data(), static_cast<rapidjson::SizeType>(field.size()));
  w.EndArray();
  w.EndArray();
  w.EndObject();
  w.EndObject();
  return JsonResponse(200, JsonString(buffer));
}

std::string Slug(std::string_view title) {
  std::string slug;
  for (char c : AsciiLower(title)) {
    bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (word) {
      slug.push_back(c);
    } else if (!slug.empty() && slug.back() != '_') {
      slug.push_back('_');
    }
    if (slug.size() >= 50) break;
  }
  while (!slug.empty() && slug.back() == '_') slug.pop_back();
  return slug.empty() ? "post" : slug;
}

// The first sentence (or 80 bytes at a word boundary) of a post, as its title.
std::string TitleOf(const std::string& text) {
  size_t end = text.find_first_of(".!?\n");
  std::string title = text.substr(0, end == std::string::npos ? text.size() : end + 1);
  if (title.size() > 80) {
    size_t space = title.rfind(' ', 80);
    title = title.substr(0, space == std::string::npos ? 80 : space) + "...";
  }
  title = SanitizeUtf8(title);
  size_t b = title.find_first_not_of(" \n");
  return b == std::string::npos ? "Post" : title.substr(b);
}

std::string NormalizePath(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  if (path.ends_with(".json")) path.resize(path.size() - 5);
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

// Every word of query (at least one) occurs in haystack, case-insensitively.
bool MatchesAll(const std::string& haystack, const std::string& query) {
  std::vector<std::string> words = LowerWords(query);
  return !words.empty() && ContainsAll(AsciiLower(haystack), words);
}

}  // namespace

std::string RedditEmulator::Thing::Fullname() const {
  return (comment ? "t1_" : "t3_") + Base36(id);
}

RedditEmulator::RedditEmulator(const EmulatorContext& context)
    : context_(context), limiter_(context.rate_limit, kRateWindow) {
  const Corpus& corpus = *context_.corpus;
  Prng rng(context_.seed * 0x9E3779B97F4A7C15ULL + 0x7265646469ULL);
  for (const Account& a : corpus.accounts) {
    usernames_.push_back(a.username);
    user_ids_.push_back("t2_" + Base36(100000000 + rng.Below(900000000)));
  }
  if (usernames_.empty()) {
    usernames_.push_back(context_.brand);
    user_ids_.push_back("t2_" + Base36(100000000));
  }
  std::vector<Thing> all;
  uint64_t sid = kFirstSubmissionId;
  std::vector<std::pair<TimePoint, uint64_t>> submissions;
  for (const Post& p : corpus.tag_posts) {
    Thing t;
    t.comment = false;
    sid += 1 + rng.Below(40);
    t.id = sid;
    t.author = p.account < usernames_.size() ? p.account : 0;
    t.created_at = p.created_at;
    t.title = TitleOf(p.text);
    t.text = p.text;
    submissions.emplace_back(t.created_at, t.id);
    all.push_back(std::move(t));
  }
  uint64_t cid = kFirstCommentId;
  std::map<uint64_t, std::pair<uint64_t, uint64_t>> comment_of_post;  // post id -> (id, link)
  for (const Post& p : corpus.mention_posts) {
    Thing t;
    t.comment = true;
    cid += 1 + rng.Below(40);
    t.id = cid;
    t.author = p.account < usernames_.size() ? p.account : 0;
    t.created_at = p.created_at;
    t.text = p.text;
    std::optional<std::pair<uint64_t, uint64_t>> parent;
    if (p.in_reply_to_id) {
      auto it = comment_of_post.find(*p.in_reply_to_id);
      if (it != comment_of_post.end()) parent = it->second;
    }
    if (parent) {
      t.link = parent->second;
      t.parent = "t1_" + Base36(parent->first);
    } else {
      size_t earlier = 0;
      while (earlier < submissions.size() && submissions[earlier].first <= t.created_at) ++earlier;
      t.link = submissions.empty() ? kFirstSubmissionId
                                   : submissions[earlier == 0 ? 0 : rng.Below(earlier)].second;
      t.parent = "t3_" + Base36(t.link);
    }
    comment_of_post[p.id] = {t.id, t.link};
    all.push_back(std::move(t));
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const Thing& a, const Thing& b) { return a.created_at < b.created_at; });
  std::lock_guard lock(mu_);
  next_comment_id_ = cid + 1;
  for (Thing& t : all) {
    by_name_[t.Fullname()] = things_.size();
    things_.push_back(std::move(t));
  }
}

bool RedditEmulator::IsForbidden(const ApiRequest& request, std::string_view sub_path) const {
  if (request.method == "GET") return false;
  std::string path = NormalizePath(PercentDecode(sub_path, false));
  static const std::vector<std::string_view> kForbidden = {
      "/api/del",
      "/api/del_msg",
      "/api/remove",
      "/api/spam",
      "/api/hide",
      "/api/lock",
      "/api/block",
      "/api/block_user",
      "/api/report",
      "/api/ignore_reports",
      "/api/collapse_message",
      "/api/mute_message_author",
      "/api/marknsfw",
      "/api/spoiler",
  };
  for (std::string_view f : kForbidden) {
    if (path == f) return true;
  }
  return false;
}

ApiResponse RedditEmulator::Handle(const ApiRequest& request, std::string_view sub_path) {
  std::optional<std::string> token = BearerToken(request.headers);
  TimePoint now = context_.clock->Now();
  RateLimiter::Decision quota = limiter_.Consume(ClientKey(token, request), now);
  ApiResponse response = Guarded(
      [&] {
        if (!token) {
          ApiResponse r = RedditError(401, "Unauthorized");
          r.headers.emplace_back("www-authenticate",
                                 "Bearer realm=\"reddit\", error=\"invalid_token\"");
          return r;
        }
        if (!quota.allowed) return RedditError(429, "Too Many Requests");
        return Route(request, NormalizePath(PercentDecode(sub_path, false)));
      },
      [](const char* what) { return RedditError(500, WithDetail("Internal Server Error", what)); });
  int64_t reset_s = std::max<int64_t>(0, SecondsUntilReset(quota, now));
  response.headers.emplace_back("x-ratelimit-used", std::to_string(quota.limit - quota.remaining));
  response.headers.emplace_back("x-ratelimit-remaining", std::to_string(quota.remaining) + ".0");
  response.headers.emplace_back("x-ratelimit-reset", std::to_string(reset_s));
  response.headers.emplace_back("Content-Type", "application/json; charset=UTF-8");
  return response;
}

ApiResponse RedditEmulator::Route(const ApiRequest& request, const std::string& path) {
  if (request.method == "POST" && path == "/api/comment") return PostComment(request);
  if (request.method != "GET") return RedditError(404, "Not Found");
  Params params = ParseQuery(request.query);
  std::lock_guard lock(mu_);
  std::vector<size_t> ordered;  // newest first
  auto newest_first = [&](auto&& keep) {
    for (size_t i = things_.size(); i-- > 0;) {
      if (keep(things_[i])) ordered.push_back(i);
    }
  };
  if (path == "/message/mentions") {
    newest_first([&](const Thing& t) { return t.comment && t.author != 0; });
    return ListingLocked(ordered, request, /*as_mentions=*/true);
  }
  const std::string brand = AsciiLower(context_.brand);
  std::string sub;
  std::string rest = path;
  if (path.starts_with("/r/")) {
    size_t slash = path.find('/', 3);
    sub = AsciiLower(path.substr(3, slash == std::string::npos ? slash : slash - 3));
    rest = slash == std::string::npos ? "" : path.substr(slash);
    if (sub != brand && sub != "all") return RedditError(404, "Not Found");
  }
  if (!sub.empty() && rest == "/comments") {
    newest_first([](const Thing& t) { return t.comment; });
    return ListingLocked(ordered, request, false);
  }
  if (rest == "/search") {
    std::string q = FirstParam(params, "q").value_or("");
    std::string sort = FirstParam(params, "sort").value_or("relevance");
    newest_first(
        [&](const Thing& t) { return !t.comment && MatchesAll(t.title + "\n" + t.text, q); });
    (void)sort;  // only "new" is meaningful here; every order is newest first
    return ListingLocked(ordered, request, false);
  }
  return RedditError(404, "Not Found");
}

std::string RedditEmulator::PermalinkLocked(const Thing& thing) const {
  std::string sub = "/r/" + context_.brand + "/comments/";
  if (!thing.comment) return sub + Base36(thing.id) + "/" + Slug(thing.title) + "/";
  std::string title = "post";
  if (auto it = by_name_.find("t3_" + Base36(thing.link)); it != by_name_.end()) {
    title = things_[it->second].title;
  }
  return sub + Base36(thing.link) + "/" + Slug(title) + "/" + Base36(thing.id) + "/";
}

std::string RedditEmulator::ThingJsonLocked(const Thing& t, bool as_mention) const {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  const std::string permalink = PermalinkLocked(t);
  double created = static_cast<double>(ToUnixMillis(t.created_at) / 1000);
  w.StartObject();
  WriteString(w, "kind", t.comment ? "t1" : "t3");
  w.Key("data");
  w.StartObject();
  WriteString(w, "subreddit", context_.brand);
  WriteString(w, "subreddit_name_prefixed", "r/" + context_.brand);
  WriteString(w, "subreddit_id", "t5_" + Base36(77000000));
  WriteString(w, "id", Base36(t.id));
  WriteString(w, "name", t.Fullname());
  WriteString(w, "author", usernames_[t.author]);
  WriteString(w, "author_fullname", user_ids_[t.author]);
  w.Key("created");
  w.Double(created);
  w.Key("created_utc");
  w.Double(created);
  w.Key("score");
  w.Int(1);
  w.Key("edited");
  w.Bool(false);
  WriteNull(w, "distinguished");
  if (t.comment) {
    WriteString(w, "body", t.text);
    WriteString(w, "link_id", "t3_" + Base36(t.link));
    WriteString(w, "parent_id", t.parent);
    WriteString(w, "replies", "");
    if (auto it = by_name_.find("t3_" + Base36(t.link)); it != by_name_.end()) {
      WriteString(w, "link_title", things_[it->second].title);
    }
    if (as_mention) {
      WriteString(w, "type", "username_mention");
      WriteString(w, "subject", "username mention");
      WriteString(w, "dest", usernames_[0]);
      w.Key("was_comment");
      w.Bool(true);
      w.Key("new");
      w.Bool(true);
      WriteString(w, "context", permalink + "?context=3");
    } else {
      WriteString(w, "permalink", permalink);
    }
  } else {
    WriteString(w, "title", t.title);
    WriteString(w, "selftext", t.text);
    w.Key("is_self");
    w.Bool(true);
    WriteString(w, "domain", "self." + context_.brand);
    WriteString(w, "permalink", permalink);
    WriteString(w, "url", "https://www.reddit.com" + permalink);
    w.Key("num_comments");
    w.Int(0);
    WriteNull(w, "removed_by_category");
    w.Key("locked");
    w.Bool(false);
  }
  w.EndObject();
  w.EndObject();
  return JsonString(buffer);
}

ApiResponse RedditEmulator::ListingLocked(const std::vector<size_t>& ordered,
                                          const ApiRequest& request, bool as_mentions) const {
  Params params = ParseQuery(request.query);
  size_t limit = 25;
  if (auto raw = FirstParam(params, "limit")) {
    if (std::optional<uint64_t> n = ParseDigits(*raw, 4)) limit = std::clamp<size_t>(*n, 1, 100);
  }
  auto position = [&](const std::string& fullname) -> std::optional<size_t> {
    for (size_t i = 0; i < ordered.size(); ++i) {
      if (things_[ordered[i]].Fullname() == fullname) return i;
    }
    return std::nullopt;
  };
  size_t begin = 0, end = 0;
  bool paged = false;
  std::string after = FirstParam(params, "after").value_or("");
  std::string before = FirstParam(params, "before").value_or("");
  if (!after.empty()) {
    paged = true;
    if (auto at = position(after)) {
      begin = *at + 1;
      end = std::min(ordered.size(), begin + limit);
    }
  } else if (!before.empty()) {
    paged = true;
    if (auto at = position(before)) {
      end = *at;
      begin = end > limit ? end - limit : 0;
    }
  } else {
    end = std::min(ordered.size(), limit);
  }
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  WriteString(w, "kind", "Listing");
  w.Key("data");
  w.StartObject();
  if (end > begin && end < ordered.size()) {
    WriteString(w, "after", things_[ordered[end - 1]].Fullname());
  } else {
    WriteNull(w, "after");
  }
  w.Key("dist");
  w.Uint64(end - begin);
  WriteString(w, "modhash", "");
  WriteString(w, "geo_filter", "");
  w.Key("children");
  w.StartArray();
  for (size_t i = begin; i < end; ++i) {
    std::string json = ThingJsonLocked(things_[ordered[i]], as_mentions);
    w.RawValue(json.data(), json.size(), rapidjson::kObjectType);
  }
  w.EndArray();
  if (paged && end > begin && begin > 0) {
    WriteString(w, "before", things_[ordered[begin]].Fullname());
  } else {
    WriteNull(w, "before");
  }
  w.EndObject();
  w.EndObject();
  return JsonResponse(200, JsonString(buffer));
}

ApiResponse RedditEmulator::PostComment(const ApiRequest& request) {
  Params params = ParseQuery(request.body);
  for (auto& p : ParseQuery(request.query)) params.push_back(p);
  std::string thing_id = FirstParam(params, "thing_id").value_or("");
  std::string text = FirstParam(params, "text").value_or("");
  if (thing_id.empty()) return CommentError("NO_THING_ID", "id not specified", "parent");
  switch (CheckReplyText(text, kMaxCommentChars, /*check_utf8=*/true)) {
    case ReplyTextProblem::kBlank:
      return CommentError("NO_TEXT", "we need something here", "text");
    case ReplyTextProblem::kInvalidUtf8:
      return CommentError("BAD_STRING", "invalid characters", "text");
    case ReplyTextProblem::kTooLong:
      return CommentError("TOO_LONG", "this is too long (max: 10000)", "text");
    case ReplyTextProblem::kNone:
      break;
  }
  std::lock_guard lock(mu_);
  auto target = by_name_.find(thing_id);
  if (target == by_name_.end()) {
    return JsonResponse(200, R"({"json":{"errors":[],"data":{"things":[]}}})");
  }
  const Thing& parent = things_[target->second];
  Thing reply;
  reply.comment = true;
  reply.id = next_comment_id_++;
  reply.author = 0;
  reply.created_at = context_.clock->Now();
  reply.text = text;
  reply.link = parent.comment ? parent.link : parent.id;
  reply.parent = thing_id;
  std::string name = reply.Fullname();
  by_name_[name] = things_.size();
  things_.push_back(reply);
  context_.log->RecordReply({"reddit", name, thing_id, text, ""});

  std::string thing = ThingJsonLocked(things_.back(), false);
  std::string body = R"({"json":{"errors":[],"data":{"things":[)" + thing + "]}}}";
  return JsonResponse(200, std::move(body));
}

std::unique_ptr<PlatformEmulator> MakeRedditEmulator(const EmulatorContext& context) {
  if (context.corpus == nullptr || context.clock == nullptr || context.log == nullptr) {
    return nullptr;
  }
  return std::make_unique<RedditEmulator>(context);
}

}  // namespace heed::sandbox
