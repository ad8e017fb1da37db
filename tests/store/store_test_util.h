// Shared helpers for the store suites: a throwaway directory and sample records.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>

#include "heed/core/clock.h"
#include "heed/core/mention.h"
#include "heed/store/store.h"

namespace heed::store::testing {

// 2026-08-01T12:00:00Z, the fixed "now" of these tests.
inline TimePoint T0() { return FromUnixMillis(1785585600000); }
inline TimePoint At(int minutes) { return T0() + std::chrono::minutes(minutes); }

inline Mention SampleMention(std::string remote_id, std::string platform = "mastodon") {
  Mention m;
  m.platform = std::move(platform);
  m.remote_id = std::move(remote_id);
  m.thread_id = "thread-1";
  m.parent_id = "parent-1";
  m.author = {"acct-7", "giulia@mastodon.social", "Giulia", "https://mastodon.social/@giulia"};
  m.text = "My order never arrived, can I get a refund?";
  m.language = "en";
  m.url = "https://mastodon.social/@giulia/" + m.remote_id;
  m.created_at = T0();
  m.raw_json = R"({"id":")" + m.remote_id + R"("})";
  return m;
}

// Opens a store or fails the test.
inline std::unique_ptr<Store> OpenOrDie(const std::string& path,
                                        Store::OpenMode mode = Store::OpenMode::kCreate) {
  auto store = Store::Open(path, mode);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(store).value() : nullptr;
}

// A fixture owning a fresh directory under the GoogleTest temp dir, removed afterwards.
class TempDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = ::testing::TempDir() + "heed_store_XXXXXX";
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::string PathFor(const std::string& name) const { return (dir_ / name).string(); }

  std::filesystem::path dir_;
};

}  // namespace heed::store::testing
