// `vigilctl summary [--asof DATE] [--known-at TIMESTAMP] [--precision
// rounded|full] [--format json|csv]`: the DSMB's cumulative safety summary by
// cohort (product spec, docs/definitions.md), computed from the records with
// the configuration the daemon last ran with. Standard output is the
// document alone; when records are dated after the cut-off (and so left out),
// a warning on standard error says how many, per domain.
#pragma once

#include <ostream>
#include <string>

#include "daemon/ctl/commands.h"

namespace vigil::ctl {

struct SummaryRequest {
  std::string asof;                   // clinical data cut-off (ISO date); "" for the data's latest date
  std::string known_at;               // what the database knew then (receive time); "" for now
  std::string precision = "rounded";  // "rounded" or "full"
  Format format = Format::kJson;
};

// See daemon/summary/summary_service.h. Exit 2 for an --asof that is not a
// full date.
int Summary(const std::string& db_path, const SummaryRequest& request, std::ostream& out, std::ostream& err);

}  // namespace vigil::ctl
