// The reasons file written beside a quarantined copy of a spool file:
// CSV with one row per problem of each rejected record.
#pragma once

#include <string>

#include "daemon/pipeline/batch.h"

namespace vigil::spool {

// Header: record,usubjid,field,reason,state
std::string QuarantineReport(const BatchOutcome& outcome);

}  // namespace vigil::spool
