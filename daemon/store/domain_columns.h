// Which SDTM variables each domain table keeps as typed columns (beside the
// canonical JSON of all fields). Column names are the variables in lower case.
// Must agree with the tables of migrations.cc; the store prepares its
// statements from this list, so a mismatch fails at Store::Open.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "rules/records/domain.h"

namespace vigil::store {

std::span<const std::string_view> DomainColumns(Domain d);

// The variable by which a record is placed against a summary's cut-off:
// DM RFICDTC, EX EXSTDTC, AE AESTDTC, LB LBDTC, VS VSDTC, EG EGDTC.
std::string_view DatedVariable(Domain d);

// The key under which dated_counts (migration 15) counts a record dated
// `value`: its first ten characters, which compare with "<cut-off>~" as the
// whole value does, unless the eleventh sorts at or above '~', when it is
// the whole value. Characters are counted as SQLite's substr() counts them,
// so that the migration's SQL gives the same key.
std::string DatedKey(std::string_view value);

}  // namespace vigil::store
