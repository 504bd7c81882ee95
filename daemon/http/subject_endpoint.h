// GET /api/v1/subjects/{usubjid}: one subject's timeline for a safety
// physician (product spec, "HTTP API"):
//
//   {"usubjid": "A1", "cohort": "A",
//    "dosing": [{"record_key", "treatment", "start", "end", "dose", "unit", "adjustment"}],
//    "aes": [{"record_key", "version", "term", "decod", "soc", "grade", "serious", "start", "end",
//             "outcome", "versions": [{"version", "received_at", "superseded_at", "fields": {...}}]}],
//    "labs": [{"record_key", "test_code", "term", "dtc", "value", "unit", "grade", "baseline_grade",
//              "treatment_emergent"}],
//    "alerts": [...as GET /api/v1/alerts gives them...]}
//
// dosing: the current EX records by start date. aes: each AE's current
// version with every version kept, oldest first (received_at is when the
// version arrived, superseded_at when the next one did, null for the
// current one). labs: the current LB, VS and EG records, one entry per
// record and graded CTCAE term (a record CTCAE does not grade appears once,
// with term and grade null), by collection date; value is a number when the
// result is one. alerts: every alert about the subject, in any state, newest
// first.
#pragma once

#include "daemon/http/http_types.h"
#include "daemon/http/reader_pool.h"

namespace vigil::http {

// 404 for a subject without a DM record (never enrolled; records of such a
// subject are held in quarantine).
Response GetSubject(const Request& request, ReaderPool& readers);

}  // namespace vigil::http
