#include "platforms/x.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>

#include "emulator_kit.h"
#include "heed/core/text.h"
#include "platforms/platforms.h"
#include "query.h"
#include "rate_limiter.h"

namespace heed::sandbox {
namespace {

constexpr int64_t kTwitterEpochMs = 1288834974657;
constexpr size_t kMaxTweetChars = 280;
constexpr char kTokenPrefix[] = "b26v89c19zqg8o3f";
constexpr std::chrono::seconds kRateWindow{15 * 60};

struct Tweet {
  uint64_t id = 0;
  const Post* post = nullptr;  // nullptr for tweets created through the API
  std::string author_id;
  std::string text;  // plain
  std::string lang;
  TimePoint created_at;
  uint64_t conversation_id = 0;
  uint64_t parent_id = 0;  // 0 when not a reply
  std::string parent_author_id;
};

struct User {
  std::string id;
  std::string username;
  std::string name;
  TimePoint created_at;
};

uint64_t XId(const Post& post) {
  auto ms = static_cast<uint64_t>(ToUnixMillis(post.created_at) - kTwitterEpochMs);
  return (ms << 22) | (post.id & 0xFFFF);
}

std::string XTime(TimePoint t) { return IsoSeconds(t, ".000Z"); }

std::optional<uint64_t> FromBase36(std::string_view s) {
  if (s.empty() || s.size() > 13) return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'z') ? c - 'a' + 10 : -1;
    if (d < 0) return std::nullopt;
    if (v > (UINT64_MAX - static_cast<uint64_t>(d)) / 36) return std::nullopt;
    v = v * 36 + static_cast<uint64_t>(d);
  }
  return v;
}

std::optional<uint64_t> ParseDecimal(std::string_view s) { return ParseDigits(s, 19); }

std::string EscapeXText(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::set<std::string> SplitList(const std::optional<std::string>& list) {
  std::set<std::string> out;
  if (!list) return out;
  std::string_view rest = *list;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    out.emplace(rest.substr(0, comma));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return out;
}

std::string Problem(int status, std::string_view title, std::string_view detail,
                    std::string_view type) {
  rapidjson::StringBuffer b;
  JsonWriter w(b);
  w.StartObject();
  WriteSanitizedString(w, "title", title);
  WriteSanitizedString(w, "detail", detail);
  WriteSanitizedString(w, "type", type);
  w.Key("status");
  w.Int(status);
  w.EndObject();
  return b.GetString();
}

ApiResponse ProblemResponse(int status, std::string_view title, std::string_view detail,
                            std::string_view type = "about:blank") {
  return JsonResponse(status, Problem(status, title, detail, type));
}

// 400 with X's validation shape.
ApiResponse InvalidRequest(std::string_view parameter, std::string_view message) {
  rapidjson::StringBuffer b;
  JsonWriter w(b);
  w.StartObject();
  w.Key("errors");
  w.StartArray();
  w.StartObject();
  w.Key("parameters");
  w.StartObject();
  w.Key(parameter.data(), static_cast<rapidjson::SizeType>(parameter.size()));
  w.StartArray();
  w.EndArray();
  w.EndObject();
  WriteSanitizedString(w, "message", message);
  w.EndObject();
  w.EndArray();
  WriteSanitizedString(w, "title", "Invalid Request");
  WriteSanitizedString(w, "detail", "One or more parameters to your request was invalid.");
  WriteSanitizedString(w, "type", "https://api.twitter.com/2/problems/invalid-request");
  w.EndObject();
  return JsonResponse(400, b.GetString());
}

std::string XUsername(std::string_view raw, std::set<std::string>* taken) {
  std::string name;
  for (char c : raw) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    name.push_back(ok ? c : '_');
    if (name.size() == 15) break;
  }
  if (name.empty()) name = "user";
  std::string candidate = name;
  for (int i = 1; taken->count(AsciiLower(candidate)) > 0; ++i) {
    std::string suffix = std::to_string(i);
    candidate = name.substr(0, 15 - suffix.size()) + suffix;
  }
  taken->insert(AsciiLower(candidate));
  return candidate;
}

