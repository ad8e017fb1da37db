// The Bluesky (AT Protocol XRPC) emulator, served under /bluesky so a connector with base_url
// http://127.0.0.1:PORT/bluesky uses the real paths /xrpc/<NSID>.
//
// Routes:
//   POST /xrpc/com.atproto.server.createSession  {identifier, password}: identifier must be the
//        brand's handle ("<brand>.bsky.social") or DID, password non-empty; else 401
//        AuthenticationRequired. Sessions expire after 2 hours (400 ExpiredToken).
//   GET  /xrpc/app.bsky.notification.listNotifications  auth; limit 1..100 (default 50);
//        reasons (repeatable); cursor "<indexedAt ms>::<cid>" of the page's last item, absent
//        on the last page. One "mention" notification per corpus mention post (a "reply" when
//        it answers another post), newest indexedAt first.
//   GET  /xrpc/app.bsky.feed.searchPosts  auth (403 AuthMissing without, as since Jan 2025);
//        q required (400 InvalidRequest), every word must occur (case-insensitive) in the
//        text; sort=latest orders by sortAt = min(createdAt, indexedAt); limit 1..100
//        (default 25); cursor: a decimal offset, as the real AppView's.
//   POST /xrpc/com.atproto.repo.createRecord  auth; repo must be the session's DID or handle;
//        collection app.bsky.feed.post; record.text non-empty, <= 300 graphemes; reply.parent
//        (and root) must name a known post with its cid; an explicit rkey must be a TID and
//        unused ("Record already exists" otherwise). Accepted replies are recorded.
// Every response carries RateLimit-Limit/-Remaining/-Reset (epoch seconds)/-Policy; over the
// budget (context.rate_limit per 5 minutes per token or IP): 429 RateLimitExceeded. Errors use
// the XRPC envelope {"error","message"}. Unknown methods: 501 MethodNotImplemented.
// Forbidden (recorded as violations): deleteRecord, putRecord, applyWrites, muting, moderation
// reports, and createRecord of blocks, list blocks, threadgates or postgates (ways to hide).
//
// Thread safety: Handle and IsForbidden may be called concurrently (one mutex).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "emulator.h"
#include "emulator_kit.h"
#include "rate_limiter.h"

namespace heed::sandbox {

class BlueskyEmulator final : public PlatformEmulator {
 public:
  explicit BlueskyEmulator(const EmulatorContext& context);

  ApiResponse Handle(const ApiRequest& request, std::string_view sub_path) override;
  bool IsForbidden(const ApiRequest& request, std::string_view sub_path) const override;

 private:
  struct Ref {
    std::string uri;
    std::string cid;
  };
  struct Actor {
    std::string did;
    std::string handle;
    std::string display_name;
  };
  struct BskyPost {
    Ref ref;
    size_t actor = 0;  // index into actors_
    std::string text;
    std::string lang;  // empty: no langs
    TimePoint created_at;
    TimePoint indexed_at;
    std::optional<Ref> reply_root;
    std::optional<Ref> reply_parent;
    bool notifies = false;  // appears in the brand's notifications
    std::string reason;     // "mention" or "reply"
    int64_t SortAt() const;
  };
  struct SessionInfo {
    TimePoint expires;
  };

  ApiResponse Route(const ApiRequest& request, const std::string& method);
  ApiResponse CreateSession(const ApiRequest& request);
  ApiResponse ListNotifications(const ApiRequest& request);
  ApiResponse SearchPosts(const ApiRequest& request);
  ApiResponse CreateRecord(const ApiRequest& request, const std::string& token);
  // nullopt when the bearer token is a live session; else the error response.
  std::optional<ApiResponse> CheckAuth(const ApiRequest& request, bool search) const;
  // REQUIRES: mu_ held.
  void WritePostLocked(JsonWriter& w, const BskyPost& post, bool as_notification) const;
  const BskyPost* FindLocked(const std::string& uri) const;

  EmulatorContext context_;
  RateLimiter limiter_;
  std::vector<Actor> actors_;  // [0] is the brand
  mutable std::mutex mu_;
  std::vector<BskyPost> posts_;                  // guarded by mu_
  std::map<std::string, size_t> by_uri_;         // guarded by mu_
  std::map<std::string, SessionInfo> sessions_;  // guarded by mu_; accessJwt -> session
  uint64_t session_counter_ = 0;                 // guarded by mu_
};

}  // namespace heed::sandbox
