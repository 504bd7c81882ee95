// An independent recomputation of the DSMB summary: a simulated trial is fed
// through the real daemon, and every number the tables hold is computed again
// here from the raw spool files, by plain code written from
// docs/definitions.md, and compared with `vigilctl summary` number by number,
// at the document's rounding, per cohort and pooled, at three cut-offs
// (during enrolment, mid-trial, after the last record).
//
// Nothing of rules/summary is used here. What an event's toxicity category is
// (immune-related events are treatment-emergent for the longer window) is the
// classifier's (rules/categories, tested on its own in tests/rules/categories);
// the test asks it directly, with the exposures of the cut-off.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/chi_squared.hpp>
#include <chrono>
#include <climits>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <optional>
#include <set>

#include "config/load.h"
#include "daemon_process.h"
#include "rules/categories/ae_input.h"
#include "rules/categories/classifier.h"
#include "rules/csv/csv.h"
#include "temp_dir.h"

namespace vigil::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Row = std::map<std::string, std::string>;

// ---------------------------------------------------------------- raw files

// The current version of every record: the last valid row of each key in
// delivery (file name) order. The only rows the daemon rejects are AE reports
// with a mistyped grade (tests/daemon/simulate_e2e_test.cc).
struct RawTrial {
  std::map<std::string, Row> dm;                   // by USUBJID
  std::map<std::string, std::vector<Row>> ex, ae;  // by USUBJID
};

bool ValidGrade(const std::string& g) { return g.size() == 1 && g[0] >= '1' && g[0] <= '5'; }

RawTrial ReadRawTrial(const std::vector<fs::path>& files) {
  std::map<std::string, Row> dm;
  std::map<std::pair<std::string, std::string>, Row> ex, ae;
  for (const fs::path& f : files) {
    const std::string name = f.filename().string();
    const bool is_dm = name.find(".dm.csv") != std::string::npos, is_ex = name.find(".ex.csv") != std::string::npos,
               is_ae = name.find(".ae.csv") != std::string::npos;
    if (!is_dm && !is_ex && !is_ae) continue;
    auto table = csv::Parse(ReadFile(f));
    EXPECT_TRUE(table.ok()) << name;
    if (!table.ok()) continue;
    for (const csv::Row& line : table->rows) {
      Row r;
      for (std::size_t i = 0; i < table->header.size(); ++i) r[table->header[i]] = line.fields[i];
      if (is_dm) dm[r["USUBJID"]] = r;
      if (is_ex) ex[{r["USUBJID"], r["EXSEQ"]}] = r;
      if (is_ae && ValidGrade(r["AETOXGR"])) ae[{r["USUBJID"], r["AESPID"]}] = r;
    }
  }
  RawTrial t{.dm = dm, .ex = {}, .ae = {}};
  for (auto& [key, r] : ex) t.ex[key.first].push_back(r);
  for (auto& [key, r] : ae) t.ae[key.first].push_back(r);
  return t;
}

// Days since 1970-01-01 of an ISO date's date part (every date the simulator
// writes is a full date).
long Day(const std::string& iso) {
  int y = 0, m = 0, d = 0;
  EXPECT_EQ(std::sscanf(iso.c_str(), "%d-%d-%d", &y, &m, &d), 3) << iso;
  using namespace std::chrono;
  return sys_days{year{y} / month{static_cast<unsigned>(m)} / day{static_cast<unsigned>(d)}}.time_since_epoch().count();
}

// ------------------------------------------------------- the classifier asked

class Classifier {
 public:
  Classifier() {
    auto config = config::LoadExampleConfig();
    EXPECT_TRUE(config.ok());
    config_ = *config;
    auto set = config_.TrialCategories();
    EXPECT_TRUE(set.ok());
    set_ = std::make_unique<categories::CategorySet>(std::move(*set));
  }

  bool ImmuneRelated(const Row& ae, const std::string& cohort, const std::string& first_dose,
                     const std::vector<const Row*>& exposures) const {
    categories::SubjectContext context;
    context.cohort = cohort;
    for (const config::Cohort& c : config_.cohorts) {
      if (c.id == cohort) context.cohort_treatments = c.treatments;
    }
    if (auto d = ParseIsoDateTime(first_dose); d.ok()) context.first_dose = *d;
    for (const Row* x : exposures) context.exposures.push_back(categories::ReadExposure(ToRecord(Domain::kEx, *x)));
    const auto event = categories::ReadAdverseEvent(ToRecord(Domain::kAe, ae), config_.Vocabulary());
    for (std::string_view name : categories::Classify(*set_, event, context).Names()) {
      if (name == "immune_related") return true;
    }
    return false;
  }

