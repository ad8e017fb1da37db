// The X (Twitter) API v2 emulator, served under /x. Content comes from the corpus:
//   - users: every corpus account, X user id = the account id (decimal), username = the account's
//     username reduced to X's [A-Za-z0-9_]{1,15} (made unique), name = display name;
//   - tweets: mention_posts and tag_posts, X id = ((created_at ms - 1288834974657) << 22) | the
//     post's per-millisecond sequence (so ids are time-ordered snowflakes, unique across feeds);
//     follow-ups carry referenced_tweets replied_to, in_reply_to_user_id and the root's
//     conversation_id; lang is the post's language or "und"; text escapes & < > as X does.
// Routes (bearer token required everywhere, else 401 problem JSON):
//   GET  /2/tweets/search/recent   query (required; AND of words, case-insensitive, a leading
//        '#'/'@' ignored, "-word" excludes, "key:value" operators ignored), max_results 10..100
//        (default 10), since_id, until_id, next_token; over both feeds.
//   GET  /2/users/:id/mentions     the brand's id: mention_posts; another known user: none;
//        unknown: 200 with only "errors" (resource-not-found). max_results 5..100,
//        since_id, until_id, pagination_token.
//   GET  /2/users/by/username/:u   and GET /2/users/me (the brand).
//   POST /2/tweets                 {"text", "reply": {"in_reply_to_tweet_id"}}: 201 {"data"};
//        blank text 400, over 280 characters 403, unknown parent 403, the same text twice 403
//        (X's duplicate-content rule; X has no idempotency key).
// Pages are newest first; a token names the exclusive upper id bound of the next page. Only the
// requested tweet.fields / user.fields are rendered (id, text, edit_history_tweet_ids and id,
// name, username always), includes.users only with expansions=author_id. Every authorised
// response carries x-rate-limit-limit/remaining/reset (epoch seconds); context.rate_limit
// requests per 15 minutes per token, then 429 with X's problem JSON.
// Forbidden (recorded as violations): any non-GET whose path has a segment "hidden" (hide
// replies), "blocking" or "muting"; DELETE is refused by the router.
#pragma once

#include <memory>

#include "emulator.h"

namespace heed::sandbox {

std::unique_ptr<PlatformEmulator> MakeXEmulator(const EmulatorContext& context);

}  // namespace heed::sandbox
