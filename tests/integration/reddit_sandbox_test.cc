// Reddit connector against the sandbox's Reddit emulator, end to end over loopback HTTP.
#include <gtest/gtest.h>

#include "platform_flow.h"

namespace heed::testing {
namespace {

TEST(RedditSandbox, MentionsIncrementalScanAndReply) {
  RunPlatformFlow({.platform = "reddit", .feed = "mentions", .account = "acme"});
}

TEST(RedditSandbox, SubredditCommentsIncrementalScanAndReply) {
  RunPlatformFlow({.platform = "reddit", .feed = "subreddit:acme", .account = "acme"});
}

TEST(RedditSandbox, SearchIncrementalScanAndReply) {
  // Search returns submissions: one per #acme post.
  RunPlatformFlow({.platform = "reddit", .feed = "search:acme", .account = "acme"});
}

}  // namespace
}  // namespace heed::testing
