#include <gtest/gtest.h>

#include "platform_flow.h"

namespace heed::testing {
namespace {

TEST(MastodonSandbox, MentionsIncrementalScanAndReply) {
  RunPlatformFlow({.platform = "mastodon", .feed = "mentions"});
}

TEST(MastodonSandbox, TagIncrementalScanAndReply) {
  RunPlatformFlow({.platform = "mastodon", .feed = "tag:acme"});
}

}  // namespace
}  // namespace heed::testing
