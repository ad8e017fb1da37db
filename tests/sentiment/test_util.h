// Shared fixture for the sentiment tests: one default Scorer for the whole suite.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string_view>

#include "heed/sentiment/scorer.h"

namespace heed::sentiment::testing {

inline const Scorer& DefaultScorer() {
  static const std::unique_ptr<Scorer> scorer = [] {
    auto created = Scorer::CreateDefault();
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? std::move(created).value() : nullptr;
  }();
  return *scorer;
}

inline Score Analyze(std::string_view text, std::string_view hint = "") {
  return DefaultScorer().Analyze(text, hint);
}

inline double Compound(std::string_view text, std::string_view hint = "") {
  return Analyze(text, hint).compound;
}

// The contribution whose token is `token`, or nullptr.
inline const Contribution* FindContribution(const Score& score, std::string_view token) {
  for (const Contribution& c : score.contributions) {
    if (c.token == token) return &c;
  }
  return nullptr;
}

}  // namespace heed::sentiment::testing
