#include "daemon/pipeline/grading_step.h"

#include "rules/grading/series.h"

namespace vigil {
namespace {

// The graded observations of `only` (a record id), or of all when 0.
std::vector<store::GradeRow> ToGradeRows(std::vector<grading::GradedObservation>& graded,
                                         const std::vector<store::SeriesRow>& rows, std::int64_t only = 0) {
  std::vector<store::GradeRow> out;
  out.reserve(graded.size());
  for (grading::GradedObservation& g : graded) {
    if (only != 0 && g.record_id != only) continue;
    const store::SeriesRow* src = nullptr;
    for (const store::SeriesRow& r : rows) {
      if (r.record_id == g.record_id) src = &r;
    }
    if (!src) continue;
    out.push_back({.record_key = src->record_key,
                   .term = g.result.term,
                   .ctcae_term = g.result.ctcae_term,
                   .dtc = src->dtc,
                   .record_id = g.record_id,
                   .grade = g.result.grade,
                   .reason = std::move(g.result.reason),
                   .worst_case = g.result.worst_case_assumed,
                   .assumption = std::move(g.result.assumption),
                   .criteria_version = g.result.criteria_version,
                   .is_baseline = g.is_baseline,
                   .post_baseline = g.post_baseline,
                   .treatment_emergent = g.treatment_emergent,
                   .baseline_grade = g.baseline_grade});
  }
  return out;
}

}  // namespace

Status GradeStage::Apply(const Batch&, BatchChanges& changes, store::Transaction&) {
  Regrades regrades;
  for (const StoredRecord& s : changes.stored) {
    const Record& record = *s.record;
    switch (record.domain) {
      case Domain::kLb:
      case Domain::kVs:
      case Domain::kEg:
        if (Status st = OnMeasurement(record, s.stored, changes, regrades); !st.ok()) return st;
        break;
      case Domain::kDm:
      case Domain::kEx:
        if (Status st = OnDosing(record.usubjid(), changes, regrades); !st.ok()) return st;
        break;
      case Domain::kAe: break;
    }
  }
  for (const std::string& usubjid : changes.regrade) {
    if (Status st = OnDosing(usubjid, changes, regrades); !st.ok()) return st;
  }
  // Each from every value the store now holds for it, with the first dose
  // as the batch leaves it.
  for (const store::SeriesKey& key : regrades) {
    auto first_dose = FirstDose(key.usubjid, changes);
    if (!first_dose.ok()) return first_dose.status();
    if (Status st = Regrade(key, *first_dose, changes); !st.ok()) return st;
  }
  // Worst grades: one write per subject and term of the batch, not one per
  // value.
  for (const auto& [subject_term, worst] : changes.worst) {
    if (Status st = store_.MergeWorstGrade(subject_term.first, subject_term.second, worst); !st.ok()) return st;
  }
  changes.worst.clear();
  return Status::Ok();
}

Result<std::optional<store::SeriesRow>> GradeStage::Baseline(const store::SeriesKey& key) {
  if (auto it = baselines_.find(key); it != baselines_.end()) return it->second;
  auto baseline = store_.LoadSeriesBaseline(key);
  if (!baseline.ok()) return baseline.status();
  if (baselines_.size() >= kMaxBaselines) baselines_.clear();
  baselines_.emplace(key, *baseline);
  return baseline;
}

void GradeStage::NoteArrived(const store::SeriesKey& key, const store::SeriesRow& row, BatchChanges& changes) const {
  // The test whatever identified it: LBTESTCD or LOINC alike.
  const std::string test = MappedTestCode(grader_.criteria(), key);
  if (key.domain == Domain::kLb && safety::IsLiverTest(test)) {
    changes.liver[key.usubjid] |= watched_.LiverCandidate(test, row);
  }
  if (key.domain == Domain::kVs && safety::IsBloodPressure(key.test_code) && watched_.WatchesPressure()) {
    changes.pressure[key.usubjid] |= watched_.PressureCandidate(key.test_code, row);
  }
}

void GradeStage::NoteGraded(const store::SeriesKey& key, std::int64_t record_id, bool graded,
                            std::vector<safety::GradedValue> values, BatchChanges& changes) const {
  // A test CTCAE does not grade matters only when a trigger names it
  // (by its own code or the test its LOINC code maps to).
  if (!graded && !watched_.Named(ctcae::AsciiUpper(key.test_code)) &&
      !watched_.Named(MappedTestCode(grader_.criteria(), key))) {
    return;
  }
  SeriesGrades& series = changes.graded[key];
  if (record_id != 0) {
    series.records[record_id] = std::move(values);
    return;
  }
  series.whole = true;
  // A series graded again (a corrected baseline, a new first dose): the
  // subject's liver or blood-pressure findings may change with it.
  if (key.domain == Domain::kLb && safety::IsLiverTest(MappedTestCode(grader_.criteria(), key))) {
    changes.liver[key.usubjid] = true;
  }
  if (key.domain == Domain::kVs && safety::IsBloodPressure(key.test_code)) changes.pressure[key.usubjid] = true;
}

Status GradeStage::OnMeasurement(const Record& record, const store::UpsertResult& stored, BatchChanges& changes,
                                 Regrades& regrades) {
  std::optional<store::SeriesKey> key = SeriesOf(record);
  if (!key) return Status::Ok();
  const store::SeriesRow row = grading::SeriesRowOf(record, stored.row_id);
  NoteArrived(*key, row, changes);
  // Tests CTCAE does not grade (heart rate, weight, ...) have no series to
  // keep; a follow-up that moved a record out of a graded test still does.
  const ctcae::Analyte* analyte = grader_.criteria().FindAnalyte(CodeSystemOf(*key), key->test_code);
  if ((!analyte || analyte->terms.empty()) && stored.kind == store::Upsert::kNew) {
    NoteGraded(*key, stored.row_id, /*graded=*/false, {}, changes);  // absolute thresholds may apply
    return Status::Ok();
  }
  auto first_dose = FirstDose(key->usubjid, changes);
  if (!first_dose.ok()) return first_dose.status();
  // Only a value that is, was, or could become the baseline changes the
  // grades of other values. A first value taken after the first dose is
  // graded on its own against the series' baseline.
  const bool may_be_baseline =
      row.flagged_baseline || (!first_dose->empty() && !grading::TakenAfterFirstDose(row.dtc, *first_dose));
  if (stored.kind == store::Upsert::kNew && !may_be_baseline) {
    // A series to be graded again grades this value with the others.
    return regrades.contains(*key) ? Status::Ok() : GradeNew(*key, row, *first_dose, changes);
  }

  // A follow-up: its earlier version may have been the baseline, or in
  // another series (a corrected test code), which then loses a value.
  auto graded_in = store_.GradedSeries(record.domain, key->usubjid, record.key());
  if (!graded_in.ok()) return graded_in.status();
  if (*graded_in && ((*graded_in)->series.test_code != key->test_code || (*graded_in)->series.loinc != key->loinc)) {
    regrades.insert((*graded_in)->series);
  }
  regrades.insert(*key);
  return Status::Ok();
}

Status GradeStage::OnDosing(std::string_view usubjid, BatchChanges& changes, Regrades& regrades) {
  const std::string id(usubjid);
  changes.first_dose.erase(id);
  auto first_dose = FirstDose(id, changes);
  if (!first_dose.ok()) return first_dose.status();
  // Most EX records are later administrations: the first dose, and with it
  // every baseline and post-baseline flag, stays as it was.
  auto graded_with = store_.GradedFirstDose(usubjid);
  if (!graded_with.ok()) return graded_with.status();
  if (*graded_with && **graded_with == *first_dose) return Status::Ok();
  if (Status s = store_.SetGradedFirstDose(usubjid, *first_dose); !s.ok()) return s;
  auto series = store_.SubjectSeries(usubjid);
  if (!series.ok()) return series.status();
  regrades.insert(series->begin(), series->end());
  return Status::Ok();
}

Status GradeStage::Regrade(const store::SeriesKey& key, const std::string& first_dose, BatchChanges& changes) {
  auto rows = store_.LoadSeries(key);
  if (!rows.ok()) return rows.status();
  std::vector<grading::Observation> series;
  series.reserve(rows->size());
  for (const store::SeriesRow& r : *rows) series.push_back(ObservationOf(r));
  auto graded = grading::GradeSeries(grader_, CodeSystemOf(key), key.test_code, series, first_dose, options_);
  std::optional<store::SeriesRow> baseline;
  for (const grading::GradedObservation& g : graded) {
    if (!g.is_baseline) continue;
    for (const store::SeriesRow& r : *rows) {
      if (r.record_id == g.record_id) baseline = r;
    }
  }
  if (baselines_.size() >= kMaxBaselines) baselines_.clear();
  baselines_.insert_or_assign(key, std::move(baseline));
  auto terms = store_.ReplaceSeriesGrades(key, ToGradeRows(graded, *rows));
  if (!terms.ok()) return terms.status();
  NoteGraded(key, 0, /*graded=*/true, {}, changes);
  return RefreshWorst(key.usubjid, *terms, changes);
}

Status GradeStage::GradeNew(const store::SeriesKey& key, const store::SeriesRow& row, const std::string& first_dose,
                            BatchChanges& changes) {
  auto baseline = Baseline(key);
  if (!baseline.ok()) return baseline.status();
  std::vector<store::SeriesRow> rows;
  if (*baseline) rows.push_back(**baseline);
  rows.push_back(row);
  std::vector<grading::Observation> series;
  for (const store::SeriesRow& r : rows) series.push_back(ObservationOf(r));
  auto graded = grading::GradeSeries(grader_, CodeSystemOf(key), key.test_code, series, first_dose, options_);
  // The values as the findings read them, without reading them back: a new
  // record is its key's version 1.
  std::vector<safety::GradedValue> values;
  const std::string mapped = MappedTestCode(grader_.criteria(), key);
  for (const grading::GradedObservation& g : graded) {
    if (g.record_id != row.record_id) continue;
    values.push_back({.usubjid = key.usubjid,
                      .domain = key.domain,
                      .record_key = row.record_key,
                      .version = "1",
                      .test_code = key.test_code,
                      .mapped_code = mapped,
                      .ctcae_term = g.result.ctcae_term,
                      .dtc = row.dtc,
                      .grade = g.result.grade,
                      .value = row.value,
                      .unit = row.unit,
                      .uln = row.uln,
                      .lln = row.lln,
                      .baseline = *baseline ? (*baseline)->value : "",
                      .preliminary = row.result_status == "PRELIMINARY"});
  }
  NoteGraded(key, row.record_id, /*graded=*/true, std::move(values), changes);
  const std::vector<store::GradeRow> grades = ToGradeRows(graded, rows, row.record_id);
  for (const store::GradeRow& g : grades) {
    changes.worst[{key.usubjid, g.ctcae_term}].Add(g.grade, g.is_baseline, g.post_baseline, g.dtc);
  }
  return store_.AddRecordGrades(key, grades);
}

Result<std::string> GradeStage::FirstDose(const std::string& usubjid, BatchChanges& changes) {
  if (auto it = changes.first_dose.find(usubjid); it != changes.first_dose.end()) return it->second;
  auto d = store_.FirstDose(usubjid);
  if (d.ok()) changes.first_dose.emplace(usubjid, *d);
  return d;
}

Status GradeStage::RefreshWorst(std::string_view usubjid, const std::vector<std::string>& terms,
                                BatchChanges& changes) {
  for (const std::string& term : terms) {
    // Read again from every grade of the term: what this batch folded so
    // far is in them, or was replaced (a corrected value).
    changes.worst.erase({std::string(usubjid), term});
    if (Status s = store_.RefreshWorstGrade(usubjid, term); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace vigil
