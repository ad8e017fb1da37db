#include "platforms/trustpilot.h"

#include <algorithm>
#include <optional>

#include "emulator_kit.h"
#include "heed/core/text.h"
#include "platforms/platforms.h"
#include "query.h"

namespace heed::sandbox {
namespace {

constexpr int kDefaultPerPage = 20;
constexpr int kMaxPerPage = 100;

ApiResponse Fault(int status, std::string_view faultstring, std::string_view errorcode) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("fault");
  w.StartObject();
  WriteSanitizedString(w, "faultstring", faultstring);
  w.Key("detail");
  w.StartObject();
  WriteSanitizedString(w, "errorcode", errorcode);
  w.EndObject();
  w.EndObject();
  w.EndObject();
  return JsonResponse(status, JsonString(buffer));
}

ApiResponse AppError(int status, std::string_view message, std::string_view details) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  WriteSanitizedString(w, "message", message);
  WriteSanitizedString(w, "details", details);
  w.EndObject();
  return JsonResponse(status, JsonString(buffer));
}

bool AlNum(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  });
}

std::optional<int> SmallInt(const std::string& s) {
  std::optional<uint64_t> n = ParseDigits(s, 7);
  if (!n) return std::nullopt;
  return static_cast<int>(*n);
}

void Link(JsonWriter& w, const std::string& href, std::string_view rel) {
  w.StartObject();
  WriteSanitizedString(w, "href", href);
  WriteSanitizedString(w, "method", "GET");
  WriteSanitizedString(w, "rel", rel);
  w.EndObject();
}

}  // namespace

TrustpilotEmulator::TrustpilotEmulator(const EmulatorContext& context)
    : context_(context), limiter_(context.rate_limit, std::chrono::seconds(300)) {
  std::vector<review_sites::ReviewSeed> seeds =
      review_sites::MakeReviews(*context_.corpus, context_.seed);
  for (review_sites::ReviewSeed& seed : seeds) {
    Review r;
    // Like a MongoDB ObjectId: creation seconds in hex, then 16 deterministic hex digits.
    uint64_t seconds = static_cast<uint64_t>(ToUnixMillis(seed.post->created_at) / 1000);
    r.id = Hex16(seconds & 0xffffffffULL).substr(8) +
           review_sites::HexId(context_.seed, seed.post->id, 16);
    r.consumer_id = review_sites::HexId(context_.seed ^ 0xc0ffee, seed.post->account + 1, 24);
    if (!seed.owner_reply.empty()) {
      replies_[r.id] = Reply{seed.owner_reply, seed.owner_reply_at, std::nullopt};
    }
    r.seed = std::move(seed);
    reviews_.push_back(std::move(r));
  }
  std::sort(reviews_.begin(), reviews_.end(), [](const Review& a, const Review& b) {
    TimePoint ta = a.seed.post->created_at, tb = b.seed.post->created_at;
    return ta != tb ? ta > tb : a.id > b.id;
  });
}

bool TrustpilotEmulator::IsForbidden(const ApiRequest& request, std::string_view sub_path) const {
  if (request.method == "PATCH" || request.method == "PUT") return true;
  std::string path = AsciiLower(PercentDecode(sub_path, false));
  while (!path.empty() && path.back() == '/') path.pop_back();
  return request.method == "POST" && (path.ends_with("/report") || path.ends_with("/hide") ||
                                      path.find("/moderation") != std::string::npos);
}

ApiResponse TrustpilotEmulator::Handle(const ApiRequest& request, std::string_view sub_path) {
  return Guarded(
      [&] { return HandleUnguarded(request, sub_path); },
      [](const char*) { return AppError(500, "Internal server error", "sandbox error"); });
}

