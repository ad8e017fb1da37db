// The scan pipeline: poll a connector page by page, score each new mention, give it a deadline,
// and store mentions, scores, deadlines and the connector's checkpoint in one transaction per
// page. A crash between pages loses nothing and duplicates nothing: the next scan resumes from
// the last committed checkpoint, and (platform, remote_id) uniqueness absorbs any overlap.
//
// Thread safety: confine a Scanner to one thread.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "heed/app/sla_engine.h"
#include "heed/connectors/connector.h"
#include "heed/core/clock.h"
#include "heed/core/status.h"
#include "heed/responder/deadline_policy.h"
#include "heed/sentiment/scorer.h"
#include "heed/store/store.h"

namespace heed::app {

struct ScanReport {
  std::string connector;
  int pages = 0;
  int fetched = 0;
  int inserted = 0;
  int duplicates = 0;  // already stored and unchanged
  int updated = 0;     // already stored, and the source showed an edit, reply or removal
  std::vector<Status> item_errors;  // items skipped, the scan went on
  Status error;                     // why the scan stopped early; OK when it reached the end
  bool stopped = false;             // the stop predicate ended it between pages (error is OK)
};

// Asked before each page is fetched; true ends the scan there. Every page read before it is
// fully stored with its checkpoint, so the next scan resumes exactly where this one stopped.
using StopPredicate = std::function<bool()>;

// Told after each page is committed, with the counts so far (for a progress display).
using PageObserver = std::function<void(const ScanReport&)>;

class Scanner {
 public:
  // All references must outlive the scanner. Deadlines come from the engine's policy.
  Scanner(store::Store& store, const sentiment::Scorer& scorer, SlaEngine& engine, Clock& clock);
  // With the plain [policy] budgets (always-open clock), for callers without an SLA setup.
  Scanner(store::Store& store, const sentiment::Scorer& scorer,
          const responder::DeadlinePolicy& policy, Clock& clock);
  ~Scanner();

  // Reads pages until the connector has no more new items, max_pages (0: the connector's
  // backfill bound, else 100) have been read, or stop (when set) returns true before a fetch.
  ScanReport Scan(connectors::Connector& connector, int max_pages = 0,
                  const StopPredicate& stop = {}, const PageObserver& on_page = {});

 private:
  Status StorePage(const connectors::Connector& connector, const connectors::Page& page,
                   ScanReport& report);
  store::ScoreRecord ToRecord(const sentiment::Score& score, TimePoint now) const;

  store::Store& store_;
  const sentiment::Scorer& scorer_;
  std::unique_ptr<SlaEngine> owned_engine_;  // set by the DeadlinePolicy constructor
  SlaEngine& engine_;
  Clock& clock_;
};

}  // namespace heed::app