  const config::Config& config() const { return config_; }

 private:
  static Record ToRecord(Domain d, const Row& row) {
    Record r;
    r.domain = d;
    for (const auto& [k, v] : row) r.fields.push_back({k, v});
    return r;
  }

  config::Config config_;
  std::unique_ptr<categories::CategorySet> set_;
};

// ------------------------------------------------ the definitions, written out

const std::set<std::string> kRelated = {"Y", "RELATED", "POSSIBLY RELATED", "PROBABLY RELATED", "DEFINITELY RELATED"};
const std::set<std::string> kNotRelated = {"N", "NOT RELATED", "UNLIKELY RELATED"};
constexpr int kTeaeWindow = 30, kIraeWindow = 90;

struct Event {
  std::string soc, pt, term, action;
  int grade = 0;
  bool serious = false, fatal = false, related = false, immune = false;
  long onset = 0, end = 0;  // days; end = onset when AEENDTC is empty
};

// One subject as of a cut-off.
struct Subject {
  std::string id, cohort;
  bool enrolled = false, treated = false;
  long first = 0;              // first dose (day)
  std::optional<long> last;    // last dose (day), when known
  double exposure_years = 0;   // first dose to min(cut-off, last + 30, death), both days
  std::vector<Event> te;       // treatment-emergent events
  std::vector<Event> fatal;    // every fatal AE with onset by the cut-off
  bool dm_death = false;       // DM death dated by the cut-off
  std::optional<long> death;   // earliest death date (day)
  std::vector<const Row*> ex;  // EX records starting by the cut-off
};

bool Yes(const Row& r, const char* v) { return r.count(v) && r.at(v) == "Y"; }
std::string Get(const Row& r, const char* v) { return r.count(v) ? r.at(v) : ""; }

Subject SubjectAt(const std::string& id, const RawTrial& raw, long cutoff, const Classifier& classifier) {
  const Row& dm = raw.dm.at(id);
  Subject s;
  s.id = id;
  s.cohort = Get(dm, "ARMCD");
  static const std::vector<Row> kNone;
  const auto& ex = raw.ex.count(id) ? raw.ex.at(id) : kNone;
  const auto& ae = raw.ae.count(id) ? raw.ae.at(id) : kNone;
  for (const Row& x : ex) {
    if (Day(Get(x, "EXSTDTC")) <= cutoff) s.ex.push_back(&x);
  }
  // First dose: RFXSTDTC, else the earliest EX start; last dose: RFXENDTC,
  // else the latest EX end (or start).
  std::string first = Get(dm, "RFXSTDTC"), last = Get(dm, "RFXENDTC");
  for (const Row* x : s.ex) {
    if (Get(dm, "RFXSTDTC").empty() && (first.empty() || Get(*x, "EXSTDTC") < first)) first = Get(*x, "EXSTDTC");
    if (Get(dm, "RFXENDTC").empty()) last = std::max(last, Get(*x, Get(*x, "EXENDTC").empty() ? "EXSTDTC" : "EXENDTC"));
  }
  s.treated = !first.empty() && Day(first) <= cutoff;
  s.enrolled = s.treated || Get(dm, "RFICDTC").empty() || Day(Get(dm, "RFICDTC")) <= cutoff;
  if (!s.treated) first.clear();
  s.first = s.treated ? Day(first) : 0;

  s.dm_death = (Yes(dm, "DTHFL") || !Get(dm, "DTHDTC").empty()) &&
               (Get(dm, "DTHDTC").empty() || Day(Get(dm, "DTHDTC")) <= cutoff);
  if (s.dm_death && !Get(dm, "DTHDTC").empty()) s.death = Day(Get(dm, "DTHDTC"));
  for (const Row& r : ae) {
    const long onset = Day(Get(r, "AESTDTC"));
    if (onset > cutoff) continue;
    Event e;
    e.soc = Get(r, "AEBODSYS");
    e.pt = Get(r, "AEDECOD").empty() ? Get(r, "AETERM") : Get(r, "AEDECOD");
    e.term = Get(r, "AETERM");
    e.action = Get(r, "AEACN");
    e.grade = std::stoi(Get(r, "AETOXGR"));
    e.fatal = e.grade == 5 || Yes(r, "AESDTH") || Get(r, "AEOUT") == "FATAL";
    e.serious = Yes(r, "AESER") || e.fatal;
    for (const char* c : {"AESLIFE", "AESHOSP", "AESDISAB", "AESCONG", "AESMIE"}) e.serious = e.serious || Yes(r, c);
    // Related to any study treatment; nothing assessed counts as related.
    bool related = false, assessed = false;
    for (const auto& [k, v] : r) {
      if (k != "AEREL" && k.rfind("AEREL_", 0) != 0) continue;
      related = related || kRelated.count(v);
      assessed = assessed || kRelated.count(v) || kNotRelated.count(v);
    }
    e.related = related || !assessed;
    e.onset = onset;
    e.end = Get(r, "AEENDTC").empty() ? onset : Day(Get(r, "AEENDTC"));
    if (e.fatal) {
      s.fatal.push_back(e);
      s.death = s.death ? std::min(*s.death, e.end) : e.end;
    }
    if (!s.treated) continue;
    e.immune = classifier.ImmuneRelated(r, s.cohort, first, s.ex);
    const long window = e.immune ? kIraeWindow : kTeaeWindow;
    if (onset >= s.first && (last.empty() || onset <= Day(last) + window)) s.te.push_back(e);
  }
  if (s.treated) {
    long end = cutoff;
    if (!last.empty()) end = std::min(end, Day(last) + kTeaeWindow);
    if (s.death) end = std::min(end, *s.death);
    if (end >= s.first) s.exposure_years = (end - s.first + 1) / 365.25;
    if (!last.empty() && Day(last) <= cutoff) s.last = Day(last);
  }
  return s;
}

