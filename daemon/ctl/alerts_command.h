// `vigilctl alerts [--state open|acknowledged|withdrawn|all] [--format json|text]`
// and `vigilctl ack ALERT_ID --by NAME [--note TEXT]`.
#pragma once

#include <ostream>
#include <string>

#include "daemon/ctl/commands.h"

namespace vigil::ctl {

// JSON: an array of alert objects (product spec, "Alerts"); text: one line
// per alert.
int Alerts(const std::string& db_path, const std::string& state, Format format, std::ostream& out, std::ostream& err);

// Acknowledges an open alert (exit 1 for an unknown id or an alert that is
// not open).
int Ack(const std::string& db_path, const std::string& alert_id, const std::string& by, const std::string& note,
        std::ostream& out, std::ostream& err);

}  // namespace vigil::ctl
