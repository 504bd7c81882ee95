// The write side of the SQLite store: the only place (with reader.h) that
// holds SQL. One Store owns the one write connection; it is used from one
// thread. WAL journal, synchronous=FULL: a committed batch survives power
// loss, and readers (vigilctl, the API) run beside the writer.
//
// Every method returns a Status; SQLite exceptions never leave this file.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "daemon/store/alert_row.h"
#include "daemon/store/grade_row.h"
#include "daemon/store/subject_records.h"
#include "daemon/store/token_row.h"
#include "rules/grading/series_row.h"
#include "rules/grading/worst_grade.h"
#include "rules/records/record.h"
#include "rules/records/validate.h"
#include "rules/safety/graded_value.h"
#include "rules/status.h"

namespace SQLite {
class Database;
class Statement;
}  // namespace SQLite

namespace vigil::store {

class CachedStatement;

// One delivery: a spool file, an HL7 message, an HTTP request.
struct BatchInfo {
  std::string source;  // spool | mllp | http
  std::string name;
  std::string sha256;
  std::string received_at;
};

enum class BatchState { kIngested, kUnreadable };

// The reply an HTTP intake request with an Idempotency-Key got (migration
// 12), kept to answer its retries.
struct IdempotentReply {
  std::string route;   // "POST /api/v1/feeds/lb"
  std::string sha256;  // of the request body
  std::int64_t batch_id = 0;
  int status = 200;
  std::string content_type;
  std::string body;
};

struct BatchCounts {
  int records = 0, accepted = 0, unchanged = 0, quarantined = 0;
};

enum class InboundStatus { kAccepted, kUnchanged, kQuarantined, kHeld };

enum class Upsert {
  kNew,        // first version of this key
  kFollowUp,   // a new version superseded the current one
  kUnchanged,  // same content as the current version: nothing written
};

struct UpsertResult {
  Upsert kind = Upsert::kNew;
  std::int64_t row_id = 0;  // the current version's row in the domain table
};

struct QuarantineEntry {
  std::int64_t batch_id = 0;
  std::int64_t inbound_id = 0;  // 0 when the whole batch is rejected
  std::string usubjid;
  std::size_t position = 0;
  std::vector<Problem> problems;  // at least one
  bool held = false;              // waiting for a reference (e.g. the subject's DM)
  std::string created_at;
};

// A record held in quarantine, rebuilt from its stored inbound row.
struct HeldRecord {
  std::int64_t quarantine_id = 0;
  std::int64_t inbound_id = 0;
  Record record;
};

// The series types are the rules' (rules/grading/series_row.h): the store
// reads and writes them, it does not decide what they hold.
using grading::MakeSeriesRow;
using grading::SeriesKey;
using grading::SeriesRow;

// The current version of each record key, by domain and subject: the row,
// its version number and a digest of its canonical text, so that storing a
// record needs no read of the store. Filled a subject at a time as its
// records arrive (nothing is read at start), emptied when a transaction
// rolls back. Memory stays bounded (about 90 bytes an entry): a subject's
// keys are read in only while the entries are below load_below(), and a
// subject whose new keys take them past max_entries is dropped; a subject
// not held is looked up one key at a time through the current-version
// index. The gap between the two keeps a large subject from being read in
// and dropped again record after record.
struct CurrentVersions {
  struct Version {
    std::int64_t row_id = 0;
    int version = 0;
    std::uint64_t digest = 0;
  };
  using Keys = std::unordered_map<std::string, Version>;
  using Subjects = std::unordered_map<std::string, Keys>;
  std::size_t max_entries = 200000;
  std::size_t load_below() const { return max_entries / 5 * 4; }
  std::array<Subjects, kAllDomains.size()> by_domain;
  std::size_t entries = 0;
  void Clear() {
    for (Subjects& s : by_domain) s.clear();
    entries = 0;
  }
};

// SQLite's page cache of the writing connection unless the configuration
// says otherwise (config::Storage, whose default this is).
inline constexpr int kDefaultPageCacheMib = 16;

class Store {
 public:
  // Opens or creates the database and applies pending migrations.
  // kUnavailable when SQLite can open it only read-only (a file, WAL or
  // directory this process cannot write, a read-only file system).
  static Result<std::unique_ptr<Store>> Open(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Derived state, for a rebuild: empties the grading tables.
  Status ClearDerived();
  // Every subject with a current DM record, in id order.
  Result<std::vector<std::string>> EnrolledSubjects();
  // The configuration text recorded last (NotFound before the first start).
  Result<std::string> LatestConfiguration();

  // Records the configuration text the daemon runs with, unless it is the
  // one recorded last.
  Status RecordConfiguration(std::string_view text, std::string_view at);

  // One transaction per batch. Rollback is safe to call when none is open.
  //
  // A connection that failed with a read-only or I/O error (SQLITE_READONLY,
  // SQLITE_IOERR, SQLITE_CANTOPEN), or that SQLite holds read-only, is
  // replaced before the next Begin or CommittedBatch: the connection is
  // opened again (never created: a database that is gone stays an error)
  // and its statements prepared again; the old one is kept until the new
  // one can write, so a fault that has not cleared is reported again
  // (kUnavailable) and retried with the next attempt. Without this a
  // connection SQLite once opened read-only would stay read-only after the
  // fault cleared.
  Status Begin();
  Status Commit();
  void Rollback();

  // For a clean stop: copies every page of the WAL into the database and
  // truncates the WAL to zero bytes, so the next start has nothing to
  // replay. Waits up to the busy timeout for readers (vigilctl) to end;
  // Unavailable when one still holds a snapshot: the WAL stays, and is
  // checkpointed after the next start's first commits.
  Status TruncateWal();

  // How a delivery with this source, name and content was committed, if it
  // was: ingested, or recorded as unreadable.
  Result<std::optional<BatchState>> CommittedBatch(std::string_view source, std::string_view name,
                                                   std::string_view sha256);
  Result<std::int64_t> InsertBatch(const BatchInfo& batch);
  Status FinishBatch(std::int64_t batch_id, const BatchCounts& counts);
  // A delivery that could not be read at all, recorded with its reason.
  Status InsertUnreadableBatch(const BatchInfo& batch, std::string_view reason);

  Result<std::int64_t> InsertInbound(std::int64_t batch_id, const Record& record, std::string_view canonical,
                                     std::string_view received_at, InboundStatus status);
  Status SetInboundStatus(std::int64_t inbound_id, InboundStatus status);

  // Stores `record` as the current version of its key unless its canonical
  // text equals the current version's.
  Result<UpsertResult> UpsertRecord(const Record& record, std::string_view canonical, std::int64_t inbound_id,
                                    std::string_view received_at);

  // Whether DM holds a current record for the subject.
  Result<bool> SubjectEnrolled(std::string_view usubjid);
  // The subject's cohort (DM.ARMCD of its current record); "" when none.
  Result<std::string> SubjectCohort(std::string_view usubjid);

  // Grading (CTCAE): inputs and derived grades.
  // First dose: DM.RFXSTDTC, else the earliest EX.EXSTDTC; "" when neither.
  Result<std::string> FirstDose(std::string_view usubjid);
  // Current records of a series, by collection date then arrival.
  Result<std::vector<SeriesRow>> LoadSeries(const SeriesKey& key);
  // The first dose the subject's grades were derived with, if recorded.
  Result<std::optional<std::string>> GradedFirstDose(std::string_view usubjid);
  Status SetGradedFirstDose(std::string_view usubjid, std::string_view first_dose);
  // Every series of the subject's current LB, VS and EG records.
  Result<std::vector<SeriesKey>> SubjectSeries(std::string_view usubjid);
  // Where and how a record key was last graded, if it was.
  struct GradedAs {
    SeriesKey series;
    bool baseline = false;
  };
  Result<std::optional<GradedAs>> GradedSeries(Domain domain, std::string_view usubjid, std::string_view key);
  // One current record of a series, by its row id; nullopt when that row is
  // no longer current.
  Result<std::optional<SeriesRow>> LoadSeriesRow(const SeriesKey& key, std::int64_t record_id);
  // The current record a series was last graded with as its baseline.
  Result<std::optional<SeriesRow>> LoadSeriesBaseline(const SeriesKey& key);
  // Replaces the grades of one record of a series; returns the CTCAE terms
  // touched (before and after).
  Result<std::vector<std::string>> ReplaceRecordGrades(const SeriesKey& key, std::string_view record_key,
                                                       std::span<const GradeRow> rows);
  // Adds the grades of a record graded for the first time; the caller folds
  // them into the subject's worst grades (MergeWorstGrade).
  Status AddRecordGrades(const SeriesKey& key, std::span<const GradeRow> rows);
  // Folds `add` into the subject's stored worst grade of a term
  // (rules/grading/worst_grade.h): once per subject and term per batch.
  Status MergeWorstGrade(std::string_view usubjid, std::string_view ctcae_term, const grading::WorstGrade& add);
  // Replaces the grades of a whole series; returns the CTCAE terms touched
  // (before and after), whose worst grades the caller then refreshes.
  Result<std::vector<std::string>> ReplaceSeriesGrades(const SeriesKey& key, std::span<const GradeRow> rows);
  // Recomputes a subject's baseline and worst post-baseline grade of a term.
  Status RefreshWorstGrade(std::string_view usubjid, std::string_view ctcae_term);

  // Summaries: each subject's timeline (rules/summary/timeline.h), kept
  // current by the pipeline.
  Result<SubjectRecords> LoadSubjectRecords(std::string_view usubjid);
  Status PutTimeline(std::string_view usubjid, std::string_view cohort, std::string_view timeline_json);
  // The current summary document (migration 6).
  Result<std::string> StateStamp();
  Status PutSummaryCache(std::string_view query, std::string_view stamp, std::string_view document);
  Status ClearSummaryCache();
  // Enrolled subjects without a timeline (a database from before timelines
  // were kept), in id order.
  Result<std::vector<std::string>> SubjectsWithoutTimeline();

  // Safety plan: alerts, their outbox rows, clocks, stopping-rule courses.
  // The current values of a series (or of its one record with row id
  // `record_id`), one per record and CTCAE term (one without a term when
  // CTCAE does not grade the test), with the series' baseline value: what
  // the lab findings read.
  Result<std::vector<safety::GradedValue>> LoadGradedValues(const SeriesKey& key, std::int64_t record_id = 0);
  // Every alert an evaluation scope owns, in any state.
  Result<std::vector<AlertRow>> AlertsInScope(std::string_view scope);
  // The scopes beginning with `prefix` that own an alert, in any state.
  Result<std::set<std::string>> ScopesWithAlerts(std::string_view prefix);
  // Inserts the alert. Queuing its notifications is the caller's
  // (daemon/notify/alert_notices.h): they depend on the routes.
  Status RaiseAlert(const AlertRow& alert);
  // Reopens a withdrawn alert whose finding holds again (`alert` is the
  // finding's stored form, same id): open, its withdrawal kept in `history`.
  // False when it was not withdrawn (nothing changed).
  Result<bool> ReopenAlert(const AlertRow& alert);
  // A merged alert whose covering alert was withdrawn becomes open; false
  // when it was not merged.
  Result<bool> PromoteMerged(const std::string& id, std::string_view at);
  Result<std::optional<AlertRow>> AlertById(const std::string& id);
  // A stopping rule's state beside its alert; `cleared_at` "" = crossed now.
  Status UpdateRuleAlertState(const std::string& id, std::string_view current_state, std::string_view cleared_at);
  // The alerts stored merged into `id`.
  Result<std::vector<AlertRow>> AlertsMergedInto(const std::string& id);
  // Every alert of one subject and trigger, in any state, oldest first.
  Result<std::vector<AlertRow>> SubjectAlertsOfTrigger(std::string_view subject, std::string_view trigger_id);
  // Marks the alert withdrawn; every destination notified of it gets a
  // 'withdrawn' notification (none for a merged alert, which was never
  // notified on its own) and its repeats and escalation stop.
  Status WithdrawAlert(const std::string& id, std::string_view at, std::string_view reason);
  // Acknowledges an open alert; NotFound for an unknown id, Invalid when it
  // is not open, or is a stopping-rule crossing acknowledged without a note.
  // Its repeats and escalation stop, and every destination notified of it
  // gets an 'acknowledged' notification, in the same unit.
  Status AcknowledgeAlert(const std::string& id, std::string_view by, std::string_view note, std::string_view at);

  // Notifications (migration 9). Queues one pending row per destination,
  // due at `at`.
  Status QueueNotifications(const std::string& alert_id, notifiers::Event event, std::span<const Destination> to,
                            std::string_view at);
  // Pending rows due at `now`, oldest first, each the first pending row of
  // its alert and destination (a receiver sees an alert's events in order),
  // leaving out `busy` (rows in flight).
  Result<std::vector<OutboxItem>> DueOutbox(std::string_view now, const std::set<std::int64_t>& busy, int limit);
  // The earliest next_at after `now` of a pending row; "" when none.
  Result<std::string> NextOutboxAfter(std::string_view now);
  // Logs the attempt and moves the row on: delivered, failed for good, or
  // pending again from next_at.
  Status RecordAttempt(const DeliveryAttempt& attempt);
  // Adds a timer; an existing one of the same alert, kind and receiver
  // keeps the earlier due time.
  Status PutAlertTimer(const AlertTimer& timer);
  Result<std::vector<AlertTimer>> DueAlertTimers(std::string_view now, int limit);
  Status DeleteAlertTimer(const AlertTimer& timer);
  // The earliest due_at of any timer; "" when none.
  Result<std::string> NextAlertTimer();
  // Clocks of one case (subject and AE key), and every running clock.
  Result<std::vector<ClockRow>> CaseClocks(std::string_view usubjid, std::string_view ae_key);
  Result<std::vector<ClockRow>> RunningClocks();
  // Inserts a clock, or updates the one of the same case and kind.
  Status PutClock(const ClockRow& clock);
  // An operator's record that the case's report of `kind` was submitted at
  // `at` (a timestamp "...Z") by `by`: the clock is final, on time when `at`
  // is not after its due time. NotFound (naming the case) when the case has
  // no such clock; Invalid when it was already submitted or closed.
  Status SubmitClock(std::string_view usubjid, std::string_view ae_key, std::string_view kind, std::string_view at,
                     std::string_view by, std::string_view note);
  // Closes the clock: the case needs no further report of `kind`. Errors as
  // SubmitClock's.
  Status CloseClock(std::string_view usubjid, std::string_view ae_key, std::string_view kind, std::string_view at,
                    std::string_view by, std::string_view note);
  // Replaces the subject's courses (all rules).
  Status ReplaceRuleCourses(std::string_view usubjid, std::span<const RuleCourseRow> rows);
  Result<std::vector<RuleCourseRow>> RuleCourses();

  Status InsertQuarantine(const QuarantineEntry& entry);

  // HTTP intake's Idempotency-Key replies (store_idempotency.cc): the one a
  // caller's key got, if any; and recording one, inside the transaction of
  // the batch it answers.
  Result<std::optional<IdempotentReply>> FindIdempotentReply(std::string_view caller, std::string_view key);
  Status PutIdempotentReply(std::string_view caller, std::string_view key, const IdempotentReply& reply,
                            std::string_view at);
  Result<std::vector<HeldRecord>> HeldRecords(std::string_view usubjid);
  Status ReleaseHeld(std::int64_t quarantine_id, std::string_view at);

  // HTTP API tokens (migration 11; daemon/http/tokens.h). Invalid when the
  // name is taken (by a valid or a revoked token).
  Status CreateToken(const TokenRow& token);
  // Revokes the token named `name`: NotFound for an unknown name. Returns
  // the token as it was (already revoked: revoked_at is kept).
  Result<TokenRow> RevokeToken(std::string_view name, std::string_view at);
  // Records that the token was used on `day` (YYYY-MM-DD).
  Status TouchToken(std::string_view name, std::string_view day);

  // The audit trail (migration 14; daemon/store/audit_chain.h). The store
  // writes the entries of what it records itself (deliveries, superseded
  // and quarantined records, alerts, deliveries of notifications, tokens,
  // clocks, configurations); callers add what only they know (a rebuild, a
  // backup). Inside the open transaction, or in one of its own.
  Status Audit(std::string_view action, std::string_view object, const nlohmann::json& detail, std::string_view at);
  // Who the entries name when the operation names no one: "program:user"
  // by default.
  void SetAuditActor(std::string actor) { actor_ = std::move(actor); }

  // Told each time the connection was replaced (see Begin), with the fault
  // that made it due: the daemon logs it.
  void SetOnReopen(std::function<void(std::string_view fault)> on_reopen) { on_reopen_ = std::move(on_reopen); }
  // SQLite's page cache for this connection and any that replaces it
  // (kDefaultPageCacheMib until set).
  Status SetPageCacheMib(int mib);
  // The bound on the current versions held in memory (CurrentVersions),
  // and how many are held now.
  void LimitHeldVersions(std::size_t max_entries) {
    current_.Clear();
    current_.max_entries = max_entries;
  }
  std::size_t held_versions() const { return current_.entries; }

 private:
  struct Statements;
  Store(std::string path, std::unique_ptr<SQLite::Database> db, std::unique_ptr<Statements> statements);
  static Result<std::unique_ptr<Statements>> Prepare(SQLite::Database& db);
  // Replaces the connection when a fault made that due (Begin).
  Status EnsureWritableConnection();
  Status Reopen();
  // Remembers a read-only or I/O error the connection last reported.
  void NoteFault();
  // The statement for `sql`, prepared on first use, lent until the caller's
  // scope ends (store_internal.h). Throws SQLite::Exception; callers run
  // inside Guard.
  CachedStatement Cached(std::string_view sql);
  // Writes a subject's worst grade of a term. Throws SQLite::Exception.
  void WriteWorstGrade(std::string_view usubjid, std::string_view ctcae_term, const grading::WorstGrade& w);
  Result<std::vector<std::string>> ReplaceGrades(const SeriesKey& key, std::optional<std::string_view> record_key,
                                                 std::span<const GradeRow> rows, bool insert_only);

  // Appends an audit entry; `actor` "" = actor_. Throws SQLite::Exception,
  // and std::logic_error outside a transaction.
  void AppendAudit(std::string_view action, std::string_view object, const nlohmann::json& detail, std::string_view at,
                   std::string_view actor = {});

  // The subject's current versions in `domain` when they are held, or read
  // in when there is room; nullptr: look each key up in the store
  // (CurrentVersions). Throws SQLite::Exception.
  CurrentVersions::Keys* CurrentKeys(Domain domain, const std::string& usubjid);
  // A key just stored, in the subject's held keys; the subject is dropped
  // when they take the entries past max_entries.
  void Remember(Domain domain, const std::string& usubjid, CurrentVersions::Keys& keys, const std::string& key,
                CurrentVersions::Version stored);

  // Current records gained (+) and lost (-) per domain and DatedKey in the
  // open transaction: written to dated_counts (migration 15) at its commit,
  // one row per date, and dropped with its rollback.
  void WriteDatedCounts();
  std::map<std::pair<Domain, std::string>, std::int64_t> dated_;

  std::string path_;
  CurrentVersions current_;
  std::unique_ptr<SQLite::Database> db_;
  std::unique_ptr<Statements> st_;
  // The SQLite error that made a new connection due; "" when none is.
  std::string reopen_due_;
  int page_cache_mib_ = kDefaultPageCacheMib;
  std::function<void(std::string_view)> on_reopen_;
  std::string actor_;
};

// Opens a connection with the project's pragmas; used by Store and Reader.
// A writable connection creates the database unless `create` is false.
Result<std::unique_ptr<SQLite::Database>> OpenDatabase(const std::string& path, bool read_only, bool create = true);

std::string_view InboundStatusName(InboundStatus s);

}  // namespace vigil::store
