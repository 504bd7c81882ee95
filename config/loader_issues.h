// The rules/ loaders report a problem as "<file>: <JSON Pointer>: <message>",
// or "<file>: <pointer> [<label>]: <message>" when they name the item
// (rules/json/json_node.h). The configuration reports "<path>: <message>"
// with paths like cohorts[1].treatments[0]. This turns the first form into
// the second, so that `vigilctl validate-config` prints one form whichever
// layer found the problem.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "config/json_reader.h"
#include "rules/json/json_node.h"

namespace vigil::config {

// `issues` were reported by nodes below jsonload::Node(doc, file, "", ...);
// `prefix` is where `doc` sits in the configuration ("safety_plan"). The
// pointer is read by walking `doc`, so an array index becomes "[3]", a member
// ".kind", and a member whose name is not a plain word `["Platelet count
// decreased"]`. A label goes before the message as "[R2a] ". A line not in
// the loaders' form is kept whole, at `prefix`.
std::vector<ConfigError> ErrorsFromIssues(const jsonload::Issues& issues, std::string_view file,
                                          const nlohmann::json& doc, const std::string& prefix);

}  // namespace vigil::config
