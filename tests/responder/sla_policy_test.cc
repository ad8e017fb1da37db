#include "heed/responder/sla_policy.h"

#include <gtest/gtest.h>

namespace heed::responder {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

SlaFacts Facts(std::string platform, std::string label, std::string urgency = "",
               std::optional<int> rating = std::nullopt,
               std::optional<int64_t> reach = std::nullopt) {
  return {std::move(platform), std::move(label), std::move(urgency), rating, reach};
}

SlaPolicy ExamplePolicy() {
  SlaPolicy policy;
  SlaRule low_stars;
  low_stars.name = "reviews-low-stars";
  low_stars.platforms = {"trustpilot", "google_play"};
  low_stars.max_rating = 2;
  low_stars.first_reply = hours(4);
  low_stars.resolution = hours(72);
  low_stars.calendar = "office";
  SlaRule vip;
  vip.name = "vip-refund";
  vip.urgency_any = {"refund", "legal"};
  vip.min_reach = 10'000;
  vip.first_reply = minutes(30);
  SlaRule negative;
  negative.name = "negative";
  negative.labels = {"negative"};
  negative.first_reply = hours(1);
  SlaRule praise;
  praise.name = "praise";
  praise.labels = {"positive"};  // no targets: no deadline
  policy.rules = {low_stars, vip, negative, praise};
  return policy;
}

std::string Match(const SlaPolicy& policy, const SlaFacts& facts) {
  const SlaRule* rule = MatchRule(policy, facts);
  return rule ? rule->name : "none";
}

TEST(SlaPolicy, MatchesByPlatformLabelUrgencyRatingAndReach) {
  SlaPolicy policy = ExamplePolicy();
  EXPECT_EQ(Match(policy, Facts("trustpilot", "negative", "", 1)), "reviews-low-stars");
  EXPECT_EQ(Match(policy, Facts("google_play", "neutral", "", 2)), "reviews-low-stars");
  // Three stars is above the bound; an unknown rating never satisfies one.
  EXPECT_EQ(Match(policy, Facts("trustpilot", "negative", "", 3)), "negative");
  EXPECT_EQ(Match(policy, Facts("trustpilot", "negative")), "negative");
  // Reach: known and large enough, with any of the urgency flags.
  EXPECT_EQ(Match(policy, Facts("x", "neutral", "question,refund", std::nullopt, 50'000)),
            "vip-refund");
  EXPECT_EQ(Match(policy, Facts("x", "neutral", "refund", std::nullopt, 9'999)), "none");
  EXPECT_EQ(Match(policy, Facts("x", "neutral", "refund")), "none");
  EXPECT_EQ(Match(policy, Facts("x", "neutral", "question", std::nullopt, 50'000)), "none");
  EXPECT_EQ(Match(policy, Facts("mastodon", "positive")), "praise");
  // Flags are whole words of the comma list, not substrings.
  EXPECT_EQ(Match(policy, Facts("x", "neutral", "refunded", std::nullopt, 50'000)), "none");
}

TEST(SlaPolicy, FirstMatchWins) {
  SlaPolicy policy = ExamplePolicy();
  // A one-star review from a big account asking for a refund matches three rules: the first wins.
  SlaFacts facts = Facts("trustpilot", "negative", "refund", 1, 1'000'000);
  EXPECT_EQ(Match(policy, facts), "reviews-low-stars");
  std::swap(policy.rules[0], policy.rules[1]);
  EXPECT_EQ(Match(policy, facts), "vip-refund");
}

TEST(SlaPolicy, LegacyRulesAgreeWithComputeDeadline) {
  DeadlinePolicy legacy;
  legacy.negative = minutes(45);
  legacy.question = hours(3);
  legacy.neutral = hours(6);
  SlaPolicy policy = PolicyFromLegacy(legacy);
  TimePoint posted = *ParseIso8601("2026-11-23T09:00:00Z");
  for (std::optional<Millis> positive :
       {std::optional<Millis>(), std::optional<Millis>(hours(24))}) {
    legacy.positive = positive;
    policy = PolicyFromLegacy(legacy);
    for (const char* label : {"negative", "neutral", "positive", ""}) {
      for (const char* urgency : {"", "question", "refund", "churn", "legal", "safety",
                                  "question,legal", "praise,question"}) {
        store::ScoreRecord score;
        score.label = label;
        score.urgency = urgency;
        store::DeadlineRecord expected = ComputeDeadline(legacy, score, posted, posted);
        const SlaRule* rule = MatchRule(policy, Facts("mastodon", label, urgency));
        ASSERT_NE(rule, nullptr);
        std::optional<TimePoint> due;
        if (rule->first_reply) due = posted + *rule->first_reply;
        EXPECT_EQ(due, expected.due_at) << label << " / " << urgency << " -> " << rule->name;
        EXPECT_TRUE(rule->calendar.empty());
      }
    }
  }
}

TEST(SlaPolicy, CanonicalChangesWithWhatAffectsDeadlines) {
  SlaPolicy policy = ExamplePolicy();
  std::string base = policy.Canonical();
  EXPECT_EQ(ExamplePolicy().Canonical(), base);  // deterministic
  SlaPolicy reordered_lists = ExamplePolicy();
  std::swap(reordered_lists.rules[0].platforms[0], reordered_lists.rules[0].platforms[1]);
  EXPECT_EQ(reordered_lists.Canonical(), base);  // list order within a rule does not matter

  SlaPolicy budget = ExamplePolicy();
  budget.rules[2].first_reply = minutes(59);
  EXPECT_NE(budget.Canonical(), base);
  SlaPolicy order = ExamplePolicy();
  std::swap(order.rules[2], order.rules[3]);
  EXPECT_NE(order.Canonical(), base);  // rule order changes which rule wins
  SlaPolicy stages = ExamplePolicy();
  stages.stages.escalate_percent = 150;
  EXPECT_NE(stages.Canonical(), base);
  SlaPolicy resolution = ExamplePolicy();
  resolution.rules[0].resolution.reset();
  EXPECT_NE(resolution.Canonical(), base);
}

TEST(SlaPolicy, CanonicalWithCalendarsSeesHoursAndHolidays) {
  SlaPolicy policy = ExamplePolicy();
  std::map<std::string, BusinessCalendar> calendars;
  calendars.emplace("office",
                    *BusinessCalendar::Create("office", "Europe/Rome", "mon-fri 09:00-18:00"));
  calendars.emplace("unused", *BusinessCalendar::Create("unused", "UTC", "24x7"));
  std::string base = policy.Canonical(calendars);
  EXPECT_NE(base.find("Europe/Rome"), std::string::npos);
  EXPECT_EQ(base.find("unused"), std::string::npos);  // only calendars a rule names

  calendars.at("office") =
      *BusinessCalendar::Create("office", "Europe/Rome", "mon-fri 09:00-17:00");
  EXPECT_NE(policy.Canonical(calendars), base);
  std::string hours_changed = policy.Canonical(calendars);
  calendars.at("office") = *BusinessCalendar::Create("office", "Europe/Rome", "mon-fri 09:00-17:00",
                                                     {std::chrono::year(2026) / 12 / 8});
  EXPECT_NE(policy.Canonical(calendars), hours_changed);
}

TEST(SlaPolicy, DescribeConditionsSaysWhyARuleMatched) {
  SlaPolicy policy = ExamplePolicy();
  EXPECT_EQ(DescribeConditions(policy.rules[0]), "platform trustpilot or google_play, rating <= 2");
  EXPECT_EQ(DescribeConditions(policy.rules[1]), "urgency refund or legal, reach >= 10000");
  EXPECT_EQ(DescribeConditions(SlaRule{}), "any post");
}

}  // namespace
}  // namespace heed::responder
