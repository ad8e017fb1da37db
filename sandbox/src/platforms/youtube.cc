#include "platforms/youtube.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <map>
#include <mutex>

#include "emulator_kit.h"
#include "heed/core/text.h"
#include "html.h"
#include "platforms/platforms.h"
#include "query.h"
#include "rate_limiter.h"

namespace heed::sandbox {
namespace {

constexpr size_t kMaxCommentChars = 10000;
constexpr int kDailyQuota = 10000;
constexpr int kListCost = 1;
constexpr int kInsertCost = 50;
constexpr size_t kEmbeddedReplies = 5;
constexpr char kTokenPrefix[] = "QURTSl9";
constexpr std::chrono::seconds kRateWindow{5 * 60};

struct Reply {
  std::string id;
  std::string text;
  TimePoint published;
};

struct Thread {
  std::string id;
  std::string video_id;
  int64_t published_s = 0;  // seconds since the epoch
  std::string text;
  size_t account = 0;
  int likes = 0;
};

uint64_t ParseU64(std::string_view s) {
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return v;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  return v;
}

ApiResponse GoogleError(int code, std::string_view reason, std::string_view message,
                        std::string_view domain = "youtube.api", std::string_view status = "") {
  rapidjson::StringBuffer b;
  JsonWriter w(b);
  w.StartObject();
  w.Key("error");
  w.StartObject();
  w.Key("code");
  w.Int(code);
  WriteSanitizedString(w, "message", message);
  w.Key("errors");
  w.StartArray();
  w.StartObject();
  WriteSanitizedString(w, "message", message);
  WriteSanitizedString(w, "domain", domain);
  WriteSanitizedString(w, "reason", reason);
  w.EndObject();
  w.EndArray();
  if (!status.empty()) WriteSanitizedString(w, "status", status);
  w.EndObject();
  w.EndObject();
  return JsonResponse(code, b.GetString());
}

// Newest first; ties (same second) by id, descending.
bool Before(int64_t a_s, const std::string& a_id, int64_t b_s, const std::string& b_id) {
  return a_s != b_s ? a_s > b_s : a_id > b_id;
}

class YoutubeEmulator final : public PlatformEmulator {
 public:
  explicit YoutubeEmulator(const EmulatorContext& context)
      : context_(context), limiter_(context.rate_limit, kRateWindow) {
    const Corpus& corpus = *context.corpus;
    channel_id_ = ("UC" + context.brand + "Official" + std::string(24, '0')).substr(0, 24);
    for (int n = 1; n <= 2; ++n) {
      std::string v = context.brand.substr(0, 6) + "Vid" + std::to_string(n);
      videos_.push_back((v + std::string(11, '0')).substr(0, 11));
    }
    for (const Account& a : corpus.accounts) {
      author_channels_.push_back("UC" + Hex16(ParseU64(a.id)) + "ytAcct");
    }
    for (int n = 0; n < 2; ++n) {
      const std::vector<Post>& posts = n == 0 ? corpus.mention_posts : corpus.tag_posts;
      for (const Post& p : posts) {
        Thread t;
        t.id = "Ugx" + Hex16(p.id) + "4AaABAg";
        t.video_id = videos_[static_cast<size_t>(n)];
        t.published_s =
            std::chrono::floor<std::chrono::seconds>(p.created_at).time_since_epoch().count();
        t.text = p.spoiler_text.empty() ? p.text : p.spoiler_text + "\n\n" + p.text;
        t.account = p.account;
        t.likes = p.favourites_count;
        threads_.push_back(std::move(t));
      }
    }
    std::vector<size_t> all;
    for (size_t i = 0; i < threads_.size(); ++i) all.push_back(i);
    auto order = [&](size_t a, size_t b) {
      return Before(threads_[a].published_s, threads_[a].id, threads_[b].published_s,
                    threads_[b].id);
    };
    std::sort(all.begin(), all.end(), order);
    by_channel_ = all;
    for (size_t i : all) {
      by_video_[threads_[i].video_id].push_back(i);
      thread_index_[threads_[i].id] = i;
    }
  }

