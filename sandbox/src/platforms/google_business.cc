#include "platforms/google_business.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <vector>

#include "heed/core/text.h"
#include "mastodon_json.h"
#include "platforms/platforms.h"
#include "prng.h"
#include "query.h"
#include "rate_limiter.h"

namespace heed::sandbox {

// ---- Shared Google helpers ----

namespace google_emulator {

ApiResponse GoogleError(int http_status, std::string_view status, std::string_view message,
                        std::optional<std::chrono::seconds> retry_delay) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("error");
  w.StartObject();
  w.Key("code");
  w.Int(http_status);
  WriteString(w, "message", message);
  WriteString(w, "status", status);
  if (retry_delay) {
    w.Key("details");
    w.StartArray();
    w.StartObject();
    WriteString(w, "@type", "type.googleapis.com/google.rpc.ErrorInfo");
    WriteString(w, "reason", "RATE_LIMIT_EXCEEDED");
    WriteString(w, "domain", "googleapis.com");
    w.EndObject();
    w.StartObject();
    WriteString(w, "@type", "type.googleapis.com/google.rpc.RetryInfo");
    WriteString(w, "retryDelay", std::to_string(retry_delay->count()) + "s");
    w.EndObject();
    w.EndArray();
  }
  w.EndObject();
  w.EndObject();
  return JsonResponse(http_status, std::string(buffer.GetString(), buffer.GetSize()));
}

ApiResponse MissingCredentials() {
  ApiResponse r = GoogleError(
      401, "UNAUTHENTICATED",
      "Request is missing required authentication credential. Expected OAuth 2 access token, "
      "login cookie or other valid authentication credential. See "
      "https://developers.google.com/identity/sign-in/web/devconsole-project.");
  r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\"");
  return r;
}

int StarsFromTone(std::string_view text, uint64_t salt) {
  static constexpr std::string_view kNegative[] = {
      "broken", "still", "crash",    "charged",  "rude",    "stopped",         "wrong",  "refund",
      "worst",  "can't", "hasn't",   "missing",  "not ",    "rotto",           "ancora", "rimborso",
      "pessim", "non ",  "scortese", "sbagliat", "addebit", "nessuna risposta"};
  static constexpr std::string_view kPositive[] = {
      "thank",  "great", "impressed", "well done",   "perfect", "love",  "excellent", "fast",
      "grazie", "ottim", "perfett",   "complimenti", "veloce",  "bravi", "fantastic"};
  std::string lower = AsciiLower(text);
  int score = 0;
  for (std::string_view cue : kNegative) score -= lower.find(cue) != std::string::npos ? 1 : 0;
  for (std::string_view cue : kPositive) score += lower.find(cue) != std::string::npos ? 1 : 0;
  Prng rng(salt);
  if (score < 0) return rng.Chance(0.7) ? 1 : 2;
  if (score > 0) return rng.Chance(0.7) ? 5 : 4;
  return static_cast<int>(rng.Between(3, 4));
}

size_t CodePoints(std::string_view text) {
  size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

std::vector<std::string> Segments(std::string_view sub_path) {
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= sub_path.size()) {
    size_t slash = sub_path.find('/', start);
    std::string_view segment =
        sub_path.substr(start, slash == std::string_view::npos ? slash : slash - start);
    if (!segment.empty()) segments.push_back(PercentDecode(segment, false));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return segments;
}

std::string WithoutBrandMention(std::string_view text, std::string_view brand) {
  std::string mention = "@" + AsciiLower(brand);
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '@' && AsciiLower(text.substr(i, mention.size())) == mention) {
      size_t end = i + mention.size();
      bool word_end = end >= text.size() || !(std::isalnum(static_cast<unsigned char>(text[end])) ||
                                              text[end] == '_' || text[end] == '@');
      if (word_end) {
        i = end;
        continue;
      }
    }
    out.push_back(text[i++]);
  }
  // Collapse runs of spaces left behind and trim.
  std::string collapsed;
  for (char c : out) {
    if (c == ' ' && (collapsed.empty() || collapsed.back() == ' ' || collapsed.back() == '\n')) {
      continue;
    }
    collapsed.push_back(c);
  }
  while (!collapsed.empty() && (collapsed.back() == ' ' || collapsed.back() == '\n')) {
    collapsed.pop_back();
  }
  return collapsed.empty() ? std::string(text) : collapsed;
}

}  // namespace google_emulator

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

class GoogleBusinessEmulator final : public PlatformEmulator {
 public:
  explicit GoogleBusinessEmulator(const EmulatorContext& context)
      : context_(context), limiter_(context.rate_limit, kRateWindow) {
    location_name_ = std::string("accounts/") + kAccountId + "/locations/" + kLocationId;
    Build();
  }

  ApiResponse Handle(const ApiRequest& request, std::string_view sub_path) override {
    try {
      return HandleUnguarded(request, sub_path);
    } catch (const std::exception& e) {
      return GoogleError(500, "INTERNAL", std::string("heed sandbox internal error: ") + e.what());
    } catch (...) {
      return GoogleError(500, "INTERNAL", "heed sandbox internal error");
    }
  }

