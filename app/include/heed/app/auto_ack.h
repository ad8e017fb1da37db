// Automatic acknowledgement: for connectors configured with auto_ack, a public reply from a
// template ("we've seen this, someone will answer within X") to new negative posts that nobody
// has answered yet, in the author's language. At most once per item (the store refuses a
// second), only for posts younger than a day (an acknowledgement of an old post reads wrong),
// and with auto_ack_calendar only while that calendar is open: posts that arrive while it is
// closed are acknowledged when it opens, if still unanswered.
//
// Thread safety: confine to one thread, with the Store it uses.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "heed/app/config.h"
#include "heed/core/clock.h"
#include "heed/responder/outbox.h"
#include "heed/responder/templates.h"
#include "heed/store/store.h"

namespace heed::app {

struct AutoAckReport {
  int posted = 0;
  int waiting_for_hours = 0;  // candidates left for when the calendar opens
  std::vector<std::string> errors;
};

// "1 hour", "4 hours", "30 minutes", "2 days" in English; "1 ora", "4 ore", "30 minuti",
// "2 giorni" in Italian (other languages get English).
std::string DescribeBudget(Millis budget, std::string_view language);

class AutoAcknowledger {
 public:
  // All references must outlive the acknowledger.
  AutoAcknowledger(store::Store& store, Clock& clock, const responder::TemplateSet& templates,
                   const std::map<std::string, responder::BusinessCalendar>& calendars)
      : store_(store), clock_(clock), templates_(templates), calendars_(calendars) {}

  Result<AutoAckReport> Run(const ConnectorEntry& entry, responder::ReplyPublisher& publisher);

 private:
  store::Store& store_;
  Clock& clock_;
  const responder::TemplateSet& templates_;
  const std::map<std::string, responder::BusinessCalendar>& calendars_;
};

}  // namespace heed::app
