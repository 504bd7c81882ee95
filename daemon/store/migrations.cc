#include "daemon/store/migrations.h"

namespace vigil::store {
namespace {

// 1: deliveries, inbound records as received, versioned domain records,
// quarantine, alerts and their outbox.
//
// Every domain table keeps each version of a record: the current one has
// valid_to NULL; a follow-up sets valid_to on the version it supersedes. The
// version's full content is its inbound row (inbound_id); the domain table
// adds typed columns for the variables Vigil reads.
// valid_from/valid_to are receive times, so "what did we know at T" is
// valid_from <= T AND (valid_to IS NULL OR valid_to > T).
constexpr std::string_view kInitial = R"sql(
CREATE TABLE batches (
  id          INTEGER PRIMARY KEY,
  source      TEXT NOT NULL,             -- spool | mllp | http
  name        TEXT NOT NULL,             -- file name, message control id, request id
  sha256      TEXT NOT NULL,             -- of the bytes as received
  received_at TEXT NOT NULL,
  status      TEXT NOT NULL,             -- ingested | unreadable
  records     INTEGER NOT NULL DEFAULT 0,
  accepted    INTEGER NOT NULL DEFAULT 0,
  unchanged   INTEGER NOT NULL DEFAULT 0,
  quarantined INTEGER NOT NULL DEFAULT 0,
  reason      TEXT                       -- why an unreadable batch could not be read
);
CREATE INDEX batches_by_delivery ON batches(source, name, sha256);

CREATE TABLE inbound (
  id          INTEGER PRIMARY KEY,
  batch_id    INTEGER NOT NULL REFERENCES batches(id),
  position    INTEGER NOT NULL,          -- record number within the batch, from 1
  domain      TEXT NOT NULL,
  usubjid     TEXT,
  record_key  TEXT,
  payload     BLOB NOT NULL,             -- the bytes as received
  fields      TEXT NOT NULL,             -- canonical JSON of the variables
  received_at TEXT NOT NULL,
  status      TEXT NOT NULL              -- accepted | unchanged | quarantined | held
);
-- No index on batch_id: a batch's records are inserted together, so they are
-- a contiguous range of ids.

CREATE TABLE quarantine (
  id          INTEGER PRIMARY KEY,
  batch_id    INTEGER NOT NULL REFERENCES batches(id),
  inbound_id  INTEGER REFERENCES inbound(id),   -- NULL when the whole batch was unreadable
  usubjid     TEXT,
  position    INTEGER,
  field       TEXT NOT NULL,
  reason      TEXT NOT NULL,
  problems    TEXT NOT NULL,             -- JSON array of {field, reason}: every problem found
  state       TEXT NOT NULL,             -- rejected | held | released
  created_at  TEXT NOT NULL,
  released_at TEXT
);
CREATE INDEX quarantine_held ON quarantine(usubjid) WHERE state = 'held';

CREATE TABLE dm (
  id INTEGER PRIMARY KEY, usubjid TEXT NOT NULL, record_key TEXT NOT NULL, version INTEGER NOT NULL,
  inbound_id INTEGER NOT NULL REFERENCES inbound(id),
  valid_from TEXT NOT NULL, valid_to TEXT,
  armcd TEXT, siteid TEXT, rficdtc TEXT, rfxstdtc TEXT, rfxendtc TEXT, dthdtc TEXT, dthfl TEXT,
  age REAL, sex TEXT
);
CREATE TABLE ex (
  id INTEGER PRIMARY KEY, usubjid TEXT NOT NULL, record_key TEXT NOT NULL, version INTEGER NOT NULL,
  inbound_id INTEGER NOT NULL REFERENCES inbound(id),
  valid_from TEXT NOT NULL, valid_to TEXT,
  extrt TEXT, exstdtc TEXT, exendtc TEXT, exdose REAL, exdosu TEXT, exadj TEXT
);
CREATE TABLE ae (
  id INTEGER PRIMARY KEY, usubjid TEXT NOT NULL, record_key TEXT NOT NULL, version INTEGER NOT NULL,
  inbound_id INTEGER NOT NULL REFERENCES inbound(id),
  valid_from TEXT NOT NULL, valid_to TEXT,
  aeterm TEXT, aedecod TEXT, aebodsys TEXT, aetoxgr INTEGER, aeser TEXT, aesdth TEXT, aeslife TEXT,
  aeshosp TEXT, aesdisab TEXT, aescong TEXT, aesmie TEXT, aestdtc TEXT, aeendtc TEXT, aeout TEXT, aeacn TEXT,
  aerel TEXT, aeirae TEXT, aeexpect TEXT
);
CREATE TABLE lb (
  id INTEGER PRIMARY KEY, usubjid TEXT NOT NULL, record_key TEXT NOT NULL, version INTEGER NOT NULL,
  inbound_id INTEGER NOT NULL REFERENCES inbound(id),
  valid_from TEXT NOT NULL, valid_to TEXT,
  lbtestcd TEXT, lbloinc TEXT, lbstresn REAL, lbstresu TEXT, lborres TEXT, lborresu TEXT,
  lbstnrlo REAL, lbstnrhi REAL, lbornrlo TEXT, lbornrhi TEXT, lbspec TEXT, lbdtc TEXT, lbblfl TEXT, lblobxfl TEXT, lbstat TEXT
);
CREATE TABLE vs (
  id INTEGER PRIMARY KEY, usubjid TEXT NOT NULL, record_key TEXT NOT NULL, version INTEGER NOT NULL,
  inbound_id INTEGER NOT NULL REFERENCES inbound(id),
  valid_from TEXT NOT NULL, valid_to TEXT,
  vstestcd TEXT, vsstresn REAL, vsstresu TEXT, vsdtc TEXT, vsblfl TEXT
);
CREATE TABLE eg (
  id INTEGER PRIMARY KEY, usubjid TEXT NOT NULL, record_key TEXT NOT NULL, version INTEGER NOT NULL,
  inbound_id INTEGER NOT NULL REFERENCES inbound(id),
  valid_from TEXT NOT NULL, valid_to TEXT,
  egtestcd TEXT, egstresn REAL, egstresu TEXT, egdtc TEXT, egblfl TEXT
);
CREATE UNIQUE INDEX dm_current ON dm(usubjid, record_key) WHERE valid_to IS NULL;
CREATE UNIQUE INDEX ex_current ON ex(usubjid, record_key) WHERE valid_to IS NULL;
CREATE UNIQUE INDEX ae_current ON ae(usubjid, record_key) WHERE valid_to IS NULL;
CREATE UNIQUE INDEX lb_current ON lb(usubjid, record_key) WHERE valid_to IS NULL;
CREATE UNIQUE INDEX vs_current ON vs(usubjid, record_key) WHERE valid_to IS NULL;
CREATE UNIQUE INDEX eg_current ON eg(usubjid, record_key) WHERE valid_to IS NULL;

CREATE TABLE alerts (
  id          TEXT PRIMARY KEY,
  dedupe_key  TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL,
  severity    TEXT NOT NULL,
  cohort      TEXT,
  subject     TEXT,
  title       TEXT NOT NULL,
  evidence    TEXT NOT NULL,             -- JSON
  created_at  TEXT NOT NULL,
  due_at      TEXT,
  state       TEXT NOT NULL              -- open | acknowledged | withdrawn
);
CREATE TABLE outbox (
  id           INTEGER PRIMARY KEY,
  alert_id     TEXT NOT NULL REFERENCES alerts(id),
  channel      TEXT NOT NULL,
  recipient    TEXT NOT NULL,
  state        TEXT NOT NULL,            -- pending | delivered | failed
  attempts     INTEGER NOT NULL DEFAULT 0,
  next_at      TEXT,
  delivered_at TEXT,
  last_error   TEXT
);
)sql";

// 2: CTCAE grades of the current LB, VS and EG records, and each subject's
// baseline and worst post-baseline grade per CTCAE term. Derived state: the
// pipeline keeps it current and can rebuild it from the records.
constexpr std::string_view kGrades = R"sql(
CREATE TABLE grades (
  domain             TEXT NOT NULL,      -- lb | vs | eg
  usubjid            TEXT NOT NULL,
  record_key         TEXT NOT NULL,
  term               TEXT NOT NULL,      -- the label graded: "Anemia", "Hypertension (systolic)"
  record_id          INTEGER NOT NULL,   -- the graded version (row of lb, vs or eg)
  test_code          TEXT NOT NULL,      -- LBTESTCD (or LBLOINC), VSTESTCD, EGTESTCD
  ctcae_term         TEXT NOT NULL,      -- the CTCAE term: "Hypertension"
  dtc                TEXT,
  grade              INTEGER,            -- 0-4; NULL when the value cannot be graded
  reason             TEXT NOT NULL,      -- why NULL
  worst_case         INTEGER NOT NULL,   -- the grade assumes the worst of a clinical qualifier
  assumption         TEXT NOT NULL,
  criteria_version   TEXT NOT NULL,
  is_baseline        INTEGER NOT NULL,
  post_baseline      INTEGER NOT NULL,   -- taken after the first dose
  treatment_emergent INTEGER NOT NULL,
  baseline_grade     INTEGER,
  PRIMARY KEY (domain, usubjid, record_key, term)
) WITHOUT ROWID;
-- A series' baseline is read from the index alone.
CREATE INDEX grades_by_series ON grades(usubjid, domain, test_code, is_baseline, record_id);

CREATE TABLE worst_grades (
  usubjid        TEXT NOT NULL,
  ctcae_term     TEXT NOT NULL,
  baseline_grade INTEGER,                -- worst grade among the baseline values
  worst_grade    INTEGER,                -- worst post-baseline grade; NULL when none graded
  PRIMARY KEY (usubjid, ctcae_term)
) WITHOUT ROWID;

-- The first dose each subject's grades were derived with: a DM or EX
-- record that leaves it unchanged re-grades nothing.
CREATE TABLE graded_first_dose (
  usubjid    TEXT PRIMARY KEY,
  first_dose TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX lb_series ON lb(usubjid, lbtestcd) WHERE valid_to IS NULL;
CREATE INDEX vs_series ON vs(usubjid, vstestcd) WHERE valid_to IS NULL;
CREATE INDEX eg_series ON eg(usubjid, egtestcd) WHERE valid_to IS NULL;
)sql";

// 3: the trial configurations the daemon ran with, so that readers
// (vigilctl, the API) interpret the records with the daemon's own
// configuration.
constexpr std::string_view kConfigurations = R"sql(
CREATE TABLE configurations (
  id        INTEGER PRIMARY KEY,
  loaded_at TEXT NOT NULL,
  text      TEXT NOT NULL
);
)sql";

