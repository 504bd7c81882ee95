// Typed numeric members for the stopping-rule loader, on top of
// rules/json/json_node.h (which has strings, integers and booleans). Each
// reports a wrong type or an out-of-range value at the member's pointer and
// returns nullopt then; a missing member is reported only when required.
// Internal to rules/stopping.
#pragma once

#include <optional>
#include <string_view>

#include "rules/json/json_node.h"

namespace vigil::stopping::load {

using jsonload::Node;

// A finite number.
std::optional<double> Number(const Node& n, std::string_view key, bool required);
// A probability strictly inside (0, 1).
std::optional<double> Probability(const Node& n, std::string_view key, bool required);
// A finite number > 0.
std::optional<double> Positive(const Node& n, std::string_view key, bool required);
// An integer >= min that fits an int.
std::optional<int> IntAtLeast(const Node& n, std::string_view key, int min, bool required);

}  // namespace vigil::stopping::load
