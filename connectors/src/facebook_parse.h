// Facebook Graph API JSON <-> heed values. The only facebook code touching RapidJSON (through
// graph_api.h). Untrusted input: every type is checked; a malformed item is a per-item kDataLoss,
// a body that is not the expected JSON is kDataLoss for the page, and an {"error": ...} envelope
// inside a 200 body is mapped like an HTTP error (see graph::StatusFromGraph).
//
// Mapping of a Page-post comment to a Mention (documented choices):
//  - remote_id = comment.id ("{post}_{comment}"). When id is absent (seen in recorded pages whose
//    fields were trimmed) it is derived from permalink_url: "...posts/<POST>/?comment_id=<C>"
//    gives "<POST>_<C>", and "&reply_comment_id=<R>" gives "<POST>_<R>" with parent
//    "<POST>_<C>".
//  - thread_id = the Page post the comment belongs to (the post id heed listed it under);
//    parent_id = parent.id for a reply (filter=stream flattens replies), else the post id.
//  - author = from{id, name}: handle and display_name are the name (Facebook has no handles);
//    profile_url is empty (ids of people are app-scoped and do not resolve to a profile).
//    `from` is often withheld for people: the author is then empty.
//  - text = message (plain text); language empty (Graph has none); url = permalink_url, else
//    "https://www.facebook.com/<comment id>"; created_at = created_time ("+0000" form).
//  - Comments written by the Page itself (from.id == page id, e.g. heed's own replies) are
//    skipped, not errors; they still move the checkpoint.
//  - raw_json = the comment object re-serialised (sanitised UTF-8).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heed/connectors/connector.h"
#include "heed/core/result.h"

namespace heed::connectors::facebook {

// A Page post as /{page-id}/feed lists it.
struct Post {
  std::string id;
  std::optional<int64_t> updated_seconds;  // last activity (comments included), when sent
};

struct FeedPage {
  std::vector<Post> posts;  // posts with an unusable id are dropped (they cannot be queried)
  size_t dropped = 0;
};

// One comment of /{post-id}/comments.
struct Item {
  // The checkpoint key; seconds == 0 when the item has no usable id or created_time (it cannot
  // be ordered and is reported every time it is listed).
  int64_t seconds = 0;
  std::string id;
  bool skipped = false;  // written by the Page itself
  Result<Mention> mention = Status::DataLoss("item not parsed");
};

struct CommentsPage {
  std::vector<Item> items;
  std::string after;  // paging.cursors.after
  bool has_next = false;
};

struct ParseOptions {
  std::string page_id;  // comments by this id are the Page's own
  std::string post_id;  // the post the comments were listed under (thread_id)
};

// GET /{page-id}/feed: {"data": [{id, updated_time, ...}], "paging": {...}}.
Result<FeedPage> ParseFeed(std::string_view body);

// GET /{post-id}/comments: {"data": [comment...], "paging": {...}, "summary"?: {...}}.
Result<CommentsPage> ParseComments(std::string_view body, const ParseOptions& options);

// The created comment of POST /{comment-id}/comments: {"id", "permalink_url"?}.
Result<PostedReply> ParsePostedComment(std::string_view body);

}  // namespace heed::connectors::facebook
