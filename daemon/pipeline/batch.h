// What a source submits to the pipeline: one delivery (a spool file, an HL7
// message, an HTTP request) with the records parsed out of it.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "daemon/store/store.h"
#include "rules/name_table.h"
#include "rules/records/record.h"
#include "rules/records/validate.h"

namespace vigil {

struct InboundRecord {
  Record record;
  // Problems the source found while parsing (a malformed JSON line, a row
  // with the wrong number of fields). Such a record is quarantined as is.
  std::vector<Problem> parse_problems;
};

struct Batch {
  store::BatchInfo info;
  std::vector<InboundRecord> records;
};

enum class RecordFate { kAccepted, kFollowUp, kUnchanged, kQuarantined, kHeld };

// "accepted", "follow_up", "unchanged", "quarantined", "held": a record's
// outcome as the HTTP reply and the metrics name it.
inline std::string_view RecordFateName(RecordFate fate) {
  constexpr auto kNames = NameTable<RecordFate>({{RecordFate::kAccepted, "accepted"},
                                                 {RecordFate::kFollowUp, "follow_up"},
                                                 {RecordFate::kUnchanged, "unchanged"},
                                                 {RecordFate::kQuarantined, "quarantined"},
                                                 {RecordFate::kHeld, "held"}});
  return kNames.Name(fate);
}

struct RecordOutcome {
  std::size_t position = 0;
  RecordFate fate = RecordFate::kAccepted;
  Domain domain = Domain::kDm;
  std::vector<Problem> problems = {};  // why, when quarantined or held
  std::string usubjid = {};            // as sent, when quarantined or held
};

struct BatchOutcome {
  std::int64_t batch_id = 0;
  store::BatchCounts counts;
  int released = 0;  // held records of earlier batches accepted because this one enrolled their subject
  // How many records met each fate, by domain (the daemon's metrics).
  std::map<std::pair<Domain, RecordFate>, int> fates = {};
  // Each record's outcome, in delivery order. Of a delivery read in parts
  // (a spool file: Pipeline::Process with a RecordReader), only those
  // quarantined or held are kept: the rest are counted, not listed.
  std::vector<RecordOutcome> records = {};
};

}  // namespace vigil
