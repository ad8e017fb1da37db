#include "heed/app/scanner.h"

#include "heed/responder/sla_policy.h"

namespace heed::app {

Scanner::Scanner(store::Store& store, const sentiment::Scorer& scorer,
                 const responder::DeadlinePolicy& policy, Clock& clock)
    : store_(store),
      scorer_(scorer),
      owned_engine_(std::make_unique<SlaEngine>(store, clock,
                                                SlaSetup{responder::PolicyFromLegacy(policy), {}})),
      engine_(*owned_engine_),
      clock_(clock) {}

Scanner::Scanner(store::Store& store, const sentiment::Scorer& scorer, SlaEngine& engine,
                 Clock& clock)
    : store_(store), scorer_(scorer), engine_(engine), clock_(clock) {}

Scanner::~Scanner() = default;

ScanReport Scanner::Scan(connectors::Connector& connector, int max_pages, const StopPredicate& stop,
                         const PageObserver& on_page) {
  ScanReport report;
  report.connector = connector.name();
  // Recorded outside the page transactions, so a rolled-back page cannot take the policy
  // version with it while the engine keeps using it.
  if (Result<std::string> version = engine_.CurrentVersion(); !version.ok()) {
    report.error = version.status().WithContext(connector.name() + ": recording the SLA policy");
    return report;
  }
  if (max_pages <= 0) {
    int bound = connector.capabilities().backfill_pages;
    max_pages = bound > 0 ? bound : 100;
  }
  while (report.pages < max_pages) {
    // Only here, between page transactions: a stop never interrupts a page being stored.
    if (stop && stop()) {
      report.stopped = true;
      break;
    }
    Result<std::optional<std::string>> checkpoint = store_.GetCheckpoint(connector.name());
    if (!checkpoint.ok()) {
      report.error = checkpoint.status();
      break;
    }
    Result<connectors::Page> page = connector.FetchPage(checkpoint->value_or(""));
    if (!page.ok()) {
      report.error = page.status().WithContext(connector.name());
      break;
    }
    ++report.pages;
    for (const Status& item_error : page->item_errors) report.item_errors.push_back(item_error);
    Status stored = store_.InTransaction([&] { return StorePage(connector, *page, report); });
    if (!stored.ok()) {
      report.error = stored.WithContext(connector.name() + ": storing page");
      break;
    }
    if (on_page) on_page(report);
    if (!page->has_more) break;
  }
  return report;
}

Status Scanner::StorePage(const connectors::Connector& connector, const connectors::Page& page,
                          ScanReport& report) {
  const TimePoint now = clock_.Now();
  int inserted = 0, duplicates = 0, updated = 0;
  for (const Mention& fetched : page.mentions) {
    sentiment::Score score = scorer_.Analyze(fetched.text, fetched.language);
    Mention mention = fetched;
    // The mention row is immutable, so the detected language is fixed at insert time.
    if (mention.language.empty() && score.language != "und") mention.language = score.language;
    HEED_ASSIGN_OR_RETURN(store::InsertOutcome outcome,
                          store_.InsertMention(mention, connector.name(), now));
    if (!outcome.inserted) {
      if (!outcome.changed) {
        ++duplicates;
        continue;
      }
      ++updated;
      // An edited text is scored again (a newer score supersedes); the deadline stays, since
      // the clock started when the customer first posted.
      if (outcome.text_changed) {
        HEED_RETURN_IF_ERROR(store_.InsertScore(outcome.id, ToRecord(score, now)));
      }
      continue;
    }
    ++inserted;
    store::ScoreRecord record = ToRecord(score, now);
    HEED_RETURN_IF_ERROR(store_.InsertScore(outcome.id, record));
    HEED_RETURN_IF_ERROR(engine_.StartClocks(outcome.id, mention, record));
  }
  HEED_RETURN_IF_ERROR(store_.SetCheckpoint(connector.name(), page.next_checkpoint, now));
  // Counted only once the page's transaction body succeeded.
  report.fetched += static_cast<int>(page.mentions.size());
  report.inserted += inserted;
  report.duplicates += duplicates;
  report.updated += updated;
  return Status::Ok();
}

store::ScoreRecord Scanner::ToRecord(const sentiment::Score& score, TimePoint now) const {
  store::ScoreRecord record;
  record.compound = score.compound;
  record.label = std::string(sentiment::LabelName(score.label));
  record.language = score.language;
  record.lexicon_version = std::string(scorer_.LexiconVersion());
  record.explanation = score.Explain();
  record.urgency = score.urgency.ToString();
  record.scored_at = now;
  return record;
}

}  // namespace heed::app
