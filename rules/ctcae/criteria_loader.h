// Builds the criteria of one CTCAE version from its JSON files, validating
// everything before anything is used.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rules/ctcae/criteria.h"
#include "rules/status.h"

namespace vigil::ctcae {

// One criteria file: its name as errors should show it ("v5.0/liver.json")
// and its JSON text. The text must outlive the call only.
struct CriteriaText {
  std::string name;
  std::string_view text;
};

// Each file is a JSON object whose members, all optional, are "note" (free
// text), "units" (unit labels), "terms" (criteria) and "analytes" (test-code
// maps); the format is in rules/ctcae/README.md. A member may be split across
// files: units and terms are shared by all files of the version.
//
// On failure the Status (kInvalid) lists every problem found, one per line,
// each naming the file and the JSON Pointer of the offending value, e.g.
// `v5.0/blood.json: /terms/0/bands/1/cut/g~1L [Anemia]: must not be negative`.
// Never throws.
Result<Criteria> LoadCriteria(std::string_view version, const std::vector<CriteriaText>& files);

}  // namespace vigil::ctcae
