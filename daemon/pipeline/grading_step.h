// The grade stage: CTCAE grading of LB, VS and EG records as they are
// stored.
//
// A subject's series of one test is graded as a whole (rules/grading): a new
// or corrected value can change the baseline and with it every grade of the
// series, and a new first dose (DM or EX) can change every series of the
// subject. Grades, baseline and treatment-emergent flags, and the worst
// post-baseline grade per subject and CTCAE term are written in the batch's
// transaction. What was graded, with its values, and which subjects had a
// liver test or a blood pressure change go into the batch's changes for the
// findings stage.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>

#include "daemon/pipeline/stage.h"
#include "daemon/store/store.h"
#include "rules/ctcae/grader.h"
#include "rules/grading/series.h"
#include "rules/grading/series_row.h"
#include "rules/records/record.h"
#include "rules/safety/watched_values.h"

namespace vigil {

// The series helpers are the rules' (rules/grading/series_row.h).
using grading::CodeSystemOf;
using grading::LoincCodesOf;
using grading::MappedTestCode;
using grading::ObservationOf;
using grading::SeriesOf;

class GradeStage final : public Stage {
 public:
  GradeStage(store::Store& store, const ctcae::Grader& grader, ctcae::Options options, const safety::AlertPlan& plan)
      : store_(store), grader_(grader), options_(options), watched_(plan) {}

  // Grades each record the store stage made current, in order; then grades
  // again, each once, every series whose baseline a record of the batch
  // may have changed, and every series of the subjects in
  // `changes.regrade` (a rebuild).
  Status Apply(const Batch& batch, BatchChanges& changes, store::Transaction& tx) override;
  // The baselines it knows were read from the store or set by this batch.
  void RolledBack() override { baselines_.clear(); }

 private:
  // Series to grade again as a whole, once the batch's records are stored
  // and graded: a file of values dated before the first dose grades each
  // series once, not once per value.
  using Regrades = std::set<store::SeriesKey>;

  Status OnMeasurement(const Record& record, const store::UpsertResult& stored, BatchChanges& changes,
                       Regrades& regrades);
  Status OnDosing(std::string_view usubjid, BatchChanges& changes, Regrades& regrades);
  Result<std::string> FirstDose(const std::string& usubjid, BatchChanges& changes);
  Status Regrade(const store::SeriesKey& key, const std::string& first_dose, BatchChanges& changes);
  Status GradeNew(const store::SeriesKey& key, const store::SeriesRow& row, const std::string& first_dose,
                  BatchChanges& changes);
  Status RefreshWorst(std::string_view usubjid, const std::vector<std::string>& terms, BatchChanges& changes);
  Result<std::optional<store::SeriesRow>> Baseline(const store::SeriesKey& key);
  // Records what was graded for the findings stage.
  void NoteGraded(const store::SeriesKey& key, std::int64_t record_id, bool graded,
                  std::vector<safety::GradedValue> values, BatchChanges& changes) const;
  void NoteArrived(const store::SeriesKey& key, const store::SeriesRow& row, BatchChanges& changes) const;

  store::Store& store_;
  const ctcae::Grader& grader_;
  const ctcae::Options options_;
  const safety::WatchedValues watched_;
  // Each series' baseline row as last graded (nullopt: none), kept across
  // batches so that a new value after the first dose is graded without
  // reading the store; set by every regrade of the series, dropped when a
  // batch rolls back, and all of it when it grows past kMaxBaselines
  // (about 260 bytes a series: some 13 MB).
  static constexpr std::size_t kMaxBaselines = 50000;
  std::map<store::SeriesKey, std::optional<store::SeriesRow>> baselines_;
};

}  // namespace vigil
