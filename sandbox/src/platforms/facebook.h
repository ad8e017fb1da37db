// The Facebook Graph API emulator: the brand's Page, its posts and the comments on them.
//
// World (deterministic from the corpus and seed): the Page kPageId ("<Brand>"), kPostCount
// Page posts created before the first comment, and one comment per corpus mention post
// (message = the post's plain text, author = the post's author, created_time = its time, to
// the second). About a quarter of them are replies (parent{id}) to an earlier top-level comment
// on the same post, as Graph threads are one level deep.
//
// Routes (under /facebook, version prefix "/vNN.N" optional; all need a token, sent as
// "Authorization: Bearer" or access_token=, else 401 code 104):
//   GET  /{page-id}/feed | /{page-id}/posts   posts newest first; fields, limit (25, max 100),
//                                             after/before cursors; updated_time reflects the
//                                             newest comment
//   GET  /{post-id}/comments                  filter=toplevel (default)|stream,
//                                             order=chronological (default)|reverse_chronological,
//                                             since/until (unix seconds, inclusive), limit (25,
//                                             max 100), cursors, summary=1
//   GET  /{comment-id}/comments               the replies of a top-level comment
//   GET  /{comment-id}                        one comment
//   POST /{comment-id|post-id}/comments       message (form or query), at most 8000 characters;
//                                             a reply to a reply joins its top-level comment;
//                                             recorded with RecordReply (no idempotency key:
//                                             Graph has none); fields=permalink_url echoes it
// Errors use the Graph envelope: unknown objects 400 code 100 subcode 33, bad parameters 400
// code 100, over the budget 403 code 4 (is_transient). Every authorised response carries
// X-App-Usage and X-Business-Use-Case-Usage (percent of context.rate_limit calls per hour).
// Forbidden (recorded as violations): any non-GET carrying is_hidden/hide/is_private or a
// "hidden" parameter (query or form), POST /{page-id}/blocked; DELETE is refused by the router.
//
// Thread safety: Handle and IsForbidden may be called concurrently (one mutex).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "emulator.h"
#include "platforms/graph_common.h"

namespace heed::sandbox {

class FacebookEmulator final : public PlatformEmulator {
 public:
  static constexpr std::string_view kPageId = "104000000000001";
  static constexpr int kPostCount = 4;

  explicit FacebookEmulator(const EmulatorContext& context);

  ApiResponse Handle(const ApiRequest& request, std::string_view sub_path) override;
  bool IsForbidden(const ApiRequest& request, std::string_view sub_path) const override;

 private:
  struct Comment {
    std::string id;         // "<post number>_<comment number>"
    std::string post_id;    // "<page id>_<post number>"
    std::string parent_id;  // top-level comment id for a reply, else empty
    std::string from_id;
    std::string from_name;
    std::string message;
    TimePoint created_at;  // whole seconds
    int like_count = 0;
  };
  struct PagePost {
    std::string id;      // "<page id>_<post number>"
    std::string number;  // "<post number>"
    std::string message;
    TimePoint created_at;
    TimePoint updated_at;  // newest comment, else created_at
  };

  ApiResponse Route(const graph::Call& call);
  ApiResponse Feed(const graph::Call& call) const;
  ApiResponse Comments(const graph::Call& call, const std::string& object_id) const;
  ApiResponse OneComment(const graph::Call& call, const std::string& id) const;
  ApiResponse PostComment(const graph::Call& call, const std::string& object_id);

  // REQUIRES: mu_ held.
  void WriteComment(JsonWriter& w, const Comment& c, const std::set<std::string>& fields) const;
  std::string PermalinkLocked(const Comment& c) const;
  int ReplyCountLocked(const std::string& comment_id) const;
  const Comment* FindCommentLocked(const std::string& id) const;
  PagePost* FindPostLocked(const std::string& id);

  EmulatorContext context_;
  graph::UsageMeter usage_;
  mutable std::mutex mu_;
  std::vector<PagePost> posts_;    // guarded by mu_; ascending created_at
  std::vector<Comment> comments_;  // guarded by mu_; ascending (created_at, number)
  uint64_t next_comment_number_;   // guarded by mu_
};

}  // namespace heed::sandbox
