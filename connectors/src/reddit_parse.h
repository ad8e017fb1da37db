// Reddit JSON <-> heed values. The only code that touches RapidJSON for Reddit. Input is
// untrusted: types are checked before use; a bad child becomes a per-item kDataLoss; a body that
// is not a Listing (HTML, truncated, wrong shape, nested deeper than 64) is kDataLoss for the
// page. Never throws or asserts.
//
// Mapping of a Listing child to a Mention (requests are sent with raw_json=1, so text fields
// carry no HTML entities):
//  - t1 (comment, also /message/mentions): remote_id = name ("t1_<id36>", the thing_id a reply
//    targets); parent_id = parent_id; thread_id = link_id (the submission), or for inbox items,
//    which have no link_id, the submission named in their context permalink; text = body.
//  - t3 (submission, search results): remote_id = name; thread_id/parent_id empty; text = title,
//    plus "\n\n" + selftext when there is one.
//  - author = {author_fullname (else the username), username, "", https://www.reddit.com/user/
//    <username>}. url = https://www.reddit.com + permalink (else + context, else built from
//    subreddit/link_id/id), without its query. created_at = created_utc (epoch seconds, float).
//  - language is empty (Reddit has none). removed_at_source when the body/selftext is
//    "[deleted]" or "[removed]" or a submission has removed_by_category.
//  - raw_json = the child ({kind, data}) re-serialised, ill-formed UTF-8 replaced.
//  - Children of other kinds ("more" stubs, t4 messages) are skipped.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heed/connectors/connector.h"
#include "heed/core/clock.h"
#include "heed/core/mention.h"
#include "heed/core/result.h"
#include "newest_first_walk.h"

namespace heed::connectors::reddit {

struct Item {
  // sort = the base-36 id zero-padded (Reddit ids grow with creation), id = the fullname;
  // nullopt when the child has no usable name.
  std::optional<walk::Key> key;
  bool skipped = false;
  Result<Mention> mention = Status::DataLoss("item not parsed");
};

struct ListPage {
  std::vector<Item> items;
  std::string after;  // data.after, "" when null
};

// {"kind": "Listing", "data": {"children": [...], "after": ...}}.
Result<ListPage> ParseListing(std::string_view body);

// Error bodies: {"message", "error"} or {"reason", "explanation", "message"}; "" otherwise.
// Sanitised, at most 300 bytes.
std::string ParseErrorMessage(std::string_view body);

// POST /api/comment (api_type=json) answer, which reports failures inside a 200:
//  - json.errors non-empty: RATELIMIT -> kResourceExhausted with retry_after from "Try again in
//    N seconds/minutes"; THREAD_LOCKED, DELETED_COMMENT, DELETED_LINK, TOO_OLD, archived,
//    banned and similar -> kFailedPrecondition; USER_REQUIRED -> kUnauthenticated; others ->
//    kInvalidArgument. The message names the error code(s) and text.
//  - json.data.things empty (target deleted or locked) -> kFailedPrecondition.
//  - otherwise {name of the new comment, https://www.reddit.com + permalink (may be empty)}.
// kDataLoss when the body is not such an object.
Result<PostedReply> ParseCommentResponse(std::string_view body);

// "Try again in 6 seconds." / "... in 9 minutes." -> the wait; nullopt when absent.
std::optional<Millis> ParseRateLimitWait(std::string_view message);

}  // namespace heed::connectors::reddit
