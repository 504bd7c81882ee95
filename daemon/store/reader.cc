#include "daemon/store/reader.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>

#include "daemon/store/domain_columns.h"
#include "daemon/store/store.h"
#include "daemon/store/store_internal.h"

namespace vigil::store {

namespace {

// A file's size; 0 when it does not exist.
std::int64_t FileBytes(const std::string& path) {
  std::error_code ec;
  const std::uintmax_t n = std::filesystem::file_size(path, ec);
  return ec ? 0 : static_cast<std::int64_t>(n);
}

}  // namespace

Reader::Reader(std::string path, std::unique_ptr<SQLite::Database> db) : path_(std::move(path)), db_(std::move(db)) {}
Reader::~Reader() = default;

Result<std::unique_ptr<Reader>> Reader::Open(const std::string& path) {
  if (!std::filesystem::exists(path)) return Status::NotFound("no database at " + path + " (has vigild run here?)");
  auto db = OpenDatabase(path, /*read_only=*/true);
  if (!db.ok()) return db.status();
  return std::unique_ptr<Reader>(new Reader(path, std::move(*db)));
}

Result<StatusCounts> Reader::Counts() {
  return Guard("read status", [&]() -> Result<StatusCounts> {
    StatusCounts c;
    // One read transaction: every count sees the same snapshot.
    SQLite::Transaction snapshot(*db_, SQLite::TransactionBehavior::DEFERRED);
    for (Domain d : kAllDomains) {
      std::string table(DomainName(d));
      // Versions are never deleted, so the largest id counts them; current
      // records are counted on the partial index of current keys. Neither
      // reads the table itself (a full scan takes seconds at millions of
      // rows).
      SQLite::Statement st(*db_, "SELECT (SELECT COALESCE(MAX(id), 0) FROM " + table + "), (SELECT COUNT(*) FROM " +
                                     table + " INDEXED BY " + table + "_current WHERE valid_to IS NULL)");
      st.executeStep();
      c.versions[static_cast<std::size_t>(d)] = st.getColumn(0).getInt64();
      c.records[static_cast<std::size_t>(d)] = st.getColumn(1).getInt64();
    }
    c.inbound = db_->execAndGet("SELECT COALESCE(MAX(id), 0) FROM inbound").getInt64();  // never deleted
    c.batches = db_->execAndGet("SELECT COUNT(*) FROM batches").getInt64();
    SQLite::Statement by_source(*db_, "SELECT source, COUNT(*) FROM batches GROUP BY source");
    while (by_source.executeStep())
      c.deliveries[by_source.getColumn(0).getString()] = by_source.getColumn(1).getInt64();
    SQLite::Statement q(*db_,
                        "SELECT COALESCE(SUM(state IN ('rejected','held')), 0), COALESCE(SUM(state = 'held'), 0)"
                        " FROM quarantine");
    q.executeStep();
    c.quarantined = q.getColumn(0).getInt64();
    c.held = q.getColumn(1).getInt64();
    SQLite::Statement a(*db_,
                        "SELECT COALESCE(SUM(state = 'open'), 0), COALESCE(SUM(state = 'acknowledged'), 0), COUNT(*)"
                        " FROM alerts");
    a.executeStep();
    c.alerts_open = a.getColumn(0).getInt64();
    c.alerts_acknowledged = a.getColumn(1).getInt64();
    c.alerts_total = a.getColumn(2).getInt64();
    SQLite::Statement o(*db_,
                        "SELECT COALESCE(SUM(state = 'pending'), 0), COALESCE(SUM(state = 'delivered'), 0),"
                        " COALESCE(SUM(state = 'failed'), 0) FROM outbox");
    o.executeStep();
    c.outbox_pending = o.getColumn(0).getInt64();
    c.outbox_delivered = o.getColumn(1).getInt64();
    c.outbox_failed = o.getColumn(2).getInt64();
    SQLite::Statement r(*db_,
                        "SELECT receiver, COALESCE(SUM(state = 'pending'), 0), COALESCE(SUM(state = 'delivered'), 0),"
                        " COALESCE(SUM(state = 'failed'), 0), COALESCE(MIN(CASE WHEN state = 'pending' THEN created_at"
                        " END), '') FROM outbox GROUP BY receiver ORDER BY receiver");
    while (r.executeStep()) {
      c.receivers.push_back({r.getColumn(0).getString(), r.getColumn(1).getInt64(), r.getColumn(2).getInt64(),
                             r.getColumn(3).getInt64(), r.getColumn(4).getString()});
    }
    c.database_bytes = FileBytes(path_);
    c.wal_bytes = FileBytes(path_ + "-wal");
    return c;
  });
}

Result<std::vector<OutboxRow>> Reader::Outbox(const std::string& alert_id) {
  return Guard("read outbox", [&]() -> Result<std::vector<OutboxRow>> {
    SQLite::Statement st(*db_,
                         "SELECT id, alert_id, event, receiver, channel, state, created_at, next_at, attempts"
                         " FROM outbox WHERE ?1 = '' OR alert_id = ?1 ORDER BY id");
    st.bind(1, alert_id);
    std::vector<OutboxRow> rows;
    while (st.executeStep()) {
      rows.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getString(), st.getColumn(2).getString(),
                      st.getColumn(3).getString(), st.getColumn(4).getString(), st.getColumn(5).getString(),
                      st.getColumn(6).getString(), st.getColumn(7).getString(), st.getColumn(8).getInt()});
    }
    return rows;
  });
}

