#include <gtest/gtest.h>

#include "platform_flow.h"

namespace heed::testing {
namespace {

// The emulator turns the 25 tag posts into stories and the 25 mention posts into comments; all
// of them name the brand.
TEST(HackerNewsSandbox, SearchIncrementalScanReadOnly) {
  RunPlatformFlow(
      {.platform = "hackernews", .feed = "search:acme", .expected_items = 50, .can_reply = false});
}

TEST(HackerNewsSandbox, StoriesIncrementalScanReadOnly) {
  RunPlatformFlow({.platform = "hackernews",
                   .feed = "stories:acme",
                   .page_limit = 7,
                   .expected_items = 25,
                   .can_reply = false});
}

TEST(HackerNewsSandbox, CommentsIncrementalScanReadOnly) {
  RunPlatformFlow({.platform = "hackernews",
                   .feed = "comments:acme",
                   .page_limit = 4,
                   .post_count = 30,
                   .expected_items = 30,
                   .can_reply = false});
}

}  // namespace
}  // namespace heed::testing
