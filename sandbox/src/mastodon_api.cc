#include "mastodon_api.h"

#include <algorithm>

#include "heed/core/text.h"
#include "paging.h"
#include "policy.h"

namespace heed::sandbox {
namespace {

constexpr std::chrono::seconds kRateWindow{300};

bool Matches(const std::vector<std::string>& segments,
             std::initializer_list<std::string_view> want) {
  if (segments.size() != want.size()) return false;
  size_t i = 0;
  for (std::string_view w : want) {
    if (w != "*" && segments[i] != w) return false;
    ++i;
  }
  return true;
}

ApiResponse Unauthorized() {
  ApiResponse r = ErrorResponse(401, "The access token is invalid");
  r.headers.emplace_back("WWW-Authenticate",
                         "Bearer realm=\"Doorkeeper\", error=\"invalid_token\", "
                         "error_description=\"The access token is invalid\"");
  return r;
}

}  // namespace

std::optional<std::string> BearerToken(const HttpHeaders& headers) {
  auto value = FindHeader(headers, "Authorization");
  if (!value) return std::nullopt;
  std::string header = Trim(*value);
  if (header.size() < 7 || AsciiLower(header.substr(0, 7)) != "bearer ") return std::nullopt;
  std::string token = Trim(std::string_view(header).substr(7));
  if (token.empty()) return std::nullopt;
  return token;
}

ApiResponse JsonResponse(int status, std::string body) {
  ApiResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

ApiResponse ErrorResponse(int status, std::string_view message) {
  return JsonResponse(status, ErrorJson(message));
}

MastodonApi::MastodonApi(ApiOptions options, Corpus corpus)
    : options_(std::move(options)),
      clock_(*options_.clock),
      limiter_(options_.rate_limit, kRateWindow),
      accounts_(std::move(corpus.accounts)),
      notifications_(std::move(corpus.notifications)) {
  today_ = FormatIso8601(clock_.Now()).substr(0, 10);
  for (const Notification& n : notifications_) notification_ids_.push_back(n.id);
  std::vector<Post> all = std::move(corpus.mention_posts);
  for (Post& post : corpus.tag_posts) all.push_back(std::move(post));
  std::sort(all.begin(), all.end(), [](const Post& a, const Post& b) { return a.id < b.id; });
  std::lock_guard lock(mu_);
  for (Post& post : all) InsertLocked(std::move(post));
}

void MastodonApi::InsertLocked(Post post) {
  uint64_t id = post.id;
  last_id_ = std::max(last_id_, id);
  status_ids_.push_back(id);
  if (post.visibility == "public") {
    for (const std::string& tag : post.tags) tag_index_[tag].push_back(id);
  }
  posts_.emplace(id, std::move(post));
}

ApiResponse MastodonApi::Handle(const ApiRequest& request) {
  ApiResponse response =
      Guarded([&] { return HandleUnguarded(request); },
              [](const char* what) {
                return ErrorResponse(500, WithDetail("heed sandbox internal error", what));
              });
  response.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  return response;
}

ApiResponse MastodonApi::HandleUnguarded(const ApiRequest& request) {
  Call call{request, DecodedSegments(request.raw_path), ParseQuery(request.query),
            BearerToken(request.headers)};
  if (!call.segments.empty() && call.segments[0] == "_sandbox") return Inspect(call.segments);

  RecordedRequest record{request.method, request.raw_path, request.query, request.body,
                         call.token.has_value()};
  log_.Record(record);
  RateLimiter::Decision quota = limiter_.Consume(ClientKey(call.token, request), clock_.Now());

  ApiResponse response;
  std::string decoded_path = PercentDecode(request.raw_path, false);
  if (IsForbidden(request.method, decoded_path)) {
    log_.RecordViolation(std::move(record));
    response = ErrorResponse(403, "heed sandbox: deleting or hiding content is forbidden");
  } else if (!quota.allowed) {
    response = ErrorResponse(429, "Too many requests");
  } else {
    response = Route(call);
  }
  response.headers.emplace_back("X-RateLimit-Limit", std::to_string(quota.limit));
  response.headers.emplace_back("X-RateLimit-Remaining", std::to_string(quota.remaining));
  response.headers.emplace_back("X-RateLimit-Reset", FormatIso8601(quota.reset));
  return response;
}

ApiResponse MastodonApi::Inspect(const std::vector<std::string>& segments) const {
  if (segments.size() == 2 && segments[1] == "requests") {
    return JsonResponse(200, log_.RequestsJson());
  }
  if (segments.size() == 2 && segments[1] == "violations") {
    return JsonResponse(200, log_.ViolationsJson());
  }
  if (segments.size() == 2 && segments[1] == "replies") {
    return JsonResponse(200, log_.RepliesJson());
  }
  return ErrorResponse(404, "Not Found");
}

ApiResponse MastodonApi::Route(const Call& call) {
  const std::string& method = call.request.method;
  const auto& s = call.segments;
  if (method == "GET") {
    if (Matches(s, {"api", "v1", "notifications"})) {
      return call.token ? Notifications(call) : Unauthorized();
    }
    if (Matches(s, {"api", "v1", "notifications", "*"})) {
      return call.token ? OneNotification(s[3]) : Unauthorized();
    }
    if (Matches(s, {"api", "v1", "timelines", "tag", "*"})) return TagTimeline(call, s[4]);
    if (Matches(s, {"api", "v2", "search"})) return Search(call);
    if (Matches(s, {"api", "v1", "statuses", "*"})) return GetStatus(s[3]);
    if (Matches(s, {"api", "v1", "accounts", "verify_credentials"})) {
      return call.token ? GetAccount(accounts_[kBrandAccount].id) : Unauthorized();
    }
    if (Matches(s, {"api", "v1", "accounts", "*"})) return GetAccount(s[3]);
  }
  if (method == "POST" && Matches(s, {"api", "v1", "statuses"})) {
    return call.token ? PostStatus(call) : Unauthorized();
  }
  return ErrorResponse(404, "Not Found");
}

std::string MastodonApi::StatusArrayLocked(const std::vector<uint64_t>& ids) const {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  RenderContext ctx = Context();
  w.StartArray();
  for (uint64_t id : ids) WriteStatus(w, posts_.at(id), ctx);
  w.EndArray();
  return JsonString(buffer);
}

ApiResponse MastodonApi::Paged(const Call& call, std::string body,
                               const std::vector<uint64_t>& page_ids) const {
  ApiResponse r = JsonResponse(200, std::move(body));
  if (!page_ids.empty()) {
    r.headers.emplace_back("Link", LinkHeader(options_.base_url, call.request.raw_path, call.query,
                                              page_ids.back(), page_ids.front()));
  }
  return r;
}

ApiResponse MastodonApi::Notifications(const Call& call) const {
  std::vector<std::string> types = ArrayParam(call.query, "types");
  std::vector<std::string> excluded = ArrayParam(call.query, "exclude_types");
  bool wanted = (types.empty() || std::count(types.begin(), types.end(), "mention") > 0) &&
                std::count(excluded.begin(), excluded.end(), "mention") == 0;
  std::vector<size_t> page;
  if (wanted) page = SelectPage(notification_ids_, ParsePageParams(call.query, 40, 80));

  std::vector<uint64_t> page_ids;
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  RenderContext ctx = Context();
  std::lock_guard lock(mu_);
  w.StartArray();
  for (size_t index : page) {
    const Notification& n = notifications_[index];
    WriteNotification(w, n, posts_.at(n.status_id), ctx);
    page_ids.push_back(n.id);
  }
  w.EndArray();
  return Paged(call, JsonString(buffer), page_ids);
}

ApiResponse MastodonApi::OneNotification(const std::string& id) const {
  std::optional<uint64_t> wanted = ParseId(id);
  for (const Notification& n : notifications_) {
    if (wanted && n.id == *wanted) {
      rapidjson::StringBuffer buffer;
      JsonWriter w(buffer);
      std::lock_guard lock(mu_);
      WriteNotification(w, n, posts_.at(n.status_id), Context());
      return JsonResponse(200, JsonString(buffer));
    }
  }
  return ErrorResponse(404, "Record not found");
}

ApiResponse MastodonApi::TagTimeline(const Call& call, const std::string& tag) const {
  std::string wanted = AsciiLower(tag);
  std::lock_guard lock(mu_);
  std::vector<uint64_t> page_ids;
  if (auto it = tag_index_.find(wanted); it != tag_index_.end()) {
    const std::vector<uint64_t>& tagged = it->second;
    for (size_t index : SelectPage(tagged, ParsePageParams(call.query, 20, 40))) {
      page_ids.push_back(tagged[index]);
    }
  }
  return Paged(call, StatusArrayLocked(page_ids), page_ids);
}

ApiResponse MastodonApi::Search(const Call& call) const {
  std::string q = AsciiLower(Trim(FirstParam(call.query, "q").value_or("")));
  std::string type = FirstParam(call.query, "type").value_or("");
  PageParams page = ParsePageParams(call.query, 20, 40);
  RenderContext ctx = Context();
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  std::lock_guard lock(mu_);
  w.StartObject();

  w.Key("accounts");
  w.StartArray();
  if (!q.empty() && (type.empty() || type == "accounts")) {
    std::string handle = q.starts_with("@") ? q.substr(1) : q;
    size_t shown = 0;
    for (const Account& a : accounts_) {
      if (shown >= page.limit) break;
      if (AsciiLower(a.acct).find(handle) != std::string::npos ||
          AsciiLower(a.display_name).find(handle) != std::string::npos) {
        WriteAccount(w, a, ctx);
        ++shown;
      }
    }
  }
  w.EndArray();

  w.Key("statuses");
  w.StartArray();
  if (!q.empty() && (type.empty() || type == "statuses")) {
    std::vector<uint64_t> found;
    for (uint64_t id : status_ids_) {
      if (AsciiLower(posts_.at(id).text).find(q) != std::string::npos) found.push_back(id);
    }
    for (size_t index : SelectPage(found, page)) WriteStatus(w, posts_.at(found[index]), ctx);
  }
  w.EndArray();

  w.Key("hashtags");
  w.StartArray();
  if (!q.empty() && (type.empty() || type == "hashtags")) {
    std::string name = q.starts_with("#") ? q.substr(1) : q;
    std::vector<std::string> tags;
    for (const auto& [id, post] : posts_) {
      for (const std::string& tag : post.tags) {
        if (tag.find(name) != std::string::npos &&
            std::find(tags.begin(), tags.end(), tag) == tags.end()) {
          tags.push_back(tag);
        }
      }
    }
    std::sort(tags.begin(), tags.end());
    for (const std::string& tag : tags) {
      w.StartObject();
      WriteString(w, "name", tag);
      WriteString(w, "url", options_.base_url + "/tags/" + tag);
      w.Key("history");
      w.StartArray();
      w.EndArray();
      w.EndObject();
    }
  }
  w.EndArray();
  w.EndObject();
  return JsonResponse(200, JsonString(buffer));
}

ApiResponse MastodonApi::GetStatus(const std::string& id) const {
  std::optional<uint64_t> wanted = ParseId(id);
  std::lock_guard lock(mu_);
  auto it = wanted ? posts_.find(*wanted) : posts_.end();
  if (it == posts_.end()) return ErrorResponse(404, "Record not found");
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  WriteStatus(w, it->second, Context());
  return JsonResponse(200, JsonString(buffer));
}

ApiResponse MastodonApi::GetAccount(const std::string& id) const {
  for (const Account& a : accounts_) {
    if (a.id == id) {
      rapidjson::StringBuffer buffer;
      JsonWriter w(buffer);
      WriteAccount(w, a, Context());
      return JsonResponse(200, JsonString(buffer));
    }
  }
  return ErrorResponse(404, "Record not found");
}

}  // namespace heed::sandbox