Result<std::vector<DeliveryLogRow>> Reader::Deliveries(const std::string& alert_id) {
  return Guard("read deliveries", [&]() -> Result<std::vector<DeliveryLogRow>> {
    SQLite::Statement st(*db_,
                         "SELECT d.outbox_id, o.alert_id, o.event, o.receiver, o.channel, d.attempt, d.at, d.result,"
                         " d.reason, d.elapsed_ms, o.state, CASE WHEN o.state = 'pending' THEN o.next_at ELSE '' END"
                         " FROM deliveries d JOIN outbox o ON o.id = d.outbox_id"
                         " WHERE ?1 = '' OR o.alert_id = ?1 ORDER BY d.id");
    st.bind(1, alert_id);
    std::vector<DeliveryLogRow> rows;
    while (st.executeStep()) {
      int i = 0;
      auto text = [&]() { return st.getColumn(i++).getString(); };
      DeliveryLogRow d;
      d.outbox_id = st.getColumn(i++).getInt64();
      d.alert_id = text();
      d.event = text();
      d.receiver = text();
      d.channel = text();
      d.attempt = st.getColumn(i++).getInt();
      d.at = text();
      d.result = text();
      d.reason = text();
      d.elapsed_ms = st.getColumn(i++).getInt64();
      d.state = text();
      d.next_at = text();
      rows.push_back(std::move(d));
    }
    return rows;
  });
}

Result<std::vector<QuarantineRow>> Reader::Quarantine() {
  return Guard("read quarantine", [&]() -> Result<std::vector<QuarantineRow>> {
    std::vector<QuarantineRow> rows;
    SQLite::Statement st(*db_,
                         "SELECT q.id, b.source, b.name, COALESCE(q.position, 0), COALESCE(i.domain, ''),"
                         " COALESCE(q.usubjid, ''), q.field, q.reason, q.state, q.created_at, q.problems,"
                         " COALESCE(CAST(i.payload AS TEXT), '')"
                         " FROM quarantine q JOIN batches b ON b.id = q.batch_id"
                         " LEFT JOIN inbound i ON i.id = q.inbound_id"
                         " WHERE q.state IN ('rejected', 'held') ORDER BY q.id");
    while (st.executeStep()) {
      QuarantineRow r;
      r.id = st.getColumn(0).getInt64();
      r.source = st.getColumn(1).getString();
      r.batch_name = st.getColumn(2).getString();
      r.position = st.getColumn(3).getInt64();
      r.domain = st.getColumn(4).getString();
      r.usubjid = st.getColumn(5).getString();
      r.field = st.getColumn(6).getString();
      r.reason = st.getColumn(7).getString();
      r.state = st.getColumn(8).getString();
      r.created_at = st.getColumn(9).getString();
      r.problems = st.getColumn(10).getString();
      r.payload = st.getColumn(11).getString();
      rows.push_back(std::move(r));
    }
    return rows;
  });
}

}  // namespace vigil::store