ApiResponse TrustpilotEmulator::HandleUnguarded(const ApiRequest& request,
                                                std::string_view sub_path) {
  std::vector<std::string> s = DecodedSegments(sub_path);
  Params query = ParseQuery(request.query);
  bool is_list = request.method == "GET" && s.size() == 4 && s[0] == "v1" &&
                 s[1] == "business-units" && s[3] == "reviews";
  bool is_reply = request.method == "POST" && s.size() == 5 && s[0] == "v1" && s[1] == "private" &&
                  s[2] == "reviews" && s[4] == "reply";
  std::string key;
  if (is_reply) {
    auto token = BearerToken(request.headers);
    if (!token) {
      return Fault(401, "Invalid access token", "keymanagement.service.invalid_access_token");
    }
    key = "token:" + *token;
  } else {
    std::string apikey = FindHeader(request.headers, "apikey").value_or("");
    if (apikey.empty()) apikey = FirstParam(query, "apikey").value_or("");
    if (apikey.empty()) {
      return Fault(401, "Failed to resolve API Key variable request.header.apikey",
                   "steps.oauth.v2.FailedToResolveAPIKey");
    }
    key = "key:" + apikey;
  }
  RateLimiter::Decision quota = limiter_.Consume(key, context_.clock->Now());
  if (!quota.allowed) {
    ApiResponse r = Fault(429, "Rate limit quota violation. Quota limit exceeded.",
                          "policies.ratelimit.QuotaViolation");
    AddRetryAfter(&r, quota, *context_.clock);
    return r;
  }
  if (is_list) return ListReviews(request, s[2]);
  if (is_reply) return PostReply(request, s[3]);
  return AppError(404, "Not found", "The requested resource does not exist");
}

