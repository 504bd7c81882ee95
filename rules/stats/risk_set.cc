#include "rules/stats/risk_set.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "rules/stats/arguments.h"

namespace vigil::stats {

Result<std::vector<RiskSetRow>> BuildRiskSets(std::span<const double> times, std::span<const int> status,
                                              int max_status, std::string_view status_name) {
  if (times.size() != status.size()) {
    return Status::Invalid(std::string(status_name) + ": has " + std::to_string(status.size()) +
                           " entries but times has " + std::to_string(times.size()));
  }
  if (times.empty()) return Status::Invalid("times: no subjects");
  for (std::size_t i = 0; i < times.size(); ++i) {
    if (!std::isfinite(times[i]) || times[i] < 0.0) {
      return Status::Invalid("times[" + std::to_string(i) + "]: must be finite and >= 0, got " +
                             FormatNumber(times[i]));
    }
    if (status[i] < 0 || status[i] > max_status) {
      return Status::Invalid(std::string(status_name) + "[" + std::to_string(i) + "]: must be between 0 and " +
                             std::to_string(max_status) + ", got " + std::to_string(status[i]));
    }
  }
  std::vector<std::size_t> order(times.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return times[a] < times[b]; });

  std::vector<RiskSetRow> rows;
  int remaining = static_cast<int>(times.size());
  for (std::size_t i = 0; i < order.size();) {
    RiskSetRow row{.time = times[order[i]], .at_risk = remaining, .count = {}};
    while (i < order.size() && times[order[i]] == row.time) {
      ++row.count[static_cast<std::size_t>(status[order[i]])];
      ++i;
    }
    remaining -= row.count[0] + row.count[1] + row.count[2];
    rows.push_back(row);
  }
  return rows;
}

}  // namespace vigil::stats
