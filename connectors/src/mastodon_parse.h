// Mastodon JSON <-> heed values. The only code that touches RapidJSON for Mastodon.
// All input is untrusted: every value's type is checked before use; malformed items become
// kDataLoss per item, a malformed page becomes kDataLoss for the page. Never throws or asserts.
//
// Mapping of a status to a Mention (documented choices):
//  - remote_id = status.id; author = account {id, acct, display_name, url}; acct without '@'
//    (a local account) is qualified as "acct@<instance authority>".
//  - text = spoiler_text (plain text in the API) + "\n\n" + content converted by HtmlToText.
//  - language = status.language, empty when null or absent.
//  - url = status.url, or status.uri when url is null/empty.
//  - created_at = status.created_at (kDataLoss when missing or not ISO-8601).
//  - parent_id = in_reply_to_id. The API does not give the conversation root, so thread_id is
//    also in_reply_to_id (the nearest known ancestor); both are empty for a root post.
//  - raw_json = the whole page item (the notification for the mentions feed) re-serialised,
//    with any ill-formed UTF-8 replaced by U+FFFD.
//  - Boosts (status.reblog is an object) are skipped, not errors: a boost is not a new post by
//    the booster. Notifications of another type than "mention" are skipped too. Skipped items
//    still move the checkpoint.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "heed/connectors/connector.h"
#include "heed/core/mention.h"
#include "heed/core/result.h"

namespace heed::connectors::mastodon {

struct ParseOptions {
  std::string instance_authority;  // "mastodon.social" or "127.0.0.1:8080": qualifies handles
};

// One page item.
struct Item {
  // The pagination id to checkpoint past: the notification id (mentions feed) or the status id
  // (timelines, search). Empty when the item has no usable id (it cannot move the checkpoint).
  std::string cursor;
  // True for boosts and non-mention notifications: neither a mention nor an error.
  bool skipped = false;
  // The mention, or kDataLoss naming the item index/id and the field. Unused when skipped.
  Result<Mention> mention = Status::DataLoss("item not parsed");
};

// GET /api/v1/notifications: a JSON array of notifications wrapping a status.
Result<std::vector<Item>> ParseNotifications(std::string_view body, const ParseOptions& options);

// GET /api/v1/timelines/tag/:tag: a JSON array of statuses.
Result<std::vector<Item>> ParseStatuses(std::string_view body, const ParseOptions& options);

// GET /api/v2/search?type=statuses: an object whose "statuses" member is an array of statuses.
Result<std::vector<Item>> ParseSearch(std::string_view body, const ParseOptions& options);

// The "error" message of an error body ({"error": "..."}), sanitised and at most 300 bytes;
// empty when the body is not such an object.
std::string ParseErrorMessage(std::string_view body);

// The JSON body of POST /api/v1/statuses for a public reply. language is omitted when empty.
std::string BuildReplyBody(std::string_view status_text, std::string_view in_reply_to_id,
                           std::string_view language);

// The created status returned by POST /api/v1/statuses: {id, url (or uri)}.
Result<PostedReply> ParsePostedStatus(std::string_view body);

}  // namespace heed::connectors::mastodon
