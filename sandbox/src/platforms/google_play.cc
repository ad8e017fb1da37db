#include "platforms/google_play.h"

#include <algorithm>
#include <mutex>
#include <vector>

#include "emulator_kit.h"
#include "heed/core/text.h"
#include "platforms/google_common.h"
#include "platforms/platforms.h"
#include "prng.h"
#include "query.h"
#include "rate_limiter.h"

namespace heed::sandbox {

namespace google_play_emulator {

std::string PackageName(const std::string& brand) {
  std::string part;
  for (char c : AsciiLower(brand)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') part.push_back(c);
  }
  if (part.empty() || (part[0] >= '0' && part[0] <= '9')) part = "b" + part;
  return "com." + part + ".app";
}

}  // namespace google_play_emulator

namespace {

using google_emulator::GoogleError;

constexpr std::chrono::seconds kRateWindow{3600};
constexpr std::chrono::hours kVisibleFor{24 * 7};
constexpr int kDefaultPageSize = 20;
constexpr int kMaxPageSize = 100;
constexpr size_t kMaxReplyLength = 350;
constexpr char kTokenPrefix[] = "Eg8KDQ";  // opaque-looking; the offset follows

struct Review {
  std::string review_id;
  std::optional<std::string> author;
  std::string text;
  int stars = 3;
  std::optional<std::string> language;
  TimePoint last_modified;
  int nanos_extra = 0;  // sub-millisecond part of lastModified.nanos
  std::string device;
  int android_os = 33;
  int version_code = 100;
  std::string version_name;
  std::optional<std::string> reply;
  TimePoint reply_time;
};

void WriteTimestamp(JsonWriter& w, const char* key, TimePoint t, int nanos_extra) {
  int64_t ms = ToUnixMillis(t);
  int64_t seconds = ms / 1000;
  int64_t nanos = (ms % 1000) * 1000000 + nanos_extra;
  w.Key(key);
  w.StartObject();
  WriteString(w, "seconds", std::to_string(seconds));
  w.Key("nanos");
  w.Int64(nanos);
  w.EndObject();
}

class GooglePlayEmulator final : public google_emulator::ReviewEmulator<Review> {
 public:
  explicit GooglePlayEmulator(const EmulatorContext& context)
      : ReviewEmulator(context, kRateWindow),
        package_(google_play_emulator::PackageName(context.brand)) {
    Build();
  }

  bool IsForbidden(const ApiRequest& request, std::string_view sub_path) const override {
    if (request.method == "GET") return false;
    std::vector<std::string> s = DecodedSegments(sub_path);
    bool under_reviews = s.size() >= 5 && s[0] == "androidpublisher" && s[2] == "applications" &&
                         s[4].starts_with("reviews");
    if (!under_reviews) return false;
    bool reply_post = request.method == "POST" && s.size() == 6 && s[5].ends_with(":reply");
    return !reply_post;
  }

 private:
  void Build() {
    static constexpr std::string_view kDevices[] = {"a52q",    "panther", "OnePlus9",
                                                    "beyond1", "lynx",    "redfin"};
    const Corpus& corpus = *context_.corpus;
    const TimePoint now = context_.clock->Now();
    for (const Post& post : corpus.tag_posts) {
      Prng rng(context_.seed * 0xD1B54A32D192ED03ULL ^ post.id);
      Review r;
      r.review_id = "gp:AOqpTO" + Hex16(post.id) + "_x" + std::to_string(rng.Below(1000));
      const Account& author = corpus.accounts[post.account];
      if (!rng.Chance(0.05)) r.author = NameOf(author);
      r.text = post.text;
      r.stars = google_emulator::StarsFromTone(r.text, rng.Next());
      if (post.language) {
        r.language = rng.Chance(0.3) ? *post.language + (*post.language == "it" ? "_IT" : "_US")
                                     : *post.language;
      }
      r.last_modified = post.created_at;
      r.nanos_extra = static_cast<int>(rng.Below(1000000));
      r.device = std::string(rng.Pick(kDevices));
      r.android_os = static_cast<int>(rng.Between(28, 34));
      r.version_code = static_cast<int>(rng.Between(410, 432));
      r.version_name = "4." + std::to_string(r.version_code - 400) + ".0";
      if (rng.Chance(0.25)) {
        bool italian = post.language == std::optional<std::string>("it");
        r.reply = italian ? "Grazie! Ci scrivi a support@example.com per i dettagli?"
                          : "Thanks for the feedback! Could you write to support@example.com?";
        r.reply_time = std::min(r.last_modified + std::chrono::minutes(30), now);
      }
      reviews_.push_back(std::move(r));
    }
    std::sort(reviews_.begin(), reviews_.end(), [](const Review& a, const Review& b) {
      if (a.last_modified != b.last_modified) return a.last_modified > b.last_modified;
      if (a.nanos_extra != b.nanos_extra) return a.nanos_extra > b.nanos_extra;
      return a.review_id > b.review_id;
    });
  }

  ApiResponse HandleUnguarded(const ApiRequest& request, std::string_view sub_path) override {
    if (auto refused = Admit(
            request,
            "Quota exceeded for quota metric 'Queries' and limit 'Queries per hour' of service "
            "'androidpublisher.googleapis.com'.")) {
      return *refused;
    }
    std::vector<std::string> s = DecodedSegments(sub_path);
    const std::string& method = request.method;
    bool under_app = s.size() >= 5 && s.size() <= 6 && s[0] == "androidpublisher" && s[1] == "v3" &&
                     s[2] == "applications" && s[4] == "reviews";
    if (!under_app) {
      return GoogleError(404, "NOT_FOUND", "The requested URL was not found on this server.");
    }
    if (s[3] != package_) {
      return GoogleError(404, "NOT_FOUND", "Package not found: " + s[3] + ".");
    }
    if (s.size() == 5 && method == "GET") return List(ParseQuery(request.query));
    if (s.size() == 6 && method == "GET") return Get(s[5], "Review not found.");
    if (s.size() == 6 && method == "POST" && s[5].ends_with(":reply")) {
      return PostReply(s[5].substr(0, s[5].size() - 6), request.body);
    }
    return GoogleError(404, "NOT_FOUND", "The requested URL was not found on this server.");
  }