class XEmulator final : public PlatformEmulator {
 public:
  explicit XEmulator(const EmulatorContext& context)
      : context_(context), limiter_(context.rate_limit, kRateWindow) {
    const Corpus& corpus = *context.corpus;
    std::set<std::string> taken;
    for (const Account& a : corpus.accounts) {
      users_.push_back({a.id, XUsername(a.username, &taken), a.display_name, a.created_at});
      user_index_[a.id] = users_.size() - 1;
    }
    std::unordered_map<uint64_t, uint64_t> xid_of;  // Mastodon id -> X id
    for (const auto* feed : {&corpus.mention_posts, &corpus.tag_posts}) {
      for (const Post& p : *feed) xid_of[p.id] = XId(p);
    }
    for (const auto* feed : {&corpus.mention_posts, &corpus.tag_posts}) {
      bool mentions = feed == &corpus.mention_posts;
      for (const Post& p : *feed) {
        Tweet t;
        t.id = XId(p);
        t.post = &p;
        t.author_id = corpus.accounts[p.account].id;
        t.text = p.spoiler_text.empty() ? p.text : p.spoiler_text + "\n\n" + p.text;
        t.lang = p.language.value_or("und");
        t.created_at = p.created_at;
        t.conversation_id = t.id;
        if (p.in_reply_to_id) {
          auto it = xid_of.find(*p.in_reply_to_id);
          if (it != xid_of.end()) {
            t.parent_id = it->second;
            t.parent_author_id = p.in_reply_to_account_id.value_or("");
            auto parent = tweets_.find(t.parent_id);
            t.conversation_id =
                parent != tweets_.end() ? parent->second.conversation_id : t.parent_id;
          }
        }
        (mentions ? mention_ids_ : search_ids_).push_back(t.id);
        if (mentions) search_ids_.push_back(t.id);
        tweets_.emplace(t.id, std::move(t));
      }
    }
    std::sort(mention_ids_.begin(), mention_ids_.end());
    std::sort(search_ids_.begin(), search_ids_.end());
    last_id_ = search_ids_.empty() ? 0 : search_ids_.back();
  }

  ApiResponse Handle(const ApiRequest& request, std::string_view sub_path) override {
    std::optional<std::string> token = BearerToken(request.headers);
    if (!token) return ProblemResponse(401, "Unauthorized", "Unauthorized");
    RateLimiter::Decision d = limiter_.Consume(*token, context_.clock->Now());
    ApiResponse response;
    if (!d.allowed) {
      response = ProblemResponse(429, "Too Many Requests", "Too Many Requests");
    } else {
      response = Route(request, sub_path);
    }
    response.headers.emplace_back("x-rate-limit-limit", std::to_string(d.limit));
    response.headers.emplace_back("x-rate-limit-remaining", std::to_string(d.remaining));
    response.headers.emplace_back("x-rate-limit-reset", std::to_string(ResetEpochSeconds(d)));
    return response;
  }

  bool IsForbidden(const ApiRequest& request, std::string_view sub_path) const override {
    if (request.method == "GET") return false;
    for (std::string_view s : RawSegments(sub_path)) {
      if (s == "hidden" || s == "blocking" || s == "muting") return true;
    }
    return false;
  }

 private:
  ApiResponse Route(const ApiRequest& request, std::string_view sub_path) {
    std::vector<std::string_view> seg = RawSegments(sub_path);
    Params params = ParseQuery(request.query);
    if (request.method == "GET" && seg.size() == 4 && seg[0] == "2" && seg[1] == "tweets" &&
        seg[2] == "search" && seg[3] == "recent") {
      return Search(params);
    }
    if (request.method == "GET" && seg.size() == 4 && seg[0] == "2" && seg[1] == "users" &&
        seg[3] == "mentions") {
      return Mentions(PercentDecode(seg[2], false), params);
    }
    if (request.method == "GET" && seg.size() == 5 && seg[0] == "2" && seg[1] == "users" &&
        seg[2] == "by" && seg[3] == "username") {
      return UserByName(PercentDecode(seg[4], false));
    }
    if (request.method == "GET" && seg.size() == 3 && seg[0] == "2" && seg[1] == "users" &&
        seg[2] == "me") {
      return UserJson(users_.front());
    }
    if (request.method == "POST" && seg.size() == 2 && seg[0] == "2" && seg[1] == "tweets") {
      return CreateTweet(request);
    }
    return ProblemResponse(404, "Not Found Error", "Sorry, that page does not exist.",
                           "https://api.twitter.com/2/problems/resource-not-found");
  }

  ApiResponse UserJson(const User& u) const {
    rapidjson::StringBuffer b;
    JsonWriter w(b);
    w.StartObject();
    w.Key("data");
    w.StartObject();
    WriteSanitizedString(w, "id", u.id);
    WriteSanitizedString(w, "name", u.name);
    WriteSanitizedString(w, "username", u.username);
    w.EndObject();
    w.EndObject();
    return JsonResponse(200, b.GetString());
  }

