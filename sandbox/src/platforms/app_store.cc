#include "platforms/app_store.h"

#include <rapidjson/document.h>

#include <algorithm>

#include "emulator_kit.h"
#include "heed/core/text.h"
#include "platforms/platforms.h"
#include "query.h"

namespace heed::sandbox {
namespace {

constexpr int kDefaultLimit = 50;
constexpr int kMaxLimit = 200;
constexpr size_t kMaxResponseLength = 5970;
constexpr std::chrono::hours kOffset{-7};  // createdDate is rendered in Pacific time

// "2026-11-23T03:14:15-07:00"
std::string AppleDate(TimePoint t) { return IsoSeconds(t + kOffset, "-07:00"); }

ApiResponse AppleError(int status, std::string_view code, std::string_view title,
                       std::string_view detail) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("errors");
  w.StartArray();
  w.StartObject();
  WriteSanitizedString(w, "id", "00000000-0000-0000-0000-" + std::to_string(100000000000 + status));
  WriteSanitizedString(w, "status", std::to_string(status));
  WriteSanitizedString(w, "code", code);
  WriteSanitizedString(w, "title", title);
  WriteSanitizedString(w, "detail", detail);
  w.EndObject();
  w.EndArray();
  w.EndObject();
  return JsonResponse(status, JsonString(buffer));
}

ApiResponse NotAuthorized() {
  return AppleError(401, "NOT_AUTHORIZED", "Authentication credentials are missing or invalid.",
                    "Provide a properly configured and signed bearer token, and make sure that "
                    "it has not expired.");
}

// A well-formed ES256 JWT: three base64url parts, the first a JSON header with alg ES256.
bool WellFormedJwt(const std::string& token) {
  size_t a = token.find('.');
  size_t b = a == std::string::npos ? a : token.find('.', a + 1);
  if (a == std::string::npos || b == std::string::npos || token.find('.', b + 1) != token.npos) {
    return false;
  }
  auto header = review_sites::Base64UrlDecode(std::string_view(token).substr(0, a));
  auto claims = review_sites::Base64UrlDecode(std::string_view(token).substr(a + 1, b - a - 1));
  auto signature = review_sites::Base64UrlDecode(std::string_view(token).substr(b + 1));
  if (!header || !claims || !signature || signature->size() != 64) return false;
  rapidjson::Document doc;
  doc.Parse(header->data(), header->size());
  if (doc.HasParseError() || !doc.IsObject()) return false;
  auto alg = doc.FindMember("alg");
  return alg != doc.MemberEnd() && alg->value.IsString() &&
         std::string_view(alg->value.GetString()) == "ES256";
}

bool AllDigits(const std::string& s) {
  return !s.empty() && s.size() <= 20 && s.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

AppStoreEmulator::AppStoreEmulator(const EmulatorContext& context)
    : context_(context), limiter_(context.rate_limit, std::chrono::seconds(3600)) {
  std::vector<review_sites::ReviewSeed> seeds =
      review_sites::MakeReviews(*context_.corpus, context_.seed);
  for (review_sites::ReviewSeed& seed : seeds) {
    Review r;
    std::string hex = review_sites::HexId(context_.seed, seed.post->id, 32);
    r.id = hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
           hex.substr(16, 4) + "-" + hex.substr(20, 12);
    r.created = std::chrono::floor<std::chrono::seconds>(seed.post->created_at);
    if (!seed.owner_reply.empty()) {
      responses_[r.id] =
          Response{"resp-" + r.id.substr(0, 8), seed.owner_reply, seed.owner_reply_at, "PUBLISHED"};
    }
    r.seed = std::move(seed);
    reviews_.push_back(std::move(r));
  }
  std::sort(reviews_.begin(), reviews_.end(), [](const Review& a, const Review& b) {
    return a.created != b.created ? a.created > b.created : a.id > b.id;
  });
}

bool AppStoreEmulator::IsForbidden(const ApiRequest& request, std::string_view) const {
  return request.method == "PATCH" || request.method == "PUT";
}

ApiResponse AppStoreEmulator::Handle(const ApiRequest& request, std::string_view sub_path) {
  return Guarded([&] { return HandleUnguarded(request, sub_path); },
                 [](const char*) {
                   return AppleError(500, "UNEXPECTED_ERROR", "An unexpected error occurred.",
                                     "sandbox error");
                 });
}

ApiResponse AppStoreEmulator::HandleUnguarded(const ApiRequest& request,
                                              std::string_view sub_path) {
  auto token = BearerToken(request.headers);
  if (!token || !WellFormedJwt(*token)) return NotAuthorized();
  RateLimiter::Decision quota =
      limiter_.Consume("jwt:" + token->substr(0, token->find('.')), context_.clock->Now());
  ApiResponse response;
  std::vector<std::string> s = DecodedSegments(sub_path);
  if (!quota.allowed) {
    response = AppleError(429, "RATE_LIMIT_EXCEEDED", "The request rate limit has been reached.",
                          "We've received too many requests for this API. Please wait and try "
                          "again or slow down your request rate.");
  } else if (request.method == "GET" && s.size() == 4 && s[0] == "v1" && s[1] == "apps" &&
             s[3] == "customerReviews") {
    response = AllDigits(s[2])
                   ? ListReviews(request, s[2])
                   : AppleError(404, "NOT_FOUND", "The specified resource does not exist",
                                "There is no resource of type 'apps' with id '" + s[2] + "'");
  } else if (request.method == "POST" && s.size() == 2 && s[0] == "v1" &&
             s[1] == "customerReviewResponses") {
    response = PostResponse(request);
  } else {
    response = AppleError(404, "NOT_FOUND", "The specified resource does not exist",
                          "The path provided does not match a defined resource type.");
  }
  response.headers.emplace_back("X-Rate-Limit",
                                "user-hour-lim:" + std::to_string(quota.limit) +
                                    ";user-hour-rem:" + std::to_string(quota.remaining) + ";");
  return response;
}

void AppStoreEmulator::WriteResponseResource(JsonWriter& w, const Response& response,
                                             const std::string& review_id) const {
  w.StartObject();
  WriteSanitizedString(w, "type", "customerReviewResponses");
  WriteSanitizedString(w, "id", response.id);
  w.Key("attributes");
  w.StartObject();
  WriteSanitizedString(w, "responseBody", response.body);
  WriteSanitizedString(w, "lastModifiedDate", AppleDate(response.modified));
  WriteSanitizedString(w, "state", response.state);
  w.EndObject();
  w.Key("relationships");
  w.StartObject();
  w.Key("review");
  w.StartObject();
  w.Key("data");
  w.StartObject();
  WriteSanitizedString(w, "type", "customerReviews");
  WriteSanitizedString(w, "id", review_id);
  w.EndObject();
  w.EndObject();
  w.EndObject();
  w.Key("links");
  w.StartObject();
  WriteSanitizedString(w, "self", context_.base_url + "/v1/customerReviewResponses/" + response.id);
  w.EndObject();
  w.EndObject();
}

ApiResponse AppStoreEmulator::ListReviews(const ApiRequest& request, const std::string& app_id) {
  Params params = ParseQuery(request.query);
  std::string sort = FirstParam(params, "sort").value_or("-createdDate");
  if (sort != "-createdDate" && sort != "createdDate") {
    return AppleError(400, "PARAMETER_ERROR.INVALID", "A parameter has an invalid value",
                      "'" + sort + "' is not a valid value for the parameter 'sort'");
  }
  int limit = kDefaultLimit;
  if (auto l = FirstParam(params, "limit")) {
    if (!AllDigits(*l) || l->size() > 4 || std::stoi(*l) < 1 || std::stoi(*l) > kMaxLimit) {
      return AppleError(400, "PARAMETER_ERROR.INVALID", "A parameter has an invalid value",
                        "'" + *l + "' is not a valid value for the parameter 'limit'");
    }
    limit = std::stoi(*l);
  }
  size_t offset = 0;
  if (auto c = FirstParam(params, "cursor")) {
    auto decoded = review_sites::Base64UrlDecode(*c);
    if (!decoded || !decoded->starts_with("o:") || !AllDigits(decoded->substr(2))) {
      return AppleError(400, "PARAMETER_ERROR.INVALID", "A parameter has an invalid value",
                        "'" + *c + "' is not a valid value for the parameter 'cursor'");
    }
    offset = std::stoull(decoded->substr(2));
  }
  bool include_response = false;
  for (const std::string& part : ArrayParam(params, "include")) {
    if (part.find("response") != std::string::npos) include_response = true;
  }
  std::vector<const Review*> order;
  for (const Review& r : reviews_) order.push_back(&r);
  if (sort == "createdDate") std::reverse(order.begin(), order.end());

  const std::string self_base = context_.base_url + "/v1/apps/" + app_id + "/customerReviews";
  const size_t end = std::min(order.size(), offset + static_cast<size_t>(limit));
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  std::lock_guard lock(mu_);
  w.StartObject();
  w.Key("data");
  w.StartArray();
  std::vector<std::pair<const Review*, const Response*>> included;
  for (size_t i = offset; i < end; ++i) {
    const Review& r = *order[i];
    auto answered = responses_.find(r.id);
    const Response* response = answered == responses_.end() ? nullptr : &answered->second;
    w.StartObject();
    WriteSanitizedString(w, "type", "customerReviews");
    WriteSanitizedString(w, "id", r.id);
    w.Key("attributes");
    w.StartObject();
    w.Key("rating");
    w.Int(r.seed.rating);
    WriteSanitizedString(w, "title", r.seed.title);
    WriteSanitizedString(w, "body", r.seed.body);
    WriteSanitizedString(w, "reviewerNickname",
                         context_.corpus->accounts[r.seed.post->account].username);
    WriteSanitizedString(w, "createdDate", AppleDate(r.created));
    WriteSanitizedString(w, "territory", r.seed.language == "it" ? "ITA" : "USA");
    w.EndObject();
    w.Key("relationships");
    w.StartObject();
    w.Key("response");
    w.StartObject();
    if (include_response) {
      w.Key("data");
      if (response != nullptr) {
        w.StartObject();
        WriteSanitizedString(w, "type", "customerReviewResponses");
        WriteSanitizedString(w, "id", response->id);
        w.EndObject();
        included.emplace_back(&r, response);
      } else {
        w.Null();
      }
    }
    w.Key("links");
    w.StartObject();
    WriteSanitizedString(
        w, "self", context_.base_url + "/v1/customerReviews/" + r.id + "/relationships/response");
    WriteSanitizedString(w, "related",
                         context_.base_url + "/v1/customerReviews/" + r.id + "/response");
    w.EndObject();
    w.EndObject();
    w.EndObject();
    w.Key("links");
    w.StartObject();
    WriteSanitizedString(w, "self", context_.base_url + "/v1/customerReviews/" + r.id);
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  if (include_response) {
    w.Key("included");
    w.StartArray();
    for (const auto& [review, response] : included) {
      WriteResponseResource(w, *response, review->id);
    }
    w.EndArray();
  }
  w.Key("links");
  w.StartObject();
  WriteSanitizedString(w, "self", self_base + (request.query.empty() ? "" : "?" + request.query));
  if (end < order.size()) {
    Params next;
    for (const auto& [key, value] : params) {
      if (key != "cursor") next.emplace_back(key, value);
    }
    next.emplace_back("cursor", review_sites::Base64UrlEncode("o:" + std::to_string(end)));
    WriteSanitizedString(w, "next", self_base + "?" + EncodeQuery(next));
  }
  w.EndObject();
  w.Key("meta");
  w.StartObject();
  w.Key("paging");
  w.StartObject();
  w.Key("total");
  w.Uint64(order.size());
  w.Key("limit");
  w.Int(limit);
  w.EndObject();
  w.EndObject();
  w.EndObject();
  return JsonResponse(200, JsonString(buffer));
}

ApiResponse AppStoreEmulator::PostResponse(const ApiRequest& request) {
  rapidjson::Document doc;
  doc.Parse(request.body.data(), request.body.size());
  auto invalid = [](std::string_view detail) {
    return AppleError(409, "ENTITY_ERROR.ATTRIBUTE.INVALID", "An attribute value is invalid.",
                      detail);
  };
  if (doc.HasParseError() || !doc.IsObject()) {
    return AppleError(400, "PARAMETER_ERROR.INVALID", "The request entity is not valid JSON",
                      "The request body could not be parsed");
  }
  auto get = [](const rapidjson::Value& v, const char* name) -> const rapidjson::Value* {
    if (!v.IsObject()) return nullptr;
    auto it = v.FindMember(name);
    return it == v.MemberEnd() ? nullptr : &it->value;
  };
  const rapidjson::Value* data = get(doc, "data");
  const rapidjson::Value* type = data ? get(*data, "type") : nullptr;
  if (type == nullptr || !type->IsString() ||
      std::string_view(type->GetString()) != "customerReviewResponses") {
    return AppleError(409, "ENTITY_ERROR.INCLUDED.INVALID_TYPE", "The resource type is invalid.",
                      "The provided entity must be of type 'customerReviewResponses'");
  }
  const rapidjson::Value* attributes = get(*data, "attributes");
  const rapidjson::Value* body = attributes ? get(*attributes, "responseBody") : nullptr;
  if (body == nullptr || !body->IsString()) {
    return AppleError(409, "ENTITY_ERROR.ATTRIBUTE.REQUIRED", "A required attribute is missing.",
                      "The attribute 'responseBody' is required");
  }
  std::string text(body->GetString(), body->GetStringLength());
  if (IsBlank(text)) {
    return invalid("The attribute 'responseBody' must not be empty");
  }
  if (CountCodePoints(text) > kMaxResponseLength) {
    return invalid("The attribute 'responseBody' is longer than 5970 characters");
  }
  const rapidjson::Value* rels = get(*data, "relationships");
  const rapidjson::Value* review = rels ? get(*rels, "review") : nullptr;
  const rapidjson::Value* review_data = review ? get(*review, "data") : nullptr;
  const rapidjson::Value* review_id = review_data ? get(*review_data, "id") : nullptr;
  if (review_id == nullptr || !review_id->IsString()) {
    return AppleError(409, "ENTITY_ERROR.RELATIONSHIP.REQUIRED",
                      "A required relationship is missing.",
                      "The relationship 'review' is required");
  }
  std::string id(review_id->GetString(), review_id->GetStringLength());
  bool known =
      std::any_of(reviews_.begin(), reviews_.end(), [&](const Review& r) { return r.id == id; });
  if (!known) {
    return AppleError(409, "ENTITY_ERROR.RELATIONSHIP.INVALID",
                      "The provided entity includes a relationship with an invalid value",
                      "There is no resource of type 'customerReviews' with id '" + id + "'");
  }
  std::lock_guard lock(mu_);
  Response created{"resp-" + std::to_string(1000000 + next_response_++), text,
                   context_.clock->Now(), "PENDING_PUBLISH"};
  responses_[id] = created;  // one response per review: the new one replaces the old
  context_.log->RecordReply({"app_store", created.id, id, text, ""});

  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("data");
  WriteResponseResource(w, created, id);
  w.Key("links");
  w.StartObject();
  WriteSanitizedString(w, "self", context_.base_url + "/v1/customerReviewResponses");
  w.EndObject();
  w.EndObject();
  ApiResponse r = JsonResponse(201, JsonString(buffer));
  r.headers.emplace_back("Location",
                         context_.base_url + "/v1/customerReviewResponses/" + created.id);
  return r;
}

std::unique_ptr<PlatformEmulator> MakeAppStoreEmulator(const EmulatorContext& context) {
  return std::make_unique<AppStoreEmulator>(context);
}

}  // namespace heed::sandbox