// 4: what the summary reads, kept current by the pipeline. Each lab term's
// reach: per grade, the earliest post-baseline value at that grade or worse
// ('' when it has no date), so the worst grade as of any cut-off is read
// from one row. Each subject's timeline (rules/summary/timeline.h) as JSON:
// an existing database gets its timelines when the daemon next starts.
constexpr std::string_view kTimelines = R"sql(
ALTER TABLE worst_grades ADD COLUMN reached_0 TEXT;
ALTER TABLE worst_grades ADD COLUMN reached_1 TEXT;
ALTER TABLE worst_grades ADD COLUMN reached_2 TEXT;
ALTER TABLE worst_grades ADD COLUMN reached_3 TEXT;
ALTER TABLE worst_grades ADD COLUMN reached_4 TEXT;
ALTER TABLE worst_grades ADD COLUMN reached_5 TEXT;
UPDATE worst_grades SET
  reached_0 = (SELECT MIN(COALESCE(g.dtc, '')) FROM grades g WHERE g.usubjid = worst_grades.usubjid
               AND g.ctcae_term = worst_grades.ctcae_term AND g.post_baseline = 1 AND g.grade >= 0),
  reached_1 = (SELECT MIN(COALESCE(g.dtc, '')) FROM grades g WHERE g.usubjid = worst_grades.usubjid
               AND g.ctcae_term = worst_grades.ctcae_term AND g.post_baseline = 1 AND g.grade >= 1),
  reached_2 = (SELECT MIN(COALESCE(g.dtc, '')) FROM grades g WHERE g.usubjid = worst_grades.usubjid
               AND g.ctcae_term = worst_grades.ctcae_term AND g.post_baseline = 1 AND g.grade >= 2),
  reached_3 = (SELECT MIN(COALESCE(g.dtc, '')) FROM grades g WHERE g.usubjid = worst_grades.usubjid
               AND g.ctcae_term = worst_grades.ctcae_term AND g.post_baseline = 1 AND g.grade >= 3),
  reached_4 = (SELECT MIN(COALESCE(g.dtc, '')) FROM grades g WHERE g.usubjid = worst_grades.usubjid
               AND g.ctcae_term = worst_grades.ctcae_term AND g.post_baseline = 1 AND g.grade >= 4),
  reached_5 = (SELECT MIN(COALESCE(g.dtc, '')) FROM grades g WHERE g.usubjid = worst_grades.usubjid
               AND g.ctcae_term = worst_grades.ctcae_term AND g.post_baseline = 1 AND g.grade >= 5);

