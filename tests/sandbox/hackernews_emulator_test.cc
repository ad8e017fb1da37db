// The Hacker News (Algolia) emulator over the real listener.
#include <gtest/gtest.h>

#include "sandbox_test_util.h"

namespace heed::sandbox::testing {
namespace {

class HackerNewsEmulatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sandbox_ = StartSandbox(&clock_, 11, 25);
    ASSERT_NE(sandbox_, nullptr);
    client_ = std::make_unique<Client>(sandbox_->PlatformUrl("hackernews"));
  }
  SimulatedClock clock_{TestStart()};
  std::unique_ptr<Sandbox> sandbox_;
  std::unique_ptr<Client> client_;
};

TEST_F(HackerNewsEmulatorTest, SearchByDateShapesAndOrder) {
  Reply r =
      client_->Get("/api/v1/search_by_date?query=acme&tags=%28story%2Ccomment%29&hitsPerPage=1000");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_TRUE(r.json.IsObject());
  const auto& hits = r.json["hits"];
  ASSERT_TRUE(hits.IsArray());
  EXPECT_EQ(hits.Size(), 50u);  // every corpus post names the brand
  EXPECT_EQ(r.json["nbHits"].GetInt(), 50);
  EXPECT_EQ(r.json["nbPages"].GetInt(), 1);
  EXPECT_EQ(r.json["page"].GetInt(), 0);
  int stories = 0;
  int64_t previous = INT64_MAX;
  for (const auto& hit : hits.GetArray()) {
    ASSERT_TRUE(hit["objectID"].IsString());
    ASSERT_TRUE(hit["created_at_i"].IsInt64());
    EXPECT_LE(hit["created_at_i"].GetInt64(), previous);
    previous = hit["created_at_i"].GetInt64();
    if (hit.HasMember("title")) {
      ++stories;
    } else {
      EXPECT_TRUE(hit["comment_text"].IsString());
      EXPECT_TRUE(hit["parent_id"].IsInt64());
      EXPECT_TRUE(hit["story_id"].IsInt64());
    }
  }
  EXPECT_EQ(stories, 25);

  Reply only = client_->Get("/api/v1/search_by_date?query=acme&tags=story&hitsPerPage=10&page=2");
  EXPECT_EQ(only.json["hits"].Size(), 5u);
  EXPECT_EQ(only.json["nbPages"].GetInt(), 3);
  Reply beyond = client_->Get("/api/v1/search_by_date?query=acme&tags=story&hitsPerPage=10&page=9");
  EXPECT_EQ(beyond.json["hits"].Size(), 0u);
}

TEST_F(HackerNewsEmulatorTest, NumericFiltersAndErrors) {
  Reply all = client_->Get("/api/v1/search_by_date?query=acme&tags=comment&hitsPerPage=1000");
  ASSERT_EQ(all.status, 200);
  int64_t middle = all.json["hits"][10]["created_at_i"].GetInt64();
  Reply below = client_->Get("/api/v1/search_by_date?query=acme&tags=comment&numericFilters=" +
                             std::string("created_at_i%3C%3D") + std::to_string(middle) +
                             "&hitsPerPage=1000");
  ASSERT_EQ(below.status, 200);
  for (const auto& hit : below.json["hits"].GetArray()) {
    EXPECT_LE(hit["created_at_i"].GetInt64(), middle);
  }
  EXPECT_GE(below.json["hits"].Size(), 15u);

  Reply bad = client_->Get("/api/v1/search_by_date?query=acme&numericFilters=created_at_i%3Dx");
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(bad.json["message"].IsString());
  EXPECT_EQ(bad.json["status"].GetInt(), 400);
  EXPECT_EQ(client_->Get("/api/v1/search_by_date?hitsPerPage=5000").status, 400);
  EXPECT_EQ(client_->Get("/api/v1/nope").status, 404);
  EXPECT_EQ(client_->Send("POST", "/api/v1/search_by_date").status, 404);

  std::string id = Str(all.json["hits"][0], "objectID");
  Reply item = client_->Get("/api/v1/items/" + id);
  ASSERT_EQ(item.status, 200);
  EXPECT_EQ(item.json["type"].GetString(), std::string("comment"));
  EXPECT_EQ(client_->Get("/api/v1/items/1").status, 404);
}

TEST(HackerNewsEmulatorRateLimit, TooManyRequests) {
  SimulatedClock clock(TestStart());
  auto sandbox = StartSandbox(&clock, 1, 5, /*rate_limit=*/2);
  ASSERT_NE(sandbox, nullptr);
  Client client(sandbox->PlatformUrl("hackernews"));
  EXPECT_EQ(client.Get("/api/v1/search_by_date?query=acme").status, 200);
  EXPECT_EQ(client.Get("/api/v1/search_by_date?query=acme").status, 200);
  Reply limited = client.Get("/api/v1/search_by_date?query=acme");
  EXPECT_EQ(limited.status, 429);
  EXPECT_FALSE(limited.Header("retry-after").empty());
  EXPECT_EQ(limited.json["status"].GetInt(), 429);
}

}  // namespace
}  // namespace heed::sandbox::testing