  ApiResponse Handle(const ApiRequest& request, std::string_view sub_path) override {
    std::vector<std::string_view> seg = RawSegments(sub_path);
    Params params = ParseQuery(request.query);
    std::optional<std::string> token = BearerToken(request.headers);
    std::optional<std::string> key = FirstParam(params, "key");
    if (!token && (!key || key->empty() || request.method != "GET")) {
      return GoogleError(401, "required", "Login Required.", "global", "UNAUTHENTICATED");
    }
    std::string credential = token ? "bearer:" + *token : "key:" + *key;
    bool is_list = request.method == "GET" && seg.size() == 3 && seg[0] == "youtube" &&
                   seg[1] == "v3" && seg[2] == "commentThreads";
    bool is_insert = request.method == "POST" && seg.size() == 3 && seg[0] == "youtube" &&
                     seg[1] == "v3" && seg[2] == "comments";
    if (!is_list && !is_insert) {
      return GoogleError(404, "notFound", "Not Found", "global", "NOT_FOUND");
    }
    TimePoint now = context_.clock->Now();
    if (!limiter_.Consume(credential, now).allowed) {
      return GoogleError(403, "rateLimitExceeded",
                         "The request cannot be completed because you have exceeded your rate "
                         "limit.",
                         "youtube.quota", "PERMISSION_DENIED");
    }
    if (!ChargeQuota(credential, now, is_list ? kListCost : kInsertCost)) {
      return GoogleError(403, "quotaExceeded",
                         "The request cannot be completed because you have exceeded your <a "
                         "href=\"/youtube/v3/getting-started#quota\">quota</a>.",
                         "youtube.quota", "PERMISSION_DENIED");
    }
    if (is_list) return ListThreads(params);
    if (!token) return GoogleError(401, "required", "Login Required.", "global", "UNAUTHENTICATED");
    return InsertComment(request, params);
  }

  bool IsForbidden(const ApiRequest&, std::string_view sub_path) const override {
    for (std::string_view s : RawSegments(sub_path)) {
      if (s == "setModerationStatus" || s == "markAsSpam") return true;
    }
    return false;
  }

 private:
  bool ChargeQuota(const std::string& credential, TimePoint now, int cost) {
    int64_t day = std::chrono::floor<std::chrono::days>(now).time_since_epoch().count();
    std::lock_guard lock(mu_);
    auto& [quota_day, used] = quota_[credential];
    if (quota_day != day) {
      quota_day = day;
      used = 0;
    }
    if (used + cost > kDailyQuota) return false;
    used += cost;
    return true;
  }

  ApiResponse ListThreads(const Params& params) {
    std::string part = FirstParam(params, "part").value_or("");
    if (part.empty()) {
      return GoogleError(400, "required", "No filter selected. Expected one of: part", "global",
                         "INVALID_ARGUMENT");
    }
    bool with_snippet = part.find("snippet") != std::string::npos;
    bool with_replies = part.find("replies") != std::string::npos;
    auto video = FirstParam(params, "videoId");
    auto channel = FirstParam(params, "allThreadsRelatedToChannelId");
    if (video.has_value() == channel.has_value()) {
      return GoogleError(400, "missingRequiredParameter",
                         "No filter selected. Expected one of: videoId, "
                         "allThreadsRelatedToChannelId, id, channelId",
                         "youtube.parameter", "INVALID_ARGUMENT");
    }
    const std::vector<size_t>* list = nullptr;
    if (video) {
      auto it = by_video_.find(*video);
      if (it == by_video_.end()) {
        return GoogleError(404, "videoNotFound",
                           "The video identified by the <code><a "
                           "href=\"/youtube/v3/docs/commentThreads/list#videoId\">videoId</a>"
                           "</code> parameter could not be found.",
                           "youtube.commentThread", "NOT_FOUND");
      }
      list = &it->second;
    } else {
      if (*channel != channel_id_) {
        return GoogleError(404, "channelNotFound",
                           "The channel identified by the allThreadsRelatedToChannelId "
                           "parameter could not be found.",
                           "youtube.commentThread", "NOT_FOUND");
      }
      list = &by_channel_;
    }
    size_t max_results = 20;
    if (auto v = FirstParam(params, "maxResults")) {
      uint64_t n = ParseU64(*v);
      if (v->empty() || v->find_first_not_of("0123456789") != std::string::npos || n < 1 ||
          n > 100) {
        return GoogleError(400, "invalidParameter",
                           "Invalid value '" + *v + "'. Values must be within the range: [1, 100]",
                           "youtube.parameter", "INVALID_ARGUMENT");
      }
      max_results = static_cast<size_t>(n);
    }
    size_t start = 0;
    if (auto page_token = FirstParam(params, "pageToken")) {
      std::optional<std::string> decoded;
      if (page_token->starts_with(kTokenPrefix)) {
        std::string_view hex = std::string_view(*page_token).substr(sizeof(kTokenPrefix) - 1);
        if (hex.size() <= 400) decoded = HexDecode(hex);
      }
      size_t bar = decoded ? decoded->find('|') : std::string::npos;
      if (bar == std::string::npos) {
        return GoogleError(400, "invalidPageToken", "The request specifies an invalid page token.",
                           "youtube.parameter", "INVALID_ARGUMENT");
      }
      auto last_s = static_cast<int64_t>(ParseU64(decoded->substr(0, bar)));
      std::string last_id = decoded->substr(bar + 1);
      auto it = std::partition_point(list->begin(), list->end(), [&](size_t i) {
        const Thread& t = threads_[i];
        return !Before(last_s, last_id, t.published_s, t.id);
      });
      start = static_cast<size_t>(it - list->begin());
    }
    size_t end = std::min(list->size(), start + max_results);

    std::lock_guard lock(mu_);
    rapidjson::StringBuffer b;
    JsonWriter w(b);
    w.StartObject();
    WriteSanitizedString(w, "kind", "youtube#commentThreadListResponse");
    WriteSanitizedString(w, "etag", "heed-sandbox-" + std::to_string(start));
    if (end < list->size()) {
      const Thread& last = threads_[(*list)[end - 1]];
      WriteSanitizedString(
          w, "nextPageToken",
          kTokenPrefix + HexEncode(std::to_string(last.published_s) + "|" + last.id));
    }
    w.Key("pageInfo");
    w.StartObject();
    w.Key("totalResults");
    w.Uint64(end - start);
    w.Key("resultsPerPage");
    w.Uint64(max_results);
    w.EndObject();
    w.Key("items");
    w.StartArray();
    for (size_t k = start; k < end; ++k) {
      WriteThread(w, threads_[(*list)[k]], with_snippet, with_replies);
    }
    w.EndArray();
    w.EndObject();
    return JsonResponse(200, b.GetString());
  }

