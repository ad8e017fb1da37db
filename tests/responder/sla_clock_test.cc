#include "heed/responder/sla_clock.h"

#include <gtest/gtest.h>

namespace heed::responder {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using store::ItemStatus;

TimePoint At(const char* iso) { return *ParseIso8601(iso); }

const TimePoint kPosted = At("2026-11-23T08:00:00Z");  // Monday 09:00 in Rome

store::StatusEvent Event(ItemStatus status, Millis after) {
  return {.mention_id = 7, .status = status, .by = "DM", .at = kPosted + after};
}

using Stages = std::vector<std::pair<std::string, TimePoint>>;

TEST(SlaClock, StageTimesAtFiftyEightyHundredAndTwoHundredPercent) {
  SlaClock clock = EvaluateClock(BusinessCalendar::AlwaysOpen(), SlaStages{}, "first_reply",
                                 kPosted, hours(1), {}, kPosted);
  Stages expected = {{"warning_50", kPosted + minutes(30)},
                     {"warning_80", kPosted + minutes(48)},
                     {"breached", kPosted + hours(1)},
                     {"escalated", kPosted + hours(2)}};
  EXPECT_EQ(clock.stages, expected);
  EXPECT_EQ(clock.due_at, kPosted + hours(1));
  EXPECT_EQ(clock.target, "first_reply");
  EXPECT_EQ(clock.elapsed, Millis(0));

  EXPECT_TRUE(StagesDue(clock, kPosted + minutes(29)).empty());
  EXPECT_EQ(StagesDue(clock, kPosted + minutes(30)), std::vector<std::string>{"warning_50"});
  EXPECT_EQ(StagesDue(clock, kPosted + hours(1)),
            (std::vector<std::string>{"warning_50", "warning_80", "breached"}));
  EXPECT_EQ(StagesDue(clock, kPosted + hours(5)).size(), 4u);
}

TEST(SlaClock, StagesFollowBusinessHours) {
  auto office =
      *BusinessCalendar::Create("office", "Europe/Rome", "mon-fri 09:00-13:00 14:00-18:00");
  SlaStages stages{.warning_percent = {50, 80}, .escalate_percent = 200};
  SlaClock clock = EvaluateClock(office, stages, "first_reply", kPosted, hours(4), {}, kPosted);
  Stages expected = {{"warning_50", At("2026-11-23T10:00:00Z")},  // 11:00
                     {"warning_80", At("2026-11-23T11:12:00Z")},  // 12:12
                     {"breached", At("2026-11-23T12:00:00Z")},    // 13:00, before lunch
                     {"escalated", At("2026-11-23T17:00:00Z")}};  // 18:00
  EXPECT_EQ(clock.stages, expected);
  // Evaluated during lunch: only business time counts as used.
  SlaClock lunch = EvaluateClock(office, stages, "first_reply", kPosted, hours(4), {},
                                 At("2026-11-23T12:30:00Z"));
  EXPECT_EQ(lunch.elapsed, hours(4));
  EXPECT_EQ(lunch.paused, Millis(0));
}

TEST(SlaClock, PausesComeFromWaitingStatus) {
  std::vector<store::StatusEvent> history = {
      Event(ItemStatus::kNew, minutes(0)),       Event(ItemStatus::kWaiting, minutes(20)),
      Event(ItemStatus::kWaiting, minutes(25)),  Event(ItemStatus::kInProgress, minutes(50)),
      Event(ItemStatus::kWaiting, minutes(70)),  Event(ItemStatus::kResolved, minutes(80)),
      Event(ItemStatus::kWaiting, minutes(100)),
  };
  std::vector<PauseInterval> pauses = PausesFromStatus(history);
  ASSERT_EQ(pauses.size(), 3u);
  EXPECT_EQ(pauses[0].from, kPosted + minutes(20));
  EXPECT_EQ(pauses[0].to, kPosted + minutes(50));  // a second "waiting" does not restart it
  EXPECT_EQ(pauses[1].to, kPosted + minutes(80));  // resolved ends a pause too
  EXPECT_EQ(pauses[2].from, kPosted + minutes(100));
  EXPECT_FALSE(pauses[2].to.has_value());  // still waiting
}

TEST(SlaClock, PauseAndResume) {
  BusinessCalendar always = BusinessCalendar::AlwaysOpen();
  std::vector<store::StatusEvent> history = {Event(ItemStatus::kNew, minutes(0)),
                                             Event(ItemStatus::kWaiting, minutes(20))};
  // Paused since minute 20: no due time, and stages not yet reached have no time either.
  SlaClock paused = EvaluateClock(always, SlaStages{}, "first_reply", kPosted, hours(1),
                                  PausesFromStatus(history), kPosted + minutes(40));
  EXPECT_TRUE(paused.paused_now);
  EXPECT_FALSE(paused.due_at.has_value());
  EXPECT_EQ(paused.paused, minutes(20));
  EXPECT_EQ(paused.elapsed, minutes(20));
  EXPECT_TRUE(paused.stages.empty());

  // The customer answers at minute 50: 30 minutes paused are excluded from the budget.
  history.push_back(Event(ItemStatus::kInProgress, minutes(50)));
  SlaClock resumed = EvaluateClock(always, SlaStages{}, "first_reply", kPosted, hours(1),
                                   PausesFromStatus(history), kPosted + minutes(60));
  EXPECT_FALSE(resumed.paused_now);
  EXPECT_EQ(resumed.due_at, kPosted + minutes(90));
  EXPECT_EQ(resumed.paused, minutes(30));
  EXPECT_EQ(resumed.elapsed, minutes(30));
  Stages expected = {{"warning_50", kPosted + minutes(60)},
                     {"warning_80", kPosted + minutes(78)},
                     {"breached", kPosted + minutes(90)},
                     {"escalated", kPosted + minutes(150)}};
  EXPECT_EQ(resumed.stages, expected);
}

TEST(SlaClock, StagesReachedBeforeAPauseKeepTheirTimes) {
  std::vector<PauseInterval> pauses = {{kPosted + minutes(40), std::nullopt}};
  SlaClock clock = EvaluateClock(BusinessCalendar::AlwaysOpen(), SlaStages{}, "resolution", kPosted,
                                 hours(1), pauses, kPosted + hours(3));
  EXPECT_TRUE(clock.paused_now);
  EXPECT_EQ(clock.stages, (Stages{{"warning_50", kPosted + minutes(30)}}));
  EXPECT_EQ(StagesDue(clock, kPosted + hours(3)), std::vector<std::string>{"warning_50"});
  EXPECT_EQ(clock.paused, minutes(140));
  EXPECT_EQ(clock.elapsed, minutes(40));
}

TEST(SlaClock, CustomStagesAreOrderedByPercent) {
  SlaStages stages{.warning_percent = {25, 90}, .escalate_percent = 150};
  SlaClock clock = EvaluateClock(BusinessCalendar::AlwaysOpen(), stages, "first_reply", kPosted,
                                 hours(4), {}, kPosted);
  Stages expected = {{"warning_25", kPosted + hours(1)},
                     {"warning_90", kPosted + minutes(216)},
                     {"breached", kPosted + hours(4)},
                     {"escalated", kPosted + hours(6)}};
  EXPECT_EQ(clock.stages, expected);
}

TEST(SlaClock, ExplainSaysPolicyRuleCalendarStartPausesAndDue) {
  SlaPolicy policy;
  SlaRule low;
  low.name = "reviews-low-stars";
  low.platforms = {"trustpilot"};
  low.max_rating = 2;
  low.first_reply = hours(1);
  low.calendar = "office";
  SlaRule rest;
  rest.name = "everything-else";
  policy.rules = {low, rest};
  std::vector<PauseInterval> pauses = {{kPosted + minutes(10), kPosted + minutes(25)}};
  TimePoint now = kPosted + minutes(95);
  SlaClock clock = EvaluateClock(BusinessCalendar::AlwaysOpen(), policy.stages, "first_reply",
                                 kPosted, hours(1), pauses, now);
  std::string text = ExplainClock(clock, policy.rules[0], policy, 3, now);
  for (const char* needle :
       {"policy: default@3 (rule 1 of 2",
        "rule: reviews-low-stars, matched on platform trustpilot, "
        "rating <= 2",
        "calendar: office", "first public reply within 1h 00m",
        "clock started: 2026-11-23T08:00:00.000Z", "paused: 15m", "used: 1h 20m of 1h 00m",
        "due: 2026-11-23T09:15:00.000Z, overdue by 20m",
        "breached 2026-11-23T09:15:00.000Z (reached)"}) {
    EXPECT_NE(text.find(needle), std::string::npos) << needle << "\n" << text;
  }
  SlaClock early = EvaluateClock(BusinessCalendar::AlwaysOpen(), policy.stages, "first_reply",
                                 kPosted, hours(1), {}, kPosted + minutes(15));
  EXPECT_NE(ExplainClock(early, policy.rules[0], policy, 3, kPosted + minutes(15)).find("45m left"),
            std::string::npos);
  SlaClock waiting =
      EvaluateClock(BusinessCalendar::AlwaysOpen(), policy.stages, "first_reply", kPosted, hours(1),
                    {{kPosted + minutes(10), std::nullopt}}, kPosted + minutes(30));
  std::string paused_text =
      ExplainClock(waiting, policy.rules[0], policy, 3, kPosted + minutes(30));
  EXPECT_NE(paused_text.find("paused now"), std::string::npos) << paused_text;
  EXPECT_NE(paused_text.find("due: none while paused, 50m of the budget left"), std::string::npos)
      << paused_text;
}

}  // namespace
}  // namespace heed::responder
