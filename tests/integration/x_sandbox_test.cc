// The X connector against the sandbox's X emulator, end to end (see platform_flow.h).
#include <gtest/gtest.h>

#include "platform_flow.h"

namespace heed::testing {
namespace {

// The search covers both corpus feeds: 25 mention posts (each names @acme) and 25 #acme posts.
TEST(XSandbox, SearchIncrementalScanAndReply) {
  RunPlatformFlow({.platform = "x", .feed = "search:acme", .expected_items = 50});
}

// The brand's mentions, the account given as a username (resolved by the connector).
TEST(XSandbox, MentionsIncrementalScanAndReply) {
  RunPlatformFlow({.platform = "x", .feed = "mentions", .account = "acme"});
}

}  // namespace
}  // namespace heed::testing