CREATE TABLE subject_timelines (
  usubjid  TEXT PRIMARY KEY,
  cohort   TEXT NOT NULL,
  timeline TEXT NOT NULL
) WITHOUT ROWID;
)sql";

// 5: alerts as the safety plan raises them. The tables of migration 1 were
// never written; they are made again with what a finding carries
// (rules/safety/finding.h): identity and level, the scope whose evaluation
// owns the alert (re-evaluating a scope withdraws the alerts no finding
// supports any more), acknowledgement and withdrawal. The outbox holds one
// row per alert event and channel. Regulatory clocks of serious cases, and
// each subject's course per stopping rule (first dose, death, first
// qualifying event), from which a rule is evaluated at any cut-off.
constexpr std::string_view kAlerts = R"sql(
DROP TABLE outbox;
DROP TABLE alerts;
CREATE TABLE alerts (
  id               TEXT PRIMARY KEY,     -- stable: from the dedupe key
  dedupe_key       TEXT NOT NULL UNIQUE,
  identity         TEXT NOT NULL,
  scope            TEXT NOT NULL,
  level            INTEGER NOT NULL,
  kind             TEXT NOT NULL,
  trigger_id       TEXT NOT NULL,
  severity         TEXT NOT NULL,
  cohort           TEXT NOT NULL,
  subject          TEXT NOT NULL,       -- USUBJID; '' for a cohort's alert
  title            TEXT NOT NULL,
  reason           TEXT NOT NULL,
  evidence         TEXT NOT NULL,       -- JSON array
  created_at       TEXT NOT NULL,
  due_at           TEXT,                -- clocks
  state            TEXT NOT NULL,       -- open | acknowledged | withdrawn
  acknowledged_by  TEXT,
  acknowledged_at  TEXT,
  ack_note         TEXT,
  withdrawn_at     TEXT,
  withdrawn_reason TEXT
);
CREATE INDEX alerts_by_scope ON alerts(scope);
CREATE TABLE outbox (
  id           INTEGER PRIMARY KEY,
  alert_id     TEXT NOT NULL REFERENCES alerts(id),
  event        TEXT NOT NULL,           -- raised | withdrawn
  channel      TEXT NOT NULL,
  recipient    TEXT NOT NULL,
  state        TEXT NOT NULL,           -- pending | delivered | failed
  attempts     INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  next_at      TEXT,
  delivered_at TEXT,
  last_error   TEXT
);
CREATE INDEX outbox_pending ON outbox(channel, id) WHERE state = 'pending';
CREATE TABLE clocks (
  id         INTEGER PRIMARY KEY,
  usubjid    TEXT NOT NULL,
  ae_key     TEXT NOT NULL,
  kind       TEXT NOT NULL,             -- rules/clocks/deadlines.h
  cohort     TEXT NOT NULL,
  started_at TEXT NOT NULL,
  due_at     TEXT NOT NULL,
  stage_sent INTEGER NOT NULL DEFAULT 0,
  state      TEXT NOT NULL,             -- running | stopped
  UNIQUE (usubjid, ae_key, kind)
);
CREATE TABLE rule_courses (
  rule_id    TEXT NOT NULL,
  usubjid    TEXT NOT NULL,
  cohort     TEXT NOT NULL,
  first_dose TEXT NOT NULL,
  death      TEXT NOT NULL,             -- '' when alive
  event      TEXT NOT NULL,             -- onset of the first qualifying event; '' when none
  PRIMARY KEY (rule_id, usubjid)
) WITHOUT ROWID;
)sql";

