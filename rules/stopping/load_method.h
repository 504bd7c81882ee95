// The `method` object of a stopping rule (format: README.md). Internal to
// rules/stopping; problems go to the node's Issues with their pointers.
#pragma once

#include <optional>

#include "rules/json/json_node.h"
#include "rules/stopping/stopping_rule.h"

namespace vigil::stopping::load {

std::optional<Method> ReadMethod(const jsonload::Node& method);

// One reader per type; `m` is an object whose "type" was read.
std::optional<Method> ReadBayesian(const jsonload::Node& m);
std::optional<Method> ReadToxbdry(const jsonload::Node& m);
std::optional<Method> ReadSprt(const jsonload::Node& m);
std::optional<Method> ReadCount(const jsonload::Node& m);

}  // namespace vigil::stopping::load