ApiResponse TrustpilotEmulator::ListReviews(const ApiRequest& request,
                                            const std::string& business_unit) {
  if (!AlNum(business_unit)) {
    return AppError(404, "Business unit not found", "Unknown business unit id");
  }
  Params params = ParseQuery(request.query);
  std::string order_by = AsciiLower(FirstParam(params, "orderBy").value_or("createdat.desc"));
  if (order_by != "createdat.desc" && order_by != "createdat.asc") {
    return AppError(400, "Invalid orderBy", "Supported here: createdat.desc, createdat.asc");
  }
  int per_page = kDefaultPerPage;
  if (auto p = FirstParam(params, "perPage")) {
    auto n = SmallInt(*p);
    if (!n || *n < 1 || *n > kMaxPerPage) {
      return AppError(400, "Invalid perPage", "perPage must be between 1 and 100");
    }
    per_page = *n;
  }
  int page = 1;
  if (auto p = FirstParam(params, "page")) {
    auto n = SmallInt(*p);
    if (!n || *n < 1) return AppError(400, "Invalid page", "page must be 1 or more");
    page = *n;
  }
  std::vector<const Review*> order;
  for (const Review& r : reviews_) order.push_back(&r);
  if (order_by == "createdat.asc") std::reverse(order.begin(), order.end());
  const size_t begin = std::min(order.size(), static_cast<size_t>(page - 1) * per_page);
  const size_t end = std::min(order.size(), begin + static_cast<size_t>(per_page));
  const std::string api_base = "https://api.trustpilot.com/v1";
  auto page_href = [&](int n) {
    Params p;
    for (const auto& [k, v] : params) {
      if (k != "page" && k != "apikey") p.emplace_back(k, v);
    }
    p.emplace_back("page", std::to_string(n));
    return context_.base_url + "/v1/business-units/" + business_unit + "/reviews?" + EncodeQuery(p);
  };

  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  std::lock_guard lock(mu_);
  w.StartObject();
  w.Key("links");
  w.StartArray();
  Link(w, page_href(page), "self");
  if (page > 1) Link(w, page_href(page - 1), "prev-page");
  if (end < order.size()) Link(w, page_href(page + 1), "next-page");
  w.EndArray();
  w.Key("reviews");
  w.StartArray();
  for (size_t i = begin; i < end; ++i) {
    const Review& r = *order[i];
    const Account& author = context_.corpus->accounts[r.seed.post->account];
    w.StartObject();
    w.Key("links");
    w.StartArray();
    Link(w, api_base + "/reviews/" + r.id, "reviews");
    Link(w, api_base + "/consumers/" + r.consumer_id, "consumer");
    Link(w, api_base + "/business-units/" + business_unit, "business-units");
    w.EndArray();
    WriteSanitizedString(w, "id", r.id);
    w.Key("consumer");
    w.StartObject();
    w.Key("links");
    w.StartArray();
    Link(w, api_base + "/consumers/" + r.consumer_id, "consumers");
    w.EndArray();
    WriteSanitizedString(w, "id", r.consumer_id);
    WriteSanitizedString(w, "displayName", NameOf(author));
    WriteSanitizedString(w, "displayLocation",
                         r.seed.language == "it" ? "Milano, IT" : "London, GB");
    w.Key("numberOfReviews");
    w.Int(1 + static_cast<int>(r.seed.post->account % 7));
    w.EndObject();
    w.Key("businessUnit");
    w.StartObject();
    WriteSanitizedString(w, "id", business_unit);
    WriteSanitizedString(w, "identifyingName", context_.brand + ".example");
    WriteSanitizedString(w, "displayName", BrandDisplayName(context_.brand));
    w.EndObject();
    w.Key("stars");
    w.Int(r.seed.rating);
    WriteSanitizedString(w, "title", r.seed.title);
    WriteSanitizedString(w, "text", r.seed.body);
    WriteSanitizedString(w, "language", r.seed.language.empty() ? "en" : r.seed.language);
    WriteSanitizedString(w, "createdAt", FormatIso8601(r.seed.post->created_at));
    w.Key("updatedAt");
    w.Null();
    WriteSanitizedString(w, "experiencedAt",
                         FormatIso8601(r.seed.post->created_at - std::chrono::hours(24)));
    w.Key("isVerified");
    w.Bool(r.seed.post->id % 3 != 0);
    w.Key("companyReply");
    if (auto it = replies_.find(r.id); it != replies_.end()) {
      w.StartObject();
      WriteSanitizedString(w, "text", it->second.text);
      WriteSanitizedString(w, "createdAt", FormatIso8601(it->second.created));
      w.Key("updatedAt");
      if (it->second.updated) {
        w.String(FormatIso8601(*it->second.updated).c_str());
      } else {
        w.Null();
      }
      w.EndObject();
    } else {
      w.Null();
    }
    w.Key("location");
    w.Null();
    WriteSanitizedString(w, "status", "active");
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return JsonResponse(200, JsonString(buffer));
}

ApiResponse TrustpilotEmulator::PostReply(const ApiRequest& request, const std::string& review_id) {
  JsonStringField message = ReadJsonStringField(request.body, "message");
  if (message.status == JsonStringField::kNotObject) {
    return AppError(400, "Invalid request body", "The body must be a JSON object");
  }
  if (message.status == JsonStringField::kMissing) {
    return AppError(400, "Validation failed", "message is required");
  }
  const std::string& text = message.value;
  switch (CheckReplyText(text, kMaxReplyLength, /*check_utf8=*/false)) {
    case ReplyTextProblem::kBlank:
      return AppError(400, "Validation failed", "message must not be empty");
    case ReplyTextProblem::kTooLong:
      return AppError(400, "Validation failed", "message is longer than 2048 characters");
    default:
      break;
  }
  bool known = std::any_of(reviews_.begin(), reviews_.end(),
                           [&](const Review& r) { return r.id == review_id; });
  if (!known) return AppError(404, "Review not found", "No review with id " + review_id);
  std::lock_guard lock(mu_);
  TimePoint now = context_.clock->Now();
  auto it = replies_.find(review_id);
  if (it == replies_.end()) {
    replies_[review_id] = Reply{text, now, std::nullopt};
  } else {
    it->second.text = text;  // one company reply per review: replaced
    it->second.updated = now;
  }
  context_.log->RecordReply({"trustpilot", review_id + ":reply", review_id, text, ""});
  return JsonResponse(201, "");
}

std::unique_ptr<PlatformEmulator> MakeTrustpilotEmulator(const EmulatorContext& context) {
  return std::make_unique<TrustpilotEmulator>(context);
}

}  // namespace heed::sandbox
