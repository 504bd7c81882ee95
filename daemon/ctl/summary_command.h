// `vigilctl summary [--asof DATE] [--known-at TIMESTAMP] [--format json|csv]`:
// the DSMB's cumulative safety summary by cohort (product spec), computed
// from the records with the configuration the daemon last ran with.
#pragma once

#include <ostream>
#include <string>

#include "daemon/ctl/commands.h"

namespace vigil::ctl {

struct SummaryRequest {
  std::string asof;      // clinical data cut-off (ISO date); "" for the data's latest date
  std::string known_at;  // what the database knew then (receive time); "" for now
  Format format = Format::kJson;
};

// See daemon/summary/summary_service.h. Exit 2 for an --asof that is not a
// full date.
int Summary(const std::string& db_path, const SummaryRequest& request, std::ostream& out, std::ostream& err);

}  // namespace vigil::ctl
