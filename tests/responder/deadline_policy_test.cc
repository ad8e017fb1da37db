#include "heed/responder/deadline_policy.h"

#include <gtest/gtest.h>

namespace heed::responder {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

store::ScoreRecord Score(std::string label, std::string urgency = "") {
  store::ScoreRecord s;
  s.label = std::move(label);
  s.urgency = std::move(urgency);
  return s;
}

class DeadlinePolicyTest : public ::testing::Test {
 protected:
  DeadlinePolicy policy_;
  TimePoint posted_ = *ParseIso8601("2026-11-23T09:00:00Z");
  TimePoint now_ = *ParseIso8601("2026-11-23T09:20:00Z");  // fetched 20 minutes later
};

TEST_F(DeadlinePolicyTest, ClockStartsAtThePostsOwnTimestamp) {
  store::DeadlineRecord d = ComputeDeadline(policy_, Score("negative"), posted_, now_);
  EXPECT_EQ(d.starts_at, posted_);
  ASSERT_TRUE(d.due_at.has_value());
  EXPECT_EQ(*d.due_at, posted_ + hours(1));  // not now_ + 1h: ingestion lag counts
  EXPECT_EQ(d.computed_at, now_);
  EXPECT_EQ(d.policy, "default@1");
  EXPECT_NE(d.rule.find("negative"), std::string::npos);
  EXPECT_NE(d.rule.find("1h 00m"), std::string::npos);
}

TEST_F(DeadlinePolicyTest, TiersByToneAndUrgency) {
  EXPECT_EQ(*ComputeDeadline(policy_, Score("neutral"), posted_, now_).due_at, posted_ + hours(4));
  EXPECT_EQ(*ComputeDeadline(policy_, Score("neutral", "question"), posted_, now_).due_at,
            posted_ + hours(4));
  // A polite refund request is as urgent as an angry post.
  EXPECT_EQ(*ComputeDeadline(policy_, Score("neutral", "refund"), posted_, now_).due_at,
            posted_ + hours(1));
  EXPECT_EQ(*ComputeDeadline(policy_, Score("positive", "question,legal"), posted_, now_).due_at,
            posted_ + hours(1));
  // A question in a positive post still needs an answer.
  EXPECT_EQ(*ComputeDeadline(policy_, Score("positive", "question"), posted_, now_).due_at,
            posted_ + hours(4));
  store::DeadlineRecord praise = ComputeDeadline(policy_, Score("positive"), posted_, now_);
  EXPECT_FALSE(praise.due_at.has_value());
  EXPECT_NE(praise.rule.find("no reply needed"), std::string::npos);
}

TEST_F(DeadlinePolicyTest, PolicyBudgetsAreConfigurable) {
  policy_.negative = minutes(30);
  policy_.positive = hours(24);
  EXPECT_EQ(*ComputeDeadline(policy_, Score("negative"), posted_, now_).due_at,
            posted_ + minutes(30));
  EXPECT_EQ(*ComputeDeadline(policy_, Score("positive"), posted_, now_).due_at,
            posted_ + hours(24));
}

TEST(ParseBudget, AcceptsDurationsAndNone) {
  EXPECT_EQ(**ParseBudget("90m"), minutes(90));
  EXPECT_EQ(**ParseBudget("4h30m"), hours(4) + minutes(30));
  EXPECT_EQ(**ParseBudget("2d"), hours(48));
  EXPECT_EQ(**ParseBudget("45s"), std::chrono::seconds(45));
  EXPECT_FALSE(ParseBudget("none")->has_value());
}

TEST(ParseBudget, RejectsGarbageNamingIt) {
  for (const char* bad : {"", "1", "h", "1x", "-1h", "0m", "1h 30m", "99999999h"}) {
    auto r = ParseBudget(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(r.status().message().find(bad), std::string::npos);
  }
}

}  // namespace
}  // namespace heed::responder