// 6: the current summary document, computed by the daemon when its spool
// falls idle, so that the summary everyone asks for (no cut-off, no
// known-at) is read, not computed. `stamp` is the state it was computed
// from (latest batch and configuration); a reader uses it only while the
// stamp is still the database's.
constexpr std::string_view kSummaryCache = R"sql(
CREATE TABLE summary_cache (
  query    TEXT PRIMARY KEY,
  stamp    TEXT NOT NULL,
  document TEXT NOT NULL
) WITHOUT ROWID;
)sql";

// 7: clock states beyond running and stopped. A report is `submitted`
// (when, by whom, a note: on time when submitted_at <= due_at) or the clock
// `closed` (the case needs no further report); a clock the case no longer
// qualifies for is `stopped`, with when and why, and stop_count numbers its
// stops so each is notified once. `basis` says what Day 0 was read from: the
// site's awareness date (the configured awareness field) or the receipt of
// the record. overdue_at is when the overdue notice went out; it stays when a
// late report is submitted.
constexpr std::string_view kClockStates = R"sql(
ALTER TABLE clocks ADD COLUMN basis TEXT NOT NULL DEFAULT 'receipt';   -- site_awareness | receipt
ALTER TABLE clocks ADD COLUMN submitted_at TEXT;
ALTER TABLE clocks ADD COLUMN submitted_by TEXT;
ALTER TABLE clocks ADD COLUMN closed_at TEXT;
ALTER TABLE clocks ADD COLUMN closed_by TEXT;
ALTER TABLE clocks ADD COLUMN note TEXT;
ALTER TABLE clocks ADD COLUMN stopped_at TEXT;
ALTER TABLE clocks ADD COLUMN stopped_reason TEXT;
ALTER TABLE clocks ADD COLUMN stop_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE clocks ADD COLUMN overdue_at TEXT;
CREATE INDEX clocks_running ON clocks(due_at) WHERE state = 'running';
)sql";

