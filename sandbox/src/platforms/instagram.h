// The Instagram Graph API emulator: the brand's business account, its media with comments, and
// the media other people tagged it in.
//
// World (deterministic from the corpus and seed): the account kUserId (username = brand),
// kMediaCount media of its own created before the first comment; one top-level comment per
// corpus mention post (text, author username, timestamp to the second) on one of them; one
// tagged media per corpus tag post (caption = text, owner = the author).
//
// Routes (under /instagram, version prefix optional; a token is required as Bearer or
// access_token=, else 401 code 104). Lists are newest first with cursor paging:
//   GET  /{ig-user-id}/media          fields, limit (25, max 100), after/before
//   GET  /{ig-user-id}/tags           tagged media, same paging
//   GET  /{media-id}/comments         top-level comments, limit (25, max 50); replies{...}
//                                     in fields renders each comment's replies
//   GET  /{comment-id}/replies        the replies of a comment (oldest first)
//   GET  /{comment-id}                one comment
//   POST /{comment-id}/replies        message (form or query), at most 2200 characters
//   POST /{ig-user-id}/mentions       media_id (a tagged media) or comment_id, message
// Accepted replies are recorded with RecordReply (in_reply_to_id = the comment id or media id;
// no idempotency key: Graph has none). Errors use the Graph envelope as in facebook.h; usage
// headers X-App-Usage and X-Business-Use-Case-Usage (type "instagram").
// Forbidden (violations): any non-GET carrying hide/hidden/is_hidden (query or form), e.g.
// POST /{comment-id}?hide=true; DELETE is refused by the router.
//
// Thread safety: Handle and IsForbidden may be called concurrently (one mutex).
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "emulator.h"
#include "platforms/graph_common.h"

namespace heed::sandbox {

class InstagramEmulator final : public PlatformEmulator {
 public:
  static constexpr std::string_view kUserId = "17841400000000001";
  static constexpr int kMediaCount = 4;

  explicit InstagramEmulator(const EmulatorContext& context);

  ApiResponse Handle(const ApiRequest& request, std::string_view sub_path) override;
  bool IsForbidden(const ApiRequest& request, std::string_view sub_path) const override;

 private:
  struct Media {
    std::string id;
    std::string caption;
    std::string permalink;
    std::string username;
    std::string owner_id;
    TimePoint timestamp;  // whole seconds
    int like_count = 0;
  };
  struct Comment {
    std::string id;
    std::string media_id;
    std::string parent_id;  // empty for top-level
    std::string text;
    std::string username;
    std::string from_id;
    TimePoint timestamp;  // whole seconds
    int like_count = 0;
  };

  ApiResponse Route(const graph::Call& call);
  ApiResponse ListMedia(const graph::Call& call, const std::vector<Media>& media) const;
  ApiResponse ListComments(const graph::Call& call, const std::string& media_id) const;
  ApiResponse ListReplies(const graph::Call& call, const std::string& comment_id) const;
  ApiResponse OneComment(const graph::Call& call, const std::string& id) const;
  ApiResponse Reply(const graph::Call& call, const std::string& comment_id);
  ApiResponse ReplyToMention(const graph::Call& call);
  // Validates message; nullopt when it is acceptable, else the error.
  static std::optional<ApiResponse> BadMessage(const std::string& message);
  // Adds a reply by the account and records it. REQUIRES: mu_ held.
  std::string AddReplyLocked(const std::string& media_id, const std::string& parent_id,
                             const std::string& in_reply_to, const std::string& message);

  // REQUIRES: mu_ held.
  void WriteComment(JsonWriter& w, const Comment& c, const std::set<std::string>& fields,
                    bool with_replies) const;
  const Comment* FindCommentLocked(const std::string& id) const;
  int CommentCountLocked(const std::string& media_id) const;

  EmulatorContext context_;
  graph::UsageMeter usage_;
  mutable std::mutex mu_;
  std::vector<Media> own_media_;     // guarded by mu_; ascending timestamp
  std::vector<Media> tagged_media_;  // guarded by mu_; ascending timestamp
  std::vector<Comment> comments_;    // guarded by mu_; ascending (timestamp, id)
  uint64_t next_id_;                 // guarded by mu_
};

}  // namespace heed::sandbox
