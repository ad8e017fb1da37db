#include "heed/app/scanner.h"

#include <gtest/gtest.h>

#include <deque>

#include "scripted_connector.h"

namespace heed::app {
namespace {

using test_support::ScriptedConnector;

Mention Post(const std::string& id, const std::string& text, const std::string& lang,
             TimePoint at) {
  Mention m;
  m.platform = "mastodon";
  m.remote_id = id;
  m.author.handle = "user" + id;
  m.text = text;
  m.language = lang;
  m.created_at = at;
  return m;
}

class ScannerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(store::Store::Open(":memory:")).value();
    scorer_ = std::move(sentiment::Scorer::CreateDefault()).value();
    TimePoint t = clock_.Now() - std::chrono::hours(2);
    connector_.pages[""] = {{Post("1", "This is terrible, my order never arrived", "en", t),
                             Post("2", "Grazie mille, servizio ottimo!", "it", t)},
                            {},
                            "2",
                            true};
    connector_.pages["2"] = {{Post("3", "How do I change my plan?", "", t)},
                             {Status::DataLoss("item 1: created_at missing")},
                             "3",
                             false};
  }

  SimulatedClock clock_{*ParseIso8601("2026-11-23T10:00:00Z")};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<sentiment::Scorer> scorer_;
  responder::DeadlinePolicy policy_;
  ScriptedConnector connector_;
};

TEST_F(ScannerTest, StoresScoresAndDeadlinesEveryPageThenCheckpoints) {
  Scanner scanner(*store_, *scorer_, policy_, clock_);
  ScanReport report = scanner.Scan(connector_);
  ASSERT_TRUE(report.error.ok()) << report.error.ToString();
  EXPECT_EQ(report.pages, 2);
  EXPECT_EQ(report.inserted, 3);
  EXPECT_EQ(report.item_errors.size(), 1u);
  EXPECT_EQ(**store_->GetCheckpoint("scripted"), "3");

  auto items = *store_->ListInbox({});
  ASSERT_EQ(items.size(), 3u);
  // The negative post is due first, the question next; praise needs no reply and comes last.
  EXPECT_EQ(items[0].stored.mention.remote_id, "1");
  EXPECT_EQ(items[1].stored.mention.remote_id, "3");
  EXPECT_EQ(items[2].stored.mention.remote_id, "2");
  EXPECT_FALSE(items[2].deadline->due_at.has_value());
  EXPECT_EQ(items[0].score->label, "negative");
  EXPECT_EQ(*items[0].deadline->due_at, items[0].stored.mention.created_at + std::chrono::hours(1));
  EXPECT_FALSE(items[0].score->lexicon_version.empty());
  // The unlabelled question got its language detected and stored.
  auto question = *store_->GetMention(items[1].stored.id);
  EXPECT_EQ(question.mention.remote_id, "3");
  EXPECT_EQ(question.mention.language, "en");
}

TEST_F(ScannerTest, SecondScanDuplicatesNothing) {
  Scanner scanner(*store_, *scorer_, policy_, clock_);
  ASSERT_TRUE(scanner.Scan(connector_).error.ok());
  ScanReport again = scanner.Scan(connector_);
  EXPECT_TRUE(again.error.ok());
  EXPECT_EQ(again.inserted, 0);
  EXPECT_EQ(connector_.asked.back(), "3");  // resumed from the checkpoint
  EXPECT_EQ(*store_->CountMentions(), 3);
}

TEST_F(ScannerTest, FailureMidScanKeepsCommittedPagesAndResumes) {
  connector_.fail_at = "2";
  Scanner scanner(*store_, *scorer_, policy_, clock_);
  ScanReport first = scanner.Scan(connector_);
  EXPECT_EQ(first.error.code(), StatusCode::kUnavailable);
  EXPECT_NE(first.error.message().find("scripted"), std::string::npos);
  EXPECT_EQ(first.inserted, 2);
  EXPECT_EQ(**store_->GetCheckpoint("scripted"), "2");

  connector_.fail_at.reset();
  ScanReport second = scanner.Scan(connector_);
  EXPECT_TRUE(second.error.ok());
  EXPECT_EQ(second.inserted, 1);
  EXPECT_EQ(*store_->CountMentions(), 3);
}

// The observer sees each committed page with the running counts, and never a failed one.
TEST_F(ScannerTest, ObserverIsToldAfterEachCommittedPage) {
  Scanner scanner(*store_, *scorer_, policy_, clock_);
  std::vector<std::pair<int, int>> seen;  // (pages, inserted) as the observer saw them
  ScanReport report = scanner.Scan(connector_, 0, {}, [&](const ScanReport& so_far) {
    seen.emplace_back(so_far.pages, so_far.inserted);
    EXPECT_EQ(*store_->CountMentions(), so_far.inserted) << "told only after the commit";
  });
  ASSERT_TRUE(report.error.ok()) << report.error.ToString();
  EXPECT_EQ(seen, (std::vector<std::pair<int, int>>{{1, 2}, {2, 3}}));

  connector_.fail_at = "3";
  seen.clear();
  EXPECT_FALSE(
      scanner
          .Scan(connector_, 0, {},
                [&](const ScanReport& so_far) { seen.emplace_back(so_far.pages, so_far.inserted); })
          .error.ok());
  EXPECT_TRUE(seen.empty());
}

TEST_F(ScannerTest, OverlappingPagesAreAbsorbed) {
  // A platform that serves an item again on the next page must not create a duplicate.
  connector_.pages["2"].mentions.push_back(connector_.pages[""].mentions[0]);
  Scanner scanner(*store_, *scorer_, policy_, clock_);
  ScanReport report = scanner.Scan(connector_);
  EXPECT_EQ(report.inserted, 3);
  EXPECT_EQ(report.duplicates, 1);
  EXPECT_EQ(*store_->CountMentions(), 3);
}

TEST_F(ScannerTest, EditsAtTheSourceAreKeptAndRescored) {
  Scanner scanner(*store_, *scorer_, policy_, clock_);
  ASSERT_TRUE(scanner.Scan(connector_).error.ok());
  // The platform now shows post 2 edited into a complaint; the checkpoint says "from the start".
  connectors::Page edited = connector_.pages[""];
  edited.mentions[1].text = "Aggiornamento: il rimborso non è mai arrivato, vergognoso";
  edited.has_more = false;
  connector_.pages["3"] = edited;
  ScanReport report = scanner.Scan(connector_);
  ASSERT_TRUE(report.error.ok()) << report.error.ToString();
  EXPECT_EQ(report.inserted, 0);
  EXPECT_EQ(report.updated, 1);
  EXPECT_EQ(report.duplicates, 1);
  auto items = *store_->ListInbox({});
  const store::InboxItem* post2 = nullptr;
  for (const auto& item : items) {
    if (item.stored.mention.remote_id == "2") post2 = &item;
  }
  ASSERT_NE(post2, nullptr);
  EXPECT_EQ(post2->stored.edits, 1);
  EXPECT_EQ(post2->score->label, "negative") << "the edit was scored again";
  EXPECT_EQ(store_->GetDetail(post2->stored.id)->versions.front().text,
            "Grazie mille, servizio ottimo!");
}

}  // namespace
}  // namespace heed::app
