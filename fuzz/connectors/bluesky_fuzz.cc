// libFuzzer target: Bluesky XRPC bodies (bluesky_parse.h). Untrusted input: every
// parser must return a value or an error, never crash, and keep the Mention contract
// (fuzz_check.h).
#include <cstddef>
#include <cstdint>

#include "bluesky_parse.h"
#include "fuzz_check.h"

namespace {

void CheckPage(const heed::Result<heed::connectors::bluesky::ListPage>& page) {
  heed::fuzz::CheckStatus(page.status());
  if (!page.ok()) return;
  for (const auto& item : page->items) {
    heed::fuzz::CheckItem(item);
    // Raw JSON written by the parser must be readable by the reply path.
    if (item.mention.ok())
      (void)heed::connectors::bluesky::ReplyRefsFromRaw(item.mention->raw_json);
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace heed::connectors::bluesky;  // NOLINT: the parser under test
  const std::string_view body = heed::fuzz::AsText(data, size);
  CheckPage(ParseNotifications(body));
  CheckPage(ParseSearchPosts(body));
  XrpcError error = ParseXrpcError(body);
  heed::fuzz::CheckErrorText(error.message);
  heed::fuzz::CheckStatus(ParseSession(body).status());
  heed::fuzz::CheckStatus(ReplyRefsFromRaw(body).status());
  heed::fuzz::CheckStatus(ParseCreatedRecord(body).status());
  (void)PostPermalink("handle.example", body);
  return 0;
}
