// What one batch changed, built up by the stages in order (stage.h) inside
// the batch's transaction: each stage reads what the stages before it
// recorded and adds its own. The value lives as long as the transaction; a
// rollback drops it, and with it everything learnt from the batch — no
// stage keeps state of its own to undo.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "daemon/pipeline/batch.h"
#include "daemon/safety/stopping_rules.h"
#include "daemon/store/store.h"
#include "daemon/store/subject_records.h"
#include "rules/grading/series_row.h"
#include "rules/grading/worst_grade.h"
#include "rules/records/record.h"
#include "rules/safety/finding.h"
#include "rules/safety/graded_value.h"
#include "rules/summary/timeline.h"

namespace vigil {

// A record version the store stage made current.
struct StoredRecord {
  const Record* record = nullptr;  // in the batch, or in BatchChanges::released
  store::UpsertResult stored;      // kNew or kFollowUp, and its row
};

// What grading gave one series: the values of the records graded for the
// first time, by row id (empty when they are to be read from the store),
// or the whole series graded again.
struct SeriesGrades {
  bool whole = false;
  std::map<std::int64_t, std::vector<safety::GradedValue>> records;
};

// A subject's timeline as the timeline stage built it, with the records it
// was built from.
struct SubjectState {
  store::SubjectRecords records;
  summary::SubjectTimeline timeline;
};

// An AE record quarantined or held, with why.
struct RejectedAe {
  Record record;
  std::vector<Problem> problems;
};

// One evaluation's findings for the alert writer, in the order they were
// evaluated (an episode's AE alert before the lab finding that merges into
// it).
struct ScopedFindings {
  std::string scope;
  std::vector<safety::Finding> findings = {};
  // SAE alerts carry their case's investigator-report deadline: the record
  // key whose clock it is ("" = the first evidence's).
  bool sae_due = false;
  std::string due_key = {};
  bool episodic = false;             // merge into an episode of the same trigger
  std::string withdraw_reason = {};  // "" = the writer's default
};

// A serious case whose regulatory clocks are to be updated.
struct CaseClockUpdate {
  const Record* ae = nullptr;
  std::string cohort, first_dose;
};

// The work of the alert writer, in order.
struct AlertWork {
  std::optional<CaseClockUpdate> clocks;
  std::optional<ScopedFindings> apply;
};

struct BatchChanges {
  std::int64_t batch_id = 0;
  std::string now;  // the batch's timestamp
  BatchOutcome outcome;
  // Whether the outcome lists every record, or only those rejected or held.
  bool every_outcome = true;

  // store: records made current, in the order they were stored; held
  // records accepted by this batch (owned here), subjects newly enrolled.
  std::vector<StoredRecord> stored;
  std::deque<Record> released;
  std::vector<std::string> enrolled;
  // AE keys (USUBJID, AESPID) accepted, and AE records rejected.
  std::set<std::pair<std::string, std::string>> accepted_ae;
  std::vector<RejectedAe> rejected_ae;

  // grade: subjects whose every series is graded again (a rebuild); each
  // subject's first dose, read once per batch.
  std::vector<std::string> regrade;
  std::map<std::string, std::string, std::less<>> first_dose;
  // grade: the worst grades of the values graded for the first time, by
  // subject and CTCAE term, written once when the stage ends.
  std::map<std::pair<std::string, std::string>, grading::WorstGrade> worst;
  // grade: series graded, with their values; the subjects with a liver test
  // or a blood pressure changed (true: a value in a range a rule watches,
  // or a whole series graded again).
  std::map<grading::SeriesKey, SeriesGrades> graded;
  std::map<std::string, bool, std::less<>> liver, pressure;
  // Subjects whose DM, EX or AE records changed: their timelines.
  std::set<std::string, std::less<>> subjects;

  // timeline: each touched subject's timeline; whether any subject's
  // stopping-rule courses changed.
  std::map<std::string, SubjectState, std::less<>> timelines;
  bool courses_changed = false;

  // findings: each subject's cohort (DM.ARMCD), read once per batch; what
  // the alert writer does, in order; then the stopping rules.
  std::map<std::string, std::string, std::less<>> cohorts;
  std::vector<AlertWork> alerts;
  std::vector<RuleAlertWork> rules;

  // The changes a delivery's next part starts from (pipeline.h): what
  // belongs to the delivery as a whole (its id and time, the outcome so
  // far, the subjects it enrolled) is kept; what the stages learnt of the
  // part before is dropped, as between two deliveries.
  BatchChanges NextPart() && {
    BatchChanges next;
    next.batch_id = batch_id;
    next.now = std::move(now);
    next.outcome = std::move(outcome);
    next.every_outcome = every_outcome;
    next.enrolled = std::move(enrolled);
    return next;
  }
};

}  // namespace vigil