// 8: alerts that never fall silent. `history` keeps each withdrawal of an
// alert that was reopened when its finding held again; a stopping rule's
// alert keeps the rule's latest state beside it (`current_state`) and when
// the rule was last found back under its boundary (`cleared_at`); an AE and
// a lab finding of the same trigger, subject and episode are one alert, the
// second `merged` into the first (`merged_into`, `episode_date`). Stopping-
// rule courses end at the end of follow-up (withdrawal, loss to follow-up).
constexpr std::string_view kSafetyFirst = R"sql(
ALTER TABLE alerts ADD COLUMN history TEXT NOT NULL DEFAULT '[]';
ALTER TABLE alerts ADD COLUMN current_state TEXT;
ALTER TABLE alerts ADD COLUMN cleared_at TEXT;
ALTER TABLE alerts ADD COLUMN merged_into TEXT;
ALTER TABLE alerts ADD COLUMN episode_date TEXT;
CREATE INDEX alerts_by_subject_trigger ON alerts(subject, trigger_id);
CREATE INDEX alerts_merged ON alerts(merged_into) WHERE merged_into IS NOT NULL;
ALTER TABLE rule_courses ADD COLUMN follow_up_end TEXT NOT NULL DEFAULT '';
DELETE FROM summary_cache;
)sql";

// 9: notifications. Each outbox row is one notification (an alert event
// for one receiver) on one of the receiver's channels, named by its
// address in the configuration ("webhooks[0]", "emails[0]", "chats[0]",
// "log"); the routing decision is the rows themselves, written in the
// transaction that raised or changed the alert. A pending row is tried from
// next_at on (the backoff schedule survives a restart); `attempts` counts
// the attempts made, `deliveries` logs each one. `alert_timers` hold the
// decisions still to come: a repeat to a receiver every interval_s while
// the alert is open, an escalation to the next receiver at due_at.
constexpr std::string_view kNotifications = R"sql(
CREATE TABLE outbox_v9 (
  id           INTEGER PRIMARY KEY,
  alert_id     TEXT NOT NULL REFERENCES alerts(id),
  event        TEXT NOT NULL,           -- raised | withdrawn | repeat | escalated | overdue | acknowledged
  receiver     TEXT NOT NULL,
  channel      TEXT NOT NULL,           -- the channel's address within its receiver
  state        TEXT NOT NULL,           -- pending | delivered | failed
  attempts     INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  next_at      TEXT NOT NULL,           -- pending: not tried before
  delivered_at TEXT,                    -- delivered or failed for good: when
  last_error   TEXT
);
INSERT INTO outbox_v9 (id, alert_id, event, receiver, channel, state, attempts, created_at, next_at, delivered_at,
                       last_error)
  SELECT id, alert_id, event, 'log', channel, state, attempts, created_at, COALESCE(next_at, created_at),
         delivered_at, last_error FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v9 RENAME TO outbox;
