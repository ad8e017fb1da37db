// Shared helpers for heed's libFuzzer targets: turning the fuzzer's bytes into inputs, and
// cheap invariant checks that abort (a libFuzzer "crash") with a message naming the broken
// contract.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "heed/core/mention.h"
#include "heed/core/result.h"
#include "heed/core/status.h"
#include "heed/core/text.h"

// Aborts with the failed condition when an invariant does not hold.
#define HEED_FUZZ_CHECK(condition)                                                           \
  do {                                                                                       \
    if (!(condition)) {                                                                      \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                          \
    }                                                                                        \
  } while (false)

namespace heed::fuzz {

inline std::string_view AsText(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Splits input at NUL bytes into exactly `count` fields (missing ones empty, the last one keeps
// any further NULs), so one fuzz input can drive a function taking several strings.
inline std::vector<std::string_view> SplitFields(std::string_view input, size_t count) {
  std::vector<std::string_view> fields;
  while (fields.size() + 1 < count) {
    size_t nul = input.find('\0');
    if (nul == std::string_view::npos) break;
    fields.push_back(input.substr(0, nul));
    input.remove_prefix(nul + 1);
  }
  fields.push_back(input);
  fields.resize(count);
  return fields;
}

// The Mention contract every connector parser promises: all text is valid UTF-8 and a rating,
// when present, is 1..5.
inline void CheckMention(const Mention& mention) {
  for (const std::string* field :
       {&mention.platform, &mention.remote_id, &mention.thread_id, &mention.parent_id,
        &mention.author.id, &mention.author.handle, &mention.author.display_name,
        &mention.author.profile_url, &mention.text, &mention.language, &mention.url,
        &mention.owner_reply, &mention.raw_json}) {
    HEED_FUZZ_CHECK(IsValidUtf8(*field));
  }
  if (mention.rating) HEED_FUZZ_CHECK(*mention.rating >= 1 && *mention.rating <= 5);
}

inline void CheckMention(const Result<Mention>& mention) {
  if (mention.ok()) CheckMention(*mention);
}

// Platform error text ends up in Status messages printed on a terminal: it must be bounded
// (at most 300 bytes, plus "..." when cut) and carry no escape sequence.
inline void CheckErrorText(std::string_view text) {
  HEED_FUZZ_CHECK(text.size() <= 300 + 3);
  HEED_FUZZ_CHECK(text.find('\x1b') == std::string_view::npos);
  HEED_FUZZ_CHECK(IsValidUtf8(text));
}

// Status messages reach the terminal and logs: whatever platform text they quote must have been
// made safe (valid UTF-8, no escape sequences).
inline void CheckStatus(const Status& status) {
  HEED_FUZZ_CHECK(IsValidUtf8(status.message()));
  HEED_FUZZ_CHECK(status.message().find('\x1b') == std::string::npos);
}

// One listed item: its mention keeps the contract unless the parser skipped it (boosts,
// retweets, the account's own comments), for item types with a `skipped` flag.
template <typename Item>
void CheckItem(const Item& item) {
  if constexpr (requires { item.skipped; }) {
    if (item.skipped) return;
  }
  CheckMention(item.mention);
}

// A parsed page: its error text is safe and every item's mention keeps the contract.
// items names the page's item list, e.g. &ListPage::items.
template <typename Page, typename Items>
void CheckPage(const Result<Page>& page, Items Page::*items) {
  CheckStatus(page.status());
  if (!page.ok()) return;
  for (const auto& item : (*page).*items) CheckItem(item);
}

// A parser that returns the items themselves.
template <typename Item>
void CheckItems(const Result<std::vector<Item>>& items) {
  CheckStatus(items.status());
  if (!items.ok()) return;
  for (const Item& item : *items) CheckItem(item);
}

}  // namespace heed::fuzz