namespace vigil::store {
namespace {

std::optional<int> OptionalInt(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getInt();
}

}  // namespace

Result<std::vector<GradeView>> Reader::Grades(const std::string& usubjid) {
  return Guard("read grades", [&]() -> Result<std::vector<GradeView>> {
    std::vector<GradeView> rows;
    SQLite::Statement st(*db_,
                         "SELECT domain, record_key, test_code, term, ctcae_term, COALESCE(dtc, ''), grade, reason,"
                         " worst_case, assumption, criteria_version, is_baseline, post_baseline, treatment_emergent,"
                         " baseline_grade FROM grades WHERE usubjid = ? ORDER BY dtc, domain, record_key, term");
    st.bind(1, usubjid);
    while (st.executeStep()) {
      GradeView g;
      g.domain = st.getColumn(0).getString();
      g.record_key = st.getColumn(1).getString();
      g.test_code = st.getColumn(2).getString();
      g.term = st.getColumn(3).getString();
      g.ctcae_term = st.getColumn(4).getString();
      g.dtc = st.getColumn(5).getString();
      g.grade = OptionalInt(st.getColumn(6));
      g.reason = st.getColumn(7).getString();
      g.worst_case = st.getColumn(8).getInt() == 1;
      g.assumption = st.getColumn(9).getString();
      g.criteria_version = st.getColumn(10).getString();
      g.is_baseline = st.getColumn(11).getInt() == 1;
      g.post_baseline = st.getColumn(12).getInt() == 1;
      g.treatment_emergent = st.getColumn(13).getInt() == 1;
      g.baseline_grade = OptionalInt(st.getColumn(14));
      rows.push_back(std::move(g));
    }
    return rows;
  });
}

Result<std::vector<WorstGradeView>> Reader::WorstGrades(const std::string& usubjid) {
  return Guard("read worst grades", [&]() -> Result<std::vector<WorstGradeView>> {
    std::vector<WorstGradeView> rows;
    SQLite::Statement st(*db_,
                         "SELECT ctcae_term, baseline_grade, worst_grade FROM worst_grades WHERE usubjid = ?"
                         " ORDER BY ctcae_term");
    st.bind(1, usubjid);
    while (st.executeStep()) {
      rows.push_back({.ctcae_term = st.getColumn(0).getString(),
                      .baseline_grade = OptionalInt(st.getColumn(1)),
                      .worst_grade = OptionalInt(st.getColumn(2))});
    }
    return rows;
  });
}

}  // namespace vigil::store

namespace vigil::store {

Result<SafetySnapshot> Reader::Snapshot(const std::string& known_at) {
  return Guard("read snapshot", [&]() -> Result<SafetySnapshot> {
    SafetySnapshot snap;
    SQLite::Transaction snapshot(*db_, SQLite::TransactionBehavior::DEFERRED);
    auto load = [&](Domain domain, std::vector<Record>& out) {
      SQLite::Statement st(*db_, "SELECT i.fields FROM " + std::string(DomainName(domain)) +
                                     " d JOIN inbound i ON i.id = d.inbound_id"
                                     " WHERE d.valid_from <= ?1 AND (d.valid_to IS NULL OR d.valid_to > ?1)"
                                     " ORDER BY d.usubjid, d.id");
      st.bind(1, known_at);
      while (st.executeStep()) out.push_back(RecordFromFields(domain, st.getColumn(0).getString()));
    };
    load(Domain::kDm, snap.dm);
    load(Domain::kEx, snap.ex);
    load(Domain::kAe, snap.ae);
    for (Domain d : {Domain::kLb, Domain::kVs, Domain::kEg}) load(d, snap.measurements);
    return snap;
  });
}

Status Reader::ForEachTimeline(const std::function<Status(StoredTimeline&)>& each) {
  return Guard("read subject timelines", [&]() -> Status {
    SQLite::Transaction snapshot(*db_, SQLite::TransactionBehavior::DEFERRED);
    SQLite::Statement t(*db_, "SELECT usubjid, timeline FROM subject_timelines ORDER BY usubjid");
    SQLite::Statement l(*db_,
                        "SELECT usubjid, ctcae_term, baseline_grade, reached_0, reached_1, reached_2, reached_3,"
                        " reached_4, reached_5 FROM worst_grades ORDER BY usubjid, ctcae_term");
    // Both in subject order: each subject's lab rows are read beside its
    // timeline; those of a subject without one (not enrolled) are passed.
    bool lab = l.executeStep();
    auto lab_subject = [&] { return std::string_view(l.getColumn(0).getText()); };
    while (t.executeStep()) {
      StoredTimeline s{.usubjid = t.getColumn(0).getString(), .timeline = t.getColumn(1).getString()};
      while (lab && lab_subject() < s.usubjid) lab = l.executeStep();
      for (; lab && lab_subject() == s.usubjid; lab = l.executeStep()) {
        summary::LabReach reach{.term = l.getColumn(1).getString(), .baseline_grade = OptionalInt(l.getColumn(2))};
        for (int g = 0; g < 6; ++g) {
          const SQLite::Column c = l.getColumn(3 + g);
          if (!c.isNull()) reach.reached[static_cast<std::size_t>(g)] = c.getString();
        }
        s.labs.push_back(std::move(reach));
      }
      if (Status st = each(s); !st.ok()) return st;
    }
    return Status::Ok();
  });
}

Result<SubjectRecords> Reader::LoadSubjectRecords(const std::string& usubjid) {
  return Guard("read subject records", [&]() -> Result<SubjectRecords> { return QuerySubjectRecords(*db_, usubjid); });
}

}  // namespace vigil::store