// ------------------------------------------------------- statistics, by hand

double Round(double v, int decimals) {
  const double scale = std::pow(10.0, decimals), snap = 1e9 / scale;
  const double r = std::round(std::round(v * scale * snap) / snap) / scale;
  return r == 0 ? 0.0 : r;
}

// Clopper-Pearson, in percent.
std::pair<double, double> ExactBinomial(int x, int n) {
  using boost::math::beta_distribution;
  const double lo = x == 0 ? 0 : quantile(beta_distribution<>(x, n - x + 1), 0.025);
  const double hi = x == n ? 1 : quantile(beta_distribution<>(x + 1, n - x), 0.975);
  return {100 * lo, 100 * hi};
}

// Garwood, per 100 patient-years.
std::pair<double, double> ExactPoisson(int k, double years) {
  using boost::math::chi_squared;
  const double lo = k == 0 ? 0 : quantile(chi_squared(2.0 * k), 0.025) / 2;
  const double hi = quantile(chi_squared(2.0 * k + 2), 0.975) / 2;
  return {100 * lo / years, 100 * hi / years};
}

void ExpectNumber(const json& actual, double expected, int decimals, const std::string& what) {
  ASSERT_TRUE(actual.is_number()) << what << ": " << actual;
  EXPECT_DOUBLE_EQ(actual.get<double>(), Round(expected, decimals)) << what;
}

// {"subjects", "pct"} of n treated.
void ExpectCell(const json& cell, int subjects, int n, const std::string& what) {
  EXPECT_EQ(cell["subjects"], subjects) << what;
  ExpectNumber(cell["pct"], 100.0 * subjects / n, 1, what + " pct");
}

// ------------------------------------------------------- the trial under test

