#include "bluesky_connector.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "connector_errors.h"
#include "connector_request.h"
#include "connector_text.h"
#include "heed/core/text.h"
#include "http_errors.h"
#include "platforms.h"
#include "rate_limit.h"
#include "url_util.h"

namespace heed::connectors {
namespace {

constexpr int kMaxLimit = 100;
constexpr int kMaxGraphemes = 300;
constexpr int kBackfillPages = 10;
constexpr Millis kRequestTimeout{15000};

// Decodes one UTF-8 code point at text[*i] (input already valid), advancing *i.
char32_t NextCodePoint(std::string_view text, size_t* i) {
  unsigned char c = static_cast<unsigned char>(text[*i]);
  int extra = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
  char32_t cp = extra == 0 ? c : c & (0x3F >> extra);
  ++*i;
  for (int k = 0; k < extra && *i < text.size(); ++k, ++*i) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[*i]) & 0x3F);
  }
  return cp;
}

bool Extends(char32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
         (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
         (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFE20 && cp <= 0xFE2F) ||
         (cp >= 0x1F3FB && cp <= 0x1F3FF) || (cp >= 0xE0020 && cp <= 0xE007F) ||
         (cp >= 0xE0100 && cp <= 0xE01EF) || cp == 0x200D;
}

// Approximate extended-grapheme count (Bluesky counts graphemes): combining marks, variation
// selectors, skin tones, tag characters and ZWJ sequences join the previous grapheme, and a
// regional-indicator pair is one flag. Never more than the code point count.
int CountGraphemes(std::string_view utf8) {
  std::string text = SanitizeUtf8(utf8);
  int count = 0;
  bool after_zwj = false;
  bool pending_ri = false;
  for (size_t i = 0; i < text.size();) {
    char32_t cp = NextCodePoint(text, &i);
    bool ri = cp >= 0x1F1E6 && cp <= 0x1F1FF;
    if (cp == 0x200D) {
      after_zwj = true;
      continue;
    }
    if (Extends(cp) || after_zwj || (ri && pending_ri)) {
      after_zwj = false;
      if (ri) pending_ri = false;
      continue;
    }
    ++count;
    pending_ri = ri;
  }
  return count;
}

uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

// A TID (13 base32-sortable characters: 53 bits of microseconds, 10 bits of clock id) that is
// a pure function of the idempotency key and the mention's time: just after the mention, so
// the record key looks like any other post's.
std::string DeterministicTid(std::string_view key, TimePoint after) {
  static constexpr char kAlphabet[] = "234567abcdefghijklmnopqrstuvwxyz";
  uint64_t h = Fnv1a(key);
  uint64_t micros = static_cast<uint64_t>(std::max<int64_t>(ToUnixMillis(after), 0)) * 1000 +
                    1000000 + h % 1000000;
  uint64_t v = ((micros & ((1ULL << 53) - 1)) << 10) | (h >> 54);
  std::string tid(13, '2');
  for (int i = 12; i >= 0; --i) {
    tid[i] = kAlphabet[v & 31];
    v >>= 5;
  }
  return tid;
}

std::optional<Millis> BlueskyRetryAfter(const HttpResponse& response, TimePoint now) {
  if (auto hint = RetryAfterHint(response, now)) return hint;
  auto reset = response.Header("RateLimit-Reset");
  if (!reset) return std::nullopt;
  std::optional<TimePoint> at = ParseResetTime(*reset, now);
  if (!at) return std::nullopt;
  return *at > now ? Millis(*at - now) : Millis(0);
}

bool IsTokenProblem(const HttpResponse& response) {
  if (response.status != 400 && response.status != 401) return false;
  bluesky::XrpcError e = bluesky::ParseXrpcError(response.body);
  return e.error == "ExpiredToken" || e.error == "InvalidToken";
}

}  // namespace

Result<std::unique_ptr<BlueskyConnector>> BlueskyConnector::Create(const ConnectorConfig& config,
                                                                   HttpTransport& transport,
                                                                   Clock& clock) {
  ConnectorConfig normalized = config;
  HEED_ASSIGN_OR_RETURN(normalized.base_url, NormalizeBaseUrl(config.base_url));
  FeedKind kind;
  std::string query;
  if (config.feed == "mentions") {
    kind = FeedKind::kMentions;
  } else if (config.feed.starts_with("search:")) {
    kind = FeedKind::kSearch;
    query = config.feed.substr(7);
    if (IsBlank(query)) {
      return Status::InvalidArgument("bluesky connector '" + config.name +
                                     "': feed \"search:\" has no query");
    }
  } else {
    return Status::InvalidArgument("bluesky connector '" + config.name + "': unknown feed \"" +
                                   SanitizeUtf8(config.feed.substr(0, 100)) +
                                   "\" (supported: mentions, search:QUERY)");
  }
  if (config.account.empty()) {
    return Status::InvalidArgument("bluesky connector '" + config.name +
                                   "': account (the Bluesky handle) is required");
  }
  if (config.token.empty()) {
    return Status::InvalidArgument("bluesky connector '" + config.name +
                                   "': an app password (token) is required");
  }
  return std::unique_ptr<BlueskyConnector>(
      new BlueskyConnector(std::move(normalized), kind, std::move(query), transport, clock));
}