namespace vigil::store {

Result<std::string> Reader::LatestDelivery(const std::string& known_at) {
  return Guard("read latest delivery", [&]() -> Result<std::string> {
    SQLite::Statement last(*db_,
                           "SELECT COALESCE(MAX(received_at), '') FROM batches WHERE ?1 = '' OR received_at <= ?1");
    last.bind(1, known_at);
    last.executeStep();
    return last.getColumn(0).getString();
  });
}

Result<std::string> Reader::LatestConfiguration() {
  return Guard("read configuration", [&] { return QueryLatestConfiguration(*db_); });
}

Result<std::array<std::int64_t, kAllDomains.size()>> Reader::DatedAfter(const std::string& cutoff,
                                                                        const std::string& known_at) {
  using Counts = std::array<std::int64_t, kAllDomains.size()>;
  return Guard("read records dated after the cut-off", [&]() -> Result<Counts> {
    Counts counts{};
    SQLite::Transaction snapshot(*db_, SQLite::TransactionBehavior::DEFERRED);
    for (Domain d : kAllDomains) {
      const std::string column = Lower(DatedVariable(d));
      // ISO dates order as text. After "<cut-off>~" ('~' sorts above every
      // character a date-time continues with) is every date-time of a later
      // day and no time of the cut-off's day; a partial date sorts below
      // the cut-off when it may mean that day or one before (2026-06, 2026),
      // above it when all of it is later (2026-07). Current records are
      // counted per date (migration 15's dated_counts, whose key compares
      // with "<cut-off>~" as the whole value does: DatedKey); the versions
      // valid at a past moment, on the table.
      const std::string current = "SELECT COALESCE(SUM(n), 0) FROM dated_counts WHERE day > ?1 AND domain = ?2";
      const std::string then = "SELECT COUNT(*) FROM " + std::string(DomainName(d)) + " WHERE " + column +
                               " > ?1 AND valid_from <= ?2 AND (valid_to IS NULL OR valid_to > ?2)";
      SQLite::Statement st(*db_, known_at.empty() ? current : then);
      st.bind(1, cutoff + "~");
      st.bind(2, known_at.empty() ? std::string(DomainName(d)) : known_at);
      st.executeStep();
      counts[static_cast<std::size_t>(d)] = st.getColumn(0).getInt64();
    }
    return counts;
  });
}

}  // namespace vigil::store

namespace vigil::store {

Result<std::vector<AlertRow>> Reader::Alerts(const std::string& state) {
  return Guard("read alerts", [&]() -> Result<std::vector<AlertRow>> {
    const bool all = state.empty() || state == "all";
    SQLite::Statement st(*db_, AlertSelect() + (all ? "" : " WHERE state = ?") + " ORDER BY created_at DESC, id");
    if (!all) st.bind(1, state);
    std::vector<AlertRow> rows;
    while (st.executeStep()) rows.push_back(ReadAlertRow(st, 0));
    return rows;
  });
}

Result<std::vector<ClockListing>> Reader::Clocks() {
  return Guard("read clocks", [&]() -> Result<std::vector<ClockListing>> { return QueryClockListing(*db_); });
}

Result<std::vector<RuleCourseRow>> Reader::RuleCourses() {
  return Guard("read rule courses", [&]() -> Result<std::vector<RuleCourseRow>> { return QueryRuleCourses(*db_); });
}

}  // namespace vigil::store

namespace vigil::store {

Result<std::optional<std::string>> Reader::CachedSummary(const std::string& query) {
  return Guard("read cached summary", [&]() -> Result<std::optional<std::string>> {
    SQLite::Transaction snapshot(*db_, SQLite::TransactionBehavior::DEFERRED);
    SQLite::Statement st(*db_, "SELECT stamp, document FROM summary_cache WHERE query = ?");
    st.bind(1, query);
    if (!st.executeStep()) return std::optional<std::string>();
    if (st.getColumn(0).getString() != QueryStateStamp(*db_)) return std::optional<std::string>();
    return std::optional<std::string>(st.getColumn(1).getString());
  });
}

}  // namespace vigil::store
