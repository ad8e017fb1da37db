// Google Play Developer API (androidpublisher v3) reviews JSON <-> heed values. With
// google_api.cc the only code touching RapidJSON for google_play. Input is untrusted: every type
// is checked before use; a malformed review is a per-item kDataLoss, a malformed page is kDataLoss
// for the page, an error envelope inside a 200 body is mapped like an HTTP error. Never throws.
//
// Mapping of a Review to a Mention (documented choices):
//  - remote_id = reviewId ("gp:AOqp..."), what POST .../reviews/{reviewId}:reply needs.
//  - text = comments[].userComment.originalText when present (the reviewer's words when a
//    translationLanguage was asked for), else userComment.text; surrounding whitespace trimmed
//    (Play texts have been seen to start with "\t", where a title would be).
//  - rating = userComment.starRating (1..5; other values: no rating).
//  - language = reviewerLanguage reduced to its ISO-639 part ("en_US" -> "en", "pt-BR" -> "pt");
//    empty when absent or not a language tag.
//  - created_at = userComment.lastModified: the API has no creation time. The checkpoint key is
//    the same instant in nanoseconds (seconds * 1e9 + nanos): an edited review moves forward.
//  - author: display_name = handle = authorName ("" when Play omits it); no id or profile link.
//  - owner_reply = the last comments[].developerComment.text, empty when there is none.
//  - url: no permalink in the API; "https://play.google.com/store/apps/details?id=PKG&reviewId=ID".
//  - raw_json = the review object re-serialised (sanitised UTF-8).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "google_api.h"
#include "heed/core/result.h"

namespace heed::connectors::google_play {

inline constexpr char kPlatform[] = "google_play";

struct ParseOptions {
  std::string package_name;  // "com.example.app": builds the review URL
};

using ReviewsPage = google::ReviewsPage;

// GET .../reviews: {reviews[], tokenPagination{nextPageToken}, pageInfo}. "reviews" may be
// absent. kDataLoss when the body is not such an object; the mapped error when the body is a
// Google error envelope.
Result<ReviewsPage> ParseReviewsPage(std::string_view body, const ParseOptions& options);

// GET .../reviews/{reviewId}: the current developer reply text ("" when none).
Result<std::string> ParseCurrentReply(std::string_view body);

// POST ...:reply answer, documented as {"result": {"replyText", "lastEdited"}}: OK for any JSON
// object that is not an error envelope; kDataLoss when not a JSON object.
Status ParseReplyResponse(std::string_view body);

// {"replyText": text}
std::string BuildReplyBody(std::string_view text);

// "en_US" -> "en"; "" when not a language tag.
std::string LanguageOf(std::string_view reviewer_language);

// True for a Java package name as Play accepts it ("com.example.app").
bool IsPackageName(std::string_view name);

}  // namespace heed::connectors::google_play