CREATE INDEX outbox_due ON outbox(next_at, id) WHERE state = 'pending';
CREATE INDEX outbox_by_alert ON outbox(alert_id, receiver, channel, id);
CREATE TABLE deliveries (
  id         INTEGER PRIMARY KEY,
  outbox_id  INTEGER NOT NULL REFERENCES outbox(id),
  attempt    INTEGER NOT NULL,
  at         TEXT NOT NULL,
  result     TEXT NOT NULL,             -- delivered | retry | failed
  reason     TEXT NOT NULL,
  elapsed_ms INTEGER NOT NULL
);
CREATE INDEX deliveries_by_outbox ON deliveries(outbox_id);
CREATE TABLE alert_timers (
  alert_id   TEXT NOT NULL REFERENCES alerts(id),
  kind       TEXT NOT NULL,             -- repeat | escalate
  receiver   TEXT NOT NULL,
  due_at     TEXT NOT NULL,
  interval_s INTEGER NOT NULL,          -- repeat: seconds between repeats; escalate: the repeat interval after
  PRIMARY KEY (alert_id, kind, receiver)
) WITHOUT ROWID;
CREATE INDEX alert_timers_due ON alert_timers(due_at);
)sql";

// 10: the date by which each domain's current records are placed against a
// summary's cut-off (Reader::DatedAfter: how many lie after it), indexed so
// that counting them reads the records after the cut-off, not the table.
constexpr std::string_view kCutoffDates = R"sql(
CREATE INDEX dm_dated ON dm(rficdtc) WHERE valid_to IS NULL;
CREATE INDEX ex_dated ON ex(exstdtc) WHERE valid_to IS NULL;
CREATE INDEX ae_dated ON ae(aestdtc) WHERE valid_to IS NULL;
CREATE INDEX lb_dated ON lb(lbdtc) WHERE valid_to IS NULL;
CREATE INDEX vs_dated ON vs(vsdtc) WHERE valid_to IS NULL;
CREATE INDEX eg_dated ON eg(egdtc) WHERE valid_to IS NULL;
)sql";

// 11: the HTTP API's bearer tokens. Only the SHA-256 of a token is kept
// (the token is printed once, when created); a token is looked up by its
// hash, so the hash is unique as well as the name. A revoked token stays,
// with revoked_at, so its name is never given to another token: the name is
// what request logs and acknowledgements record. last_used_on is a date,
// written at most once a day per token.
constexpr std::string_view kTokens = R"sql(
CREATE TABLE tokens (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE,
  role         TEXT NOT NULL,            -- dsmb | physician | feed | admin
  token_sha256 TEXT NOT NULL UNIQUE,     -- lower-case hex
  created_at   TEXT NOT NULL,
  revoked_at   TEXT,
  last_used_on TEXT                      -- YYYY-MM-DD
);
)sql";

// 12: the replies of HTTP intake requests sent with an Idempotency-Key, so
// that a retried request (same caller, key and body) gets the same reply and
// changes nothing, and the same key with another body is refused. Written in
// the batch's own transaction: a reply exists exactly when its batch does.
constexpr std::string_view kIdempotentReplies = R"sql(
CREATE TABLE idempotent_replies (
  caller       TEXT NOT NULL,             -- the token's name ("" without one)
  key          TEXT NOT NULL,             -- the Idempotency-Key header as sent
  route        TEXT NOT NULL,             -- method and path the key was first used with
  sha256       TEXT NOT NULL,             -- of the request body
  batch_id     INTEGER REFERENCES batches(id),
  status       INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  body         TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  PRIMARY KEY (caller, key)
) WITHOUT ROWID;
)sql";

// 13: the result status of a lab value (LBRESSTAT: FINAL, PRELIMINARY,
// CORRECTED, AMENDED; HL7 OBX-11, FHIR Observation.status), which the safety
// plan reads: a preliminary value is graded and shown but raises no alert.
constexpr std::string_view kResultStatus = R"sql(
ALTER TABLE lb ADD COLUMN lbresstat TEXT;
)sql";

