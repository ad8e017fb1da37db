#include "app_store_trustpilot_walk.h"

#include <algorithm>
#include <charconv>
#include <utility>

#include "connector_text.h"
#include "heed/core/http.h"
#include "heed/core/text.h"

namespace heed::connectors::review_walk {
namespace {

constexpr std::string_view kVersion = "w1";
constexpr size_t kMaxCheckpointBytes = 64 * 1024;

std::string EncodeBoundary(const Boundary& b) {
  if (!b.set) return "";
  std::string out = std::to_string(ToUnixMillis(b.time)) + ":";
  for (size_t i = 0; i < b.ids.size(); ++i) {
    if (i > 0) out += ",";
    out += UrlEncode(b.ids[i]);
  }
  return out;
}

std::optional<Boundary> DecodeBoundary(std::string_view text) {
  Boundary b;
  if (text.empty()) return b;
  size_t colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::optional<int64_t> ms = ParseInt64(text.substr(0, colon));
  if (!ms) return std::nullopt;
  b.set = true;
  b.time = FromUnixMillis(*ms);
  std::string_view ids = text.substr(colon + 1);
  if (ids.empty()) return std::nullopt;
  for (std::string_view part : Split(ids, ',')) {
    std::optional<std::string> id = PercentDecodeStrict(part);
    if (!id || id->empty()) return std::nullopt;
    b.ids.push_back(std::move(*id));
  }
  return b;
}

bool NewerThanLow(const Boundary& low, TimePoint t, std::string_view id) {
  return low.set && (t > low.time || low.Contains(t, id));
}

bool CoveredByFloor(const Boundary& floor, TimePoint t, std::string_view id) {
  return floor.set && (t < floor.time || floor.Contains(t, id));
}

// The finished walk's floor: top when newer, merged at equal instants. Items at top's instant
// that were not on the first page (ties split across pages) were emitted with low at that same
// instant, so low's ids join too when low never went below top.
Boundary Finish(const WalkState& state) {
  Boundary floor = state.floor;
  if (!state.top.set) return floor;
  for (const std::string& id : state.top.ids) floor.Extend(state.top.time, id, true);
  if (state.low.set && state.low.time == floor.time) {
    for (const std::string& id : state.low.ids) floor.Extend(state.low.time, id, true);
  }
  return floor;
}

}  // namespace

bool Boundary::Contains(TimePoint t, std::string_view id) const {
  return set && t == time && std::find(ids.begin(), ids.end(), id) != ids.end();
}

void Boundary::Extend(TimePoint t, const std::string& id, bool keep_newest) {
  if (!set || (keep_newest ? t > time : t < time)) {
    set = true;
    time = t;
    ids.assign(1, id);
  } else if (t == time && !Contains(t, id) && ids.size() < kMaxBoundaryIds) {
    ids.push_back(id);
  }
}

std::string Encode(const WalkState& s) {
  std::string out(kVersion);
  out += ";F" + EncodeBoundary(s.floor);
  out += std::string(";W") + (s.walking ? "1" : "0");
  out += ";T" + EncodeBoundary(s.top);
  out += ";L" + EncodeBoundary(s.low);
  out += ";P" + UrlEncode(s.position);
  out += ";N" + std::to_string(s.pages);
  out += ";S" + std::to_string(s.stalls);
  return out;
}

Result<WalkState> Decode(std::string_view checkpoint) {
  WalkState s;
  if (checkpoint.empty()) return s;
  auto bad = [&] {
    return Status::InvalidArgument("checkpoint is not a review-walk checkpoint: \"" +
                                   ForTerminal(SanitizeUtf8(checkpoint.substr(0, 64))) + "\"");
  };
  if (checkpoint.size() > kMaxCheckpointBytes) return bad();
  std::vector<std::string_view> f = Split(checkpoint, ';');
  if (f.size() != 8 || f[0] != kVersion) return bad();
  const char tags[] = "FWTLPNS";
  for (size_t i = 1; i < f.size(); ++i) {
    if (f[i].empty() || f[i][0] != tags[i - 1]) return bad();
    f[i].remove_prefix(1);
  }
  auto floor = DecodeBoundary(f[1]);
  auto top = DecodeBoundary(f[3]);
  auto low = DecodeBoundary(f[4]);
  auto position = PercentDecodeStrict(f[5]);
  auto pages = ParseInt64(f[6]);
  auto stalls = ParseInt64(f[7]);
  if (!floor || !top || !low || !position || !pages || !stalls || (f[2] != "0" && f[2] != "1") ||
      *pages < 0 || *stalls < 0 || *pages > 1000000 || *stalls > 1000) {
    return bad();
  }
  s.floor = std::move(*floor);
  s.walking = f[2] == "1";
  s.top = std::move(*top);
  s.low = std::move(*low);
  s.position = std::move(*position);
  s.pages = static_cast<int>(*pages);
  s.stalls = static_cast<int>(*stalls);
  if (!s.walking && (s.top.set || s.low.set || !s.position.empty())) return bad();
  return s;
}

StepResult Stale(const std::string& context, const std::string& why) {
  StepResult out;
  out.stale = context + ": " + why;
  return out;
}

Result<StepResult> FetchBelonging(const std::function<Result<StepResult>()>& fetch) {
  std::string stale;
  for (int answers = 0; answers < kMaxStaleAnswers; ++answers) {
    HEED_ASSIGN_OR_RETURN(StepResult step, fetch());
    if (step.stale.empty()) return step;
    stale = std::move(step.stale);
  }
  return Status::Unavailable(stale + " (" + std::to_string(kMaxStaleAnswers) +
                             " answers in a row); stopping this run without moving the "
                             "checkpoint, the next run asks for this page again");
}

StepResult Step(const WalkState& state, std::vector<Item> items,
                std::optional<std::string> next_position, int backfill_pages,
                const std::string& context) {
  // The position sent came back as the next one: the page before it was served again (a cache,
  // a platform hiccup), not the page asked for. Nothing of it applies (see the header).
  if (state.walking && next_position && *next_position == state.position) {
    return Stale(context, "the next-page position repeats the one sent (\"" +
                              ForTerminal(SanitizeUtf8(next_position->substr(0, 64))) +
                              "\"): a page served again, not the one asked for");
  }
  StepResult out;
  WalkState next = state;
  const bool starting = !state.walking;
  if (starting) {
    next.walking = true;
    next.top = Boundary{};
    next.low = Boundary{};
    next.pages = 0;
    next.stalls = 0;
    for (const Item& item : items) {
      if (item.key_ok) next.top.Extend(item.created_at, item.id, true);
    }
  }

  bool reached_floor = false;
  size_t emitted = 0;
  for (Item& item : items) {
    if (!item.key_ok) {
      out.item_errors.push_back(item.mention.status().WithContext(context));
      continue;
    }
    if (CoveredByFloor(state.floor, item.created_at, item.id)) {
      if (item.created_at < state.floor.time) reached_floor = true;
      continue;
    }
    // Already emitted in this walk (it slid down a page) or newer than this walk's top (the
    // next walk reads it).
    if (!starting && NewerThanLow(next.low, item.created_at, item.id)) continue;
    if (!starting && next.top.set && item.created_at > next.top.time) continue;
    next.low.Extend(item.created_at, item.id, false);
    ++emitted;
    if (item.mention.ok()) {
      out.mentions.push_back(std::move(item.mention).value());
    } else {
      out.item_errors.push_back(item.mention.status().WithContext(context));
    }
  }
  ++next.pages;

  bool end = false;
  if (items.empty() || reached_floor || !next_position) {
    end = true;
  } else if (!state.floor.set && backfill_pages > 0 && next.pages >= backfill_pages) {
    end = true;  // first run: history is bounded
  } else if (emitted == 0) {
    if (++next.stalls >= kMaxStalls) {
      out.item_errors.push_back(Status::DataLoss(
          context + ": " + std::to_string(kMaxStalls) +
          " pages in a row brought nothing new; ending this walk, older reviews of this walk "
          "may be unread"));
      end = true;
    }
  } else {
    next.stalls = 0;
  }

  if (end) {
    WalkState done;
    done.floor = Finish(next);
    out.next = std::move(done);
    out.has_more = false;
  } else {
    next.position = std::move(*next_position);
    out.next = std::move(next);
    out.has_more = true;
  }
  return out;
}

}  // namespace heed::connectors::review_walk
