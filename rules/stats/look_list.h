// Text forms of the lists the `vigilctl rules` flags take, parsed once at
// the edge.
//
//   looks:    "1..40" (every n from 1 to 40) or "20,40,60,75" (',' or ';'
//             separated, spaces ignored); strictly increasing from >= 1.
//   stop-at:  "2,3,3,4" or "1;2;NA", one minimum count to stop per look; NA
//             (or any value above that look's n) means no stop possible.
//   priority: "null" | "alt";  boundary side: "lo" | "hi".
// Errors name the flag and the offending item.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "rules/stats/toxicity_boundary.h"
#include "rules/status.h"

namespace vigil::stats {

Result<std::vector<int>> ParseLooks(std::string_view text);
Result<std::vector<std::optional<int>>> ParseStopAt(std::string_view text);
Result<std::vector<double>> ParseProbabilities(std::string_view text, std::string_view flag);
Result<ToxPriority> ParseToxPriority(std::string_view text);
Result<ToxBoundarySide> ParseToxBoundarySide(std::string_view text);

}  // namespace vigil::stats
