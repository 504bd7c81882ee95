// The store's grading tables: series of measurements in, grades out.
#include <SQLiteCpp/SQLiteCpp.h>

#include <array>
#include <cctype>
#include <map>
#include <set>

#include "daemon/store/store.h"
#include "daemon/store/store_internal.h"

namespace vigil::store {
namespace {

std::string ColumnText(SQLite::Statement& st, int i) {
  const SQLite::Column c = st.getColumn(i);
  return c.isNull() ? std::string() : c.getString();
}

// The variables a series row is made of, per domain, as selected by
// SeriesSql (after id and record_key).
constexpr std::string_view kLbSeriesVars[] = {"LBDTC",    "LBBLFL",   "LBLOBXFL", "LBSTRESN", "LBSTRESU",
                                              "LBORRES",  "LBORRESU", "LBSTNRLO", "LBSTNRHI", "LBORNRLO",
                                              "LBORNRHI", "LBSPEC",   "LBRESSTAT"};
constexpr std::string_view kVsSeriesVars[] = {"VSDTC", "VSBLFL", "VSSTRESN", "VSSTRESU"};
constexpr std::string_view kEgSeriesVars[] = {"EGDTC", "EGBLFL", "EGSTRESN", "EGSTRESU"};

std::span<const std::string_view> SeriesVars(Domain d) {
  switch (d) {
    case Domain::kLb: return kLbSeriesVars;
    case Domain::kVs: return kVsSeriesVars;
    case Domain::kEg: return kEgSeriesVars;
    default: return {};
  }
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The series query of a domain, for the whole series (by date, then
// arrival) or, by_id, for one row of it.
std::string MakeSeriesSql(const SeriesKey& k, bool by_id) {
  const std::string table(DomainName(k.domain));
  const std::string prefix = table.substr(0, 2);
  std::string sql = "SELECT id, record_key";
  for (std::string_view var : SeriesVars(k.domain)) sql += ", " + Lower(var);
  sql += ", version FROM " + table + " WHERE usubjid = ? AND valid_to IS NULL AND ";
  if (k.domain == Domain::kLb && k.loinc) {
    sql += "lbtestcd IS NULL AND lbloinc = ?";
  } else {
    sql += prefix + "testcd = ?";
  }
  sql += by_id ? " AND id = ?" : " ORDER BY " + prefix + "dtc, id";
  return sql;
}

// MakeSeriesSql, built once per form: 3 domains x LOINC or not x one row or all.
constexpr Domain kGradedDomains[] = {Domain::kLb, Domain::kVs, Domain::kEg};

std::size_t FormIndex(Domain d, bool loinc, bool by_id) {
  std::size_t domain = 0;
  while (kGradedDomains[domain] != d) ++domain;
  return domain * 4 + (loinc ? 2 : 0) + (by_id ? 1 : 0);
}

const std::string& SeriesSql(const SeriesKey& k, bool by_id = false) {
  static const auto kForms = [] {
    std::array<std::string, 12> forms;
    for (Domain d : kGradedDomains) {
      for (bool loinc : {false, true}) {
        for (bool id : {false, true}) {
          forms[FormIndex(d, loinc, id)] =
              MakeSeriesSql({.domain = d, .usubjid = {}, .test_code = {}, .loinc = loinc}, id);
        }
      }
    }
    return forms;
  }();
  return kForms[FormIndex(k.domain, k.loinc, by_id)];
}

// CAST(REAL AS TEXT) writes 40.0 for 40; the value is the same number, and
// grading compares decimals exactly, so the trailing ".0" is dropped only to
// keep reports tidy.
std::string Tidy(std::string v) {
  if (v.size() > 2 && v.ends_with(".0") && std::isdigit(static_cast<unsigned char>(v[v.size() - 3]))) {
    v.resize(v.size() - 2);
  }
  return v;
}

// grades.test_code: the test code, or "LOINC:" and the code for LB records
// that carry only LBLOINC.
constexpr std::string_view kLoincPrefix = "LOINC:";

std::string StoredTestCode(const SeriesKey& k) {
  return k.loinc ? std::string(kLoincPrefix) + k.test_code : k.test_code;
}

}  // namespace

Status Store::ClearDerived() {
  return Guard("clear derived state", [&] {
    db_->exec("DELETE FROM grades");
    db_->exec("DELETE FROM worst_grades");
    db_->exec("DELETE FROM graded_first_dose");
    db_->exec("DELETE FROM subject_timelines");
    db_->exec("DELETE FROM rule_courses");
    db_->exec("DELETE FROM summary_cache");
    return Status::Ok();
  });
}

Result<std::optional<std::string>> Store::GradedFirstDose(std::string_view usubjid) {
  return Guard("read graded first dose", [&]() -> Result<std::optional<std::string>> {
    CachedStatement st = Cached("SELECT first_dose FROM graded_first_dose WHERE usubjid = ?");
    st->bind(1, std::string(usubjid));
    if (!st->executeStep()) return std::optional<std::string>();
    return std::optional<std::string>(st->getColumn(0).getString());
  });
}

Status Store::SetGradedFirstDose(std::string_view usubjid, std::string_view first_dose) {
  return Guard("record graded first dose", [&] {
    CachedStatement st = Cached("INSERT OR REPLACE INTO graded_first_dose (usubjid, first_dose) VALUES (?, ?)");
    st->bind(1, std::string(usubjid));
    st->bind(2, std::string(first_dose));
    st->exec();
    return Status::Ok();
  });
}

Result<std::vector<std::string>> Store::EnrolledSubjects() {
  return Guard("list subjects", [&]() -> Result<std::vector<std::string>> {
    std::vector<std::string> ids;
    CachedStatement st = Cached("SELECT usubjid FROM dm WHERE valid_to IS NULL ORDER BY usubjid");
    while (st->executeStep()) ids.push_back(st->getColumn(0).getString());
    return ids;
  });
}

Result<std::string> Store::FirstDose(std::string_view usubjid) {
  return Guard("find first dose", [&]() -> Result<std::string> {
    CachedStatement dm = Cached("SELECT COALESCE(rfxstdtc, '') FROM dm WHERE usubjid = ? AND valid_to IS NULL");
    dm->bind(1, std::string(usubjid));
    if (dm->executeStep()) {
      std::string d = dm->getColumn(0).getString();
      if (!d.empty()) return d;
    }
    CachedStatement ex =
        Cached("SELECT COALESCE(MIN(exstdtc), '') FROM ex WHERE usubjid = ? AND valid_to IS NULL AND exstdtc <> ''");
    ex->bind(1, std::string(usubjid));
    ex->executeStep();
    return ex->getColumn(0).getString();
  });
}

SeriesRow ReadSeriesRow(Domain domain, SQLite::Statement& st) {
  const std::span<const std::string_view> vars = SeriesVars(domain);
  SeriesRow row = MakeSeriesRow(domain, st.getColumn(0).getInt64(), st.getColumn(1).getString(),
                                [&](std::string_view var) -> std::string {
                                  for (std::size_t i = 0; i < vars.size(); ++i) {
                                    if (vars[i] == var) return Tidy(ColumnText(st, static_cast<int>(i) + 2));
                                  }
                                  return {};
                                });
  row.version = st.getColumn(static_cast<int>(vars.size()) + 2).getInt();
  return row;
}

Result<std::vector<SeriesRow>> Store::LoadSeries(const SeriesKey& k) {
  return Guard("load series", [&]() -> Result<std::vector<SeriesRow>> {
    std::vector<SeriesRow> rows;
    CachedStatement st = Cached(SeriesSql(k));
    st->bind(1, k.usubjid);
    st->bind(2, k.test_code);
    while (st->executeStep()) rows.push_back(ReadSeriesRow(k.domain, *st));
    return rows;
  });
}

Result<std::optional<SeriesRow>> Store::LoadSeriesRow(const SeriesKey& k, std::int64_t record_id) {
  return Guard("load series row", [&]() -> Result<std::optional<SeriesRow>> {
    CachedStatement st = Cached(SeriesSql(k, /*by_id=*/true));
    st->bind(1, k.usubjid);
    st->bind(2, k.test_code);
    st->bind(3, static_cast<int64_t>(record_id));
    if (!st->executeStep()) return std::optional<SeriesRow>();
    return std::optional<SeriesRow>(ReadSeriesRow(k.domain, *st));
  });
}

Result<std::optional<SeriesRow>> Store::LoadSeriesBaseline(const SeriesKey& k) {
  std::int64_t record_id = 0;
  Status found = Guard("find series baseline", [&] {
    CachedStatement st = Cached(
        "SELECT record_id FROM grades WHERE usubjid = ? AND domain = ? AND test_code = ? AND is_baseline = 1 LIMIT 1");
    st->bind(1, k.usubjid);
    st->bind(2, std::string(DomainName(k.domain)));
    st->bind(3, StoredTestCode(k));
    if (st->executeStep()) record_id = st->getColumn(0).getInt64();
    return Status::Ok();
  });
  if (!found.ok()) return found;
  if (record_id == 0) return std::optional<SeriesRow>();
  return LoadSeriesRow(k, record_id);
}

Result<std::vector<SeriesKey>> Store::SubjectSeries(std::string_view usubjid) {
  return Guard("list series", [&]() -> Result<std::vector<SeriesKey>> {
    std::vector<SeriesKey> keys;
    CachedStatement st = Cached(
        "SELECT DISTINCT 'lb', COALESCE(lbtestcd, lbloinc), lbtestcd IS NULL FROM lb WHERE usubjid = ?1 AND valid_to "
        "IS NULL"
        " UNION SELECT DISTINCT 'vs', vstestcd, 0 FROM vs WHERE usubjid = ?1 AND valid_to IS NULL"
        " UNION SELECT DISTINCT 'eg', egtestcd, 0 FROM eg WHERE usubjid = ?1 AND valid_to IS NULL");
    st->bind(1, std::string(usubjid));
    while (st->executeStep()) {
      if (st->getColumn(1).isNull()) continue;
      keys.push_back({.domain = *ParseDomain(st->getColumn(0).getString()),
                      .usubjid = std::string(usubjid),
                      .test_code = st->getColumn(1).getString(),
                      .loinc = st->getColumn(2).getInt() == 1});
    }
    return keys;
  });
}

Result<std::optional<Store::GradedAs>> Store::GradedSeries(Domain domain, std::string_view usubjid,
                                                           std::string_view key) {
  return Guard("find graded series", [&]() -> Result<std::optional<GradedAs>> {
    CachedStatement st =
        Cached("SELECT test_code, is_baseline FROM grades WHERE domain = ? AND usubjid = ? AND record_key = ?");
    st->bind(1, std::string(DomainName(domain)));
    st->bind(2, std::string(usubjid));
    st->bind(3, std::string(key));
    if (!st->executeStep()) return std::optional<GradedAs>();
    std::string code = st->getColumn(0).getString();
    GradedAs g{.series = {.domain = domain, .usubjid = std::string(usubjid), .test_code = code, .loinc = false},
               .baseline = st->getColumn(1).getInt() == 1};
    while (st->executeStep()) g.baseline = g.baseline || st->getColumn(1).getInt() == 1;
    if (code.starts_with(kLoincPrefix)) {
      g.series.test_code = code.substr(kLoincPrefix.size());
      g.series.loinc = true;
    }
    return std::optional<GradedAs>(std::move(g));
  });
}

Result<std::vector<std::string>> Store::ReplaceSeriesGrades(const SeriesKey& k, std::span<const GradeRow> rows) {
  return ReplaceGrades(k, std::nullopt, rows, false);
}

Result<std::vector<std::string>> Store::ReplaceRecordGrades(const SeriesKey& k, std::string_view record_key,
                                                            std::span<const GradeRow> rows) {
  return ReplaceGrades(k, record_key, rows, false);
}

Result<std::vector<std::string>> Store::ReplaceGrades(const SeriesKey& k, std::optional<std::string_view> record_key,
                                                      std::span<const GradeRow> rows, bool insert_only) {
  return Guard("store grades", [&]() -> Result<std::vector<std::string>> {
    const std::string domain(DomainName(k.domain));
    const std::string test_code = StoredTestCode(k);
    // The whole series, or the one record: the grades primary key
    // (domain, usubjid, record_key, term) makes the latter an index range.
    const std::string where = record_key ? " WHERE domain = ?1 AND usubjid = ?2 AND record_key = ?3"
                                         : " WHERE usubjid = ?2 AND domain = ?1 AND test_code = ?3";
    const std::string third = record_key ? std::string(*record_key) : test_code;
    std::set<std::string> terms;
    if (!insert_only) {
      CachedStatement old_terms = Cached("SELECT DISTINCT ctcae_term FROM grades" + where);
      old_terms->bind(1, domain);
      old_terms->bind(2, k.usubjid);
      old_terms->bind(3, third);
      while (old_terms->executeStep()) terms.insert(old_terms->getColumn(0).getString());

      CachedStatement del = Cached("DELETE FROM grades" + where);
      del->bind(1, domain);
      del->bind(2, k.usubjid);
      del->bind(3, third);
      del->exec();
    }

    CachedStatement ins = Cached(
        "INSERT OR REPLACE INTO grades (domain, usubjid, record_key, term, record_id, test_code, ctcae_term, dtc, "
        "grade,"
        " reason, worst_case, assumption, criteria_version, is_baseline, post_baseline, treatment_emergent,"
        " baseline_grade) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const GradeRow& g : rows) {
      ins->reset();
      ins->bind(1, domain);
      ins->bind(2, k.usubjid);
      ins->bind(3, g.record_key);
      ins->bind(4, g.term);
      ins->bind(5, static_cast<int64_t>(g.record_id));
      ins->bind(6, test_code);
      ins->bind(7, g.ctcae_term);
      ins->bind(8, g.dtc);
      if (g.grade) {
        ins->bind(9, *g.grade);
      } else {
        ins->bind(9);
      }
      ins->bind(10, g.reason);
      ins->bind(11, g.worst_case ? 1 : 0);
      ins->bind(12, g.assumption);
      ins->bind(13, g.criteria_version);
      ins->bind(14, g.is_baseline ? 1 : 0);
      ins->bind(15, g.post_baseline ? 1 : 0);
      ins->bind(16, g.treatment_emergent ? 1 : 0);
      if (g.baseline_grade) {
        ins->bind(17, *g.baseline_grade);
      } else {
        ins->bind(17);
      }
      ins->exec();
      terms.insert(g.ctcae_term);
    }
    return std::vector<std::string>(terms.begin(), terms.end());
  });
}

Status Store::AddRecordGrades(const SeriesKey& k, std::span<const GradeRow> rows) {
  auto inserted = ReplaceGrades(k, std::nullopt, rows, /*insert_only=*/true);
  return inserted.ok() ? Status::Ok() : inserted.status();
}

namespace {

constexpr int kReachedColumns = 6;

std::optional<int> OptionalInt(SQLite::Statement& st, int i) {
  const SQLite::Column c = st.getColumn(i);
  if (c.isNull()) return std::nullopt;
  return c.getInt();
}

void BindOptional(SQLite::Statement& st, int i, const std::optional<int>& v) {
  if (v) {
    st.bind(i, *v);
  } else {
    st.bind(i);
  }
}

}  // namespace

// The worst-grade rules are the rules' (rules/grading/worst_grade.h): the
// store reads the stored row or the grades, and writes what the fold says.
void Store::WriteWorstGrade(std::string_view usubjid, std::string_view ctcae_term, const grading::WorstGrade& w) {
  CachedStatement ins = Cached(
      "INSERT INTO worst_grades (usubjid, ctcae_term, baseline_grade, worst_grade,"
      " reached_0, reached_1, reached_2, reached_3, reached_4, reached_5) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (usubjid, ctcae_term) DO UPDATE SET baseline_grade = excluded.baseline_grade,"
      " worst_grade = excluded.worst_grade, reached_0 = excluded.reached_0, reached_1 = excluded.reached_1,"
      " reached_2 = excluded.reached_2, reached_3 = excluded.reached_3, reached_4 = excluded.reached_4,"
      " reached_5 = excluded.reached_5");
  ins->bind(1, std::string(usubjid));
  ins->bind(2, std::string(ctcae_term));
  BindOptional(*ins, 3, w.baseline_grade);
  BindOptional(*ins, 4, w.worst_grade);
  for (int g = 0; g < kReachedColumns; ++g) {
    if (w.reached[g]) {
      ins->bind(5 + g, *w.reached[g]);
    } else {
      ins->bind(5 + g);
    }
  }
  ins->exec();
}

Status Store::MergeWorstGrade(std::string_view usubjid, std::string_view ctcae_term, const grading::WorstGrade& add) {
  return Guard("raise worst grade", [&] {
    grading::WorstGrade w;
    {
      CachedStatement st = Cached(
          "SELECT baseline_grade, worst_grade, reached_0, reached_1, reached_2, reached_3, reached_4, reached_5"
          " FROM worst_grades WHERE usubjid = ? AND ctcae_term = ?");
      st->bind(1, std::string(usubjid));
      st->bind(2, std::string(ctcae_term));
      if (st->executeStep()) {
        w.baseline_grade = OptionalInt(*st, 0);
        w.worst_grade = OptionalInt(*st, 1);
        for (int g = 0; g < kReachedColumns; ++g) {
          if (!st->getColumn(2 + g).isNull()) w.reached[g] = st->getColumn(2 + g).getString();
        }
      }
    }
    w.Merge(add);
    WriteWorstGrade(usubjid, ctcae_term, w);
    return Status::Ok();
  });
}

Status Store::RefreshWorstGrade(std::string_view usubjid, std::string_view ctcae_term) {
  return Guard("refresh worst grade", [&] {
    grading::WorstGrade w;
    bool any = false;
    {
      CachedStatement st = Cached(
          "SELECT grade, is_baseline, post_baseline, COALESCE(dtc, '') FROM grades"
          " WHERE usubjid = ? AND ctcae_term = ?");
      st->bind(1, std::string(usubjid));
      st->bind(2, std::string(ctcae_term));
      while (st->executeStep()) {
        any = true;
        w.Add(OptionalInt(*st, 0), st->getColumn(1).getInt() == 1, st->getColumn(2).getInt() == 1,
              st->getColumn(3).getString());
      }
    }
    if (any) {
      WriteWorstGrade(usubjid, ctcae_term, w);
      return Status::Ok();
    }
    CachedStatement del = Cached("DELETE FROM worst_grades WHERE usubjid = ? AND ctcae_term = ?");
    del->bind(1, std::string(usubjid));
    del->bind(2, std::string(ctcae_term));
    del->exec();
    return Status::Ok();
  });
}

}  // namespace vigil::store

namespace vigil::store {

Result<std::vector<safety::GradedValue>> Store::LoadGradedValues(const SeriesKey& k, std::int64_t record_id) {
  std::vector<SeriesRow> rows;
  if (record_id == 0) {
    auto series = LoadSeries(k);
    if (!series.ok()) return series.status();
    rows = std::move(*series);
  } else {
    auto row = LoadSeriesRow(k, record_id);
    if (!row.ok()) return row.status();
    if (!*row) return std::vector<safety::GradedValue>();  // no longer current
    rows.push_back(std::move(**row));
  }
  auto baseline = LoadSeriesBaseline(k);
  if (!baseline.ok()) return baseline.status();
  return Guard("load graded values", [&]() -> Result<std::vector<safety::GradedValue>> {
    const std::string table(DomainName(k.domain));
    // Each row's version, and the grades of the series by row, each read in
    // one query (not one per row: a whole series is read when it is graded
    // again).
    struct Graded {
      std::string term;
      std::optional<int> grade;
    };
    std::map<std::int64_t, std::vector<Graded>> grades;
    {
      CachedStatement st = Cached(
          "SELECT record_id, ctcae_term, grade FROM grades"
          " WHERE usubjid = ?1 AND domain = ?2 AND test_code = ?3 ORDER BY term");
      st->bind(1, k.usubjid);
      st->bind(2, table);
      st->bind(3, StoredTestCode(k));
      while (st->executeStep()) {
        grades[st->getColumn(0).getInt64()].push_back(
            {.term = st->getColumn(1).isNull() ? "" : st->getColumn(1).getString(),
             .grade = st->getColumn(2).isNull() ? std::nullopt : std::optional<int>(st->getColumn(2).getInt())});
      }
    }
    std::vector<safety::GradedValue> out;
    for (const SeriesRow& r : rows) {
      safety::GradedValue v{.usubjid = k.usubjid,
                            .domain = k.domain,
                            .record_key = r.record_key,
                            .version = std::to_string(r.version),
                            .test_code = k.test_code,
                            .ctcae_term = "",
                            .dtc = r.dtc,
                            .value = r.value,
                            .unit = r.unit,
                            .uln = r.uln,
                            .lln = r.lln,
                            .baseline = *baseline ? (*baseline)->value : "",
                            .preliminary = r.result_status == "PRELIMINARY"};
      auto found = grades.find(r.record_id);
      if (found == grades.end()) {
        out.push_back(std::move(v));  // not graded: one value without a term
        continue;
      }
      for (const Graded& g : found->second) {
        safety::GradedValue graded = v;
        graded.ctcae_term = g.term;
        graded.grade = g.grade;
        out.push_back(std::move(graded));
      }
    }
    return out;
  });
}

}  // namespace vigil::store