  bool IsForbidden(const ApiRequest& request, std::string_view sub_path) const override {
    if (request.method == "GET") return false;
    std::vector<std::string> s = google_emulator::Segments(sub_path);
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
      char hex[32];
      std::snprintf(hex, sizeof(hex), "%016llx", static_cast<unsigned long long>(post.id));
      r.review_id = std::string("AbFvOq") + hex;
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

  ApiResponse HandleUnguarded(const ApiRequest& request, std::string_view sub_path) {
    std::optional<std::string> token = BearerToken(request.headers);
    if (!token) return google_emulator::MissingCredentials();
    RateLimiter::Decision quota = limiter_.Consume("token:" + *token, context_.clock->Now());
    if (!quota.allowed) {
      auto wait =
          std::chrono::duration_cast<std::chrono::seconds>(quota.reset - context_.clock->Now());
      return GoogleError(429, "RESOURCE_EXHAUSTED",
                         "Quota exceeded for quota metric 'Requests' and limit 'Requests per "
                         "minute' of service 'mybusiness.googleapis.com'.",
                         std::max(wait, std::chrono::seconds(1)));
    }
    std::vector<std::string> s = google_emulator::Segments(sub_path);
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
    if (s.size() == 7 && method == "GET") return Get(s[6]);
    if (s.size() == 8 && s[7] == "reply" && method == "PUT") return PutReply(s[6], request.body);
    return GoogleError(404, "NOT_FOUND", "Requested entity was not found.");
  }

  void WriteReview(JsonWriter& w, const Review& r) const {
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
    int page_size = kDefaultPageSize;
    if (auto size = FirstParam(query, "pageSize"); size && !size->empty()) {
      char* end = nullptr;
      long parsed = std::strtol(size->c_str(), &end, 10);
      if (*end != '\0' || parsed < 0) {
        return GoogleError(400, "INVALID_ARGUMENT", "Request contains an invalid argument.");
      }
      page_size =
          parsed == 0 ? kDefaultPageSize : static_cast<int>(std::min<long>(parsed, kMaxPageSize));
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
    size_t end = std::min(reviews_.size(), offset + static_cast<size_t>(page_size));
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
    return JsonResponse(200, std::string(buffer.GetString(), buffer.GetSize()));
  }

  Review* FindLocked(const std::string& review_id) {
    for (Review& r : reviews_) {
      if (r.review_id == review_id) return &r;
    }
    return nullptr;
  }

  ApiResponse Get(const std::string& review_id) {
    std::lock_guard lock(mu_);
    Review* r = FindLocked(review_id);
    if (r == nullptr) return GoogleError(404, "NOT_FOUND", "Requested entity was not found.");
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    WriteReview(w, *r);
    return JsonResponse(200, std::string(buffer.GetString(), buffer.GetSize()));
  }

  ApiResponse PutReply(const std::string& review_id, const std::string& body) {
    rapidjson::Document doc;
    doc.Parse(body.data(), body.size());
    if (doc.HasParseError() || !doc.IsObject()) {
      return GoogleError(400, "INVALID_ARGUMENT", "Invalid JSON payload received.");
    }
    auto it = doc.FindMember("comment");
    if (it == doc.MemberEnd() || !it->value.IsString()) {
      return GoogleError(400, "INVALID_ARGUMENT",
                         "Request contains an invalid argument. (comment is required)");
    }
    std::string comment(it->value.GetString(), it->value.GetStringLength());
    if (!IsValidUtf8(comment) || comment.find_first_not_of(" \t\r\n") == std::string::npos) {
      return GoogleError(400, "INVALID_ARGUMENT",
                         "Request contains an invalid argument. (comment is empty)");
    }
    if (google_emulator::CodePoints(comment) > kMaxReplyLength) {
      return GoogleError(400, "INVALID_ARGUMENT",
                         "Request contains an invalid argument. (comment is longer than 4096 "
                         "characters)");
    }
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
    return JsonResponse(200, std::string(buffer.GetString(), buffer.GetSize()));
  }

  static std::string MakeToken(size_t offset) {
    return kTokenPrefix + std::to_string(offset * 7 + 3);
  }
  std::optional<size_t> ParseToken(const std::string& token) const {
    std::string_view prefix = kTokenPrefix;
    if (!token.starts_with(prefix) || token.size() > prefix.size() + 12) return std::nullopt;
    std::string digits = token.substr(prefix.size());
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) {
      return std::nullopt;
    }
    size_t value = std::stoull(digits);
    if (value % 7 != 3) return std::nullopt;
    size_t offset = value / 7;
    std::lock_guard lock(mu_);
    if (offset == 0 || offset >= reviews_.size()) return std::nullopt;
    return offset;
  }

  const EmulatorContext context_;
  std::string location_name_;
  RateLimiter limiter_;
  mutable std::mutex mu_;
  std::vector<Review> reviews_;  // guarded by mu_ (replies change); updateTime desc
};

}  // namespace

std::unique_ptr<PlatformEmulator> MakeGoogleBusinessEmulator(const EmulatorContext& context) {
  return std::make_unique<GoogleBusinessEmulator>(context);
}

}  // namespace heed::sandbox
