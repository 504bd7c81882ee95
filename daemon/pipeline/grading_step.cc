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

ctcae::CodeSystem CodeSystemOf(const store::SeriesKey& key) {
  switch (key.domain) {
    case Domain::kVs: return ctcae::CodeSystem::kVsTestCd;
    case Domain::kEg: return ctcae::CodeSystem::kEgTestCd;
    default: return key.loinc ? ctcae::CodeSystem::kLoinc : ctcae::CodeSystem::kLbTestCd;
  }
}

std::string MappedTestCode(const ctcae::Criteria& criteria, const store::SeriesKey& key) {
  const std::string code = ctcae::AsciiUpper(key.test_code);
  if (!key.loinc) return code;
  auto analyte = criteria.codes.find({ctcae::CodeSystem::kLoinc, code});
  if (analyte == criteria.codes.end()) return code;
  for (const auto& [system_code, index] : criteria.codes) {
    if (system_code.first == ctcae::CodeSystem::kLbTestCd && index == analyte->second) return system_code.second;
  }
  return code;
}

std::vector<std::string> LoincCodesOf(const ctcae::Criteria& criteria, std::string_view lbtestcd) {
  std::vector<std::string> out;
  auto analyte = criteria.codes.find({ctcae::CodeSystem::kLbTestCd, ctcae::AsciiUpper(lbtestcd)});
  if (analyte == criteria.codes.end()) return out;
  for (const auto& [system_code, index] : criteria.codes) {
    if (system_code.first == ctcae::CodeSystem::kLoinc && index == analyte->second) out.push_back(system_code.second);
  }
  return out;
}

grading::Observation ObservationOf(const store::SeriesRow& r) {
  return {.record_id = r.record_id,
          .dtc = r.dtc,
          .flagged_baseline = r.flagged_baseline,
          .measurement = {.value = r.value, .unit = r.unit, .uln = r.uln, .lln = r.lln, .baseline = {}},
          .specimen = r.specimen};
}

std::optional<store::SeriesKey> SeriesOf(const Record& r) {
  store::SeriesKey key{.domain = r.domain, .usubjid = std::string(r.usubjid()), .test_code = {}, .loinc = false};
  switch (r.domain) {
    case Domain::kLb:
      key.test_code = r.Get("LBTESTCD");
      if (key.test_code.empty()) {
        key.test_code = r.Get("LBLOINC");
        key.loinc = true;
      }
      break;
    case Domain::kVs: key.test_code = r.Get("VSTESTCD"); break;
    case Domain::kEg: key.test_code = r.Get("EGTESTCD"); break;
    default: return std::nullopt;
  }
  if (key.test_code.empty()) return std::nullopt;
  return key;
}

Status GradingStep::OnMeasurement(const Record& record, const store::UpsertResult& stored) {
  std::optional<store::SeriesKey> key = SeriesOf(record);
  if (!key) return Status::Ok();
  // Tests CTCAE does not grade (heart rate, weight, ...) have no series to
  // keep; a follow-up that moved a record out of a graded test still does.
  const ctcae::Analyte* analyte = grader_.criteria().FindAnalyte(CodeSystemOf(*key), key->test_code);
  if ((!analyte || analyte->terms.empty()) && stored.kind == store::Upsert::kNew) {
    if (listener_) listener_(*key, stored.row_id, /*graded=*/false, nullptr);  // absolute thresholds may apply
    return Status::Ok();
  }
  auto first_dose = FirstDose(key->usubjid);
  if (!first_dose.ok()) return first_dose.status();
  store::SeriesRow row = store::MakeSeriesRow(record.domain, stored.row_id, std::string(record.key()),
                                       [&](std::string_view var) { return std::string(record.Get(var)); });
  // Only a value that is, was, or could become the baseline changes the
  // grades of other values. A first value taken after the first dose is
  // graded on its own against the series' baseline.
  const bool may_be_baseline = row.flagged_baseline ||
                               (!first_dose->empty() && !grading::TakenAfterFirstDose(row.dtc, *first_dose));
  if (stored.kind == store::Upsert::kNew && !may_be_baseline) return GradeNew(*key, row, *first_dose);

  // A follow-up: its earlier version may have been the baseline, or in
  // another series (a corrected test code), which then loses a value.
  auto graded_in = store_.GradedSeries(record.domain, key->usubjid, record.key());
  if (!graded_in.ok()) return graded_in.status();
  if (*graded_in && ((*graded_in)->series.test_code != key->test_code || (*graded_in)->series.loinc != key->loinc)) {
    if (Status s = Regrade((*graded_in)->series, *first_dose); !s.ok()) return s;
  }
  return Regrade(*key, *first_dose);
}

