// The Reddit emulator (oauth.reddit.com shape), served under /reddit so a connector with
// base_url http://127.0.0.1:PORT/reddit uses the real paths. Paths are accepted with or
// without a trailing slash and a ".json" suffix.
//
// World: one subreddit, r/<brand>. Each corpus tag post is a submission (t3) there (title =
// first sentence of the text, selftext = the text); each corpus mention post is a comment (t1)
// mentioning u/<brand> on one of the submissions (a reply to an earlier comment when the corpus
// post answers one). Ids are base 36 and grow with creation time, as Reddit's do.
//
// Routes (all need "Authorization: bearer <token>", else 401 {"message":"Unauthorized",
// "error":401}):
//   GET  /message/mentions            the comments as username_mention inbox items
//   GET  /r/NAME/comments             NAME = brand or "all": newest comments; other: 404
//   GET  /search  (also /r/NAME/search) q (all words, case-insensitive, in title + selftext),
//                                     sort=new; submissions only
//   POST /api/comment                 form api_type=json&thing_id&text: errors in a 200 body
//                                     (NO_TEXT, TOO_LONG > 10000, NO_THING_ID); an unknown
//                                     target gives things: [] as Reddit does for a deleted one.
// Listings: newest first; limit default 25, max 100; after=F (older than F), before=F (the
// items just newer than F); an unknown fullname gives an empty listing. data.after is the
// last child's fullname when more follow, else null.
// Rate limit: context.rate_limit requests per 10-minute window per token; every response has
// x-ratelimit-used, x-ratelimit-remaining ("N.0") and x-ratelimit-reset (seconds to the
// window's end); past it 429 {"message":"Too Many Requests","error":429}.
// Forbidden (violations): POST /api/del, del_msg, remove, spam, hide, lock, block, block_user,
// report, ignore_reports, distinguish-free moderation helpers listed in IsForbidden.
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
#include "rate_limiter.h"

namespace heed::sandbox {

class RedditEmulator final : public PlatformEmulator {
 public:
  explicit RedditEmulator(const EmulatorContext& context);

  ApiResponse Handle(const ApiRequest& request, std::string_view sub_path) override;
  bool IsForbidden(const ApiRequest& request, std::string_view sub_path) const override;

 private:
  struct Thing {
    bool comment = false;  // t1, else t3
    uint64_t id = 0;       // base-36 rendered
    size_t author = 0;     // index into usernames_
    TimePoint created_at;
    std::string title;   // t3
    std::string text;    // t1 body / t3 selftext
    uint64_t link = 0;   // t1: the submission's id
    std::string parent;  // t1: fullname of the parent
    std::string Fullname() const;
  };

  ApiResponse Route(const ApiRequest& request, const std::string& path);
  // Renders `ids` (indices into things_, newest first) as a Listing page. REQUIRES: mu_ held.
  ApiResponse ListingLocked(const std::vector<size_t>& ordered, const ApiRequest& request,
                            bool as_mentions) const;
  ApiResponse PostComment(const ApiRequest& request);
  std::string ThingJsonLocked(const Thing& thing, bool as_mention) const;
  std::string PermalinkLocked(const Thing& thing) const;

  EmulatorContext context_;
  RateLimiter limiter_;
  std::vector<std::string> usernames_;  // [0] is the brand
  std::vector<std::string> user_ids_;   // "t2_..." parallel to usernames_
  mutable std::mutex mu_;
  std::vector<Thing> things_;              // guarded by mu_; ascending creation
  std::map<std::string, size_t> by_name_;  // guarded by mu_; fullname -> index
  uint64_t next_comment_id_ = 0;           // guarded by mu_
};

}  // namespace heed::sandbox