  // REQUIRES: mu_ held.
  void WriteComment(JsonWriter& w, const std::string& id, const std::string& video,
                    const std::string& text, size_t account, TimePoint published, int likes,
                    const std::string& parent) const {
    const Account& a = context_.corpus->accounts[account];
    w.StartObject();
    WriteSanitizedString(w, "kind", "youtube#comment");
    WriteSanitizedString(w, "etag", "e" + id.substr(0, 12));
    WriteSanitizedString(w, "id", id);
    w.Key("snippet");
    w.StartObject();
    WriteSanitizedString(w, "channelId", channel_id_);
    if (!video.empty()) WriteSanitizedString(w, "videoId", video);
    WriteSanitizedString(w, "textDisplay", EscapeHtmlLines(text, "<br>"));
    WriteSanitizedString(w, "textOriginal", text);
    if (!parent.empty()) WriteSanitizedString(w, "parentId", parent);
    WriteSanitizedString(w, "authorDisplayName", "@" + a.username);
    WriteSanitizedString(w, "authorProfileImageUrl",
                         "https://yt3.ggpht.com/ytc/heed-sandbox=s48-c-k-no-rj");
    WriteSanitizedString(w, "authorChannelUrl",
                         "http://www.youtube.com/channel/" + author_channels_[account]);
    w.Key("authorChannelId");
    w.StartObject();
    WriteSanitizedString(w, "value", author_channels_[account]);
    w.EndObject();
    w.Key("canRate");
    w.Bool(true);
    WriteSanitizedString(w, "viewerRating", "none");
    w.Key("likeCount");
    w.Int(likes);
    WriteSanitizedString(w, "publishedAt", IsoSeconds(published));
    WriteSanitizedString(w, "updatedAt", IsoSeconds(published));
    w.EndObject();
    w.EndObject();
  }

  // REQUIRES: mu_ held.
  void WriteThread(JsonWriter& w, const Thread& t, bool with_snippet, bool with_replies) const {
    auto replies = replies_.find(t.id);
    size_t reply_count = replies == replies_.end() ? 0 : replies->second.size();
    w.StartObject();
    WriteSanitizedString(w, "kind", "youtube#commentThread");
    WriteSanitizedString(w, "etag", "t" + t.id.substr(3, 12));
    WriteSanitizedString(w, "id", t.id);
    if (with_snippet) {
      w.Key("snippet");
      w.StartObject();
      WriteSanitizedString(w, "channelId", channel_id_);
      WriteSanitizedString(w, "videoId", t.video_id);
      w.Key("topLevelComment");
      WriteComment(w, t.id, t.video_id, t.text, t.account,
                   TimePoint(std::chrono::seconds(t.published_s)), t.likes, "");
      w.Key("canReply");
      w.Bool(true);
      w.Key("totalReplyCount");
      w.Uint64(reply_count);
      w.Key("isPublic");
      w.Bool(true);
      w.EndObject();
    }
    if (with_replies && reply_count > 0) {
      w.Key("replies");
      w.StartObject();
      w.Key("comments");
      w.StartArray();
      const auto& list = replies->second;
      size_t from = list.size() > kEmbeddedReplies ? list.size() - kEmbeddedReplies : 0;
      for (size_t i = list.size(); i > from; --i) {
        const Reply& r = list[i - 1];
        WriteComment(w, r.id, t.video_id, r.text, kBrandAccount, r.published, 0, t.id);
      }
      w.EndArray();
      w.EndObject();
    }
    w.EndObject();
  }