  static ApiResponse NotFound(std::string_view resource, std::string_view parameter,
                              std::string_view value) {
    rapidjson::StringBuffer b;
    JsonWriter w(b);
    w.StartObject();
    w.Key("errors");
    w.StartArray();
    w.StartObject();
    WriteSanitizedString(w, "value", value);
    WriteSanitizedString(w, "detail",
                         "Could not find " + std::string(resource) + " with " +
                             std::string(parameter) + ": [" + std::string(value) + "].");
    WriteSanitizedString(w, "title", "Not Found Error");
    WriteSanitizedString(w, "resource_type", resource);
    WriteSanitizedString(w, "parameter", parameter);
    WriteSanitizedString(w, "resource_id", value);
    WriteSanitizedString(w, "type", "https://api.twitter.com/2/problems/resource-not-found");
    w.EndObject();
    w.EndArray();
    w.EndObject();
    return JsonResponse(200, b.GetString());
  }

  ApiResponse UserByName(const std::string& name) const {
    std::string wanted = AsciiLower(name);
    for (const User& u : users_) {
      if (AsciiLower(u.username) == wanted) return UserJson(u);
    }
    return NotFound("user", "username", name);
  }

  ApiResponse Mentions(const std::string& user_id, const Params& params) {
    if (user_index_.count(user_id) == 0) return NotFound("user", "id", user_id);
    static const std::vector<uint64_t> kNone;
    const std::vector<uint64_t>& ids = user_id == users_.front().id ? mention_ids_ : kNone;
    return Paged(ids, params, 5, "pagination_token");
  }

  // True when the tweet's text matches every term of the query.
  static bool Matches(const std::string& lower_text, const std::vector<std::string>& include,
                      const std::vector<std::string>& exclude) {
    for (const auto& t : include) {
      if (lower_text.find(t) == std::string::npos) return false;
    }
    for (const auto& t : exclude) {
      if (lower_text.find(t) != std::string::npos) return false;
    }
    return true;
  }

  ApiResponse Search(const Params& params) {
    std::string query = FirstParam(params, "query").value_or("");
    if (query.find_first_not_of(" \t") == std::string::npos) {
      return InvalidRequest("query", "The `query` query parameter can not be empty");
    }
    if (query.size() > 512) {
      return InvalidRequest("query", "The `query` query parameter value is too long");
    }
    std::vector<uint64_t> matched;
    {
      std::lock_guard lock(mu_);
      auto cached = search_cache_.find(query);
      if (cached != search_cache_.end()) {
        matched = cached->second;
      } else {
        std::vector<std::string> include, exclude;
        std::string_view rest = query;
        while (!rest.empty()) {
          size_t b = rest.find_first_not_of(' ');
          if (b == std::string_view::npos) break;
          rest.remove_prefix(b);
          size_t e = rest.find(' ');
          std::string term = AsciiLower(rest.substr(0, e));
          rest = e == std::string_view::npos ? std::string_view() : rest.substr(e);
          bool negate = !term.empty() && term.front() == '-';
          if (negate) term.erase(0, 1);
          if (term.find(':') != std::string::npos || term == "or") continue;
          while (!term.empty() && (term.front() == '#' || term.front() == '@')) term.erase(0, 1);
          if (term.empty()) continue;
          (negate ? exclude : include).push_back(term);
        }
        for (uint64_t id : search_ids_) {
          if (Matches(AsciiLower(tweets_.at(id).text), include, exclude)) matched.push_back(id);
        }
        if (search_cache_.size() > 64) search_cache_.clear();
        search_cache_[query] = matched;
      }
    }
    return Paged(matched, params, 10, "next_token");
  }

