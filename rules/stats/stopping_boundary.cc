#include "rules/stats/stopping_boundary.h"

#include <string>

namespace vigil::stats {

Status CheckLooks(const std::vector<int>& looks, const char* name) {
  if (looks.empty()) return Status::Invalid(std::string(name) + ": must list at least one look");
  for (std::size_t k = 0; k < looks.size(); ++k) {
    const int previous = k == 0 ? 0 : looks[k - 1];
    if (looks[k] <= previous) {
      return Status::Invalid(std::string(name) + "[" + std::to_string(k + 1) + "]: must be a patient count > " +
                             std::to_string(previous) + " (looks strictly increasing from 1), got " +
                             std::to_string(looks[k]));
    }
  }
  return Status::Ok();
}

Status CheckStoppingBoundary(const StoppingBoundary& boundary) {
  if (Status s = CheckLooks(boundary.looks); !s.ok()) return s;
  if (boundary.min_x_to_stop.size() != boundary.looks.size()) {
    return Status::Invalid("min_x_to_stop: has " + std::to_string(boundary.min_x_to_stop.size()) + " entries for " +
                           std::to_string(boundary.looks.size()) + " looks");
  }
  for (std::size_t k = 0; k < boundary.looks.size(); ++k) {
    const std::optional<int>& x = boundary.min_x_to_stop[k];
    if (x && *x < 0) {
      return Status::Invalid("min_x_to_stop[" + std::to_string(k + 1) + "]: must be a count >= 0, got " +
                             std::to_string(*x));
    }
  }
  return Status::Ok();
}

}  // namespace vigil::stats
