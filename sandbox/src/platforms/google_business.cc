#include "platforms/google_business.h"

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

namespace {

using google_business_emulator::kAccountId;
using google_business_emulator::kLocationId;
using google_emulator::GoogleError;

constexpr std::chrono::seconds kRateWindow{60};
constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 50;
constexpr size_t kMaxReplyLength = 4096;
constexpr char kTokenPrefix[] = "CgQI";  // opaque-looking; the offset follows

struct Review {
  std::string review_id;
  std::string name;
  std::string display_name;
  std::string photo_url;
  bool anonymous = false;
  int stars = 3;
  std::string comment;
  TimePoint create_time;
  TimePoint update_time;
  std::optional<std::string> reply;
  TimePoint reply_time;
};

constexpr std::string_view kStarNames[] = {"ONE", "TWO", "THREE", "FOUR", "FIVE"};

class GoogleBusinessEmulator final : public google_emulator::ReviewEmulator<Review> {
 public:
  explicit GoogleBusinessEmulator(const EmulatorContext& context)
      : ReviewEmulator(context, kRateWindow) {
    location_name_ = std::string("accounts/") + kAccountId + "/locations/" + kLocationId;
    Build();
  }

  bool IsForbidden(const ApiRequest& request, std::string_view sub_path) const override {
    if (request.method == "GET") return false;
    std::vector<std::string> s = DecodedSegments(sub_path);
    if (s.empty() || s[0] != "v4") return false;
    bool reply_put =
        request.method == "PUT" && s.size() == 8 && s[5] == "reviews" && s[7] == "reply";
    bool batch_read =
        request.method == "POST" && !s.empty() && s.back().ends_with(":batchGetReviews");
    return !reply_put && !batch_read;
  }

 private:
  void Build() {
    const Corpus& corpus = *context_.corpus;
    const TimePoint now = context_.clock->Now();
    for (const Post& post : corpus.mention_posts) {
      Prng rng(context_.seed * 0x9E3779B97F4A7C15ULL ^ post.id);
      Review r;
      r.review_id = "AbFvOq" + Hex16(post.id);
      r.name = location_name_ + "/reviews/" + r.review_id;
      const Account& author = corpus.accounts[post.account];
      r.anonymous = rng.Chance(0.08);
      r.display_name = r.anonymous ? "A Google user" : author.display_name;
      if (r.display_name.empty()) r.display_name = author.username;
      r.photo_url = author.avatar;
      std::string text = google_emulator::WithoutBrandMention(post.text, context_.brand);
      r.stars = google_emulator::StarsFromTone(text, rng.Next());
      if (post.language == std::optional<std::string>("it") && rng.Chance(0.4)) {
        r.comment =
            "(Translated by Google) A review written in Italian (sandbox translation)"
            "\n\n(Original)\n" +
            text;
      } else {
        r.comment = text;
      }
      r.create_time = post.created_at;
      r.update_time = post.created_at;
      if (rng.Chance(0.15)) {
        TimePoint edited = post.created_at + std::chrono::minutes(rng.Between(5, 120));
        r.update_time = std::max(post.created_at, std::min(edited, now - std::chrono::minutes(1)));
      }
      if (rng.Chance(0.25)) {
        bool italian = post.language == std::optional<std::string>("it");
        r.reply = italian ? "Grazie per la recensione, ci scusiamo per il disagio."
                          : "Thank you for your review. We are sorry for the trouble.";
        r.reply_time = std::min(r.update_time + std::chrono::minutes(20), now);
      }
      reviews_.push_back(std::move(r));
    }
    std::sort(reviews_.begin(), reviews_.end(), [](const Review& a, const Review& b) {
      if (a.update_time != b.update_time) return a.update_time > b.update_time;
      return a.name > b.name;
    });
  }

  ApiResponse HandleUnguarded(const ApiRequest& request, std::string_view sub_path) override {
    if (auto refused =
            Admit(request,
                  "Quota exceeded for quota metric 'Requests' and limit 'Requests per minute' of "
                  "service 'mybusiness.googleapis.com'.")) {
      return *refused;
    }
    std::vector<std::string> s = DecodedSegments(sub_path);
    const std::string& method = request.method;
    bool under_location = s.size() >= 6 && s[0] == "v4" && s[1] == "accounts" &&
                          s[3] == "locations" && s[5] == "reviews";
    if (!under_location || s.size() > 8) {
      return GoogleError(404, "NOT_FOUND", "Requested entity was not found.");
    }
    if (s[2] != kAccountId || s[4] != kLocationId) {
      return GoogleError(404, "NOT_FOUND", "Requested entity was not found.");
    }
    if (s.size() == 6 && method == "GET") return List(ParseQuery(request.query));
    if (s.size() == 7 && method == "GET") return Get(s[6], "Requested entity was not found.");
    if (s.size() == 8 && s[7] == "reply" && method == "PUT") return PutReply(s[6], request.body);
    return GoogleError(404, "NOT_FOUND", "Requested entity was not found.");
  }

