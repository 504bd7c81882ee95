// Pipeline step 1: CTCAE grading of LB, VS and EG records on arrival.
//
// A subject's series of one test is graded as a whole (rules/grading): a new
// or corrected value can change the baseline and with it every grade of the
// series, and a new first dose (DM or EX) can change every series of the
// subject. Grades, baseline and treatment-emergent flags, and the worst
// post-baseline grade per subject and CTCAE term are written in the batch's
// transaction.
#pragma once

#include <functional>
#include <string>
#include <unordered_map>

#include "daemon/store/store.h"
#include "rules/ctcae/grader.h"
#include "rules/grading/series.h"
#include "rules/safety/graded_value.h"
#include "rules/records/record.h"

namespace vigil {

class GradingStep {
 public:
  // Told which values were (re)graded: one record of a series (its row id),
  // or the whole series (0); `graded` is false for a new value of a test
  // CTCAE does not grade; `values`, when given, are the record's graded
  // values (nullptr: read them from the store).
  using Listener = std::function<void(const store::SeriesKey& key, std::int64_t record_id, bool graded,
                                      const std::vector<safety::GradedValue>* values)>;

  GradingStep(store::Store& store, const ctcae::Grader& grader, ctcae::Options options, Listener listener = {})
      : store_(store), grader_(grader), options_(options), listener_(std::move(listener)) {}

  // After an LB, VS or EG record version is stored: `stored` says whether
  // it is the key's first version and which row holds it.
  Status OnMeasurement(const Record& record, const store::UpsertResult& stored);
  // After a DM or EX record of the subject changed: the first dose may have.
  Status OnDosing(std::string_view usubjid);
  // The batch was rolled back: what was remembered from it is void.
  void Forget() { first_dose_.clear(); }

 private:
  Result<std::string> FirstDose(const std::string& usubjid);
  Status Regrade(const store::SeriesKey& key, const std::string& first_dose);
  Status RegradeSubject(std::string_view usubjid, const std::string& first_dose);
  Status GradeNew(const store::SeriesKey& key, const store::SeriesRow& row, const std::string& first_dose);
  Status RefreshWorst(std::string_view usubjid, const std::vector<std::string>& terms);

  store::Store& store_;
  const ctcae::Grader& grader_;
  const ctcae::Options options_;
  Listener listener_;
  // First dose by subject, read once; dropped when the subject's DM or EX
  // changes or a batch rolls back.
  std::unordered_map<std::string, std::string> first_dose_;
};

// The series a measurement record belongs to; nullopt for a domain that is
// not graded or a record without a test code.
std::optional<store::SeriesKey> SeriesOf(const Record& record);

// The code system a series' test code is looked up in.
ctcae::CodeSystem CodeSystemOf(const store::SeriesKey& key);

// The test a series measures, whatever identified it: a LOINC series of a
// test the criteria know is named by that test's LBTESTCD ("1742-6" ->
// "ALT"), so every path that selects labs by test (Hy's law, liver and lab
// triggers) finds LOINC-only labs as it finds coded ones. Other keys: their
// own code, upper case.
std::string MappedTestCode(const ctcae::Criteria& criteria, const store::SeriesKey& key);

// The LOINC codes the criteria map to the same test as an LBTESTCD.
std::vector<std::string> LoincCodesOf(const ctcae::Criteria& criteria, std::string_view lbtestcd);

// What series grading reads of one stored or arriving row.
grading::Observation ObservationOf(const store::SeriesRow& row);

}  // namespace vigil
