// Trustpilot JSON <-> heed values. The only code that touches RapidJSON for Trustpilot. All
// input is untrusted: every value's type is checked before use; a malformed review is a kDataLoss
// item error, a malformed page is kDataLoss for the page. Never throws or asserts.
//
// Mapping of a review to a Mention (documented choices):
//  - remote_id = id (the id POST /v1/private/reviews/{id}/reply takes; letters and digits only,
//    since it goes into a URL path); thread_id/parent_id empty.
//  - text = title + "\n" + text (either may be absent); rating = stars (1..5, required).
//  - language = language when it is a plain tag ("en", "da", "pt-BR"), else empty.
//  - author = consumer {id, displayName}: handle and display_name are the displayName;
//    profile_url https://www.trustpilot.com/users/{consumer.id} when the id is URL-safe.
//  - url = https://www.trustpilot.com/reviews/{id} (the public review page; the API's links[]
//    point at the API, not the site).
//  - created_at = createdAt (ISO-8601).
//  - owner_reply = companyReply.text (the business's one public answer), empty when absent/null.
//  - raw_json = the review re-serialised (ill-formed UTF-8 replaced by U+FFFD).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app_store_trustpilot_walk.h"
#include "heed/connectors/connector.h"

namespace heed::connectors::trustpilot {

struct ReviewsPage {
  std::vector<review_walk::Item> items;  // in the listing's order (newest first)
  // links[] carried rel "next-page". When the body has no links array at all, nullopt: the
  // caller decides from the page size.
  std::optional<bool> has_next_link;
  // The page number these links say the answer is: the `page` query parameter of the "self"
  // link, else that of "next-page" minus one, else that of "prev-page" plus one; nullopt when no
  // link carries one. Tells a stale page served in place of the one requested.
  std::optional<int> linked_page;
};

// GET /v1/business-units/{id}/reviews: {"reviews":[...], "links":[{href, method, rel}]}.
// kDataLoss when the body is not such an object. An API-gateway fault or error message inside a
// 200 body is mapped: invalid key/token -> kUnauthenticated, quota/spike arrest ->
// kResourceExhausted, else kDataLoss (context prefixes the message).
Result<ReviewsPage> ParseReviewsPage(std::string_view body, std::string_view context);

// https://www.trustpilot.com/reviews/{id}
std::string ReviewUrl(std::string_view review_id);

// True for ids that are safe in a URL path segment: 1..64 ASCII letters or digits.
bool IsReviewId(std::string_view id);

// The error text of an error body: Apigee {"fault":{"faultstring","detail":{"errorcode"}}},
// {"message","details"}, {"error","error_description"} or {"errors":[{"message"}]}; sanitised,
// at most ~300 bytes; empty when none.
std::string ParseErrorMessage(std::string_view body);

// {"message": TEXT[, "authorBusinessUserId": AUTHOR]} (author omitted when empty).
std::string BuildReplyBody(std::string_view text, std::string_view author_business_user_id);

}  // namespace heed::connectors::trustpilot
