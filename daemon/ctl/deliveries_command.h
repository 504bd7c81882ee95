// `vigilctl deliveries [--alert ID] [--format text|json|csv]`: the delivery
// log, one line per attempt to deliver a notification — which alert and
// event, to which receiver and channel, when, what came of it and why.
#pragma once

#include <ostream>
#include <string>

#include "daemon/ctl/commands.h"

namespace vigil::ctl {

int Deliveries(const std::string& db_path, const std::string& alert_id, Format format, std::ostream& out,
               std::ostream& err);

}  // namespace vigil::ctl
