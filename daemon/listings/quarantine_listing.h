// The records now in quarantine as `vigilctl quarantine --format json`
// prints them and `GET /api/v1/quarantine` answers them. Each entry carries
// what a data manager needs to correct and resubmit the record: where it
// came from (source, file or request name, record number), its domain and
// subject, every problem (field and reason), whether it is rejected or held
// for a reference, and the record as received.
#pragma once

#include <span>
#include <string>

#include "daemon/store/reader.h"

namespace vigil {

std::string QuarantineListingJson(std::span<const store::QuarantineRow> rows);

}  // namespace vigil
