// Automatic acknowledgements: negative, new, unanswered, young posts only; once; in the
// author's language; only while the configured calendar is open.
#include "heed/app/auto_ack.h"

#include <gtest/gtest.h>

#include "heed/app/config.h"

namespace heed::app {
namespace {

class RecordingPublisher : public responder::ReplyPublisher {
 public:
  Result<responder::PublishedReply> Publish(const store::StoredMention& mention,
                                            const std::string& text, const std::string&,
                                            bool) override {
    posted.emplace_back(mention.id, text);
    return responder::PublishedReply{"ack-" + std::to_string(posted.size()), ""};
  }
  std::vector<std::pair<int64_t, std::string>> posted;
};

class AutoAckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(store::Store::Open(":memory:")).value();
    templates_ = std::move(responder::TemplateSet::Defaults()).value();
    auto config = ParseConfig(R"(
[calendar.office]
time_zone = Europe/Rome
hours = mon-fri 09:00-18:00
[connector.m]
platform = mastodon
base_url = http://127.0.0.1:1
feed = mentions
auto_ack = true
)",
                              "t.conf");
    ASSERT_TRUE(config.ok()) << config.status().ToString();
    config_ = *config;
  }

  int64_t Post(const std::string& id, const std::string& label, const std::string& language,
               Millis age) {
    Mention m;
    m.platform = "mastodon";
    m.remote_id = id;
    m.author.handle = "giulia@example.social";
    m.author.display_name = "Giulia";
    m.text = "post " + id;
    m.language = language;
    m.created_at = clock_.Now() - age;
    int64_t mention_id = store_->InsertMention(m, "m", clock_.Now())->id;
    store::ScoreRecord score;
    score.label = label;
    score.scored_at = clock_.Now();
    EXPECT_TRUE(store_->InsertScore(mention_id, score).ok());
    store::DeadlineRecord deadline{"default@1", "negative", m.created_at,
                                   m.created_at + std::chrono::hours(1), clock_.Now()};
    deadline.budget = std::chrono::hours(1);
    EXPECT_TRUE(store_->InsertDeadline(mention_id, deadline).ok());
    return mention_id;
  }
  AutoAckReport Run() {
    AutoAcknowledger acknowledger(*store_, clock_, templates_, config_.calendars);
    auto report = acknowledger.Run(config_.connectors[0], publisher_);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : AutoAckReport{};
  }

  SimulatedClock clock_{*ParseIso8601("2026-12-02T10:00:00Z")};  // Wednesday 11:00 Rome
  std::unique_ptr<store::Store> store_;
  responder::TemplateSet templates_;
  Config config_;
  RecordingPublisher publisher_;
};

TEST_F(AutoAckTest, AcknowledgesNewNegativesOnceInTheAuthorsLanguage) {
  int64_t italian = Post("1", "negative", "it", std::chrono::minutes(5));
  int64_t english = Post("2", "negative", "en", std::chrono::minutes(5));
  Post("3", "positive", "en", std::chrono::minutes(5));
  Post("4", "negative", "en", std::chrono::hours(30));  // too old to acknowledge
  EXPECT_EQ(Run().posted, 2);
  ASSERT_EQ(publisher_.posted.size(), 2u);
  EXPECT_EQ(publisher_.posted[0].first, italian);
  EXPECT_NE(publisher_.posted[0].second.find("entro 1 ora"), std::string::npos)
      << publisher_.posted[0].second;
  EXPECT_EQ(publisher_.posted[1].first, english);
  EXPECT_NE(publisher_.posted[1].second.find("within 1 hour"), std::string::npos);
  // The item stays new (red): an acknowledgement is not an answer.
  EXPECT_EQ(store_->GetDetail(italian)->item.status, store::ItemStatus::kNew);
  EXPECT_TRUE(store_->GetDetail(italian)->replies[0].auto_ack);
  // Never twice.
  EXPECT_EQ(Run().posted, 0);
  EXPECT_EQ(publisher_.posted.size(), 2u);
}

TEST_F(AutoAckTest, AnsweredItemsAreLeftAlone) {
  int64_t id = Post("1", "negative", "en", std::chrono::minutes(5));
  store::ReplyRecord reply;
  reply.mention_id = id;
  reply.text = "Hi, sorry, we're on it";
  reply.operator_name = "GB";
  reply.created_at = clock_.Now();
  ASSERT_TRUE(store_->InsertReply(reply).ok());
  EXPECT_EQ(Run().posted, 0);
}

TEST_F(AutoAckTest, OnlyWhileTheCalendarIsOpen) {
  config_.connectors[0].auto_ack_calendar = "office";
  clock_.Set(*ParseIso8601("2026-12-05T10:00:00Z"));  // Saturday
  Post("1", "negative", "en", std::chrono::minutes(5));
  AutoAckReport closed = Run();
  EXPECT_EQ(closed.posted, 0);
  EXPECT_EQ(closed.waiting_for_hours, 1);
  clock_.Set(*ParseIso8601("2026-12-07T08:30:00Z"));  // Monday 09:30 Rome
  Post("2", "negative", "en", std::chrono::minutes(5));
  EXPECT_EQ(Run().posted, 1);  // the Saturday post is now too old; Monday's is acknowledged
}

TEST(DescribeBudget, EnglishAndItalian) {
  EXPECT_EQ(DescribeBudget(std::chrono::hours(1), "en"), "1 hour");
  EXPECT_EQ(DescribeBudget(std::chrono::hours(4), "it-IT"), "4 ore");
  EXPECT_EQ(DescribeBudget(std::chrono::minutes(90), "en"), "90 minutes");
  EXPECT_EQ(DescribeBudget(std::chrono::hours(48), "it"), "2 giorni");
  EXPECT_EQ(DescribeBudget(std::chrono::minutes(1), "fr"), "1 minute");
}

}  // namespace
}  // namespace heed::app