std::vector<fs::path> SortedFiles(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

class SummaryRecomputation : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const fs::path out = dir_->path() / "simulated";
    state_ = dir_->path() / "state";
    // Seed 12: deaths recorded in DM only and from fatal AEs, a pre-dose AE,
    // events after the window (checked below, so the data keep exercising them).
    ASSERT_EQ(Vigilctl(state_, "simulate --subjects 16 --seed 12 --out " + out.string()).exit_code, 0);
    const auto files = SortedFiles(out);
    raw_ = new RawTrial(ReadRawTrial(files));
    DaemonProcess daemon(state_);
    ASSERT_TRUE(daemon.Start());
    for (const fs::path& f : files) fs::rename(f, state_ / "spool" / f.filename());
    ASSERT_TRUE(WaitForSpoolEmpty(state_ / "spool", std::chrono::seconds(240), &daemon));
    ASSERT_EQ(daemon.Stop(), 0);
    ready_ = true;
  }
  static void TearDownTestSuite() {
    delete raw_;
    delete dir_;
  }

  void SetUp() override { ASSERT_TRUE(ready_) << "the simulated trial was not ingested"; }

  // The subjects of a cohort ("ALL": every cohort) as of the cut-off.
  std::vector<Subject> Subjects(const std::string& cohort, const std::string& asof) const {
    std::vector<Subject> out;
    for (const auto& [id, dm] : raw_->dm) {
      Subject s = SubjectAt(id, *raw_, Day(asof), classifier_);
      if ((cohort == "ALL" || s.cohort == cohort) && s.enrolled) out.push_back(std::move(s));
    }
    return out;
  }

  static json Document(const std::string& asof) {
    // Standard error carries the after-cut-off warning.
    CommandResult r = Vigilctl(state_, "summary --asof " + asof + " 2>/dev/null");
    EXPECT_EQ(r.exit_code, 0);
    return json::parse(r.out);
  }

  static json CohortOf(const json& doc, const std::string& id) {
    for (const json& c : doc["cohorts"]) {
      if (c["id"] == id) return c;
    }
    ADD_FAILURE() << "no cohort " << id;
    return json::object();
  }

  static inline TempDir* dir_ = nullptr;
  static inline fs::path state_;
  static inline RawTrial* raw_ = nullptr;
  static inline bool ready_ = false;
  Classifier classifier_;
};

const char* kCutoffs[] = {"2026-04-10", "2026-09-30", "2027-06-30"};
const char* kCohorts[] = {"A", "B", "ALL"};

// Incidence: subjects, percentage and interval; EAIR with its time at risk;
// event rate with its events and exposure.
void ExpectMeasure(const json& m, const std::vector<Subject>& subjects, const std::function<bool(const Event&)>& kind,
                   const std::string& what) {
  int n = 0, x = 0, events = 0;
  double risk = 0, exposure = 0;
  for (const Subject& s : subjects) {
    if (!s.treated) continue;
    ++n;
    exposure += s.exposure_years;
    std::optional<long> first_event;
    for (const Event& e : s.te) {
      if (!kind(e)) continue;
      ++events;
      first_event = first_event ? std::min(*first_event, e.onset) : e.onset;
    }
    x += first_event ? 1 : 0;
    risk += first_event ? (*first_event - s.first + 1) / 365.25 : s.exposure_years;
  }
  EXPECT_EQ(m["subjects"], x) << what;
  if (n == 0) return;
  ExpectNumber(m["pct"], 100.0 * x / n, 1, what + " pct");
  const auto [lo, hi] = ExactBinomial(x, n);
  ExpectNumber(m["ci95"][0], lo, 1, what + " ci95 lower");
  ExpectNumber(m["ci95"][1], hi, 1, what + " ci95 upper");
  const json& eair = m["exposure_adjusted"];
  ExpectNumber(eair["time_at_risk_py"], risk, 2, what + " time at risk");
  ExpectNumber(eair["per_100py"], 100.0 * x / risk, 2, what + " EAIR");
  const auto [elo, ehi] = ExactPoisson(x, risk);
  ExpectNumber(eair["ci95"][0], elo, 2, what + " EAIR lower");
  ExpectNumber(eair["ci95"][1], ehi, 2, what + " EAIR upper");
  const json& rate = m["event_rate"];
  EXPECT_EQ(rate["events"], events) << what;
  ExpectNumber(rate["exposure_py"], exposure, 2, what + " exposure");
  ExpectNumber(rate["per_100py"], 100.0 * events / exposure, 2, what + " event rate");
  const auto [rlo, rhi] = ExactPoisson(events, exposure);
  ExpectNumber(rate["ci95"][0], rlo, 2, what + " event rate lower");
  ExpectNumber(rate["ci95"][1], rhi, 2, what + " event rate upper");
}

