// The operator's commands behind `vigilctl`, as functions of their inputs
// and an output stream. Exit codes: 0 ok, 1 failure, 2 usage error.
#pragma once

#include <ostream>
#include <string>

#include "daemon/store/reader.h"

namespace vigil::ctl {

enum class Format { kText, kJson, kCsv };

inline constexpr int kOk = 0;
inline constexpr int kFailure = 1;
inline constexpr int kUsage = 2;

// `status`: JSON keys records{dm,ex,ae,lb,vs,eg}, quarantined,
// alerts{open,acknowledged,total}, outbox{pending,delivered,failed}.
int Status(const std::string& db_path, Format format, std::ostream& out, std::ostream& err);

// `quarantine`: records now rejected or held, with their reasons.
int Quarantine(const std::string& db_path, Format format, std::ostream& out, std::ostream& err);

// `grades --subject ID`: a subject's graded values (CTCAE), baseline and
// treatment-emergent flags, and worst post-baseline grade by term.
int Grades(const std::string& db_path, const std::string& usubjid, Format format, std::ostream& out, std::ostream& err);

// `grade FILE.csv`: batch CTCAE grading of a lab export (product spec):
// the file with `grade` and `grade_reason` columns added.
int GradeFile(const std::string& path, const std::string& ctcae_version, const std::string& creatinine_rule,
              std::ostream& out, std::ostream& err);

// `rebuild`: recompute all derived state from the stored records, with the
// configuration the daemon last ran with. Takes the database's write lock
// for one transaction (a running daemon waits for it).
int Rebuild(const std::string& db_path, std::ostream& out, std::ostream& err);

// `validate-config FILE`: every error with its JSON path; 1 if any.
int ValidateConfig(const std::string& path, std::ostream& out, std::ostream& err);

}  // namespace vigil::ctl
