#include "policy.h"

#include <array>
#include <string>

#include "heed/core/text.h"

namespace heed::sandbox {

bool IsForbidden(std::string_view method, std::string_view path) {
  static constexpr std::array<std::string_view, 12> kActions = {
      "mute",    "block",   "hide",  "unpublish", "moderat", "suspend",
      "silence", "dismiss", "clear", "report",    "filter",  "remove"};
  std::string lower_method = AsciiLower(method);
  if (lower_method == "delete") return true;
  std::string lower = AsciiLower(path);
  for (std::string_view admin : {"/api/v1/admin", "/api/v2/admin"}) {
    if (lower.starts_with(admin) && (lower.size() == admin.size() || lower[admin.size()] == '/')) {
      return true;
    }
  }
  if (lower_method == "get" || lower_method == "head") return false;
  size_t start = 0;
  while (start < lower.size()) {
    size_t slash = lower.find('/', start);
    std::string_view segment = std::string_view(lower).substr(
        start, slash == std::string::npos ? std::string::npos : slash - start);
    for (std::string_view action : kActions) {
      if (segment.find(action) != std::string_view::npos) return true;
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return false;
}

}  // namespace heed::sandbox