TEST_F(SummaryRecomputation, IncidenceRatesAndPatientYears) {
  for (const char* asof : kCutoffs) {
    const json doc = Document(asof);
    for (const char* cohort : kCohorts) {
      const std::string what = std::string(cohort) + " as of " + asof;
      const std::vector<Subject> subjects = Subjects(cohort, asof);
      const json c = CohortOf(doc, cohort);
      const int treated =
          static_cast<int>(std::count_if(subjects.begin(), subjects.end(), [](const Subject& s) { return s.treated; }));
      EXPECT_EQ(c["subjects"], subjects.size()) << what;
      EXPECT_EQ(c["treated"], treated) << what;
      double py = 0;
      for (const Subject& s : subjects) py += s.exposure_years;
      ExpectNumber(c["patient_years"], py, 2, what + " patient_years");
      ExpectMeasure(
          c["any_ae"], subjects, [](const Event&) { return true; }, what + " any_ae");
      ExpectMeasure(
          c["grade3plus"], subjects, [](const Event& e) { return e.grade >= 3; }, what + " grade3plus");
      ExpectMeasure(
          c["sae"], subjects, [](const Event& e) { return e.serious; }, what + " sae");
      ExpectMeasure(
          c["treatment_related"], subjects, [](const Event& e) { return e.related; }, what + " treatment_related");
    }
  }
}

TEST_F(SummaryRecomputation, DeathsTable) {
  int deaths_seen = 0, dm_only_seen = 0, fatal_ae_seen = 0;
  for (const char* asof : kCutoffs) {
    const json doc = Document(asof);
    for (const char* cohort : kCohorts) {
      const std::string what = std::string(cohort) + " as of " + asof;
      int n = 0, all = 0, within30 = 0, within90 = 0, related = 0, progression = 0, other = 0;
      std::map<std::string, int> by_pt;
      for (const Subject& s : Subjects(cohort, asof)) {
        if (!s.treated) continue;
        ++n;
        if (!s.dm_death && s.fatal.empty()) continue;
        ++all;
        // On treatment: from the first dose to the last dose + 30 (90) days;
        // no date, or no last dose yet, counts.
        auto within = [&](int days) {
          if (!s.death) return true;
          return *s.death >= s.first && (!s.last || *s.death <= *s.last + days);
        };
        within30 += within(30);
        within90 += within(90);
        related += std::any_of(s.fatal.begin(), s.fatal.end(), [](const Event& e) { return e.related; });
        // Primary cause: the earliest fatal AE that is not progression.
        const Event* cause = nullptr;
        for (const Event& e : s.fatal) {
          const bool progression = e.pt == "Disease progression" || e.pt == "Malignant neoplasm progression";
          if (!progression && (!cause || e.end < cause->end || (e.end == cause->end && e.pt < cause->pt))) cause = &e;
        }
        if (cause) {
          ++by_pt[cause->pt];
        } else if (!s.fatal.empty()) {
          ++progression;
        } else {
          ++other;
        }
      }
      if (std::string(cohort) == "ALL") {
        deaths_seen += all;
        dm_only_seen += other;
        fatal_ae_seen += static_cast<int>(by_pt.size());
      }
      const json t = CohortOf(doc, cohort)["deaths_table"];
      EXPECT_EQ(t["treated"], n) << what;
      if (n == 0) continue;
      ExpectCell(t["all"], all, n, what + " all deaths");
      ExpectCell(t["on_treatment_30_days"], within30, n, what + " within 30 days");
      ExpectCell(t["on_treatment_90_days"], within90, n, what + " within 90 days");
      ExpectCell(t["treatment_related"], related, n, what + " related");
      ExpectCell(t["primary_cause"]["disease_progression"], progression, n, what + " progression");
      ExpectCell(t["primary_cause"]["other_unknown"], other, n, what + " other");
      ASSERT_EQ(t["primary_cause"]["fatal_ae"].size(), by_pt.size()) << what;
      for (const json& row : t["primary_cause"]["fatal_ae"]) {
        ExpectCell(row, by_pt[row["pt"].get<std::string>()], n, what + " " + row["pt"].get<std::string>());
      }
    }
  }
  // The data exercise every kind of death.
  EXPECT_GT(deaths_seen, 0);
  EXPECT_GT(dm_only_seen, 0);
  EXPECT_GT(fatal_ae_seen, 0);
}

// Per row, subjects at their worst grade (0 for none).
using WorstGrades = std::map<std::string, int>;