  ApiResponse Paged(const std::vector<uint64_t>& ids, const Params& params, uint64_t min_results,
                    const char* token_param) {
    uint64_t max_results = 10;
    if (auto v = FirstParam(params, "max_results")) {
      auto n = ParseDecimal(*v);
      if (!n || *n < min_results || *n > 100) {
        return InvalidRequest("max_results", "The `max_results` query parameter value [" + *v +
                                                 "] is not between " + std::to_string(min_results) +
                                                 " and 100");
      }
      max_results = *n;
    }
    uint64_t lower = 0;           // exclusive
    uint64_t upper = UINT64_MAX;  // exclusive
    for (const char* key : {"since_id", "until_id"}) {
      if (auto v = FirstParam(params, key)) {
        auto n = ParseDecimal(*v);
        if (!n) {
          return InvalidRequest(key, "The `" + std::string(key) + "` query parameter value [" + *v +
                                         "] is not a valid Tweet ID");
        }
        (std::string_view(key) == "since_id" ? lower : upper) = *n;
      }
    }
    if (auto v = FirstParam(params, token_param)) {
      std::optional<uint64_t> bound;
      if (v->starts_with(kTokenPrefix)) bound = FromBase36(v->substr(sizeof(kTokenPrefix) - 1));
      if (!bound) {
        return InvalidRequest(token_param, "The `" + std::string(token_param) +
                                               "` query parameter value [" + *v + "] is not valid");
      }
      upper = std::min(upper, *bound);
    }
    std::set<std::string> tweet_fields = SplitList(FirstParam(params, "tweet.fields"));
    std::set<std::string> user_fields = SplitList(FirstParam(params, "user.fields"));
    bool expand_authors = SplitList(FirstParam(params, "expansions")).count("author_id") > 0;

    std::lock_guard lock(mu_);
    auto begin = std::upper_bound(ids.begin(), ids.end(), lower);
    auto end = std::lower_bound(ids.begin(), ids.end(), upper);
    std::vector<uint64_t> page;
    for (auto it = end; it != begin && page.size() < max_results;) page.push_back(*--it);
    bool more = !page.empty() && std::distance(begin, end) > static_cast<ptrdiff_t>(page.size());

    rapidjson::StringBuffer b;
    JsonWriter w(b);
    w.StartObject();
    if (!page.empty()) {
      w.Key("data");
      w.StartArray();
      std::vector<std::string> authors;
      for (uint64_t id : page) {
        const Tweet& t = tweets_.at(id);
        WriteTweet(w, t, tweet_fields);
        if (std::find(authors.begin(), authors.end(), t.author_id) == authors.end()) {
          authors.push_back(t.author_id);
        }
      }
      w.EndArray();
      if (expand_authors) {
        w.Key("includes");
        w.StartObject();
        w.Key("users");
        w.StartArray();
        for (const auto& a : authors) {
          const User& u = users_[user_index_.at(a)];
          w.StartObject();
          if (user_fields.count("created_at"))
            WriteSanitizedString(w, "created_at", XTime(u.created_at));
          WriteSanitizedString(w, "id", u.id);
          WriteSanitizedString(w, "name", u.name);
          WriteSanitizedString(w, "username", u.username);
          w.EndObject();
        }
        w.EndArray();
        w.EndObject();
      }
    }
    w.Key("meta");
    w.StartObject();
    if (!page.empty()) {
      WriteSanitizedString(w, "newest_id", std::to_string(page.front()));
      WriteSanitizedString(w, "oldest_id", std::to_string(page.back()));
    }
    w.Key("result_count");
    w.Uint64(page.size());
    if (more) WriteSanitizedString(w, "next_token", kTokenPrefix + Base36(page.back()));
    w.EndObject();
    w.EndObject();
    return JsonResponse(200, b.GetString());
  }

  static void WriteTweet(JsonWriter& w, const Tweet& t, const std::set<std::string>& fields) {
    std::string id = std::to_string(t.id);
    w.StartObject();
    if (fields.count("author_id")) WriteSanitizedString(w, "author_id", t.author_id);
    if (fields.count("conversation_id"))
      WriteSanitizedString(w, "conversation_id", std::to_string(t.conversation_id));
    if (fields.count("created_at")) WriteSanitizedString(w, "created_at", XTime(t.created_at));
    w.Key("edit_history_tweet_ids");
    w.StartArray();
    w.String(id.c_str());
    w.EndArray();
    WriteSanitizedString(w, "id", id);
    if (fields.count("in_reply_to_user_id") && t.parent_id != 0) {
      WriteSanitizedString(w, "in_reply_to_user_id", t.parent_author_id);
    }
    if (fields.count("lang")) WriteSanitizedString(w, "lang", t.lang);
    if (fields.count("referenced_tweets") && t.parent_id != 0) {
      w.Key("referenced_tweets");
      w.StartArray();
      w.StartObject();
      WriteSanitizedString(w, "type", "replied_to");
      WriteSanitizedString(w, "id", std::to_string(t.parent_id));
      w.EndObject();
      w.EndArray();
    }
    WriteSanitizedString(w, "text", EscapeXText(t.text));
    w.EndObject();
  }