BlueskyConnector::BlueskyConnector(ConnectorConfig config, FeedKind kind, std::string query,
                                   HttpTransport& transport, Clock& clock)
    : config_(std::move(config)),
      kind_(kind),
      query_(std::move(query)),
      limit_(std::clamp(config_.page_limit, 1, kMaxLimit)),
      transport_(transport),
      clock_(clock) {}

Capabilities BlueskyConnector::capabilities() const {
  Capabilities c =
      ReplyCapabilities(kMaxGraphemes, kBackfillPages, /*reply_replaces_existing=*/false);
  c.idempotent_replies = true;  // see PostReply
  return c;
}

std::string BlueskyConnector::PageUrl(const std::string& cursor) const {
  std::string url = config_.base_url;
  if (kind_ == FeedKind::kMentions) {
    url += "/xrpc/app.bsky.notification.listNotifications?limit=" + std::to_string(limit_) +
           "&reasons=mention&reasons=reply&reasons=quote";
  } else {
    url += "/xrpc/app.bsky.feed.searchPosts?q=" + UrlEncode(query_) +
           "&sort=latest&limit=" + std::to_string(limit_);
  }
  if (!cursor.empty()) url += "&cursor=" + UrlEncode(cursor);
  return url;
}

HttpRequest BlueskyConnector::NewRequest(std::string method, std::string url) const {
  return NewJsonRequest(std::move(method), std::move(url), kRequestTimeout);
}

std::string BlueskyConnector::Context(const HttpRequest& request) const {
  return RequestContext("bluesky", config_.name, request);
}

Status BlueskyConnector::Scrub(Status status) const {
  std::string_view jwt = session_ ? std::string_view(session_->access_jwt) : std::string_view();
  return ScrubSecrets(std::move(status), {config_.token, jwt});
}

Status BlueskyConnector::TransportError(const HttpRequest& request, const Status& status) const {
  return Scrub(TransportContext(status, "bluesky", config_.name, request));
}

Status BlueskyConnector::ErrorFromResponse(const HttpRequest& request,
                                           const HttpResponse& response) const {
  std::optional<Millis> retry_after;
  if (response.status == 429) retry_after = BlueskyRetryAfter(response, clock_.Now());
  return Scrub(StatusFromHttp(response.status, Context(request),
                              bluesky::ParseXrpcError(response.body).ToString(), retry_after));
}

Status BlueskyConnector::EnsureSession() {
  if (session_) return Status::Ok();
  HttpRequest request =
      NewRequest("POST", config_.base_url + "/xrpc/com.atproto.server.createSession");
  request.headers.emplace_back("Content-Type", "application/json");
  request.body = bluesky::BuildCreateSessionBody(config_.account, config_.token);
  Result<HttpResponse> response = transport_.Send(request);
  if (!response.ok()) return TransportError(request, response.status());
  if (!Is2xx(response->status)) {
    return ErrorFromResponse(request, *response)
        .WithContext("logging in as '" + SanitizeUtf8(config_.account.substr(0, 100)) + "'");
  }
  Result<bluesky::Session> session = bluesky::ParseSession(response->body);
  if (!session.ok()) return Scrub(session.status().WithContext(Context(request)));
  session_ = std::move(session).value();
  return Status::Ok();
}

Result<HttpResponse> BlueskyConnector::SendAuthed(HttpRequest& request) {
  for (int attempt = 0;; ++attempt) {
    HEED_RETURN_IF_ERROR(EnsureSession());
    HttpRequest authed = request;
    authed.headers.emplace_back("Authorization", "Bearer " + session_->access_jwt);
    Result<HttpResponse> response = transport_.Send(authed);
    if (!response.ok()) return TransportError(request, response.status());
    if (attempt == 0 && IsTokenProblem(*response)) {
      session_.reset();
      continue;
    }
    return response;
  }
}

