// The "walk to the high-water mark" checkpoint for newest-first listings with an opaque cursor
// that only goes older, shared by the Bluesky (listNotifications / searchPosts) and Reddit
// (listings) connectors. Pure logic, no I/O. (The App Store / Trustpilot review walk,
// app_store_trustpilot_walk.h, is a different design: timestamp boundaries, page positions.)
//
// Items are ordered by the platform on a sort key (a timestamp or a monotonic id) newest first,
// and each has a unique id (an at:// URI, a Reddit fullname). A walk starts at the newest page
// (no cursor) and follows the cursor towards older items until it reaches the previous walk's
// newest item (the floor), the listing ends, or, on the very first walk, the backfill bound.
//
// The checkpoint (State, encoded as an opaque string) holds:
//   floor   the newest key delivered by the last completed walk, with the ids of every item seen
//           at exactly that sort value (so same-timestamp ties are neither skipped nor repeated);
//   top/low the newest and oldest keys delivered so far by the walk in progress;
//   cursor  the platform's cursor to continue the walk in progress; pages: its pages that
//           delivered new items (its first page always counts), what backfill_pages bounds.
//
// Why nothing is skipped: an item is dropped only when it is at or below the floor (delivered by
// a completed walk, by induction) or, during a walk, at or above `low` (delivered earlier in this
// walk, or newer than the walk's start, which the next walk will deliver because the new floor
// is this walk's `top`, and such an item is above it). A process that stops mid-walk resumes from
// the stored cursor; items that arrived meanwhile are above `top` and read by the next walk.
// Why nothing is repeated: the checkpoint is stored with the page's items in one transaction,
// and every delivered item is above the floor and below `low` when delivered, after which it is
// excluded by one of the two. Offset-style cursors that shift when new items arrive are covered
// by the `low` exclusion.
// Limits (documented, not detected): an item whose sort key lies at or below the floor when it
// first appears (a backdated post, an id allocated long before it became visible) is not read.
// A first walk bounded by backfill_pages leaves older history unread on purpose.
// Loops: a cursor equal to the one sent means the page was served again, not the next one: the
// walk keeps that cursor and asks again (moving on would skip the real page; a stale page from a
// cache or a platform hiccup is transient). Invariant: such an answer never moves the walk past
// unread items. When it is the third such answer in a row, Advance applies nothing and reports
// it (Outcome::stale): the connector fails the fetch (kUnavailable), the stored checkpoint stays
// on the unread page and the next run asks for it again. Apart from those, ten pages in a row
// whose cursor moved but that deliver nothing new and do not reach the floor end the walk with a
// problem (the older part of that walk is not read, but the feed keeps moving). Such pages come
// from offset cursors when many posts arrive during a walk, and from a stale answer carrying an
// older page's cursor, which sends the walk back over pages it has read: ten lets it re-read
// them until it is past them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heed/core/result.h"

namespace heed::connectors::walk {

// An item's position. sort compares as a plain string: callers make it fixed-width.
struct Key {
  std::string sort;
  std::string id;
};

struct Mark {
  std::string sort;              // empty: unset
  std::vector<std::string> ids;  // ids seen at exactly `sort` (bounded)
  bool empty() const { return sort.empty(); }
};

struct State {
  Mark floor;
  Mark top;
  Mark low;
  std::string cursor;
  int pages = 0;    // > 0 while a walk is in progress
  int stalls = 0;   // consecutive pages of the walk that moved on but delivered nothing new
  int repeats = 0;  // consecutive answers that returned the cursor sent (the page served again)
};

// "" decodes to the initial State. kInvalidArgument when the string is not an encoded State.
Result<State> DecodeState(std::string_view checkpoint);
std::string EncodeState(const State& state);

struct Outcome {
  std::vector<bool> take;  // parallel to the keys: the item is new and must be delivered
  State next;              // the checkpoint to store with this page
  bool has_more = false;   // the walk goes on: fetch again with next.cursor
  std::string problem;     // non-empty when the walk was cut short (stall)
  // Non-empty when the page repeats the cursor sent once too often (see Loops above): take is all
  // false, next == state and the caller fails the fetch instead of storing anything.
  std::string stale;
};

// Advances the walk with one page. keys are the page's items in the order received (nullopt for
// an item without a usable key: it is neither taken nor allowed to move the marks). sent_cursor
// is the cursor of the request ("" for the first page of a walk), next_cursor the one returned
// ("" when the platform returned none). backfill_pages bounds the first walk (0: unbounded).
Outcome Advance(const State& state, const std::vector<std::optional<Key>>& keys,
                const std::string& sent_cursor, const std::string& next_cursor, int backfill_pages);

// The cursor to send for the next request ("" when a new walk starts at the newest page).
inline const std::string& CursorFor(const State& state) { return state.cursor; }

// Fixed-width sort keys.
std::string SortKeyFromMillis(int64_t unix_millis);  // 16 digits, zero-padded (>= 0)
// A base-36 id ("dbhn13p"), lower-cased and zero-padded to 16; nullopt when not base 36 or longer.
std::optional<std::string> SortKeyFromBase36(std::string_view id36);

}  // namespace heed::connectors::walk
