#include "ids.h"

namespace heed::connectors {
namespace {

std::string_view StripLeadingZeros(std::string_view id) {
  size_t first = id.find_first_not_of('0');
  return first == std::string_view::npos ? std::string_view("0") : id.substr(first);
}

}  // namespace

bool IsDecimalId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int CompareDecimalIds(std::string_view a, std::string_view b) {
  a = StripLeadingZeros(a);
  b = StripLeadingZeros(b);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

}  // namespace heed::connectors