Result<Page> BlueskyConnector::FetchPage(const std::string& checkpoint) {
  Result<walk::State> state = walk::DecodeState(checkpoint);
  if (!state.ok()) {
    return state.status().WithContext("bluesky connector '" + config_.name + "'");
  }
  const std::string cursor = walk::CursorFor(*state);
  HttpRequest request = NewRequest("GET", PageUrl(cursor));
  HEED_ASSIGN_OR_RETURN(HttpResponse response, SendAuthed(request));
  if (!Is2xx(response.status)) return ErrorFromResponse(request, response);

  Result<bluesky::ListPage> parsed = kind_ == FeedKind::kMentions
                                         ? bluesky::ParseNotifications(response.body)
                                         : bluesky::ParseSearchPosts(response.body);
  if (!parsed.ok()) return Scrub(parsed.status().WithContext(Context(request)));

  std::vector<std::optional<walk::Key>> keys;
  keys.reserve(parsed->items.size());
  for (const bluesky::Item& item : parsed->items) keys.push_back(item.key);
  walk::Outcome outcome =
      walk::Advance(*state, keys, cursor, parsed->cursor, capabilities().backfill_pages);
  // A page served again too often: fail, the stored checkpoint stays on the unread page.
  if (!outcome.stale.empty()) {
    return Scrub(Status::Unavailable(Context(request) + ": " + outcome.stale));
  }

  Page page;
  for (size_t i = 0; i < parsed->items.size(); ++i) {
    bluesky::Item& item = parsed->items[i];
    if (item.key && !outcome.take[i]) continue;  // already delivered, or older than the floor
    if (item.skipped) continue;
    if (!item.mention.ok()) {
      page.item_errors.push_back(Scrub(item.mention.status().WithContext(Context(request))));
      continue;
    }
    page.mentions.push_back(std::move(item.mention).value());
  }
  if (!outcome.problem.empty()) {
    page.item_errors.push_back(Status::DataLoss(Context(request) + ": " + outcome.problem));
  }
  page.next_checkpoint = walk::EncodeState(outcome.next);
  page.has_more = outcome.has_more;
  return page;
}

Result<PostedReply> BlueskyConnector::PostReply(const ReplyRequest& request) {
  const std::string who = "bluesky connector '" + config_.name + "'";
  const Mention& target = request.in_reply_to;
  if (!target.remote_id.starts_with("at://")) {
    return Status::InvalidArgument(who + ": cannot reply to \"" +
                                   SanitizeUtf8(target.remote_id.substr(0, 100)) +
                                   "\": not an at:// uri");
  }
  if (IsBlank(request.text)) return Status::InvalidArgument(who + ": reply text is empty");
  int graphemes = CountGraphemes(request.text);
  if (graphemes > kMaxGraphemes) {
    return Status::InvalidArgument(who + ": reply is " + std::to_string(graphemes) +
                                   " graphemes; Bluesky allows " + std::to_string(kMaxGraphemes));
  }
  if (request.idempotency_key.empty()) {
    return Status::InvalidArgument(who + ": a reply needs an idempotency key");
  }
  Result<bluesky::ReplyRefs> refs = bluesky::ReplyRefsFromRaw(target.raw_json);
  if (!refs.ok()) return refs.status().WithContext(who);
  if (refs->parent.uri != target.remote_id) {
    return Status::InvalidArgument(who + ": the stored raw_json does not describe " +
                                   SanitizeUtf8(target.remote_id.substr(0, 200)));
  }
  HEED_RETURN_IF_ERROR(EnsureSession());

  const std::string rkey = DeterministicTid(request.idempotency_key, target.created_at);
  HttpRequest http = NewRequest("POST", config_.base_url + "/xrpc/com.atproto.repo.createRecord");
  http.headers.emplace_back("Content-Type", "application/json");
  // Not a Bluesky header: it tells the retrying transport that this POST is safe to repeat
  // (the record key makes it so).
  http.headers.emplace_back("Idempotency-Key", request.idempotency_key);
  http.body = bluesky::BuildReplyRecordBody(session_->did, rkey, SanitizeUtf8(request.text),
                                            FormatIso8601(clock_.Now()), target.language, *refs);
  HEED_ASSIGN_OR_RETURN(HttpResponse response, SendAuthed(http));
  const std::string own_uri = "at://" + session_->did + "/app.bsky.feed.post/" + rkey;
  const std::string own_handle = session_->handle.empty() ? session_->did : session_->handle;
  if (!Is2xx(response.status)) {
    // A retried create whose first attempt landed: the record key already names our reply.
    std::string message = AsciiLower(bluesky::ParseXrpcError(response.body).message);
    if (response.status == 400 && message.find("already exists") != std::string::npos) {
      return PostedReply{own_uri, bluesky::PostPermalink(own_handle, own_uri)};
    }
    return ErrorFromResponse(http, response);
  }
  Result<bluesky::StrongRef> created = bluesky::ParseCreatedRecord(response.body);
  if (!created.ok()) return Scrub(created.status().WithContext(Context(http)));
  return PostedReply{created->uri, bluesky::PostPermalink(own_handle, created->uri)};
}

Result<std::unique_ptr<Connector>> MakeBlueskyConnector(const ConnectorConfig& config,
                                                        HttpTransport& transport, Clock& clock) {
  HEED_ASSIGN_OR_RETURN(auto connector, BlueskyConnector::Create(config, transport, clock));
  return std::unique_ptr<Connector>(std::move(connector));
}

}  // namespace heed::connectors