  void WriteReview(JsonWriter& w, const Review& r) const override {
    w.StartObject();
    WriteString(w, "reviewId", r.review_id);
    if (r.author) WriteString(w, "authorName", *r.author);
    w.Key("comments");
    w.StartArray();
    w.StartObject();
    w.Key("userComment");
    w.StartObject();
    WriteString(w, "text", "\t" + r.text);
    WriteTimestamp(w, "lastModified", r.last_modified, r.nanos_extra);
    w.Key("starRating");
    w.Int(r.stars);
    if (r.language) WriteString(w, "reviewerLanguage", *r.language);
    WriteString(w, "device", r.device);
    w.Key("androidOsVersion");
    w.Int(r.android_os);
    w.Key("appVersionCode");
    w.Int(r.version_code);
    WriteString(w, "appVersionName", r.version_name);
    w.Key("thumbsUpCount");
    w.Int(0);
    w.Key("thumbsDownCount");
    w.Int(0);
    w.Key("deviceMetadata");
    w.StartObject();
    WriteString(w, "productName", r.device);
    WriteString(w, "deviceClass", "phone");
    w.Key("ramMb");
    w.Int(8192);
    w.EndObject();
    w.EndObject();
    w.EndObject();
    if (r.reply) {
      w.StartObject();
      w.Key("developerComment");
      w.StartObject();
      WriteString(w, "text", *r.reply);
      WriteTimestamp(w, "lastModified", r.reply_time, 0);
      w.EndObject();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }

  // Indices (into reviews_, newest first) of the reviews Play shows now. REQUIRES: mu_ held.
  std::vector<size_t> VisibleLocked() const {
    const TimePoint oldest = context_.clock->Now() - kVisibleFor;
    std::vector<size_t> visible;
    for (size_t i = 0; i < reviews_.size(); ++i) {
      if (reviews_[i].last_modified >= oldest) visible.push_back(i);
    }
    return visible;
  }

  ApiResponse List(const Params& query) {
    std::optional<int> page_size =
        google_emulator::PageSize(query, "maxResults", kDefaultPageSize, kMaxPageSize);
    if (!page_size) return GoogleError(400, "INVALID_ARGUMENT", "Invalid value for maxResults.");
    std::lock_guard lock(mu_);
    std::vector<size_t> visible = VisibleLocked();
    size_t offset = 0;
    if (auto token = FirstParam(query, "token"); token && !token->empty()) {
      std::optional<size_t> parsed = ParseToken(*token, visible.size());
      if (!parsed) return GoogleError(400, "INVALID_ARGUMENT", "Invalid pagination token.");
      offset = *parsed;
    }
    size_t end = std::min(visible.size(), offset + static_cast<size_t>(*page_size));
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    w.Key("pageInfo");
    w.StartObject();
    w.Key("totalResults");
    w.Int(static_cast<int>(visible.size()));
    w.Key("resultPerPage");
    w.Int(*page_size);
    w.Key("startIndex");
    w.Int(static_cast<int>(offset));
    w.EndObject();
    if (end < visible.size()) {
      w.Key("tokenPagination");
      w.StartObject();
      WriteString(w, "nextPageToken", kTokenPrefix + std::to_string(end));
      w.EndObject();
    }
    if (offset < end) {
      w.Key("reviews");
      w.StartArray();
      for (size_t i = offset; i < end; ++i) WriteReview(w, reviews_[visible[i]]);
      w.EndArray();
    }
    w.EndObject();
    return JsonResponse(200, JsonString(buffer));
  }

  static std::optional<size_t> ParseToken(const std::string& token, size_t total) {
    std::string_view prefix = kTokenPrefix;
    if (!token.starts_with(prefix)) return std::nullopt;
    std::optional<uint64_t> offset = ParseDigits(std::string_view(token).substr(prefix.size()), 9);
    if (!offset || *offset == 0 || *offset >= total) return std::nullopt;
    return static_cast<size_t>(*offset);
  }

  ApiResponse PostReply(const std::string& review_id, const std::string& body) {
    static constexpr google_emulator::ReplyRules kRules = {
        "replyText", kMaxReplyLength, "replyText is required.", "The reply text must not be empty.",
        "The reply text is too long: at most 350 characters are allowed."};
    std::string text;
    if (auto bad = google_emulator::ReadReplyText(body, kRules, &text)) return *bad;
    std::lock_guard lock(mu_);
    Review* r = FindLocked(review_id);
    if (r == nullptr) return GoogleError(404, "NOT_FOUND", "Review not found.");
    r->reply = text;
    r->reply_time = context_.clock->Now();
    context_.log->RecordReply({"google_play", r->review_id + "/reply", r->review_id, text, ""});
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    w.Key("result");
    w.StartObject();
    WriteString(w, "replyText", text);
    WriteTimestamp(w, "lastEdited", r->reply_time, 0);
    w.EndObject();
    w.EndObject();
    return JsonResponse(200, JsonString(buffer));
  }

  const std::string package_;
};

}  // namespace

std::unique_ptr<PlatformEmulator> MakeGooglePlayEmulator(const EmulatorContext& context) {
  return std::make_unique<GooglePlayEmulator>(context);
}

}  // namespace heed::sandbox
