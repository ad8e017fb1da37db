// App Store Connect JSON:API <-> heed values. The only code that touches RapidJSON for the App
// Store. All input is untrusted: every value's type is checked before use; a malformed review is
// a kDataLoss item error, a malformed page is kDataLoss for the page. Never throws or asserts.
//
// Mapping of a customerReviews resource to a Mention (documented choices):
//  - remote_id = id (the id POST /v1/customerReviewResponses needs); thread_id/parent_id empty.
//  - text = attributes.title + "\n" + attributes.body (either may be absent).
//  - rating = attributes.rating (1..5, required).
//  - author: the API exposes no reviewer id or profile, only reviewerNickname, so author.id,
//    handle and display_name are all the nickname ("" when absent); profile_url is empty.
//  - language is empty: the API has no language field (territory is a country, not a language).
//  - url: reviews have no permalink; the app's public review list
//    https://apps.apple.com/app/id{APP_ID}?see-all=reviews is used.
//  - created_at = attributes.createdDate (ISO-8601 with offset).
//  - owner_reply = responseBody of the included customerReviewResponses resource the review's
//    relationships.response points to (or whose relationships.review points back to it), in any
//    state: a PENDING_PUBLISH response is still replaced by a new POST.
//  - raw_json = the review resource re-serialised (ill-formed UTF-8 replaced by U+FFFD).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app_store_trustpilot_walk.h"
#include "heed/connectors/connector.h"

namespace heed::connectors::app_store {

struct ReviewsPage {
  std::vector<review_walk::Item> items;  // in the listing's order (newest first)
  // The raw (still percent-encoded) `cursor` query value of links.next; nullopt on the last page.
  std::optional<std::string> next_cursor;
};

// GET /v1/apps/{id}/customerReviews. kDataLoss when the body is not a JSON:API document with a
// "data" array, or links.next carries no usable cursor. A document carrying "errors" instead of
// "data" is mapped like an HTTP error of errors[0].status (context prefixes the message).
Result<ReviewsPage> ParseReviewsPage(std::string_view body, std::string_view app_id,
                                     std::string_view context);

// The public page of the app's reviews.
std::string AppReviewsUrl(std::string_view app_id);

struct ApiError {
  int status = 0;       // errors[0].status as a number; 0 when absent
  std::string code;     // errors[0].code, e.g. "NOT_AUTHORIZED", "ENTITY_ERROR.ATTRIBUTE.INVALID"
  std::string message;  // "CODE: title: detail" (sanitised, at most ~300 bytes); empty if none
};
// Reads {"errors":[{status, code, title, detail}]}; an empty ApiError when the body is not one.
ApiError ParseError(std::string_view body);

// {"data":{"type":"customerReviewResponses","attributes":{"responseBody":TEXT},
//  "relationships":{"review":{"data":{"type":"customerReviews","id":REVIEW_ID}}}}}
std::string BuildReplyBody(std::string_view review_id, std::string_view text);

// The created customerReviewResponses resource: its id. kDataLoss when absent.
Result<std::string> ParsePostedResponse(std::string_view body);

}  // namespace heed::connectors::app_store
