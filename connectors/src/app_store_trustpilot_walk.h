// The high-water-mark walk shared by the App Store and Trustpilot connectors: both list reviews
// newest first (App Store: sort=-createdDate with an opaque cursor; Trustpilot:
// orderBy=createdat.desc with page numbers), so heed cannot ask "what is newer than X" and
// instead walks down from the newest review until it meets what an earlier walk already covered.
//
// State (encoded in the connector's checkpoint):
//   floor    the newest (createdAt, ids at that instant) covered by the last COMPLETED walk.
//            Every review older than floor.time, and those at floor.time whose id is in
//            floor.ids, is stored.
//   walking  a walk is in progress; then also:
//   top      the newest (createdAt, ids) on the first page of this walk: the next floor.
//   low      the oldest (createdAt, ids) this walk has emitted so far.
//   position where to continue (the cursor or the page number), pages read, stalls.
//
// Why no gap and no duplicate, across restarts (the checkpoint is stored in the same
// transaction as the page's mentions):
//   - Within a walk, an item is emitted only if it is strictly older than low (or at low.time
//     with an id not in low.ids) and not covered by floor. Items that slide down onto a later page
//     because new reviews arrived at the top (page-number and offset cursors shift) are therefore
//     recognised and skipped, never emitted twice. Reviews that arrive during a walk are newer
//     than top, so they are skipped now and read by the next walk (floor becomes top).
//   - The walk ends only when a page reaches an item older than floor.time (everything below is
//     covered), when the listing ends, or on the first-run backfill bound. Only then does floor
//     move, to top; so a crash mid-walk resumes the walk, and a finished walk never leaves a hole
//     between the old floor and top.
//   - Equal timestamps are handled by the id sets at floor/low/top.
// Known limits (the APIs give no better handle): a review DELETED at the source during a walk
// shifts later reviews one place up, and one of them can cross a page boundary the walk has
// already passed; and a review that first appears with a createdAt older than floor (delayed
// publication) is not seen. Both are stated in the connectors' headers.
//
// First run (no floor): the walk reads at most backfill_pages pages, then ends (floor = top);
// older history is deliberately not read.
//
// Answers that do not belong to the request. Invariant: an answer that is not the page asked
// for never moves the checkpoint. Caches and platform hiccups serve a page again in place of the
// one requested (a stale page): the App Store hands back the cursor it was sent (the previous
// page again), Trustpilot's links name another page number than the one asked for. Taking such
// an answer would step the walk past the page that was never read, or end the walk there and
// move floor to top over the unread rest: a silent hole. So Step reports it (StepResult::stale)
// and applies nothing; FetchBelonging asks for the same page again, and after kMaxStaleAnswers
// such answers in a row fails the fetch with kUnavailable. The checkpoint stays on the unread
// page (the run stops there) and the next run asks for it again: late, never lost.
// kMaxStalls pages in a row that neither emit nor reach floor (real pages, the position moving)
// still end the walk with an item error instead of looping: a listing that ignores the page
// requested would otherwise be walked without end.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heed/core/clock.h"
#include "heed/core/mention.h"
#include "heed/core/result.h"

namespace heed::connectors::review_walk {

inline constexpr int kMaxStalls = 3;
// Answers in a row that do not belong to the request (see the header) before a fetch fails.
inline constexpr int kMaxStaleAnswers = 3;
inline constexpr size_t kMaxBoundaryIds = 500;  // ids kept per boundary instant

struct Boundary {
  bool set = false;
  TimePoint time;
  std::vector<std::string> ids;  // items seen at exactly `time`

  // True when set, t == time and id is one of ids.
  bool Contains(TimePoint t, std::string_view id) const;
  // Moves the boundary to (t, {id}) when t is a new extreme (newer when keep_newest, else
  // older), adds id when t == time, and does nothing otherwise.
  void Extend(TimePoint t, const std::string& id, bool keep_newest);
};

struct WalkState {
  Boundary floor;
  bool walking = false;
  Boundary top;
  Boundary low;
  std::string position;  // cursor or page number; empty: the first page
  int pages = 0;         // pages read in this walk
  int stalls = 0;        // consecutive pages without progress
};

// A compact text encoding ("w1;...") with every variable part percent-encoded.
std::string Encode(const WalkState& state);
// The empty string is the initial state. kInvalidArgument for anything Encode cannot produce.
Result<WalkState> Decode(std::string_view checkpoint);

// One listed item. id/created_at are the walk key; when the item has no usable key it cannot
// be placed and is only reported (key_ok = false, mention holds the error).
struct Item {
  bool key_ok = false;
  std::string id;
  TimePoint created_at;
  Result<Mention> mention = Status::DataLoss("item not parsed");
};

struct StepResult {
  std::vector<Mention> mentions;
  std::vector<Status> item_errors;
  WalkState next;
  bool has_more = false;
  // Non-empty when the answer is not the page requested (context, then why): nothing else is
  // set and the state must not move; ask again (FetchBelonging).
  std::string stale;
};

// Applies one fetched page (items in the platform's newest-first order) to state.
// next_position: where the following page is, nullopt when the listing ends here. A
// next_position equal to the position sent (the page before it served again) is stale.
// context names the connector and request for error messages.
StepResult Step(const WalkState& state, std::vector<Item> items,
                std::optional<std::string> next_position, int backfill_pages,
                const std::string& context);

// A StepResult for an answer the connector found is not the page requested: stale =
// context + ": " + why.
StepResult Stale(const std::string& context, const std::string& why);

// Calls fetch (one request, its parse and Step) until its answer belongs to the request: a
// stale StepResult is asked again, kMaxStaleAnswers of them in a row fail with kUnavailable (the
// last reason, and that the checkpoint does not move). fetch's errors are returned as they are.
Result<StepResult> FetchBelonging(const std::function<Result<StepResult>()>& fetch);

}  // namespace heed::connectors::review_walk
