// The YouTube Data API v3 emulator, served under /youtube (so paths are /youtube/youtube/v3/...
// on the sandbox, the real /youtube/v3/... for the connector). Content comes from the corpus:
//   - the brand's channel id is "UC" + (brand + "Official" + "0"...) cut to 22 characters
//     ("UCacmeOfficial0000000000" for brand acme);
//   - two brand videos, id = brand's first 6 characters + "Vid" + n, padded with '0' to 11
//     ("acmeVid1000", "acmeVid2000"): mention_posts are the comment threads of video 1, tag_posts
//     those of video 2; the channel feed (allThreadsRelatedToChannelId) is both;
//   - a thread id is "Ugx" + the post id in 16 hex digits + "4AaABAg"; the author is
//     "@username" with a channel id derived from the account id; publishedAt has second
//     resolution, like the real API; textDisplay is the HTML form, textOriginal the plain text.
// Routes:
//   GET  /youtube/v3/commentThreads  part (required), exactly one of videoId /
//        allThreadsRelatedToChannelId, order=time|relevance (both newest first), maxResults
//        1..100 (default 20), pageToken (keyset: resumes after the last thread of the previous
//        page, so new threads never shift pages). Unknown video/channel: 404 videoNotFound /
//        channelNotFound. Replies posted through the API are embedded when part has "replies".
//   POST /youtube/v3/comments?part=snippet  {"snippet": {"parentId", "textOriginal"}}: 200 with the
//        comment resource; blank text 400 commentTextRequired; over 10000 characters 400
//        commentTextTooLong; unknown parent 404 parentCommentNotFound. Needs a bearer token.
// Auth: "Authorization: Bearer" or key= (reads only); neither: 401 in the Google envelope.
// Budget: context.rate_limit requests per 5 minutes per credential (then 403 rateLimitExceeded)
// and 10000 quota units per day (list 1, insert 50; then 403 quotaExceeded). No rate headers,
// as on the real API. Errors use {"error": {"code", "message", "errors": [{message, domain,
// reason}], "status"}}.
// Forbidden (recorded as violations): comments.setModerationStatus and comments.markAsSpam
// (any path segment of that name); DELETE is refused by the router.
#pragma once

#include <memory>

#include "emulator.h"

namespace heed::sandbox {

std::unique_ptr<PlatformEmulator> MakeYoutubeEmulator(const EmulatorContext& context);

}  // namespace heed::sandbox