// 14: the audit trail (daemon/store/audit_chain.h): who or what did what,
// when, one row per entry, each holding the hash of the entry before it.
// Written in the same transaction as what it records. The triggers make the
// table append-only: an UPDATE or DELETE fails, so changing an entry takes
// dropping them first, a deliberate act that `vigilctl audit verify` then
// finds (the changed, removed or added entry no longer chains).
constexpr std::string_view kAudit = R"sql(
CREATE TABLE audit (
  seq       INTEGER PRIMARY KEY,   -- 1, 2, 3 ... without gaps
  at        TEXT NOT NULL,         -- when it happened (UTC)
  actor     TEXT NOT NULL,         -- program:user, or the person or token named
  action    TEXT NOT NULL,         -- delivery.received, alert.raised, ...
  object    TEXT NOT NULL,         -- what it concerns: an alert id, a delivery, a token
  detail    TEXT NOT NULL,         -- JSON object
  prev_hash TEXT NOT NULL,         -- hash of entry seq - 1; 64 zeros for the first
  hash      TEXT NOT NULL          -- SHA-256 of this entry's fields and prev_hash
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: an entry cannot be changed'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: an entry cannot be removed'); END;
)sql";

// 15: how many current records of each domain carry each date (the date
// part of the cut-off column of Reader::DatedAfter), so that counting the
// records after a cut-off reads one row per date instead of every record
// after it (migration 10's index). The store keeps it in the transaction
// that inserts or supersedes records, one write per date per transaction
// (Store::Commit); its key is `DatedKey` (domain_columns.h), which this
// migration's CASE computes the same way for the records already stored.
constexpr std::string_view kDatedCounts = R"sql(
CREATE TABLE dated_counts (
  domain TEXT NOT NULL,     -- dm, ex, ae, lb, vs, eg
  day    TEXT NOT NULL,     -- DatedKey of the record's cut-off date
  n      INTEGER NOT NULL,  -- current records with that key
  PRIMARY KEY (domain, day)
) WITHOUT ROWID;
INSERT INTO dated_counts (domain, day, n)
  SELECT 'dm', CASE WHEN substr(rficdtc, 11, 1) >= '~' THEN rficdtc ELSE substr(rficdtc, 1, 10) END, COUNT(*)
  FROM dm WHERE valid_to IS NULL AND rficdtc IS NOT NULL GROUP BY 2;
INSERT INTO dated_counts (domain, day, n)
  SELECT 'ex', CASE WHEN substr(exstdtc, 11, 1) >= '~' THEN exstdtc ELSE substr(exstdtc, 1, 10) END, COUNT(*)
  FROM ex WHERE valid_to IS NULL AND exstdtc IS NOT NULL GROUP BY 2;
INSERT INTO dated_counts (domain, day, n)
  SELECT 'ae', CASE WHEN substr(aestdtc, 11, 1) >= '~' THEN aestdtc ELSE substr(aestdtc, 1, 10) END, COUNT(*)
  FROM ae WHERE valid_to IS NULL AND aestdtc IS NOT NULL GROUP BY 2;
INSERT INTO dated_counts (domain, day, n)
  SELECT 'lb', CASE WHEN substr(lbdtc, 11, 1) >= '~' THEN lbdtc ELSE substr(lbdtc, 1, 10) END, COUNT(*)
  FROM lb WHERE valid_to IS NULL AND lbdtc IS NOT NULL GROUP BY 2;
INSERT INTO dated_counts (domain, day, n)
  SELECT 'vs', CASE WHEN substr(vsdtc, 11, 1) >= '~' THEN vsdtc ELSE substr(vsdtc, 1, 10) END, COUNT(*)
  FROM vs WHERE valid_to IS NULL AND vsdtc IS NOT NULL GROUP BY 2;
INSERT INTO dated_counts (domain, day, n)
  SELECT 'eg', CASE WHEN substr(egdtc, 11, 1) >= '~' THEN egdtc ELSE substr(egdtc, 1, 10) END, COUNT(*)
  FROM eg WHERE valid_to IS NULL AND egdtc IS NOT NULL GROUP BY 2;
)sql";

constexpr Migration kMigrations[] = {
    {1, "initial", kInitial},
    {2, "grades", kGrades},
    {3, "configurations", kConfigurations},
    {4, "timelines", kTimelines},
    {5, "alerts", kAlerts},
    {6, "summary cache", kSummaryCache},
    {7, "clock states", kClockStates},
    {8, "safety first", kSafetyFirst},
    {9, "notifications", kNotifications},
    {10, "cut-off dates", kCutoffDates},
    {11, "tokens", kTokens},
    {12, "idempotent replies", kIdempotentReplies},
    {13, "lab result status", kResultStatus},
    {14, "audit trail", kAudit},
    {15, "dated counts", kDatedCounts},
};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

}  // namespace vigil::store
