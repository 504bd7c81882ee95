// ORU^R01 (HL7 v2.3 to v2.5.1) lab results as SDTM LB records
// (rules/records/record.h). One record per OBX that carries a result; what
// each variable comes from, and every decision taken for safety, is in
// rules/hl7/README.md. Pure: the trial's study id is the caller's.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "rules/hl7/message.h"
#include "rules/records/record.h"
#include "rules/records/validate.h"

namespace vigil::hl7 {

struct MappingOptions {
  std::string study_id;  // the trial's STUDYID (configuration)
};

struct MappedRecord {
  Record record;  // domain LB; position from 1 within the message
  // Problems found while mapping (a value that is not a number, a result
  // without a key, ...): the record is quarantined with them, and `issues`
  // say the same for the ACK, located.
  std::vector<Problem> problems;
  std::vector<Issue> issues;
  // Where each SDTM variable came from, for locating a problem the
  // pipeline's validation finds (LBDTC -> OBX^3^14).
  std::map<std::string, Location, std::less<>> where;
  Location origin;  // the OBX
};

struct OruMapping {
  std::vector<MappedRecord> records;
  // Results not stored, each with why (a pending result, status I; a value
  // type that is not a result): severity I, reported in the ACK and logged.
  std::vector<Issue> notes;
  // The message as stored with each record (README.md, "What is stored").
  std::string payload;
};

OruMapping MapOruR01(const Message& message, const MappingOptions& options);

// An ACK issue for one problem the pipeline found with a mapped record:
// located by its field (`where`), coded by table 0357 (a missing required
// variable 101, another study's id 103, anything else 102).
Issue LocateProblem(const MappedRecord& record, const Problem& problem);

}  // namespace vigil::hl7