void ExpectGrades(const json& grades, const WorstGrades& worst, int n, const std::string& what) {
  int by[6] = {0, 0, 0, 0, 0, 0};
  for (const auto& [id, g] : worst) ++by[g];
  for (int g = 1; g <= 5; ++g)
    ExpectCell(grades["grade" + std::to_string(g)], by[g], n, what + " grade " + std::to_string(g));
  ExpectCell(grades["missing"], by[0], n, what + " missing");
  ExpectCell(grades["grade3plus"], by[3] + by[4] + by[5], n, what + " grade3plus");
  ExpectCell(grades["any"], static_cast<int>(worst.size()), n, what + " any");
}

void ExpectAeTable(const json& table, const std::vector<Subject>& subjects,
                   const std::function<bool(const Event&)>& kind, const std::string& what) {
  int n = 0;
  WorstGrades total;
  std::map<std::string, WorstGrades> socs;
  std::map<std::pair<std::string, std::string>, WorstGrades> pts;
  for (const Subject& s : subjects) {
    if (!s.treated) continue;
    ++n;
    for (const Event& e : s.te) {
      if (!kind(e)) continue;
      for (WorstGrades* w : {&total, &socs[e.soc], &pts[{e.soc, e.pt}]}) (*w)[s.id] = std::max((*w)[s.id], e.grade);
    }
  }
  EXPECT_EQ(table["treated"], n) << what;
  if (n == 0) return;
  ExpectGrades(table["total"], total, n, what + " total");
  ASSERT_EQ(table["socs"].size(), socs.size()) << what;
  std::size_t previous = SIZE_MAX;
  std::string previous_name;
  std::size_t rows = 0;
  for (const json& soc : table["socs"]) {
    const std::string name = soc["soc"];
    ASSERT_TRUE(socs.count(name)) << what << " " << name;
    // Most subjects first, then by name.
    const std::size_t any = socs[name].size();
    EXPECT_TRUE(any < previous || (any == previous && name > previous_name)) << what << " order at " << name;
    previous = any;
    previous_name = name;
    ExpectGrades(soc["grades"], socs[name], n, what + " " + name);
    for (const json& pt : soc["pts"]) {
      ++rows;
      const auto key = std::make_pair(name, pt["pt"].get<std::string>());
      ASSERT_TRUE(pts.count(key)) << what << " " << key.second;
      ExpectGrades(pt["grades"], pts[key], n, what + " " + key.second);
    }
  }
  EXPECT_EQ(rows, pts.size()) << what;
}

TEST_F(SummaryRecomputation, AeTablesBySocAndPt) {
  for (const char* asof : kCutoffs) {
    const json doc = Document(asof);
    for (const char* cohort : kCohorts) {
      const std::string what = std::string(cohort) + " as of " + asof;
      const std::vector<Subject> subjects = Subjects(cohort, asof);
      const json c = CohortOf(doc, cohort);
      ExpectAeTable(
          c["ae_table"], subjects, [](const Event&) { return true; }, what + " ae_table");
      ExpectAeTable(
          c["sae_table"], subjects, [](const Event& e) { return e.serious; }, what + " sae_table");
      ExpectAeTable(
          c["related_ae_table"], subjects, [](const Event& e) { return e.related; }, what + " related_ae_table");
    }
  }
}

// Median, minimum, maximum, mean.
void ExpectDistribution(const json& d, std::vector<double> v, const std::string& what) {
  if (v.empty()) {
    EXPECT_TRUE(d.is_null()) << what;
    return;
  }
  ASSERT_TRUE(d.is_object()) << what;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  EXPECT_EQ(d["n"], n) << what;
  ExpectNumber(d["median"], n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2, 1, what + " median");
  ExpectNumber(d["min"], v.front(), 1, what + " min");
  ExpectNumber(d["max"], v.back(), 1, what + " max");
  ExpectNumber(d["mean"], std::accumulate(v.begin(), v.end(), 0.0) / n, 1, what + " mean");
}

