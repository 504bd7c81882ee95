#include "daemon/spool/quarantine_report.h"

#include "rules/csv/csv.h"

namespace vigil::spool {

std::string QuarantineReport(const BatchOutcome& outcome) {
  std::string out = "record,usubjid,field,reason,state\n";
  for (const RecordOutcome& r : outcome.records) {
    if (r.fate != RecordFate::kQuarantined && r.fate != RecordFate::kHeld) continue;
    const std::string state = r.fate == RecordFate::kHeld ? "held" : "rejected";
    for (const Problem& p : r.problems) {
      csv::AppendRow(out, {std::to_string(r.position), r.usubjid, p.field, p.reason, state});
    }
  }
  return out;
}

}  // namespace vigil::spool
