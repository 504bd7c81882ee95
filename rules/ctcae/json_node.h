// The criteria loader's view of the shared JSON validation helpers
// (rules/json/json_node.h), and the one reading only criteria need: exact
// decimals. Internal to rules/ctcae.
#pragma once

#include <optional>

#include "rules/ctcae/decimal.h"
#include "rules/json/json_node.h"

namespace vigil::ctcae::load {

using jsonload::EscapePointerToken;
using jsonload::Issues;
using jsonload::Json;
using jsonload::Node;

// A decimal written as a JSON string ("1.5") or integer (3). Binary JSON
// numbers with a fraction are refused: 1.5 would be read through a double.
std::optional<Decimal> DecimalValue(const Node& node);

}  // namespace vigil::ctcae::load
