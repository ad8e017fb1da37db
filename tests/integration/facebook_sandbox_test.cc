// The shared end-to-end flow against the Facebook Graph API emulator (Page comments).
#include <gtest/gtest.h>

#include "platform_flow.h"

namespace heed::testing {
namespace {

// The emulator's Page id (sandbox/src/platforms/facebook.h).
constexpr char kPageFeed[] = "page:104000000000001";

TEST(FacebookSandbox, PageCommentsIncrementalScanAndReply) {
  // Every corpus mention is one comment (a quarter of them replies, flattened by filter=stream).
  RunPlatformFlow({.platform = "facebook", .feed = kPageFeed});
}

TEST(FacebookSandbox, SmallPagesAcrossManyComments) {
  RunPlatformFlow({.platform = "facebook",
                   .feed = kPageFeed,
                   .page_limit = 7,
                   .post_count = 60,
                   .expected_items = 60});
}

}  // namespace
}  // namespace heed::testing
