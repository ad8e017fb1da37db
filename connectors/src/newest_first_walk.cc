#include "newest_first_walk.h"

#include <algorithm>
#include <cstdio>

#include "connector_text.h"

namespace heed::connectors::walk {
namespace {

constexpr std::string_view kVersion = "w1";
constexpr size_t kMaxIdsPerMark = 64;
constexpr size_t kMaxCheckpointBytes = 64 * 1024;
// A page served again (the cursor sent comes back) is asked for again, up to this many times in
// a row; then the run fails and the checkpoint stays.
constexpr int kMaxRepeats = 3;
// Pages in a row whose cursor moved but that brought nothing new. Offset cursors bring such pages
// when many posts arrive during a walk, and a stale answer carrying an older page's cursor sends
// the walk back over pages it has read: it re-reads them until it is past them. A listing that
// truly cycles ends the walk after this many.
constexpr int kMaxStalls = 10;

// Percent-encodes everything but [A-Za-z0-9._~:/-] so '|' and ',' can separate fields.
std::string Escape(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '.' || c == '_' || c == '~' || c == ':' || c == '/' || c == '-';
    if (plain) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

void AppendMark(std::string& out, const Mark& mark) {
  out += "|" + Escape(mark.sort) + "|";
  for (size_t i = 0; i < mark.ids.size(); ++i) {
    if (i > 0) out += ",";
    out += Escape(mark.ids[i]);
  }
}

bool ReadMark(std::string_view sort, std::string_view ids, Mark* mark) {
  auto s = PercentDecodeStrict(sort);
  if (!s) return false;
  mark->sort = *s;
  mark->ids.clear();
  if (ids.empty()) return true;
  for (std::string_view part : Split(ids, ',')) {
    auto id = PercentDecodeStrict(part);
    if (!id || id->empty()) return false;
    mark->ids.push_back(*id);
  }
  return mark->ids.size() <= kMaxIdsPerMark;
}

bool ReadInt(std::string_view s, int* out) {
  if (s.empty() || s.size() > 6) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

bool Contains(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Moves `mark` towards `key`: newer == true keeps the newest, else the oldest.
void Extend(Mark& mark, const Key& key, bool newer) {
  bool replace = mark.empty() || (newer ? key.sort > mark.sort : key.sort < mark.sort);
  if (replace) {
    mark.sort = key.sort;
    mark.ids = {key.id};
  } else if (key.sort == mark.sort && !Contains(mark.ids, key.id) &&
             mark.ids.size() < kMaxIdsPerMark) {
    mark.ids.push_back(key.id);
  }
}

Mark Merge(const Mark& floor, const Mark& top) {
  if (top.empty()) return floor;
  if (floor.empty() || top.sort > floor.sort) return top;
  if (top.sort < floor.sort) return floor;
  Mark merged = floor;
  for (const std::string& id : top.ids) {
    if (!Contains(merged.ids, id) && merged.ids.size() < kMaxIdsPerMark) merged.ids.push_back(id);
  }
  return merged;
}

}  // namespace

Result<State> DecodeState(std::string_view checkpoint) {
  State state;
  if (checkpoint.empty()) return state;
  auto bad = [&](std::string_view why) {
    return Status::InvalidArgument("checkpoint is not a walk checkpoint (" + std::string(why) +
                                   ")");
  };
  if (checkpoint.size() > kMaxCheckpointBytes) return bad("too long");
  std::vector<std::string_view> f = Split(checkpoint, '|');
  if (f.size() != 10 || f[0] != kVersion) return bad("wrong version or field count");
  if (!ReadMark(f[1], f[2], &state.floor) || !ReadMark(f[3], f[4], &state.top) ||
      !ReadMark(f[5], f[6], &state.low)) {
    return bad("bad mark");
  }
  // "S" or "SrR": stalls, then repeats when there are any (checkpoints written before repeats
  // were counted apart have only "S").
  std::string_view stalls = f[8], repeats;
  if (size_t r = stalls.find('r'); r != std::string_view::npos) {
    repeats = stalls.substr(r + 1);
    stalls = stalls.substr(0, r);
    if (!ReadInt(repeats, &state.repeats)) return bad("bad counter");
  }
  if (!ReadInt(f[7], &state.pages) || !ReadInt(stalls, &state.stalls)) return bad("bad counter");
  auto cursor = PercentDecodeStrict(f[9]);
  if (!cursor) return bad("bad cursor");
  state.cursor = *cursor;
  if (state.pages == 0 && !state.cursor.empty()) return bad("cursor without a walk");
  return state;
}

std::string EncodeState(const State& state) {
  std::string out(kVersion);
  AppendMark(out, state.floor);
  AppendMark(out, state.top);
  AppendMark(out, state.low);
  out += "|" + std::to_string(state.pages) + "|" + std::to_string(state.stalls);
  if (state.repeats > 0) out += "r" + std::to_string(state.repeats);
  out += "|" + Escape(state.cursor);
  return out;
}

Outcome Advance(const State& state, const std::vector<std::optional<Key>>& keys,
                const std::string& sent_cursor, const std::string& next_cursor,
                int backfill_pages) {
  Outcome out;
  out.take.assign(keys.size(), false);
  const bool walking = state.pages > 0;
  State next = state;
  if (!walking) {
    next.top = Mark{};
    next.low = Mark{};
    next.stalls = 0;
    next.repeats = 0;
  }
  bool reached_floor = false;
  bool progress = false;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (!keys[i]) continue;
    const Key& key = *keys[i];
    if (!state.floor.empty()) {
      if (key.sort < state.floor.sort) {
        reached_floor = true;
        continue;
      }
      if (key.sort == state.floor.sort && Contains(state.floor.ids, key.id)) continue;
    }
    if (walking && !state.low.empty()) {
      if (key.sort > state.low.sort) continue;
      if (key.sort == state.low.sort && Contains(state.low.ids, key.id)) continue;
    }
    out.take[i] = true;
    progress = true;
    Extend(next.top, key, /*newer=*/true);
    Extend(next.low, key, /*newer=*/false);
  }

  // The cursor it was sent back: a page served again (a caching proxy, a platform hiccup), not
  // the page after it. Moving on from here would skip the real page, so the walk asks for the
  // same cursor again; kMaxRepeats in a row fail the run (a listing that truly loops).
  const bool repeat = walking && !sent_cursor.empty() && next_cursor == sent_cursor;
  // A last page (no cursor) that brings nothing new in the middle of a walk: either the feed
  // moved under an offset cursor and its tail was read already, or a stale answer (another
  // request's last page) stands in for the page asked for. Ending the walk on the second would
  // move the floor over the unread rest, so the walk asks for the same cursor again, as a stall:
  // the first case ends after kMaxStalls of them, the second reads the real page.
  const bool dead_end = walking && !sent_cursor.empty() && next_cursor.empty() && !progress &&
                        !reached_floor && !keys.empty();
  // Pages that brought something (and the walk's first): a stale answer that sends the walk
  // back over pages it has read must not spend the first walk's backfill bound.
  const int pages = (walking ? state.pages : 0) + (!walking || progress ? 1 : 0);
  bool end = reached_floor || keys.empty() || (next_cursor.empty() && !dead_end);
  if (!end && state.floor.empty() && backfill_pages > 0 && pages >= backfill_pages) end = true;
  // Counted apart: a page served again says nothing of whether the walk still finds new items,
  // and a stall ends the walk (losing its older part) where repeats only fail the run.
  if (repeat) {
    ++next.repeats;
  } else {
    next.repeats = 0;
    next.stalls = progress ? 0 : next.stalls + 1;
  }
  if (!end && repeat && next.repeats >= kMaxRepeats) {
    // Ending the walk here would move the floor over the unread rest of it: fail instead.
    Outcome stale;
    stale.take.assign(keys.size(), false);
    stale.next = state;
    stale.stale = "the listing returned the cursor it was sent (\"" + next_cursor.substr(0, 64) +
                  "\") " + std::to_string(kMaxRepeats) +
                  " times in a row; stopping this run without moving the checkpoint, the next "
                  "run asks for this page again";
    return stale;
  }
  if (!end && next.stalls >= kMaxStalls) {
    end = true;
    out.problem = std::to_string(kMaxStalls) +
                  " pages in a row brought nothing new; ending this walk, older items of it are "
                  "not read";
  }
  if (end) {
    next.floor = Merge(state.floor, next.top);
    next.top = Mark{};
    next.low = Mark{};
    next.cursor.clear();
    next.pages = 0;
    next.stalls = 0;
    next.repeats = 0;
    out.has_more = false;
  } else {
    next.cursor = dead_end ? sent_cursor : next_cursor;
    next.pages = pages;
    out.has_more = true;
  }
  out.next = std::move(next);
  return out;
}

std::string SortKeyFromMillis(int64_t unix_millis) {
  if (unix_millis < 0) unix_millis = 0;
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%016lld", static_cast<long long>(unix_millis));
  return buffer;
}

std::optional<std::string> SortKeyFromBase36(std::string_view id36) {
  if (id36.empty() || id36.size() > 16) return std::nullopt;
  std::string out(16 - id36.size(), '0');
  for (char c : id36) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) return std::nullopt;
    out.push_back(c);
  }
  return out;
}

}  // namespace heed::connectors::walk
