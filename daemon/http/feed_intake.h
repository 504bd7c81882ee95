// POST /api/v1/feeds/{domain}: records of one domain (dm ex ae lb vs eg) as
// a JSON array of objects or as JSON lines, read exactly as a spool .jsonl
// file is (daemon/intake/json_records.h): the same fields, validation,
// versions and quarantine. One request is one batch and one transaction;
// the reply comes after the commit:
//   200 {"batch_id", "records", "accepted", "unchanged", "quarantined",
//        "held", "results": [{"position", "usubjid"?, "key"?, "outcome",
//        "problems": [{"field", "reason"}]}]}
// outcome: accepted | follow_up | unchanged | quarantined | held.
// A body that is not JSON records at all: 400 naming where and why, and
// recorded as an unreadable delivery; an empty body: 400.
#pragma once

#include "daemon/http/intake_delivery.h"

namespace vigil::http {

Response PostFeed(IntakeContext& context, const Request& request);

}  // namespace vigil::http
