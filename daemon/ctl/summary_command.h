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

// The document is a function of the database content and the request:
// generated_at is the moment of the data it describes (known_at, else the
// latest delivery), so the same request on the same data prints the same
// bytes.
int Summary(const std::string& db_path, const SummaryRequest& request, std::ostream& out, std::ostream& err);

}  // namespace vigil::ctl
