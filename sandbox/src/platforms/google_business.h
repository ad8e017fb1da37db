// The Google Business Profile reviews emulator (My Business API v4), served under
// /google_business. Shares Google's envelope and quota gate with Google Play (google_common.h).
//
// One location, kAccountId/kLocationId; other accounts or locations answer 404 NOT_FOUND.
// Routes (relative to the prefix):
//   GET /v4/accounts/A/locations/L/reviews?pageSize=&pageToken=&orderBy=
//       {reviews[], averageRating, totalReviewCount, nextPageToken}; orderBy "updateTime desc"
//       (the default here; other orders answer 400); pageSize 1..50 (default 50); the page token
//       is opaque and an unknown one answers 400 INVALID_ARGUMENT.
//   GET /v4/accounts/A/locations/L/reviews/R      one Review
//   PUT /v4/accounts/A/locations/L/reviews/R/reply {"comment"}: creates or replaces the owner
//       reply (1..4096 characters, else 400), answers ReviewReply {comment, updateTime}, records
//       the reply (id "<review name>/reply", in_reply_to_id the review name). The review's
//       updateTime does not change.
// Auth: a missing bearer token answers 401 UNAUTHENTICATED with Google's envelope and
// WWW-Authenticate. Rate limit: context.rate_limit requests per minute per token (Google counts
// QPM), past it 429 RESOURCE_EXHAUSTED whose details carry google.rpc.RetryInfo (no header).
// Forbidden: any write other than the reply PUT under /v4/ (deleteReply is a DELETE, already
// refused by the router).
//
// Reviews come from context.corpus->mention_posts (the brand mention dropped from the text):
// star ratings follow the text's tone plus the seed; some Italian reviews carry Google's
// "(Translated by Google) ... (Original)" wrapping; about 15% were edited (updateTime later than
// createTime) and about 25% already have an owner reply. Every review has a comment (rating-only
// reviews exist on Google, but the shared flow test expects text).
#pragma once

#include "emulator.h"

namespace heed::sandbox {

namespace google_business_emulator {
inline constexpr char kAccountId[] = "112233445566778899001";
inline constexpr char kLocationId[] = "5566778899001122334";
}  // namespace google_business_emulator

}  // namespace heed::sandbox
