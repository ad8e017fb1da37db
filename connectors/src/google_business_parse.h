// Google Business Profile (My Business API v4) reviews JSON <-> heed values. With google_api.cc
// the only code touching RapidJSON for google_business. Input is untrusted: every type is checked
// before use; a malformed review is a per-item kDataLoss, a malformed page is kDataLoss for the
// page, an error envelope inside a 200 body is mapped like an HTTP error. Never throws.
//
// Mapping of a Review to a Mention (documented choices):
//  - remote_id = review.name ("accounts/A/locations/L/reviews/R"), what PUT .../reply needs; when
//    name is absent it is built from the feed's location and reviewId.
//  - text = comment, keeping only the reviewer's original words when Google added a machine
//    translation: "(Translated by Google) T\n\n(Original)\nO" -> O, and "O\n\n(Translated by
//    Google)\nT" -> O. A rating-only review has no comment: text is EMPTY (the review is still a
//    mention; its rating says what the reviewer thinks).
//  - rating = starRating ONE..FIVE -> 1..5; STAR_RATING_UNSPECIFIED or absent -> no rating.
//  - author: display_name = reviewer.displayName; handle = displayName, or "anonymous" when
//    reviewer.isAnonymous or the name is missing; id and profile_url are empty (the API has no
//    reviewer id or profile link; profilePhotoUrl is only a picture).
//  - language: empty (the API has none; heed detects it).
//  - created_at = createTime (updateTime when createTime is missing). The checkpoint key is
//    updateTime (createTime when missing), in milliseconds since the epoch.
//  - url: the API gives no public permalink, and a public Maps link needs the place id, which
//    the reviews API does not return. heed links the owner's side instead, where staff can read
//    and answer the review: "https://business.google.com/reviews?location=L&review=R" (Google
//    ignores the query; it identifies the review for people reading heed's inbox).
//  - owner_reply = reviewReply.comment, empty when there is no reply.
//  - raw_json = the review object re-serialised (sanitised UTF-8).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "google_api.h"
#include "heed/core/result.h"

namespace heed::connectors::google_business {

inline constexpr char kPlatform[] = "google_business";

struct ParseOptions {
  std::string location_name;  // "accounts/A/locations/L": the feed's location
};

using ReviewsPage = google::ReviewsPage;

// GET .../reviews: {reviews[], averageRating, totalReviewCount, nextPageToken}. "reviews" may be
// absent (no reviews). kDataLoss when the body is not such an object; the mapped error when the
// body is a Google error envelope.
Result<ReviewsPage> ParseReviewsPage(std::string_view body, const ParseOptions& options);

// GET /v4/{name}: one Review. The current reply text ("" when none). kDataLoss when malformed.
Result<std::string> ParseCurrentReply(std::string_view body);

// PUT /v4/{name}/reply answer: ReviewReply {comment, updateTime}. OK for any JSON object that is
// not an error envelope; kDataLoss when not a JSON object.
Status ParseReplyResponse(std::string_view body);

// {"comment": text}
std::string BuildReplyBody(std::string_view text);

// The reviewer's own words of a comment that may carry a Google translation (see above).
std::string OriginalText(std::string_view comment);

// "ONE".."FIVE" -> 1..5; nullopt otherwise.
std::optional<int> StarRatingValue(std::string_view rating);

// True for "accounts/A/locations/L/reviews/R" with non-empty segments of [A-Za-z0-9_-].
bool IsReviewName(std::string_view name);
// True for "accounts/A/locations/L".
bool IsLocationName(std::string_view name);

}  // namespace heed::connectors::google_business
