// What a reader sees of one subject, as text: its DM record, its grades,
// the quarantine (problems and the record as received) and the count of
// current records by domain. Two stores fed the same records by different
// intakes (spool, HTTP, FHIR) must give the same text.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "daemon/store/reader.h"

namespace vigil::testing {

inline std::string StoredSubject(const std::string& db, const std::string& usubjid) {
  auto reader = store::Reader::Open(db);
  EXPECT_TRUE(reader.ok());
  if (!reader.ok()) return {};
  std::string out;
  auto records = (*reader)->LoadSubjectRecords(usubjid);
  EXPECT_TRUE(records.ok());
  if (records.ok() && records->dm) out += "dm " + records->dm->CanonicalJson() + "\n";
  auto grades = (*reader)->Grades(usubjid);
  EXPECT_TRUE(grades.ok());
  if (grades.ok()) {
    for (const store::GradeView& g : *grades) {
      out += "grade " + g.record_key + " " + g.ctcae_term + " " + std::to_string(g.grade.value_or(-1)) + "\n";
    }
  }
  auto quarantine = (*reader)->Quarantine();
  EXPECT_TRUE(quarantine.ok());
  if (quarantine.ok()) {
    for (const store::QuarantineRow& q : *quarantine) out += "quarantine " + q.problems + " " + q.payload + "\n";
  }
  auto counts = (*reader)->Counts();
  EXPECT_TRUE(counts.ok());
  if (counts.ok()) {
    out += "records";
    for (auto n : counts->records) out += " " + std::to_string(n);
    out += "\n";
  }
  return out;
}

}  // namespace vigil::testing
