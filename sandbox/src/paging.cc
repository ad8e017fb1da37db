#include "paging.h"

#include <algorithm>
#include <limits>

namespace heed::sandbox {

std::optional<uint64_t> ParseId(std::string_view text) {
  if (text.empty()) return std::nullopt;
  uint64_t value = 0;
  constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    auto digit = static_cast<uint64_t>(c - '0');
    if (value > (kMax - digit) / 10) {
      value = kMax;
    } else {
      value = value * 10 + digit;
    }
  }
  return value;
}

PageParams ParsePageParams(const Params& params, size_t default_limit, size_t max_limit) {
  PageParams page;
  auto id = [&](std::string_view key) -> std::optional<uint64_t> {
    auto value = FirstParam(params, key);
    return value ? ParseId(*value) : std::nullopt;
  };
  page.max_id = id("max_id");
  page.since_id = id("since_id");
  page.min_id = id("min_id");
  page.limit = default_limit;
  if (auto limit = id("limit"); limit && *limit > 0) {
    page.limit = static_cast<size_t>(std::min<uint64_t>(*limit, max_limit));
  }
  if (auto offset = id("offset")) {
    page.offset = static_cast<size_t>(std::min<uint64_t>(*offset, 1u << 30));
  }
  return page;
}

std::vector<size_t> SelectPage(const std::vector<uint64_t>& ids, const PageParams& page) {
  size_t begin = 0;
  size_t end = ids.size();
  std::optional<uint64_t> lower = page.min_id;
  if (page.since_id && (!lower || *page.since_id > *lower)) lower = page.since_id;
  if (lower)
    begin = static_cast<size_t>(std::upper_bound(ids.begin(), ids.end(), *lower) - ids.begin());
  if (page.max_id) {
    end = static_cast<size_t>(std::lower_bound(ids.begin(), ids.end(), *page.max_id) - ids.begin());
  }
  std::vector<size_t> out;
  if (begin >= end) return out;
  if (page.min_id) {  // the oldest `limit` after min_id
    size_t first = begin + std::min(page.offset, end - begin);
    size_t last = first + std::min(page.limit, end - first);
    for (size_t i = last; i > first; --i) out.push_back(i - 1);
  } else {  // the newest `limit` before max_id
    size_t last = end - std::min(page.offset, end - begin);
    size_t first = last - std::min(page.limit, last - begin);
    for (size_t i = last; i > first; --i) out.push_back(i - 1);
  }
  return out;
}

std::string LinkHeader(std::string_view base_url, std::string_view path, const Params& query,
                       uint64_t oldest, uint64_t newest) {
  Params kept;
  for (const auto& kv : query) {
    if (kv.first != "max_id" && kv.first != "since_id" && kv.first != "min_id" &&
        kv.first != "offset") {
      kept.push_back(kv);
    }
  }
  auto url = [&](std::string key, uint64_t id) {
    Params params = kept;
    params.emplace_back(std::move(key), std::to_string(id));
    std::stable_sort(params.begin(), params.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    return "<" + std::string(base_url) + std::string(path) + "?" + EncodeQuery(params) + ">";
  };
  return url("max_id", oldest) + "; rel=\"next\", " + url("min_id", newest) + "; rel=\"prev\"";
}

}  // namespace heed::sandbox
