// The read side of the store: read-only connections for vigilctl and the API.
// WAL lets any number of readers run beside the daemon's writer.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "daemon/store/alert_row.h"
#include "daemon/store/audit_chain.h"
#include "daemon/store/grade_row.h"
#include "daemon/store/subject_records.h"
#include "daemon/store/token_row.h"
#include "rules/records/domain.h"
#include "rules/records/record.h"
#include "rules/status.h"
#include "rules/summary/timeline.h"

namespace SQLite {
class Database;
}

namespace vigil::store {

// The outbox of one receiver.
struct ReceiverOutbox {
  std::string receiver;
  std::int64_t pending = 0, delivered = 0, failed = 0;
  std::string oldest_pending_at;  // created_at of the oldest pending row; "" when none
};

// One notification on one channel, as queued (the outbox, migration 9).
struct OutboxRow {
  std::int64_t id = 0;
  std::string alert_id, event, receiver, channel, state, created_at, next_at;
  int attempts = 0;
};

struct StatusCounts {
  std::array<std::int64_t, kAllDomains.size()> records{};   // current versions, by domain
  std::array<std::int64_t, kAllDomains.size()> versions{};  // every version kept, by domain
  std::int64_t inbound = 0;                                 // records received, as received
  std::int64_t quarantined = 0;  // records (and unreadable deliveries) now in quarantine, held included
  std::int64_t held = 0;         // of which waiting for a reference
  std::int64_t batches = 0;      // deliveries committed
  // Deliveries by source (spool, mllp, http; unreadable ones included).
  std::map<std::string, std::int64_t> deliveries;
  std::int64_t alerts_open = 0, alerts_acknowledged = 0, alerts_total = 0;
  std::int64_t outbox_pending = 0, outbox_delivered = 0, outbox_failed = 0;
  std::vector<ReceiverOutbox> receivers;  // by name
  // The files on disk: the database and its write-ahead log (0 when there
  // is none). The WAL is checkpointed every 1000 pages and truncated at a
  // clean stop; a large one means a checkpoint cannot complete.
  std::int64_t database_bytes = 0, wal_bytes = 0;
};

// One attempt to deliver a notification (the delivery log, migration 9).
struct DeliveryLogRow {
  std::int64_t outbox_id = 0;
  std::string alert_id, event, receiver, channel;
  int attempt = 0;
  std::string at, result, reason;  // result: delivered | retry | failed
  std::int64_t elapsed_ms = 0;
  std::string state, next_at;  // the notification's state now, and when it is tried next (pending)
};

struct QuarantineRow {
  std::int64_t id = 0;
  std::string source, batch_name;  // where it came from (e.g. spool, the file name)
  std::int64_t position = 0;       // record number in the delivery; 0 for a whole delivery
  std::string domain, usubjid, field, reason, state, created_at;
  std::string problems;  // JSON array of {field, reason}
  std::string payload;   // the record as received
};

// How many alerts of one kind are in one state.
struct AlertCount {
  std::string kind, state;
  std::int64_t count = 0;
};

// How many delivery attempts to one receiver's channel had one result
// (delivered | retry | failed).
struct DeliveryCount {
  std::string receiver, channel, result;
  std::int64_t count = 0;
};

// One stored version of a record: what a subject's timeline shows of a
// record's history.
struct RecordVersion {
  Record record;
  int version = 1;
  std::string valid_from, valid_to;  // receive times; valid_to "" for the current version
};

struct WorstGradeView {
  std::string ctcae_term;
  std::optional<int> baseline_grade, worst_grade;
};

// The records a safety summary is computed from, as the database knew them
// at a past moment: every domain's versions valid then, rebuilt from their
// inbound rows, by subject and then in the order the versions arrived (the
// order series grading breaks ties of collection time by).
struct SafetySnapshot {
  std::vector<Record> dm, ex, ae;
  std::vector<Record> measurements;  // LB, VS, EG
};

// A subject's stored timeline (JSON, rules/summary/timeline.h) and its lab
// terms' reach.
struct StoredTimeline {
  std::string usubjid;
  std::string timeline;
  std::vector<summary::LabReach> labs = {};  // by term
};

class Reader {
 public:
  // Fails with a clear message when there is no database at `path`.
  static Result<std::unique_ptr<Reader>> Open(const std::string& path);
  ~Reader();

