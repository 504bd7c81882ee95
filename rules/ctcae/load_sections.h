// The criteria loader's section readers (internal to rules/ctcae). Each reads
// one kind of top-level member of the version's JSON files into `criteria`
// and reports every problem through the nodes' Issues.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rules/ctcae/criteria.h"
#include "rules/ctcae/json_node.h"

namespace vigil::ctcae::load {

// "units": arrays of unit entries, from all files at once (labels refer to
// canonical units declared in any file).
void LoadUnits(const std::vector<Node>& unit_arrays, Criteria& criteria);

// "terms": one file's array of terms. Needs the units loaded.
void LoadTerms(const Node& term_array, Criteria& criteria);

// "analytes": one file's array of test-code maps. Needs the terms loaded.
void LoadAnalytes(const Node& analyte_array, Criteria& criteria);

// What a scale's bands may use: the term's direction and the canonical units
// its absolute cut points must cover (empty: ratio criteria only).
struct BandContext {
  Direction direction = Direction::kHigh;
  std::vector<std::string> units;
};

// A scale's "bands" array. Sets `uses_baseline` when a test is relative to the
// baseline. Checks each band, that grades go down the list, and that each cut
// point is on the right side of the one before it (see README.md).
std::vector<Band> LoadBands(const Node& band_array, const BandContext& context, bool& uses_baseline);

// True when `code` is a LOINC code ("1742-6") whose check digit is right
// (LOINC's mod-10 algorithm), which catches most mistyped codes.
bool IsValidLoinc(std::string_view code);

}  // namespace vigil::ctcae::load