Status GradingStep::OnDosing(std::string_view usubjid) {
  first_dose_.erase(std::string(usubjid));
  auto first_dose = FirstDose(std::string(usubjid));
  if (!first_dose.ok()) return first_dose.status();
  // Most EX records are later administrations: the first dose, and with it
  // every baseline and post-baseline flag, stays as it was.
  auto graded_with = store_.GradedFirstDose(usubjid);
  if (!graded_with.ok()) return graded_with.status();
  if (*graded_with && **graded_with == *first_dose) return Status::Ok();
  if (Status s = store_.SetGradedFirstDose(usubjid, *first_dose); !s.ok()) return s;
  return RegradeSubject(usubjid, *first_dose);
}

Status GradingStep::RegradeSubject(std::string_view usubjid, const std::string& first_dose) {
  auto series = store_.SubjectSeries(usubjid);
  if (!series.ok()) return series.status();
  for (const store::SeriesKey& key : *series) {
    if (Status s = Regrade(key, first_dose); !s.ok()) return s;
  }
  return Status::Ok();
}

Status GradingStep::Regrade(const store::SeriesKey& key, const std::string& first_dose) {
  auto rows = store_.LoadSeries(key);
  if (!rows.ok()) return rows.status();
  std::vector<grading::Observation> series;
  series.reserve(rows->size());
  for (const store::SeriesRow& r : *rows) series.push_back(ObservationOf(r));
  auto graded = grading::GradeSeries(grader_, CodeSystemOf(key), key.test_code, series, first_dose, options_);
  auto terms = store_.ReplaceSeriesGrades(key, ToGradeRows(graded, *rows));
  if (!terms.ok()) return terms.status();
  if (listener_) listener_(key, 0, /*graded=*/true, nullptr);
  return RefreshWorst(key.usubjid, *terms);
}

Status GradingStep::GradeNew(const store::SeriesKey& key, const store::SeriesRow& row,
                             const std::string& first_dose) {
  auto baseline = store_.LoadSeriesBaseline(key);
  if (!baseline.ok()) return baseline.status();
  std::vector<store::SeriesRow> rows;
  if (*baseline) rows.push_back(**baseline);
  rows.push_back(row);
  std::vector<grading::Observation> series;
  for (const store::SeriesRow& r : rows) series.push_back(ObservationOf(r));
  auto graded = grading::GradeSeries(grader_, CodeSystemOf(key), key.test_code, series, first_dose, options_);
  if (listener_) {
    // The values as the safety step reads them, without reading them back:
    // a new record is its key's version 1.
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
    listener_(key, row.record_id, /*graded=*/true, &values);
  }
  return store_.AddRecordGrades(key, ToGradeRows(graded, rows, row.record_id));
}

Result<std::string> GradingStep::FirstDose(const std::string& usubjid) {
  if (auto it = first_dose_.find(usubjid); it != first_dose_.end()) return it->second;
  auto d = store_.FirstDose(usubjid);
  if (d.ok()) first_dose_.emplace(usubjid, *d);
  return d;
}

Status GradingStep::RefreshWorst(std::string_view usubjid, const std::vector<std::string>& terms) {
  for (const std::string& term : terms) {
    if (Status s = store_.RefreshWorstGrade(usubjid, term); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace vigil
