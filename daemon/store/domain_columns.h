// Which SDTM variables each domain table keeps as typed columns (beside the
// canonical JSON of all fields). Column names are the variables in lower case.
// Must agree with the tables of migrations.cc; the store prepares its
// statements from this list, so a mismatch fails at Store::Open.
#pragma once

#include <span>
#include <string_view>

#include "rules/records/domain.h"

namespace vigil::store {

std::span<const std::string_view> DomainColumns(Domain d);

}  // namespace vigil::store