  Result<StatusCounts> Counts();
  // The notifications queued for an alert (every alert when ""), in the
  // order they were queued.
  Result<std::vector<OutboxRow>> Outbox(const std::string& alert_id = "");
  // The delivery log, oldest first; of one alert when `alert_id` is given.
  Result<std::vector<DeliveryLogRow>> Deliveries(const std::string& alert_id = "");
  // Records now in quarantine (rejected or held), oldest first.
  Result<std::vector<QuarantineRow>> Quarantine();
  // A subject's graded values, by collection date; and worst grades by term.
  Result<std::vector<GradeView>> Grades(const std::string& usubjid);
  Result<std::vector<WorstGradeView>> WorstGrades(const std::string& usubjid);
  // The records valid at `known_at` (a receive timestamp as stored, e.g.
  // "2026-06-30T12:00:00.000Z"). One read transaction: a consistent
  // snapshot.
  Result<SafetySnapshot> Snapshot(const std::string& known_at);
  // Every subject's timeline with its lab reach, handed to `each` one
  // subject at a time, by subject, in one read transaction (`each` may read
  // more through this reader): memory for one subject, not the trial. The
  // first error `each` returns ends the walk and is returned.
  Status ForEachTimeline(const std::function<Status(StoredTimeline&)>& each);
  // One subject's current DM, EX and AE records.
  Result<SubjectRecords> LoadSubjectRecords(const std::string& usubjid);
  // Alerts in a state (open, acknowledged, withdrawn; "" or "all" for
  // every one), newest first.
  Result<std::vector<AlertRow>> Alerts(const std::string& state);
  // Every subject's course per stopping rule.
  Result<std::vector<RuleCourseRow>> RuleCourses();
  // What derived state (timelines, courses, the summary cache) was computed
  // from: "<latest batch id>:<latest configuration id>".
  Result<std::string> StateStamp();
  // Alerts by kind and state, and delivery attempts by receiver, channel
  // and result (daemon/store/reader_views.cc): what /metrics reports.
  Result<std::vector<AlertCount>> AlertCounts();
  Result<std::vector<DeliveryCount>> DeliveryCounts();
  // One subject's records of a domain, every version, by record key then
  // version; only the current versions when `current_only`. One read
  // transaction.
  // Every alert about one subject, in any state, newest first (as Alerts).
  Result<std::vector<AlertRow>> SubjectAlerts(const std::string& usubjid);
  Result<std::vector<RecordVersion>> SubjectRecordVersions(const std::string& usubjid, Domain domain,
                                                           bool current_only);
  // Every regulatory clock with its subject's site (DM.SITEID), by site,
  // subject, AE key.
  Result<std::vector<ClockListing>> Clocks();
  // The summary document cached for `query`, when it was computed from the
  // database's current state; nullopt otherwise.
  Result<std::optional<std::string>> CachedSummary(const std::string& query);
  // The receive time of the latest delivery at or before `known_at` (all
  // deliveries when empty); "" when there is none.
  Result<std::string> LatestDelivery(const std::string& known_at);
  // The configuration text the daemon last ran with (NotFound before its
  // first start).
  Result<std::string> LatestConfiguration();
  // HTTP API tokens (migration 11), by name; and the token with this
  // SHA-256 (lower-case hex), revoked or not, if any.
  Result<std::vector<TokenRow>> Tokens();
  Result<std::optional<TokenRow>> TokenByHash(const std::string& token_sha256);
  // Per domain, the records dated after `cutoff` (an ISO date): current
  // versions, or those valid at `known_at` when given. The date is DM
  // RFICDTC, EX EXSTDTC, AE AESTDTC, LB LBDTC, VS VSDTC, EG EGDTC; a partial
  // date is after the cut-off only when all of it is (2026-07 is after
  // 2026-06-30, 2026-06 is not); a missing one never is. One read
  // transaction. Current records are counted from their counts per date
  // (migration 15), so the cost is the dates after the cut-off; the
  // versions valid at a past moment are counted by a scan of each table.
  Result<std::array<std::int64_t, kAllDomains.size()>> DatedAfter(const std::string& cutoff,
                                                                  const std::string& known_at);
  // The audit trail (migration 14) in seq order, one entry at a time, from
  // the first entry at or after `since` (a timestamp; "" = all); `visit`
  // returns false to stop. One read transaction: the trail as of one
  // moment, however long the walk.
  Status ForEachAuditEntry(const std::string& since, const std::function<bool(const AuditEntry&)>& visit);
  // The whole trail walked through AuditChainCheck, stopping at the first
  // break: what `vigilctl audit verify` and `vigilctl backup` report.
  struct AuditVerification {
    AuditChainCheck check;
    AuditEntry last;    // the last entry that chains
    AuditEntry broken;  // the entry named by check.broken(), when there is one
  };
  Result<AuditVerification> VerifyAuditTrail();

 private:
  Reader(std::string path, std::unique_ptr<SQLite::Database> db);
  std::string path_;
  std::unique_ptr<SQLite::Database> db_;
};

}  // namespace vigil::store