  ApiResponse CreateTweet(const ApiRequest& request) {
    rapidjson::Document doc;
    doc.Parse(request.body.c_str(), request.body.size());
    if (doc.HasParseError() || !doc.IsObject()) {
      return ProblemResponse(400, "Invalid Request", "Request body is not valid JSON.",
                             "https://api.twitter.com/2/problems/invalid-request");
    }
    auto text_it = doc.FindMember("text");
    std::string text;
    if (text_it != doc.MemberEnd() && text_it->value.IsString()) {
      text.assign(text_it->value.GetString(), text_it->value.GetStringLength());
    }
    std::string parent;
    auto reply = doc.FindMember("reply");
    if (reply != doc.MemberEnd()) {
      if (!reply->value.IsObject()) return InvalidRequest("reply", "`reply` must be an object");
      auto p = reply->value.FindMember("in_reply_to_tweet_id");
      if (p == reply->value.MemberEnd() || !p->value.IsString()) {
        return InvalidRequest("reply.in_reply_to_tweet_id",
                              "`in_reply_to_tweet_id` is required in `reply`");
      }
      parent.assign(p->value.GetString(), p->value.GetStringLength());
    }
    ReplyTextProblem problem = CheckReplyText(text, kMaxTweetChars, /*check_utf8=*/false);
    if (problem == ReplyTextProblem::kBlank) {
      return InvalidRequest("text", "The `text` field can not be empty");
    }
    if (problem == ReplyTextProblem::kTooLong) {
      return ProblemResponse(403, "Forbidden",
                             "Your Tweet text is too long. For more information on how Twitter "
                             "determines text length, see "
                             "https://github.com/twitter/twitter-text.");
    }
    std::lock_guard lock(mu_);
    uint64_t parent_id = 0;
    if (!parent.empty()) {
      auto id = ParseDecimal(parent);
      if (!id || tweets_.count(*id) == 0) {
        return ProblemResponse(403, "Forbidden",
                               "You attempted to reply to a Tweet that is deleted or not visible "
                               "to you.");
      }
      parent_id = *id;
    }
    if (!posted_texts_.insert(text).second) {
      return ProblemResponse(403, "Forbidden",
                             "You are not allowed to create a Tweet with duplicate content.");
    }
    TimePoint now = context_.clock->Now();
    Tweet t;
    uint64_t ms = static_cast<uint64_t>(ToUnixMillis(now) - kTwitterEpochMs);
    t.id = std::max(ms << 22, last_id_ + 1);
    last_id_ = t.id;
    t.author_id = users_.front().id;
    t.text = text;
    t.lang = "und";
    t.created_at = now;
    t.parent_id = parent_id;
    t.conversation_id = parent_id != 0 ? tweets_.at(parent_id).conversation_id : t.id;
    if (parent_id != 0) t.parent_author_id = tweets_.at(parent_id).author_id;
    std::string id = std::to_string(t.id);
    tweets_.emplace(t.id, t);
    context_.log->RecordReply({"x", id, parent, text, ""});

    rapidjson::StringBuffer b;
    JsonWriter w(b);
    w.StartObject();
    w.Key("data");
    w.StartObject();
    w.Key("edit_history_tweet_ids");
    w.StartArray();
    w.String(id.c_str());
    w.EndArray();
    WriteSanitizedString(w, "id", id);
    WriteSanitizedString(w, "text", EscapeXText(text));
    w.EndObject();
    w.EndObject();
    return JsonResponse(201, b.GetString());
  }

  const EmulatorContext context_;
  RateLimiter limiter_;
  std::vector<User> users_;  // [0] is the brand; immutable after construction
  std::map<std::string, size_t> user_index_;
  std::vector<uint64_t> mention_ids_;  // ascending, immutable
  std::vector<uint64_t> search_ids_;   // ascending, immutable

  std::mutex mu_;
  std::map<uint64_t, Tweet> tweets_;                           // guarded by mu_ (replies are added)
  std::map<std::string, std::vector<uint64_t>> search_cache_;  // guarded by mu_
  std::set<std::string> posted_texts_;                         // guarded by mu_
  uint64_t last_id_ = 0;                                       // guarded by mu_
};

}  // namespace

std::unique_ptr<PlatformEmulator> MakeXEmulator(const EmulatorContext& context) {
  return std::make_unique<XEmulator>(context);
}

}  // namespace heed::sandbox