  void WriteReview(JsonWriter& w, const Review& r) const override {
    w.StartObject();
    WriteString(w, "reviewId", r.review_id);
    w.Key("reviewer");
    w.StartObject();
    WriteString(w, "profilePhotoUrl", r.photo_url);
    WriteString(w, "displayName", r.display_name);
    if (r.anonymous) {
      w.Key("isAnonymous");
      w.Bool(true);
    }
    w.EndObject();
    WriteString(w, "starRating", kStarNames[std::clamp(r.stars, 1, 5) - 1]);
    WriteString(w, "comment", r.comment);
    WriteString(w, "createTime", FormatIso8601(r.create_time));
    WriteString(w, "updateTime", FormatIso8601(r.update_time));
    if (r.reply) {
      w.Key("reviewReply");
      w.StartObject();
      WriteString(w, "comment", *r.reply);
      WriteString(w, "updateTime", FormatIso8601(r.reply_time));
      w.EndObject();
    }
    WriteString(w, "name", r.name);
    w.EndObject();
  }

  ApiResponse List(const Params& query) {
    std::string order = AsciiLower(FirstParam(query, "orderBy").value_or("updateTime desc"));
    if (order != "updatetime desc") {
      return GoogleError(400, "INVALID_ARGUMENT",
                         "Request contains an invalid argument. (the heed sandbox only supports "
                         "orderBy=updateTime desc)");
    }
    std::optional<int> page_size =
        google_emulator::PageSize(query, "pageSize", kDefaultPageSize, kMaxPageSize);
    if (!page_size) {
      return GoogleError(400, "INVALID_ARGUMENT", "Request contains an invalid argument.");
    }
    size_t offset = 0;
    if (auto token = FirstParam(query, "pageToken"); token && !token->empty()) {
      std::optional<size_t> parsed = ParseToken(*token);
      if (!parsed) {
        return GoogleError(400, "INVALID_ARGUMENT",
                           "Request contains an invalid argument. (invalid page token)");
      }
      offset = *parsed;
    }
    std::lock_guard lock(mu_);
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    size_t end = std::min(reviews_.size(), offset + static_cast<size_t>(*page_size));
    if (offset < end) {
      w.Key("reviews");
      w.StartArray();
      for (size_t i = offset; i < end; ++i) WriteReview(w, reviews_[i]);
      w.EndArray();
    }
    if (!reviews_.empty()) {
      double sum = 0;
      for (const Review& r : reviews_) sum += r.stars;
      w.Key("averageRating");
      w.Double(static_cast<double>(static_cast<int>(sum / reviews_.size() * 10)) / 10);
    }
    w.Key("totalReviewCount");
    w.Int(static_cast<int>(reviews_.size()));
    if (end < reviews_.size()) WriteString(w, "nextPageToken", MakeToken(end));
    w.EndObject();
    return JsonResponse(200, JsonString(buffer));
  }

  ApiResponse PutReply(const std::string& review_id, const std::string& body) {
    static constexpr google_emulator::ReplyRules kRules = {
        "comment", kMaxReplyLength, "Request contains an invalid argument. (comment is required)",
        "Request contains an invalid argument. (comment is empty)",
        "Request contains an invalid argument. (comment is longer than 4096 characters)"};
    std::string comment;
    if (auto bad = google_emulator::ReadReplyText(body, kRules, &comment)) return *bad;
    std::lock_guard lock(mu_);
    Review* r = FindLocked(review_id);
    if (r == nullptr) return GoogleError(404, "NOT_FOUND", "Requested entity was not found.");
    r->reply = comment;
    r->reply_time = context_.clock->Now();
    context_.log->RecordReply({"google_business", r->name + "/reply", r->name, comment, ""});
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    WriteString(w, "comment", comment);
    WriteString(w, "updateTime", FormatIso8601(r->reply_time));
    w.EndObject();
    return JsonResponse(200, JsonString(buffer));
  }

  static std::string MakeToken(size_t offset) {
    return kTokenPrefix + std::to_string(offset * 7 + 3);
  }
  std::optional<size_t> ParseToken(const std::string& token) const {
    std::string_view prefix = kTokenPrefix;
    if (!token.starts_with(prefix)) return std::nullopt;
    std::optional<uint64_t> value = ParseDigits(std::string_view(token).substr(prefix.size()), 12);
    if (!value || *value % 7 != 3) return std::nullopt;
    size_t offset = static_cast<size_t>(*value / 7);
    std::lock_guard lock(mu_);
    if (offset == 0 || offset >= reviews_.size()) return std::nullopt;
    return offset;
  }

  std::string location_name_;
};

}  // namespace

std::unique_ptr<PlatformEmulator> MakeGoogleBusinessEmulator(const EmulatorContext& context) {
  return std::make_unique<GoogleBusinessEmulator>(context);
}

}  // namespace heed::sandbox
