// The Google Play Developer API reviews emulator (androidpublisher v3), served under
// /google_play.
//
// One app, PackageName(brand) = "com.<brand>.app"; other packages answer 404 NOT_FOUND.
// Routes (relative to the prefix):
//   GET  /androidpublisher/v3/applications/PKG/reviews?maxResults=&token=
//        {reviews[], tokenPagination{nextPageToken}, pageInfo{totalResults, resultPerPage}}:
//        only reviews whose userComment.lastModified lies in the 7 days before the clock's now,
//        newest first; maxResults 1..100 (default 20); an unknown token answers 400.
//   GET  /androidpublisher/v3/applications/PKG/reviews/{reviewId}     one Review
//   POST /androidpublisher/v3/applications/PKG/reviews/{reviewId}:reply {"replyText"}:
//        creates or replaces the developer reply (1..350 characters, else 400), answers
//        {"result": {"replyText", "lastEdited": {seconds, nanos}}}, records the reply (id
//        "<reviewId>/reply", in_reply_to_id the reviewId). reviewId may be percent-encoded.
// Auth: a missing bearer token answers 401 UNAUTHENTICATED (Google envelope). Rate limit:
// context.rate_limit requests per hour per token (Play counts GETs per hour), past it 429
// RESOURCE_EXHAUSTED with google.rpc.RetryInfo. Forbidden: any write under .../reviews other than
// the :reply POST.
//
// Reviews come from context.corpus->tag_posts: ids "gp:AOqpTO..." (colon included, as Play's),
// star ratings from the text's tone plus the seed, reviewerLanguage from the post's language
// ("en_US"-style for some), device metadata, lastModified with nanos, and about 25% with an
// existing developerComment.
#pragma once

#include <string>

#include "emulator.h"

namespace heed::sandbox::google_play_emulator {

// "com.acme.app" for brand "acme" (lower-cased; characters outside [a-z0-9_] dropped).
std::string PackageName(const std::string& brand);

}  // namespace heed::sandbox::google_play_emulator
