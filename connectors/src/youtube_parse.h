// YouTube Data API v3 JSON <-> heed values. The only code that touches RapidJSON for YouTube.
// All input is untrusted: every value's type is checked before use; a malformed comment thread
// becomes a per-item kDataLoss, a malformed page kDataLoss for the page. Never throws or asserts.
//
// Mapping of a commentThread to a Mention (documented choices):
//  - remote_id = the top-level comment id (== thread id): the parentId a reply names.
//  - text = topLevelComment.snippet.textOriginal; when absent (YouTube only guarantees it to the
//    comment's author), textDisplay with its HTML stripped by HtmlToText.
//  - author = {authorChannelId.value, authorDisplayName without a leading '@',
//    authorDisplayName, authorChannelUrl}; fields YouTube omits stay empty.
//  - language: YouTube has none, so it stays empty (heed detects it).
//  - url = https://www.youtube.com/watch?v=<videoId>&lc=<commentId>; for a comment on a channel
//    rather than a video (no videoId), https://www.youtube.com/channel/<channelId>?lc=<id>.
//  - created_at = publishedAt (required, kDataLoss when missing or not ISO-8601).
//  - thread_id and parent_id are empty: a top-level comment is the root of its thread. Replies
//    embedded in thread.replies are not separate mentions (they answer the comment).
//  - raw_json = the whole thread re-serialised, ill-formed UTF-8 replaced by U+FFFD.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heed/connectors/connector.h"
#include "heed/core/mention.h"
#include "heed/core/result.h"

namespace heed::connectors::youtube {

struct Item {
  std::string id;                      // the thread id; empty when missing (then an error)
  std::optional<TimePoint> published;  // publishedAt, when readable
  Result<Mention> mention = Status::DataLoss("item not parsed");
};

struct ThreadPage {
  std::vector<Item> items;      // in the order received (newest first with order=time)
  std::string next_page_token;  // empty on the last page
};

// A Google error envelope {"error": {"code", "message", "errors": [{"reason", ...}], "status"}}.
struct ErrorInfo {
  int code = 0;          // error.code, 0 when absent
  std::string message;   // error.message, HTML stripped, sanitised, at most 300 bytes
  std::string reason;    // errors[0].reason ("quotaExceeded", "commentsDisabled", ...)
  std::string status;    // error.status ("PERMISSION_DENIED"), may be empty
  bool present = false;  // the body was such an envelope
};
ErrorInfo ParseError(std::string_view body);

// GET /youtube/v3/commentThreads. Errors: kDataLoss when the body is not a JSON object with an
// "items" array (HTML, truncated, wrong types, nested deeper than 64). A 200 that carries an
// "error" envelope instead is returned as kUnavailable naming the error (the connector maps
// envelopes with HTTP statuses; see youtube_connector.h).
Result<ThreadPage> ParseThreadPage(std::string_view body);

// The body of POST /youtube/v3/comments?part=snippet for a reply.
std::string BuildReplyBody(std::string_view parent_id, std::string_view text);

// The comment resource returned by comments.insert -> its id (the url is left to the caller).
Result<std::string> ParseInsertedCommentId(std::string_view body);

}  // namespace heed::connectors::youtube
