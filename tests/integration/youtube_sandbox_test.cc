// The YouTube connector against the sandbox's YouTube emulator, end to end (see
// platform_flow.h). The emulator's brand channel and videos are documented in
// sandbox/src/platforms/youtube.h.
#include <gtest/gtest.h>

#include "platform_flow.h"

namespace heed::testing {
namespace {

// Both brand videos: 25 mention posts + 25 tag posts as comment threads.
TEST(YoutubeSandbox, ChannelIncrementalScanAndReply) {
  RunPlatformFlow(
      {.platform = "youtube", .feed = "channel:UCacmeOfficial0000000000", .expected_items = 50});
}

TEST(YoutubeSandbox, VideoIncrementalScanAndReply) {
  RunPlatformFlow({.platform = "youtube", .feed = "video:acmeVid1000"});
}

}  // namespace
}  // namespace heed::testing