TEST_F(SummaryRecomputation, ExposurePerTreatment) {
  const std::map<std::string, double> planned = {{"ADEBRELIMAB", 1200}, {"APATINIB", 250}};  // mg, example config
  for (const char* asof : kCutoffs) {
    const json doc = Document(asof);
    for (const char* cohort : kCohorts) {
      const std::string what = std::string(cohort) + " as of " + asof;
      const std::vector<Subject> subjects = Subjects(cohort, asof);
      const json table = CohortOf(doc, cohort)["exposure"];
      std::vector<std::string> treatments = {"ADEBRELIMAB", "APATINIB", "CHEMO", "RT"};
      if (std::string(cohort) == "B") treatments.pop_back();  // no radiotherapy in cohort B
      ASSERT_EQ(table["treatments"].size(), treatments.size()) << what;
      int n = 0;
      for (const Subject& s : subjects) n += s.treated;
      for (std::size_t i = 0; i < treatments.size(); ++i) {
        const std::string& trt = treatments[i];
        const json& row = table["treatments"][i];
        EXPECT_EQ(row["treatment"], trt) << what;
        int exposed = 0, discontinued = 0, interrupted = 0, reduced = 0;
        std::vector<double> duration, cycles, intensity;
        for (const Subject& s : subjects) {
          if (!s.treated) continue;
          long from = LONG_MAX, to = LONG_MIN;
          int records = 0;
          double dose = 0;
          bool doses = true;
          for (const Row* x : s.ex) {
            if (Get(*x, "EXTRT") != trt) continue;
            ++records;
            const long start = Day(Get(*x, "EXSTDTC"));
            const long end = Get(*x, "EXENDTC").empty() ? start : std::min(Day(Get(*x, "EXENDTC")), Day(asof));
            from = std::min(from, start);
            to = std::max({to, start, end});
            doses = doses && !Get(*x, "EXDOSE").empty() && Get(*x, "EXDOSU") == "mg";
            if (doses) dose += std::stod(Get(*x, "EXDOSE"));
          }
          if (records == 0) continue;
          ++exposed;
          duration.push_back(to - from + 1);
          cycles.push_back(records);
          if (planned.count(trt) && doses) intensity.push_back(100 * dose / (planned.at(trt) * records));
          // The simulator sends AEACN only: it applies to every treatment received.
          auto any = [&](const char* action) {
            return std::any_of(s.te.begin(), s.te.end(), [&](const Event& e) { return e.action == action; });
          };
          discontinued += any("DRUG WITHDRAWN");
          interrupted += any("DRUG INTERRUPTED");
          reduced += any("DOSE REDUCED");
        }
        if (n == 0) continue;
        const std::string w = what + " " + trt;
        ExpectCell(row["exposed"], exposed, n, w + " exposed");
        ExpectDistribution(row["duration_days"], duration, w + " duration");
        ExpectDistribution(row["cycles_started"], cycles, w + " cycles");
        ExpectDistribution(row["relative_dose_intensity"], intensity, w + " dose intensity");
        ExpectCell(row["ae_leading_to"]["discontinuation"], discontinued, n, w + " discontinuation");
        ExpectCell(row["ae_leading_to"]["interruption"], interrupted, n, w + " interruption");
        ExpectCell(row["ae_leading_to"]["reduction"], reduced, n, w + " reduction");
      }
    }
  }
}

// The data keep exercising what the definitions are about: subjects not yet
// dosed at the first cut-off, events before the first dose and after the
// window, and immune-related events in the longer window.
TEST_F(SummaryRecomputation, TheTrialExercisesTheDefinitions) {
  const std::vector<Subject> early = Subjects("ALL", kCutoffs[0]);
  EXPECT_TRUE(std::any_of(early.begin(), early.end(), [](const Subject& s) { return !s.treated; }));
  EXPECT_LT(early.size(), raw_->dm.size());  // some not enrolled yet
  const json last = CohortOf(Document(kCutoffs[2]), "ALL");
  EXPECT_GT(last["excluded_aes"]["pre_dose"]["events"].get<int>(), 0);
  EXPECT_GT(last["excluded_aes"]["post_window"]["events"].get<int>(), 0);
  int late_immune = 0;
  for (const Subject& s : Subjects("ALL", kCutoffs[2])) {
    for (const Event& e : s.te) late_immune += e.immune && s.last && e.onset > *s.last + kTeaeWindow;
  }
  EXPECT_GT(late_immune, 0) << "no immune-related event between 30 and 90 days after the last dose";
}

}  // namespace
}  // namespace vigil::testing
