// Bluesky connector against the sandbox's Bluesky emulator, end to end over loopback HTTP.
#include <gtest/gtest.h>

#include "platform_flow.h"

namespace heed::testing {
namespace {

TEST(BlueskySandbox, MentionsIncrementalScanAndReply) {
  RunPlatformFlow({.platform = "bluesky", .feed = "mentions", .account = "acme.bsky.social"});
}

TEST(BlueskySandbox, SearchIncrementalScanAndReply) {
  // Search matches the mention posts and the #acme posts that name the brand.
  RunPlatformFlow({.platform = "bluesky",
                   .feed = "search:acme",
                   .account = "acme.bsky.social",
                   .expected_items = 50});
}

}  // namespace
}  // namespace heed::testing
