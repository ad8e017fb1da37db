#include "platforms/bluesky.h"

#include <rapidjson/document.h>

#include <algorithm>

#include "emulator_kit.h"
#include "heed/core/text.h"
#include "platforms/platforms.h"
#include "prng.h"
#include "query.h"

namespace heed::sandbox {
namespace {

constexpr std::chrono::seconds kRateWindow{300};
constexpr Millis kSessionLifetime{std::chrono::hours(2)};
constexpr size_t kMaxGraphemes = 300;
constexpr std::string_view kPostCollection = "app.bsky.feed.post";
constexpr char kBase32Sortable[] = "234567abcdefghijklmnopqrstuvwxyz";

uint64_t Mix(uint64_t seed, std::string_view salt) {
  uint64_t h = 0xcbf29ce484222325ULL ^ seed;
  for (unsigned char c : salt) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return Prng(h).Next();
}

// n base32 characters drawn deterministically from (seed, salt).
std::string Base32(uint64_t seed, std::string_view salt, size_t n) {
  Prng rng(Mix(seed, salt));
  std::string out;
  for (size_t i = 0; i < n; ++i) out.push_back("abcdefghijklmnopqrstuvwxyz234567"[rng.Below(32)]);
  return out;
}

std::string Tid(TimePoint t, uint64_t clock_id) {
  uint64_t micros = static_cast<uint64_t>(std::max<int64_t>(ToUnixMillis(t), 0)) * 1000;
  uint64_t v = ((micros & ((1ULL << 53) - 1)) << 10) | (clock_id & 1023);
  std::string tid(13, '2');
  for (int i = 12; i >= 0; --i) {
    tid[i] = kBase32Sortable[v & 31];
    v >>= 5;
  }
  return tid;
}

bool IsTid(std::string_view s) {
  if (s.size() != 13) return false;
  if (std::string_view("234567abcdefghij").find(s[0]) == std::string_view::npos) return false;
  for (char c : s) {
    if (std::string_view(kBase32Sortable).find(c) == std::string_view::npos) return false;
  }
  return true;
}

ApiResponse Xrpc(int status, std::string_view error, std::string_view message) {
  return JsonResponse(status, BuildJson([&](JsonWriter& w) {
                        w.StartObject();
                        WriteString(w, "error", error);
                        WriteString(w, "message", message);
                        w.EndObject();
                      }));
}

bool Extends(char32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
         (cp >= 0x1F3FB && cp <= 0x1F3FF) || cp == 0x200D;
}

// Code points that start a grapheme (close enough to Unicode's rules for validation).
size_t CountGraphemes(std::string_view text) {
  size_t count = 0;
  bool after_zwj = false;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (int k = 1; k < len && i + k < text.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    i += len;
    if (cp == 0x200D) {
      after_zwj = true;
      continue;
    }
    if (!Extends(cp) && !after_zwj) ++count;
    after_zwj = false;
  }
  return count;
}

// limit param: default when absent; nullopt when present but not 1..100.
std::optional<size_t> ReadLimit(const Params& params, size_t fallback) {
  auto raw = FirstParam(params, "limit");
  if (!raw) return fallback;
  std::optional<uint64_t> v = ParseDigits(*raw, 3);
  if (!v || *v < 1 || *v > 100) return std::nullopt;
  return static_cast<size_t>(*v);
}

const rapidjson::Value* Member(const rapidjson::Value& v, const char* name) {
  if (!v.IsObject()) return nullptr;
  auto it = v.FindMember(name);
  return it == v.MemberEnd() ? nullptr : &it->value;
}

std::optional<std::string> Str(const rapidjson::Value& v, const char* name) {
  const rapidjson::Value* m = Member(v, name);
  if (m == nullptr || !m->IsString()) return std::nullopt;
  return std::string(m->GetString(), m->GetStringLength());
}

}  // namespace

int64_t BlueskyEmulator::BskyPost::SortAt() const {
  return ToUnixMillis(std::min(created_at, indexed_at));
}

BlueskyEmulator::BlueskyEmulator(const EmulatorContext& context)
    : context_(context), limiter_(context.rate_limit, kRateWindow) {
  const Corpus& corpus = *context_.corpus;
  for (size_t i = 0; i < corpus.accounts.size(); ++i) {
    const Account& a = corpus.accounts[i];
    Actor actor;
    actor.did = "did:plc:" + Base32(context_.seed, "did:" + a.id + ":" + a.username, 24);
    actor.handle = AsciiLower(a.username) + ".bsky.social";
    actor.display_name = a.display_name;
    actors_.push_back(std::move(actor));
  }
  if (actors_.empty()) {
    actors_.push_back({"did:plc:" + Base32(context_.seed, "brand", 24),
                       AsciiLower(context_.brand) + ".bsky.social", context_.brand});
  }
  std::map<uint64_t, size_t> by_corpus_id;
  auto add = [&](const Post& p, bool mention) {
    BskyPost post;
    post.actor = p.account < actors_.size() ? p.account : 0;
    std::string rkey = Tid(p.created_at, p.id & 1023);
    post.ref.uri = "at://" + actors_[post.actor].did + "/app.bsky.feed.post/" + rkey;
    post.ref.cid = "bafyrei" + Base32(context_.seed, post.ref.uri, 52);
    post.text = p.text;
    post.lang = p.language.value_or("");
    post.created_at = p.created_at;
    post.indexed_at = p.created_at + Millis(100 + Mix(context_.seed, post.ref.uri) % 1400);
    if (p.in_reply_to_id) {
      auto it = by_corpus_id.find(*p.in_reply_to_id);
      if (it != by_corpus_id.end()) {
        const BskyPost& parent = posts_[it->second];
        post.reply_parent = parent.ref;
        post.reply_root = parent.reply_root ? *parent.reply_root : parent.ref;
      }
    }
    post.notifies = mention;
    post.reason = "mention";
    by_corpus_id[p.id] = posts_.size();
    by_uri_[post.ref.uri] = posts_.size();
    posts_.push_back(std::move(post));
  };
  std::lock_guard lock(mu_);
  for (const Post& p : corpus.mention_posts) add(p, true);
  for (const Post& p : corpus.tag_posts) add(p, false);
}

const BlueskyEmulator::BskyPost* BlueskyEmulator::FindLocked(const std::string& uri) const {
  auto it = by_uri_.find(uri);
  return it == by_uri_.end() ? nullptr : &posts_[it->second];
}

bool BlueskyEmulator::IsForbidden(const ApiRequest& request, std::string_view sub_path) const {
  std::string path = PercentDecode(sub_path, false);
  static const std::vector<std::string_view> kForbidden = {
      "/xrpc/com.atproto.repo.deleteRecord", "/xrpc/com.atproto.repo.putRecord",
      "/xrpc/com.atproto.repo.applyWrites",  "/xrpc/app.bsky.graph.muteActor",
      "/xrpc/app.bsky.graph.muteActorList",  "/xrpc/app.bsky.graph.muteThread",
      "/xrpc/app.bsky.graph.muteThread",     "/xrpc/com.atproto.moderation.createReport",
  };
  for (std::string_view f : kForbidden) {
    if (path == f) return true;
  }
  if (path.starts_with("/xrpc/com.atproto.admin.") || path.starts_with("/xrpc/tools.ozone.")) {
    return true;
  }
  if (request.method == "POST" && path == "/xrpc/com.atproto.repo.createRecord") {
    rapidjson::Document doc;
    doc.Parse(request.body.c_str(), request.body.size());
    if (doc.HasParseError() || !doc.IsObject()) return false;
    std::string collection = Str(doc, "collection").value_or("");
    return collection == "app.bsky.graph.block" || collection == "app.bsky.graph.listblock" ||
           collection == "app.bsky.feed.threadgate" || collection == "app.bsky.feed.postgate";
  }
  return false;
}

ApiResponse BlueskyEmulator::Handle(const ApiRequest& request, std::string_view sub_path) {
  RateLimiter::Decision quota =
      limiter_.Consume(ClientKey(BearerToken(request.headers), request), context_.clock->Now());
  ApiResponse response = Guarded(
      [&] {
        std::string path = PercentDecode(sub_path, false);
        if (!quota.allowed) return Xrpc(429, "RateLimitExceeded", "Rate Limit Exceeded");
        if (!path.starts_with("/xrpc/")) return Xrpc(404, "NotFound", "Not Found");
        return Route(request, path.substr(6));
      },
      [](const char* what) {
        return Xrpc(500, "InternalServerError", what ? what : "Internal Server Error");
      });
  int64_t reset_s = ResetEpochSeconds(quota);
  response.headers.emplace_back("RateLimit-Limit", std::to_string(quota.limit));
  response.headers.emplace_back("RateLimit-Remaining", std::to_string(quota.remaining));
  response.headers.emplace_back("RateLimit-Reset", std::to_string(reset_s));
  response.headers.emplace_back("RateLimit-Policy", std::to_string(quota.limit) + ";w=" +
                                                        std::to_string(kRateWindow.count()));
  response.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  return response;
}

ApiResponse BlueskyEmulator::Route(const ApiRequest& request, const std::string& method) {
  auto expect = [&](const char* http) -> std::optional<ApiResponse> {
    if (request.method == http) return std::nullopt;
    return Xrpc(400, "InvalidRequest",
                "Incorrect HTTP method (" + request.method + ") expected " + http);
  };
  if (method == "com.atproto.server.createSession") {
    if (auto bad = expect("POST")) return *bad;
    return CreateSession(request);
  }
  if (method == "app.bsky.notification.listNotifications") {
    if (auto bad = expect("GET")) return *bad;
    if (auto denied = CheckAuth(request, false)) return *denied;
    return ListNotifications(request);
  }
  if (method == "app.bsky.feed.searchPosts") {
    if (auto bad = expect("GET")) return *bad;
    if (auto denied = CheckAuth(request, true)) return *denied;
    return SearchPosts(request);
  }
  if (method == "com.atproto.repo.createRecord") {
    if (auto bad = expect("POST")) return *bad;
    if (auto denied = CheckAuth(request, false)) return *denied;
    return CreateRecord(request, *BearerToken(request.headers));
  }
  return Xrpc(501, "MethodNotImplemented", "Method Not Implemented");
}

std::optional<ApiResponse> BlueskyEmulator::CheckAuth(const ApiRequest& request,
                                                      bool search) const {
  std::optional<std::string> token = BearerToken(request.headers);
  if (!token) return Xrpc(search ? 403 : 401, "AuthMissing", "Authentication Required");
  std::lock_guard lock(mu_);
  auto it = sessions_.find(*token);
  if (it == sessions_.end()) return Xrpc(401, "InvalidToken", "Token could not be verified");
  if (context_.clock->Now() >= it->second.expires) {
    return Xrpc(400, "ExpiredToken", "Token has expired");
  }
  return std::nullopt;
}

ApiResponse BlueskyEmulator::CreateSession(const ApiRequest& request) {
  rapidjson::Document doc;
  doc.Parse(request.body.c_str(), request.body.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    return Xrpc(400, "InvalidRequest", "Request body must be a JSON object");
  }
  std::string identifier = AsciiLower(Str(doc, "identifier").value_or(""));
  std::string password = Str(doc, "password").value_or("");
  const Actor& brand = actors_[0];
  if (identifier.empty() || password.empty()) {
    return Xrpc(400, "InvalidRequest",
                "Input must have the properties \"identifier\", \"password\"");
  }
  if (identifier != brand.handle && identifier != brand.did) {
    return Xrpc(401, "AuthenticationRequired", "Invalid identifier or password");
  }
  std::lock_guard lock(mu_);
  ++session_counter_;
  std::string jwt = "eyJ0eXAiOiJhdCtqd3QifQ.sandbox." +
                    Base32(context_.seed, "jwt" + std::to_string(session_counter_), 32);
  sessions_[jwt] = SessionInfo{context_.clock->Now() + kSessionLifetime};
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  WriteString(w, "did", brand.did);
  WriteString(w, "handle", brand.handle);
  WriteString(w, "email", context_.brand + "@example.com");
  w.Key("emailConfirmed");
  w.Bool(true);
  WriteString(w, "accessJwt", jwt);
  WriteString(w, "refreshJwt", jwt + ".refresh");
  w.Key("active");
  w.Bool(true);
  w.EndObject();
  return JsonResponse(200, JsonString(buffer));
}

void BlueskyEmulator::WritePostLocked(JsonWriter& w, const BskyPost& post,
                                      bool as_notification) const {
  const Actor& actor = actors_[post.actor];
  auto ref = [&](const char* name, const Ref& r) {
    w.Key(name);
    w.StartObject();
    WriteString(w, "cid", r.cid);
    WriteString(w, "uri", r.uri);
    w.EndObject();
  };
  w.StartObject();
  WriteString(w, "uri", post.ref.uri);
  WriteString(w, "cid", post.ref.cid);
  w.Key("author");
  w.StartObject();
  WriteString(w, "did", actor.did);
  WriteString(w, "handle", actor.handle);
  WriteString(w, "displayName", actor.display_name);
  WriteString(w, "avatar",
              "https://cdn.bsky.app/img/avatar/plain/" + actor.did + "/bafkrei" +
                  Base32(context_.seed, actor.did, 20) + "@jpeg");
  w.Key("viewer");
  w.StartObject();
  w.Key("muted");
  w.Bool(false);
  w.Key("blockedBy");
  w.Bool(false);
  w.EndObject();
  w.Key("labels");
  w.StartArray();
  w.EndArray();
  w.EndObject();
  if (as_notification) {
    WriteString(w, "reason", post.reason);
    w.Key("isRead");
    w.Bool(false);
  }
  w.Key("record");
  w.StartObject();
  WriteString(w, "$type", kPostCollection);
  WriteString(w, "text", post.text);
  WriteString(w, "createdAt", FormatIso8601(post.created_at));
  if (!post.lang.empty()) {
    w.Key("langs");
    w.StartArray();
    w.String(post.lang.c_str());
    w.EndArray();
  }
  if (post.reply_parent) {
    w.Key("reply");
    w.StartObject();
    ref("root", post.reply_root ? *post.reply_root : *post.reply_parent);
    ref("parent", *post.reply_parent);
    w.EndObject();
  }
  w.EndObject();
  if (!as_notification) {
    w.Key("replyCount");
    w.Int(0);
    w.Key("repostCount");
    w.Int(0);
    w.Key("likeCount");
    w.Int(0);
  }
  w.Key("labels");
  w.StartArray();
  w.EndArray();
  WriteString(w, "indexedAt", FormatIso8601(post.indexed_at));
  w.EndObject();
}

ApiResponse BlueskyEmulator::ListNotifications(const ApiRequest& request) {
  Params params = ParseQuery(request.query);
  std::optional<size_t> limit = ReadLimit(params, 50);
  if (!limit) return Xrpc(400, "InvalidRequest", "limit must be an integer from 1 to 100");
  std::vector<std::string> reasons = ArrayParam(params, "reasons");
  std::optional<std::pair<int64_t, std::string>> after;
  if (auto cursor = FirstParam(params, "cursor"); cursor && !cursor->empty()) {
    size_t sep = cursor->find("::");
    std::optional<uint64_t> ms = ParseDigits(std::string_view(*cursor).substr(0, sep), 15);
    if (sep == std::string::npos || !ms) return Xrpc(400, "InvalidRequest", "Malformed cursor");
    after = std::make_pair(static_cast<int64_t>(*ms), cursor->substr(sep + 2));
  }
  std::lock_guard lock(mu_);
  std::vector<const BskyPost*> list;
  for (const BskyPost& p : posts_) {
    if (!p.notifies) continue;
    if (!reasons.empty() && std::find(reasons.begin(), reasons.end(), p.reason) == reasons.end()) {
      continue;
    }
    list.push_back(&p);
  }
  auto key = [](const BskyPost* p) {
    return std::make_pair(ToUnixMillis(p->indexed_at), p->ref.cid);
  };
  std::sort(list.begin(), list.end(), [&](auto* a, auto* b) { return key(a) > key(b); });
  size_t start = 0;
  if (after) {
    while (start < list.size() && key(list[start]) >= *after) ++start;
  }
  size_t end = std::min(list.size(), start + *limit);
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("notifications");
  w.StartArray();
  for (size_t i = start; i < end; ++i) WritePostLocked(w, *list[i], /*as_notification=*/true);
  w.EndArray();
  if (end < list.size() && end > start) {
    auto [ms, cid] = key(list[end - 1]);
    WriteString(w, "cursor", std::to_string(ms) + "::" + cid);
  }
  WriteString(w, "seenAt", FormatIso8601(context_.clock->Now() - std::chrono::hours(24)));
  w.EndObject();
  return JsonResponse(200, JsonString(buffer));
}

ApiResponse BlueskyEmulator::SearchPosts(const ApiRequest& request) {
  Params params = ParseQuery(request.query);
  std::string q = Trim(FirstParam(params, "q").value_or(""), " \t\r\n");
  if (q.empty()) return Xrpc(400, "InvalidRequest", "Error: Params must have the property \"q\"");
  std::optional<size_t> limit = ReadLimit(params, 25);
  if (!limit) return Xrpc(400, "InvalidRequest", "limit must be an integer from 1 to 100");
  std::string sort = FirstParam(params, "sort").value_or("latest");
  if (sort != "latest" && sort != "top") {
    return Xrpc(400, "InvalidRequest", "sort must be one of \"top\", \"latest\"");
  }
  size_t offset = 0;
  if (auto cursor = FirstParam(params, "cursor"); cursor && !cursor->empty()) {
    std::optional<uint64_t> n = ParseDigits(*cursor, 9);
    if (!n) return Xrpc(400, "InvalidRequest", "Malformed cursor");
    offset = static_cast<size_t>(*n);
  }
  std::vector<std::string> words = LowerWords(q, " \t\r\n");
  std::lock_guard lock(mu_);
  std::vector<const BskyPost*> hits;
  for (const BskyPost& p : posts_) {
    if (ContainsAll(AsciiLower(p.text), words)) hits.push_back(&p);
  }
  // "top" has no engagement to rank by here; both orders are latest first.
  std::sort(hits.begin(), hits.end(), [](auto* a, auto* b) {
    return std::make_pair(a->SortAt(), a->ref.uri) > std::make_pair(b->SortAt(), b->ref.uri);
  });
  size_t start = std::min(offset, hits.size());
  size_t end = std::min(hits.size(), start + *limit);
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("posts");
  w.StartArray();
  for (size_t i = start; i < end; ++i) WritePostLocked(w, *hits[i], /*as_notification=*/false);
  w.EndArray();
  if (end < hits.size()) WriteString(w, "cursor", std::to_string(end));
  w.Key("hitsTotal");
  w.Uint64(hits.size());
  w.EndObject();
  return JsonResponse(200, JsonString(buffer));
}

ApiResponse BlueskyEmulator::CreateRecord(const ApiRequest& request, const std::string& token) {
  (void)token;
  rapidjson::Document doc;
  doc.Parse(request.body.c_str(), request.body.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    return Xrpc(400, "InvalidRequest", "Request body must be a JSON object");
  }
  const Actor& brand = actors_[0];
  std::string repo = Str(doc, "repo").value_or("");
  if (repo != brand.did && AsciiLower(repo) != brand.handle) {
    return Xrpc(403, "InvalidRequest", "Repo does not belong to the authenticated account");
  }
  if (Str(doc, "collection").value_or("") != kPostCollection) {
    return Xrpc(400, "InvalidRequest", "heed sandbox only accepts app.bsky.feed.post records");
  }
  const rapidjson::Value* record = Member(doc, "record");
  if (record == nullptr || !record->IsObject()) {
    return Xrpc(400, "InvalidRequest", "Input must have the property \"record\"");
  }
  std::optional<std::string> text = Str(*record, "text");
  if (!text || IsBlank(*text)) {
    return Xrpc(400, "InvalidRequest", "Invalid app.bsky.feed.post record: Record/text is empty");
  }
  if (!IsValidUtf8(*text)) {
    return Xrpc(400, "InvalidRequest",
                "Invalid app.bsky.feed.post record: Record/text is not UTF-8");
  }
  if (CountGraphemes(*text) > kMaxGraphemes) {
    return Xrpc(400, "InvalidRequest",
                "Invalid app.bsky.feed.post record: Record/text must not be longer than 300 "
                "graphemes");
  }
  auto read_ref = [&](const rapidjson::Value* v) -> std::optional<Ref> {
    if (v == nullptr) return std::nullopt;
    auto uri = Str(*v, "uri");
    auto cid = Str(*v, "cid");
    if (!uri || !cid) return std::nullopt;
    return Ref{*uri, *cid};
  };
  std::optional<Ref> parent, root;
  if (const rapidjson::Value* reply = Member(*record, "reply")) {
    parent = read_ref(Member(*reply, "parent"));
    root = read_ref(Member(*reply, "root"));
    if (!parent || !root) {
      return Xrpc(400, "InvalidRequest",
                  "Invalid app.bsky.feed.post record: Record/reply must have root and parent "
                  "strong refs");
    }
  }
  std::string lang;
  if (const rapidjson::Value* langs = Member(*record, "langs"); langs && langs->IsArray()) {
    if (langs->Size() > 3) {
      return Xrpc(400, "InvalidRequest",
                  "Invalid app.bsky.feed.post record: Record/langs must not have more than 3 "
                  "elements");
    }
    if (langs->Size() > 0 && (*langs)[0].IsString()) lang = (*langs)[0].GetString();
  }
  std::optional<std::string> rkey = Str(doc, "rkey");
  if (rkey && !IsTid(*rkey)) {
    return Xrpc(400, "InvalidRequest", "Invalid record key: must be a TID for this collection");
  }

  std::lock_guard lock(mu_);
  for (const std::optional<Ref>* r : {&parent, &root}) {
    if (!r->has_value()) continue;
    const BskyPost* found = FindLocked((*r)->uri);
    if (found == nullptr || found->ref.cid != (*r)->cid) {
      return Xrpc(400, "InvalidRequest", "Could not locate record: " + (*r)->uri);
    }
  }
  TimePoint now = context_.clock->Now();
  if (!rkey) rkey = Tid(now, ++session_counter_);
  std::string uri = "at://" + brand.did + "/app.bsky.feed.post/" + *rkey;
  if (by_uri_.count(uri) > 0) {
    return Xrpc(400, "InvalidRequest", "Record already exists: " + uri);
  }
  BskyPost post;
  post.actor = 0;
  post.ref = {uri, "bafyrei" + Base32(context_.seed, uri, 52)};
  post.text = *text;
  post.lang = lang;
  post.created_at = now;
  post.indexed_at = now;
  post.reply_parent = parent;
  post.reply_root = root;
  post.notifies = false;
  by_uri_[uri] = posts_.size();
  posts_.push_back(post);
  context_.log->RecordReply({"bluesky", uri, parent ? parent->uri : std::string(), *text, *rkey});

  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  WriteString(w, "uri", uri);
  WriteString(w, "cid", post.ref.cid);
  w.Key("commit");
  w.StartObject();
  WriteString(w, "cid", "bafyrei" + Base32(context_.seed, "commit" + uri, 52));
  WriteString(w, "rev", Tid(now, 7));
  w.EndObject();
  WriteString(w, "validationStatus", "valid");
  w.EndObject();
  return JsonResponse(200, JsonString(buffer));
}

std::unique_ptr<PlatformEmulator> MakeBlueskyEmulator(const EmulatorContext& context) {
  if (context.corpus == nullptr || context.clock == nullptr || context.log == nullptr) {
    return nullptr;
  }
  return std::make_unique<BlueskyEmulator>(context);
}

}  // namespace heed::sandbox
