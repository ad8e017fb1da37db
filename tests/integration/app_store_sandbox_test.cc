// The App Store connector against the sandbox's App Store Connect emulator over loopback HTTP.
#include <gtest/gtest.h>

#include "heed/testing/test_keys.h"
#include "platform_flow.h"

namespace heed::testing {
namespace {

TEST(AppStoreSandbox, ReviewsIncrementalScanAndReply) {
  std::string pem = NewP8Key();
  ASSERT_FALSE(pem.empty());
  RunPlatformFlow({.platform = "app_store",
                   .feed = "app:1234567890",
                   .account = "69a6de7f-0c3b-47e3-e053-5b8c7c11a4d1:2X9R4HXF34",
                   .token = pem});
}

TEST(AppStoreSandbox, LargePagesScanAndReply) {
  std::string pem = NewP8Key();
  ASSERT_FALSE(pem.empty());
  RunPlatformFlow({.platform = "app_store",
                   .feed = "app:1234567890",
                   .account = "69a6de7f-0c3b-47e3-e053-5b8c7c11a4d1:2X9R4HXF34",
                   .token = pem,
                   .page_limit = 30,
                   .post_count = 70,
                   .expected_items = 70});
}

}  // namespace
}  // namespace heed::testing
