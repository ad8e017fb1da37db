// X (Twitter) API v2 JSON <-> heed values. The only code that touches RapidJSON for X.
// All input is untrusted: every value's type is checked before use; a malformed tweet becomes a
// per-item kDataLoss, a malformed page kDataLoss for the page. Never throws or asserts.
//
// Mapping of a tweet (as returned with tweet.fields=created_at,lang,author_id,conversation_id,
// in_reply_to_user_id,referenced_tweets,note_tweet&expansions=author_id&user.fields=username,name)
// to a Mention (documented choices):
//  - remote_id = tweet.id (decimal snowflake); the id a reply's in_reply_to_tweet_id names.
//  - text = note_tweet.text when present (long posts), else tweet.text. X escapes '&', '<' and
//    '>' as &amp; &lt; &gt; in otherwise plain text; those three are decoded, nothing else is
//    touched (newlines are kept).
//  - author = includes.users[id == author_id] {id, username, name, https://x.com/username}.
//    When the page has no expansion (author_id absent or not in includes) the author fields the
//    page does not give stay empty: the mention is still usable.
//  - language = lang, empty for X's "no language" tags ("und", "zxx", and the "q*" private codes
//    such as "qme", "qht").
//  - url = https://x.com/<username>/status/<id>, or https://x.com/i/web/status/<id> when the
//    username is unknown (X redirects that form to the canonical permalink).
//  - created_at = created_at; when the field was not requested, the time encoded in the
//    snowflake id ((id >> 22) + 1288834974657 ms). A present but unparseable value is an error.
//  - parent_id = referenced_tweets[type == "replied_to"].id; thread_id = conversation_id when it
//    differs from the tweet's own id (a root has an empty thread_id), else parent_id.
//  - raw_json = {"data": [tweet], "includes": {"users": [author]}} re-serialised (a one-tweet page
//    that ParseTweetPage reads back), ill-formed UTF-8 replaced by U+FFFD.
//  - Retweets (referenced_tweets[type == "retweeted"]) are skipped, not errors: a retweet is not
//    a new post by the retweeter. Skipped tweets still count as seen for the checkpoint.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heed/connectors/connector.h"
#include "heed/core/mention.h"
#include "heed/core/result.h"

namespace heed::connectors::x {

// One tweet of a page.
struct Item {
  std::string id;        // the decimal tweet id; empty when the item has none (then an error)
  bool skipped = false;  // a retweet: neither a mention nor an error
  Result<Mention> mention = Status::DataLoss("item not parsed");
};

struct TweetPage {
  std::vector<Item> items;  // in the order received (X sends newest first)
  // Errors X reported next to "data" in a 200 (a referenced tweet or author that could not be
  // returned): each is a Status naming the resource, for Page::item_errors.
  std::vector<Status> partial_errors;
  std::string next_token;  // meta.next_token; empty on the last page
  std::string newest_id;   // meta.newest_id when it is a decimal id
};

// GET /2/tweets/search/recent and GET /2/users/:id/mentions bodies.
// Errors: kDataLoss when the body is not a JSON object of that shape (HTML, truncated, wrong
// types, nested deeper than 64); a 200 carrying only "errors" (no "data") is a page error mapped
// from the first error's type: resource-not-found -> kNotFound, not-authorized-for-resource /
// client-forbidden -> kPermissionDenied, invalid-request -> kInvalidArgument, usage-capped ->
// kResourceExhausted, anything else kUnavailable. A page without data and without errors (no
// results) is an empty page.
Result<TweetPage> ParseTweetPage(std::string_view body);

// The readable part of an error response, whatever shape X used: a problem object
// {title, detail, type, status}, {"errors": [{message | detail}]} (v1.1 and v2 validation), or a
// short text/plain body. message is sanitised, terminal-safe and at most 300 bytes; type is the
// problem type URI ("" when none).
struct ErrorInfo {
  std::string message;
  std::string type;
};
ErrorInfo ParseError(std::string_view body);

// Maps a problem type URI (".../problems/resource-not-found") to a status code, as described at
// ParseTweetPage; kUnavailable when unknown.
StatusCode CodeForProblemType(std::string_view type);

// GET /2/users/by/username/:username -> data.id (decimal). kDataLoss when absent; the page-level
// "errors"-only mapping applies (e.g. kNotFound for an unknown user).
Result<std::string> ParseUserId(std::string_view body);

// The JSON body of POST /2/tweets: {"text": ..., "reply": {"in_reply_to_tweet_id": ...}}.
std::string BuildReplyBody(std::string_view text, std::string_view in_reply_to_tweet_id);

// The 201 body of POST /2/tweets: {"data": {"id", "text"}} -> {id, https://x.com/i/web/status/id}.
Result<PostedReply> ParseCreatedTweet(std::string_view body);

// The time encoded in an X snowflake id; nullopt when id is not a decimal uint64 or predates
// snowflakes.
std::optional<TimePoint> SnowflakeTime(std::string_view id);

}  // namespace heed::connectors::x
