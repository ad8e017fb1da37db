// The shared end-to-end flow against the Instagram Graph API emulator.
#include <gtest/gtest.h>

#include "platform_flow.h"

namespace heed::testing {
namespace {

// The emulator's business account (sandbox/src/platforms/instagram.h).
constexpr char kAccountFeed[] = "account:17841400000000001";
constexpr char kMentionsFeed[] = "mentions:17841400000000001";

TEST(InstagramSandbox, AccountCommentsIncrementalScanAndReply) {
  RunPlatformFlow({.platform = "instagram", .feed = kAccountFeed});
}

TEST(InstagramSandbox, TaggedMediaIncrementalScanAndReply) {
  RunPlatformFlow({.platform = "instagram", .feed = kMentionsFeed});
}

TEST(InstagramSandbox, SmallPagesAcrossManyComments) {
  RunPlatformFlow({.platform = "instagram",
                   .feed = kAccountFeed,
                   .page_limit = 7,
                   .post_count = 60,
                   .expected_items = 60});
}

}  // namespace
}  // namespace heed::testing
