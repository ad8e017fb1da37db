// The shared end-to-end check every platform connector must pass against its sandbox emulator,
// over real loopback HTTP with the cpprestsdk transport and a SQLite file:
//   1. scan two pages, then stop (as if the process died after its second page);
//   2. "restart": new transport, connector, scanner and store handle on the same file;
//   3. scan to the end: every item the emulator serves is stored exactly once (no gap, no dup);
//   4. a third scan finds nothing new;
//   5. a public reply lands where the platform expects it (or the connector refuses cleanly if
//      the platform is read-only), and the sandbox saw no delete/hide call.
#pragma once

#include <string>

namespace heed::testing {

struct PlatformFlow {
  std::string platform;  // "bluesky"
  std::string feed;      // the connector's feed, e.g. "search:acme"
  std::string account;   // ConnectorConfig::account, when the platform needs one
  std::string token = "sandbox-token";
  int page_limit = 10;
  int post_count = 25;      // sandbox posts per feed
  int expected_items = 25;  // items the feed exposes in total, as the emulator serves them
  bool can_reply = true;
};

// Runs the flow with GoogleTest assertions.
void RunPlatformFlow(const PlatformFlow& flow);

}  // namespace heed::testing
