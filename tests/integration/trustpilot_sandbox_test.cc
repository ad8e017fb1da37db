// The Trustpilot connector against the sandbox's Trustpilot emulator over loopback HTTP.
#include <gtest/gtest.h>

#include "platform_flow.h"

namespace heed::testing {
namespace {

TEST(TrustpilotSandbox, ReviewsIncrementalScanAndReply) {
  RunPlatformFlow({.platform = "trustpilot",
                   .feed = "business:5f1e2d3c4b5a69788796a5b4",
                   .token = "sandbox-key:sandbox-token"});
}

TEST(TrustpilotSandbox, LargePagesScanAndReply) {
  RunPlatformFlow({.platform = "trustpilot",
                   .feed = "business:5f1e2d3c4b5a69788796a5b4",
                   .token = "sandbox-key:sandbox-token",
                   .page_limit = 30,
                   .post_count = 70,
                   .expected_items = 70});
}

}  // namespace
}  // namespace heed::testing
