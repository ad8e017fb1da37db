// Instagram Graph API JSON <-> heed values. The only instagram code touching RapidJSON (through
// graph_api.h). Untrusted input: every type is checked; a malformed item is a per-item kDataLoss,
// a body that is not the expected JSON is kDataLoss for the page, and an {"error": ...} envelope
// inside a 200 body is mapped like an HTTP error (graph::StatusFromGraph).
//
// Mapping of a comment on the account's media (GET /{media-id}/comments) to a Mention:
//  - remote_id = comment.id; thread_id = the media id; parent_id = parent_id (a reply) else the
//    media id.
//  - author: id = from.id (when sent), handle = username (or from.username), display_name empty,
//    profile_url = "https://www.instagram.com/<username>/".
//  - text = text; language empty (none in the API); created_at = timestamp ("+0000" form).
//  - url = the media's permalink: Instagram comments have no permalink of their own.
//  - Comments by the account itself (from.id == the IG user id, e.g. heed's replies) are skipped.
// Mapping of a media the account is tagged in (GET /{ig-user-id}/tags) to a Mention:
//  - remote_id = media.id; text = caption (empty when none); url = permalink;
//    author.handle = username (the owner; the API gives no owner id here); created_at = timestamp.
// raw_json = the item re-serialised (sanitised UTF-8) in both cases.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heed/connectors/connector.h"
#include "heed/core/result.h"

namespace heed::connectors::instagram {

// One of the account's media (GET /{ig-user-id}/media).
struct Media {
  std::string id;
  std::string permalink;
  std::optional<int> comments_count;
};

struct MediaPage {
  std::vector<Media> media;  // media without a usable id are dropped and counted
  size_t dropped = 0;
};

// One listed comment or tagged media.
struct Item {
  // The checkpoint key; seconds == 0 when the item has no usable id or timestamp.
  int64_t seconds = 0;
  std::string id;
  bool skipped = false;  // written by the account itself
  Result<Mention> mention = Status::DataLoss("item not parsed");
};

struct ItemPage {
  std::vector<Item> items;    // in the order received (newest first on Instagram)
  std::string after;          // paging.cursors.after
  bool has_next = false;      // paging.next present
  bool has_previous = false;  // paging.previous present: not the first page of the list
};

struct ParseOptions {
  std::string account_id;  // the IG user id of the feed: its own comments are skipped
  std::string media_id;    // comments: the media listed (thread_id)
  std::string permalink;   // comments: the media's permalink (url)
};

// GET /{ig-user-id}/media: {"data": [{id, permalink, timestamp, comments_count}], "paging"}.
Result<MediaPage> ParseMediaList(std::string_view body);

// GET /{ig-media-id}/comments: {"data": [comment...], "paging"?}.
Result<ItemPage> ParseComments(std::string_view body, const ParseOptions& options);

// GET /{ig-user-id}/tags: {"data": [media...], "paging"?}.
Result<ItemPage> ParseTags(std::string_view body, const ParseOptions& options);

// POST /{comment-id}/replies or /{ig-user-id}/mentions: {"id": "..."}; url is used as given.
Result<PostedReply> ParseCreated(std::string_view body, std::string url);

}  // namespace heed::connectors::instagram
