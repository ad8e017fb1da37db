// The Hacker News emulator: the Algolia HN Search API (hn.algolia.com) under /hackernews.
//
// Items, derived once from the corpus: every tag post is a story (title = its first line, the
// rest as story_text HTML), every mention post a comment (comment_text HTML) on the latest story
// before it. objectIDs are 8-digit, increasing with time; created_at_i is the post's second.
//
// Routes (public, no auth, as on Algolia):
//   GET /api/v1/search_by_date  query, tags, numericFilters, hitsPerPage (default 20, max 1000),
//                               page (0-based); newest first (created_at_i, then objectID desc).
//   GET /api/v1/search          the same (relevance order is not modelled).
//   GET /api/v1/items/:id       one item.
// query: every word must occur (case-insensitive) in the title, text or author. tags: comma-
// separated terms ANDed, "(a,b)" ORs, among story/comment/author_NAME/story_ID. numericFilters:
// comma-separated created_at_i|points|num_comments with <, <=, =, >, >=. Like Algolia only the
// first 1000 hits of a query can be paged to. Errors are Algolia's {"message", "status"} with
// the same HTTP status (400 for a bad parameter, 404 unknown route). Rate limit: 429 with that
// body and Retry-After (seconds) after context.rate_limit requests per hour per client address.
// HN has no write API: every POST/PUT/PATCH is 404.
//
// Thread safety: items are immutable after construction; the rate limiter locks itself.
#pragma once

#include <memory>

#include "emulator.h"

namespace heed::sandbox {

std::unique_ptr<PlatformEmulator> MakeHackerNewsEmulator(const EmulatorContext& context);

}  // namespace heed::sandbox
