// Schema version 4: the SLA engine's history, the queue's assignments, customer cards, the
// reply outbox's attempt log and approvals, and the alert ledger.
//
// Every new table is append-only, like the rest of the file: the current state of anything
// (an item's assignee, a handle's customer card, a reply's delivery) is its latest row, so
// every figure a report shows can be recomputed from history.
#include "migrations.h"

namespace heed::store::internal {

extern const std::string_view kSchemaV4 = R"sql(
-- Followers of the author when the platform reports them (SLA rules can match on reach).
ALTER TABLE mentions ADD COLUMN author_reach INTEGER CHECK (author_reach IS NULL OR author_reach >= 0);

-- Each distinct definition of a named SLA policy, numbered 1, 2, ... in the order first used.
-- Deadlines name the version they were computed with, so editing the policy never rewrites a
-- past deadline, and re-evaluating an old item uses the version it started under.
CREATE TABLE sla_policies (
  id         INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL CHECK (name <> ''),
  version    INTEGER NOT NULL CHECK (version >= 1),
  definition TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (name, version),
  UNIQUE (name, definition)
);

-- A deadline is now one of two targets, carries its budget and the paused time it accounted
-- for, and explains itself (policy, rule, calendar, pauses) for `heed show`.
ALTER TABLE deadlines ADD COLUMN target TEXT NOT NULL DEFAULT 'first_reply'
  CHECK (target IN ('first_reply', 'resolution'));
ALTER TABLE deadlines ADD COLUMN budget_ms INTEGER CHECK (budget_ms IS NULL OR budget_ms > 0);
ALTER TABLE deadlines ADD COLUMN paused_ms INTEGER NOT NULL DEFAULT 0 CHECK (paused_ms >= 0);
ALTER TABLE deadlines ADD COLUMN paused_now INTEGER NOT NULL DEFAULT 0 CHECK (paused_now IN (0, 1));
ALTER TABLE deadlines ADD COLUMN calendar TEXT NOT NULL DEFAULT '';
ALTER TABLE deadlines ADD COLUMN explanation TEXT NOT NULL DEFAULT '';

-- SLA stages reached by an item: each (item, target, stage) at most once, which the UNIQUE
-- constraint enforces even for concurrent evaluators.
CREATE TABLE sla_events (
  id          INTEGER PRIMARY KEY,
  mention_id  INTEGER NOT NULL REFERENCES mentions (id),
  target      TEXT    NOT NULL CHECK (target IN ('first_reply', 'resolution')),
  stage       TEXT    NOT NULL CHECK (stage <> ''),
  deadline_id INTEGER REFERENCES deadlines (id),
  due_at      INTEGER,
  at          INTEGER NOT NULL,  -- when the stage was reached
  recorded_at INTEGER NOT NULL,  -- when heed noticed (later than `at` if heed was not running)
  UNIQUE (mention_id, target, stage)
);
CREATE INDEX sla_events_by_recorded_at ON sla_events (recorded_at);

-- Assignment history; '' unassigns. The current assignee is the latest row.
CREATE TABLE assignments (
  id         INTEGER PRIMARY KEY,
  mention_id INTEGER NOT NULL REFERENCES mentions (id),
  assignee   TEXT    NOT NULL,
  by         TEXT    NOT NULL CHECK (trim(by) <> ''),
  at         INTEGER NOT NULL
);
CREATE INDEX assignments_by_mention ON assignments (mention_id);

-- Customer cards. A handle belongs to the card of its latest link; a merged card points to the
-- card it was merged into.
CREATE TABLE customers (
  id         INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL,
  created_by TEXT    NOT NULL CHECK (trim(created_by) <> ''),
  created_at INTEGER NOT NULL
);
CREATE TABLE customer_links (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  platform    TEXT    NOT NULL CHECK (platform <> ''),
  handle      TEXT    NOT NULL CHECK (handle <> ''),
  by          TEXT    NOT NULL CHECK (trim(by) <> ''),
  at          INTEGER NOT NULL
);
CREATE INDEX customer_links_by_identity ON customer_links (platform, handle);
CREATE INDEX customer_links_by_customer ON customer_links (customer_id);
CREATE TABLE customer_merges (
  id         INTEGER PRIMARY KEY,
  from_id    INTEGER NOT NULL UNIQUE REFERENCES customers (id),
  into_id    INTEGER NOT NULL REFERENCES customers (id) CHECK (into_id <> from_id),
  by         TEXT    NOT NULL CHECK (trim(by) <> ''),
  at         INTEGER NOT NULL
);
CREATE INDEX mentions_by_author ON mentions (platform, author_handle);

-- Outbox. A reply that needs a second operator is not sent before its approval row exists;
-- an automatic acknowledgement is posted at most once per item (partial unique index).
ALTER TABLE replies ADD COLUMN requires_approval INTEGER NOT NULL DEFAULT 0
  CHECK (requires_approval IN (0, 1));
ALTER TABLE replies ADD COLUMN auto_ack INTEGER NOT NULL DEFAULT 0 CHECK (auto_ack IN (0, 1));
CREATE TRIGGER replies_no_flag_update BEFORE UPDATE OF requires_approval, auto_ack ON replies
BEGIN SELECT RAISE(ABORT, 'replies are append-only: UPDATE of content refused'); END;
CREATE UNIQUE INDEX replies_one_auto_ack ON replies (mention_id) WHERE auto_ack = 1;
CREATE INDEX replies_by_state ON replies (state);

CREATE TABLE reply_approvals (
  id       INTEGER PRIMARY KEY,
  reply_id INTEGER NOT NULL UNIQUE REFERENCES replies (id),
  approver TEXT    NOT NULL CHECK (trim(approver) <> ''),
  at       INTEGER NOT NULL
);

-- Every send attempt: 'started' is written and committed before the platform is called, and
-- the outcome is appended after. A 'started' row with nothing after it means heed stopped
-- mid-send, and the reply may or may not be on the platform.
CREATE TABLE reply_attempts (
  id       INTEGER PRIMARY KEY,
  reply_id INTEGER NOT NULL REFERENCES replies (id),
  outcome  TEXT    NOT NULL CHECK (outcome IN ('started', 'sent', 'failed', 'found',
                                               'not_found', 'unverifiable',
                                               'confirmed_sent', 'confirmed_not_sent')),
  detail   TEXT    NOT NULL,
  by       TEXT    NOT NULL,
  at       INTEGER NOT NULL
);
CREATE INDEX reply_attempts_by_reply ON reply_attempts (reply_id);

-- Alerts delivered, per item, target, stage and channel (mention_id 0: a digest, whose target
-- is the day). The UNIQUE constraint is the de-duplication.
CREATE TABLE alerts_sent (
  id         INTEGER PRIMARY KEY,
  mention_id INTEGER NOT NULL,
  target     TEXT    NOT NULL,
  stage      TEXT    NOT NULL,
  channel    TEXT    NOT NULL,
  at         INTEGER NOT NULL,
  UNIQUE (mention_id, target, stage, channel)
);

ALTER TABLE inbox_state ADD COLUMN assignee TEXT NOT NULL DEFAULT '';
-- When the SLA engine next needs to look at the item: its next stage time, or at once after
-- a status change or a sent reply (these triggers). NULL: nothing can happen until one of
-- those (a paused clock, a met target). The minute pass reads only the due part of this index.
ALTER TABLE inbox_state ADD COLUMN next_check_at INTEGER;
CREATE INDEX inbox_state_next_check ON inbox_state (next_check_at)
  WHERE next_check_at IS NOT NULL;
CREATE TRIGGER inbox_state_check_on_status AFTER INSERT ON status_events
BEGIN
  UPDATE inbox_state
  SET next_check_at = CASE WHEN NEW.status = 'resolved' THEN NULL ELSE NEW.at END
  WHERE mention_id = NEW.mention_id;
END;
CREATE TRIGGER inbox_state_check_on_reply_sent AFTER UPDATE OF state ON replies
WHEN NEW.state = 'sent'
BEGIN
  UPDATE inbox_state SET next_check_at = coalesce(NEW.sent_at, NEW.created_at)
  WHERE mention_id = NEW.mention_id;
END;
CREATE TRIGGER inbox_state_check_on_manual_reply AFTER INSERT ON replies
WHEN NEW.state = 'sent'
BEGIN
  UPDATE inbox_state SET next_check_at = coalesce(NEW.sent_at, NEW.created_at)
  WHERE mention_id = NEW.mention_id;
END;
CREATE INDEX inbox_state_assignee_open_rank
  ON inbox_state (assignee, open, (due_at IS NULL), due_at, created_at DESC, mention_id DESC);
CREATE TRIGGER inbox_state_on_assignment AFTER INSERT ON assignments
BEGIN
  UPDATE inbox_state SET assignee = NEW.assignee WHERE mention_id = NEW.mention_id;
END;

-- Append-only, as in version 1 (see there for why REPLACE needs its own trigger).
CREATE TRIGGER sla_policies_no_delete BEFORE DELETE ON sla_policies
BEGIN SELECT RAISE(ABORT, 'sla_policies are append-only: DELETE refused'); END;
CREATE TRIGGER sla_policies_no_update BEFORE UPDATE ON sla_policies
BEGIN SELECT RAISE(ABORT, 'sla_policies are append-only: UPDATE refused'); END;
CREATE TRIGGER sla_policies_no_replace BEFORE INSERT ON sla_policies
WHEN EXISTS (SELECT 1 FROM sla_policies WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'sla_policies are append-only: overwriting a row refused'); END;
CREATE TRIGGER sla_events_no_delete BEFORE DELETE ON sla_events
BEGIN SELECT RAISE(ABORT, 'sla_events are append-only: DELETE refused'); END;
CREATE TRIGGER sla_events_no_update BEFORE UPDATE ON sla_events
BEGIN SELECT RAISE(ABORT, 'sla_events are append-only: UPDATE refused'); END;
CREATE TRIGGER sla_events_no_replace BEFORE INSERT ON sla_events
WHEN EXISTS (SELECT 1 FROM sla_events WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'sla_events are append-only: overwriting a row refused'); END;
CREATE TRIGGER assignments_no_delete BEFORE DELETE ON assignments
BEGIN SELECT RAISE(ABORT, 'assignments are append-only: DELETE refused'); END;
CREATE TRIGGER assignments_no_update BEFORE UPDATE ON assignments
BEGIN SELECT RAISE(ABORT, 'assignments are append-only: UPDATE refused'); END;
CREATE TRIGGER assignments_no_replace BEFORE INSERT ON assignments
WHEN EXISTS (SELECT 1 FROM assignments WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'assignments are append-only: overwriting a row refused'); END;
CREATE TRIGGER customers_no_delete BEFORE DELETE ON customers
BEGIN SELECT RAISE(ABORT, 'customers are append-only: DELETE refused'); END;
CREATE TRIGGER customers_no_update BEFORE UPDATE ON customers
BEGIN SELECT RAISE(ABORT, 'customers are append-only: UPDATE refused'); END;
CREATE TRIGGER customers_no_replace BEFORE INSERT ON customers
WHEN EXISTS (SELECT 1 FROM customers WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'customers are append-only: overwriting a row refused'); END;
CREATE TRIGGER customer_links_no_delete BEFORE DELETE ON customer_links
BEGIN SELECT RAISE(ABORT, 'customer_links are append-only: DELETE refused'); END;
CREATE TRIGGER customer_links_no_update BEFORE UPDATE ON customer_links
BEGIN SELECT RAISE(ABORT, 'customer_links are append-only: UPDATE refused'); END;
CREATE TRIGGER customer_links_no_replace BEFORE INSERT ON customer_links
WHEN EXISTS (SELECT 1 FROM customer_links WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'customer_links are append-only: overwriting a row refused'); END;
CREATE TRIGGER customer_merges_no_delete BEFORE DELETE ON customer_merges
BEGIN SELECT RAISE(ABORT, 'customer_merges are append-only: DELETE refused'); END;
CREATE TRIGGER customer_merges_no_update BEFORE UPDATE ON customer_merges
BEGIN SELECT RAISE(ABORT, 'customer_merges are append-only: UPDATE refused'); END;
CREATE TRIGGER customer_merges_no_replace BEFORE INSERT ON customer_merges
WHEN EXISTS (SELECT 1 FROM customer_merges WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'customer_merges are append-only: overwriting a row refused'); END;
CREATE TRIGGER reply_approvals_no_delete BEFORE DELETE ON reply_approvals
BEGIN SELECT RAISE(ABORT, 'reply_approvals are append-only: DELETE refused'); END;
CREATE TRIGGER reply_approvals_no_update BEFORE UPDATE ON reply_approvals
BEGIN SELECT RAISE(ABORT, 'reply_approvals are append-only: UPDATE refused'); END;
CREATE TRIGGER reply_approvals_no_replace BEFORE INSERT ON reply_approvals
WHEN EXISTS (SELECT 1 FROM reply_approvals WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'reply_approvals are append-only: overwriting a row refused'); END;
CREATE TRIGGER reply_attempts_no_delete BEFORE DELETE ON reply_attempts
BEGIN SELECT RAISE(ABORT, 'reply_attempts are append-only: DELETE refused'); END;
CREATE TRIGGER reply_attempts_no_update BEFORE UPDATE ON reply_attempts
BEGIN SELECT RAISE(ABORT, 'reply_attempts are append-only: UPDATE refused'); END;
CREATE TRIGGER reply_attempts_no_replace BEFORE INSERT ON reply_attempts
WHEN EXISTS (SELECT 1 FROM reply_attempts WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'reply_attempts are append-only: overwriting a row refused'); END;
CREATE TRIGGER alerts_sent_no_delete BEFORE DELETE ON alerts_sent
BEGIN SELECT RAISE(ABORT, 'alerts_sent are append-only: DELETE refused'); END;
CREATE TRIGGER alerts_sent_no_update BEFORE UPDATE ON alerts_sent
BEGIN SELECT RAISE(ABORT, 'alerts_sent are append-only: UPDATE refused'); END;
CREATE TRIGGER alerts_sent_no_replace BEFORE INSERT ON alerts_sent
WHEN EXISTS (SELECT 1 FROM alerts_sent WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'alerts_sent are append-only: overwriting a row refused'); END;
-- The other UNIQUE keys get the same protection against REPLACE: a repeated stage or alert is a
-- no-op (the caller learns it from the change count), a second approval, policy version, merge
-- or auto-acknowledgement is refused.
CREATE TRIGGER sla_events_once BEFORE INSERT ON sla_events
WHEN EXISTS (SELECT 1 FROM sla_events WHERE mention_id = NEW.mention_id AND target = NEW.target
             AND stage = NEW.stage)
BEGIN SELECT RAISE(IGNORE); END;
CREATE TRIGGER alerts_sent_once BEFORE INSERT ON alerts_sent
WHEN EXISTS (SELECT 1 FROM alerts_sent WHERE mention_id = NEW.mention_id AND target = NEW.target
             AND stage = NEW.stage AND channel = NEW.channel)
BEGIN SELECT RAISE(IGNORE); END;
CREATE TRIGGER reply_approvals_once BEFORE INSERT ON reply_approvals
WHEN EXISTS (SELECT 1 FROM reply_approvals WHERE reply_id = NEW.reply_id)
BEGIN SELECT RAISE(ABORT, 'reply_approvals: this reply is already approved'); END;
CREATE TRIGGER sla_policies_no_replace_key BEFORE INSERT ON sla_policies
WHEN EXISTS (SELECT 1 FROM sla_policies WHERE name = NEW.name
             AND (version = NEW.version OR definition = NEW.definition))
BEGIN SELECT RAISE(ABORT, 'sla_policies are append-only: this version already exists'); END;
CREATE TRIGGER customer_merges_once BEFORE INSERT ON customer_merges
WHEN EXISTS (SELECT 1 FROM customer_merges WHERE from_id = NEW.from_id)
BEGIN SELECT RAISE(ABORT, 'customer_merges: this card was already merged'); END;
CREATE TRIGGER replies_one_auto_ack_guard BEFORE INSERT ON replies
WHEN NEW.auto_ack = 1 AND EXISTS (SELECT 1 FROM replies WHERE mention_id = NEW.mention_id
                                  AND auto_ack = 1)
BEGIN SELECT RAISE(ABORT, 'replies: this item was already acknowledged automatically'); END;
)sql";

}  // namespace heed::store::internal
