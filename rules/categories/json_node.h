// The category loader's view of the shared JSON validation helpers
// (rules/json/json_node.h). Internal to rules/categories.
#pragma once

#include "rules/json/json_node.h"

namespace vigil::categories::load {

using jsonload::Issues;
using jsonload::Json;
using jsonload::Node;

}  // namespace vigil::categories::load
