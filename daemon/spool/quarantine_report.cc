#include "daemon/spool/quarantine_report.h"

#include "rules/csv/csv.h"

namespace vigil::spool {

std::string QuarantineReport(const Batch& batch, const BatchOutcome& outcome) {
  std::string out = "record,usubjid,field,reason,state\n";
  for (std::size_t i = 0; i < outcome.records.size() && i < batch.records.size(); ++i) {
    const RecordOutcome& r = outcome.records[i];
    if (r.fate != RecordFate::kQuarantined && r.fate != RecordFate::kHeld) continue;
    const std::string state = r.fate == RecordFate::kHeld ? "held" : "rejected";
    for (const Problem& p : r.problems) {
      csv::AppendRow(
          out, {std::to_string(r.position), std::string(batch.records[i].record.usubjid()), p.field, p.reason, state});
    }
  }
  return out;
}

}  // namespace vigil::spool
