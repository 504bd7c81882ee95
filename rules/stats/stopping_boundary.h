// A stopping boundary on the cumulative event count, in the one convention
// used inside Vigil: stop at look k when the cumulative number of patients
// with an event x_k satisfies x_k >= min_x_to_stop[k].
//
// Other conventions convert on input:
// - clinfun::toxbdry boundaries are maximum acceptable counts r_k (stop when
//   x > r_k): min_x_to_stop = r_k + 1;
// - a Bayesian rule's "NA" (no x <= n triggers) is std::nullopt, as is any
//   min_x_to_stop > n_k: no stop is possible at that look.
#pragma once

#include <optional>
#include <vector>

#include "rules/status.h"

namespace vigil::stats {

struct StoppingBoundary {
  std::vector<int> looks;                         // n_1 < n_2 < ... < n_K, n_1 >= 1
  std::vector<std::optional<int>> min_x_to_stop;  // one per look; values >= 0
};

// Invalid when looks is empty, not strictly increasing from >= 1, the sizes
// differ, or a min_x_to_stop is negative; the message names the look.
Status CheckStoppingBoundary(const StoppingBoundary& boundary);

// Looks must be strictly increasing positive counts; `name` is the argument
// named in the message.
Status CheckLooks(const std::vector<int>& looks, const char* name = "looks");

}  // namespace vigil::stats