  ApiResponse InsertComment(const ApiRequest& request, const Params& params) {
    if (FirstParam(params, "part").value_or("").find("snippet") == std::string::npos) {
      return GoogleError(400, "required", "Required parameter: part", "global", "INVALID_ARGUMENT");
    }
    rapidjson::Document doc;
    doc.Parse(request.body.c_str(), request.body.size());
    const rapidjson::Value* snippet = nullptr;
    if (!doc.HasParseError() && doc.IsObject()) {
      auto it = doc.FindMember("snippet");
      if (it != doc.MemberEnd() && it->value.IsObject()) snippet = &it->value;
    }
    if (snippet == nullptr) {
      return GoogleError(400, "parseError", "Parse Error", "global", "INVALID_ARGUMENT");
    }
    auto get = [&](const char* name) {
      auto it = snippet->FindMember(name);
      return it != snippet->MemberEnd() && it->value.IsString()
                 ? std::string(it->value.GetString(), it->value.GetStringLength())
                 : std::string();
    };
    std::string parent = get("parentId");
    std::string text = get("textOriginal");
    if (parent.empty()) {
      return GoogleError(400, "parentIdMissing", "No parent ID was specified.", "youtube.comment",
                         "INVALID_ARGUMENT");
    }
    ReplyTextProblem problem = CheckReplyText(text, kMaxCommentChars, /*check_utf8=*/false);
    if (problem == ReplyTextProblem::kBlank) {
      return GoogleError(400, "commentTextRequired",
                         "The comment resource must contain a snippet.textOriginal value.",
                         "youtube.comment", "INVALID_ARGUMENT");
    }
    if (problem == ReplyTextProblem::kTooLong) {
      return GoogleError(400, "commentTextTooLong",
                         "The comment resource contains too many characters in the "
                         "snippet.textOriginal property.",
                         "youtube.comment", "INVALID_ARGUMENT");
    }
    auto thread = thread_index_.find(parent);
    if (thread == thread_index_.end()) {
      return GoogleError(404, "parentCommentNotFound",
                         "The parent comment specified for the new comment could not be found.",
                         "youtube.comment", "NOT_FOUND");
    }
    std::lock_guard lock(mu_);
    Reply r;
    r.id = parent + ".AHk" + Hex16(++reply_counter_ + context_.seed * 7919).substr(6);
    r.text = text;
    r.published = context_.clock->Now();
    replies_[parent].push_back(r);
    context_.log->RecordReply({"youtube", r.id, parent, text, ""});
    rapidjson::StringBuffer b;
    JsonWriter w(b);
    WriteComment(w, r.id, "", r.text, kBrandAccount, r.published, 0, parent);
    return JsonResponse(200, b.GetString());
  }

  const EmulatorContext context_;
  RateLimiter limiter_;
  // Immutable after construction.
  std::string channel_id_;
  std::vector<std::string> videos_;
  std::vector<std::string> author_channels_;  // parallel to corpus accounts
  std::vector<Thread> threads_;
  std::vector<size_t> by_channel_;  // newest first
  std::map<std::string, std::vector<size_t>> by_video_;
  std::map<std::string, size_t> thread_index_;

  mutable std::mutex mu_;
  std::map<std::string, std::vector<Reply>> replies_;     // guarded by mu_; oldest first
  std::map<std::string, std::pair<int64_t, int>> quota_;  // guarded by mu_; day, units used
  uint64_t reply_counter_ = 0;                            // guarded by mu_
};

}  // namespace

std::unique_ptr<PlatformEmulator> MakeYoutubeEmulator(const EmulatorContext& context) {
  return std::make_unique<YoutubeEmulator>(context);
}

}  // namespace heed::sandbox
