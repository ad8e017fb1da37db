// The built-in sentiment scorer, created once per fuzzing process (creation parses the
// compiled-in lexicons; doing it per input would dominate the run).
#pragma once

#include <memory>
#include <utility>

#include "fuzz_check.h"
#include "heed/sentiment/scorer.h"

namespace heed::fuzz {

inline const sentiment::Scorer& DefaultScorer() {
  static const std::unique_ptr<sentiment::Scorer> scorer = [] {
    auto created = sentiment::Scorer::Create({});
    HEED_FUZZ_CHECK(created.ok());
    return std::move(*created);
  }();
  return *scorer;
}

}  // namespace heed::fuzz
