// Hacker News (Algolia HN Search API) JSON -> heed values. The only code that touches RapidJSON
// for Hacker News. All input is untrusted: every value's type is checked before use; a malformed
// hit becomes a per-hit kDataLoss, a body that is not a search response is kDataLoss for the page.
// Never throws or asserts.
//
// Mapping of a hit to a Mention (documented choices):
//  - remote_id = objectID (decimal); url = https://news.ycombinator.com/item?id=<objectID> (the
//    API gives no permalink; story hits' "url" is the linked article, not the discussion).
//  - author = {id: author, handle: author, profile_url: https://news.ycombinator.com/user?id=}.
//  - A comment (comment_text present, or "comment" in _tags): text = comment_text (HTML) via
//    HtmlToText; parent_id = parent_id; thread_id = story_id (the story that roots the thread).
//  - A story/poll/job: text = title, then "\n" + url when it links out, then "\n\n" +
//    story_text (HTML) when present; parent_id and thread_id are empty.
//  - created_at = created_at (ISO-8601), else created_at_i (epoch seconds).
//  - removed_at_source when the text is exactly "[deleted]", "[dead]" or "[flagged]".
//  - language is empty (Algolia does not tag it); raw_json = the hit re-serialised, sanitised.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heed/core/mention.h"
#include "heed/core/result.h"

namespace heed::connectors::hackernews {

struct Hit {
  std::string object_id;      // empty when the hit has no usable decimal objectID
  int64_t created_at_i = -1;  // epoch seconds; -1 when the hit has no usable timestamp
  // The mention, or kDataLoss naming the hit index/id and the field.
  Result<Mention> mention = Status::DataLoss("hit not parsed");
};

struct SearchPage {
  std::vector<Hit> hits;  // in the order received (newest first for search_by_date)
  int page = 0;
  int nb_pages = -1;       // -1 when absent
  int hits_per_page = -1;  // -1 when absent
};

// Parses a /api/v1/search or /api/v1/search_by_date body: {"hits": [...], "page", "nbPages",
// "hitsPerPage", ...}. kDataLoss when the body is not JSON or has no "hits" array. A 200 body
// that is an Algolia error object ({"message": "...", "status": 4xx}) is mapped like an HTTP
// error with that status (kInvalidArgument for 400, kResourceExhausted for 429, ...).
Result<SearchPage> ParseSearch(std::string_view body);

// The "message" of an Algolia error body ({"message": "...", "status": 400}), sanitised and at
// most 300 bytes; empty when the body is not such an object.
std::string ParseErrorMessage(std::string_view body);

}  // namespace heed::connectors::hackernews
