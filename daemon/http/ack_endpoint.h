// POST /api/v1/alerts/{id}/ack with an optional JSON body {"note": "..."}:
// acknowledges an open alert as `vigilctl ack ID --by NAME --note TEXT`
// does (store::Store::AcknowledgeAlert: its repeats and escalation stop and
// whoever was notified of it is told), where NAME is the name of the token
// that authenticated the request. Runs on the daemon's loop, which owns the
// store's write connection.
//
// Answers: 200 with the alert as `vigilctl alerts --format json` now shows
// it; 400 for a body that is not a JSON object with at most a string
// "note", and for a stopping-rule crossing acknowledged without a note (the
// note records the decision taken); 404 for an unknown id; 409 for an alert
// that is not open (already acknowledged, withdrawn or merged: vigilctl
// refuses it too, exit 1), naming its state.
#pragma once

#include "daemon/clock.h"
#include "daemon/http/http_types.h"
#include "daemon/store/store.h"

namespace vigil::http {

Response AckAlert(const Request& request, store::Store& store, const Clock& clock);

}  // namespace vigil::http
