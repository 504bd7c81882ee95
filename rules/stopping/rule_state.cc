#include "rules/stopping/rule_state.h"

#include <cmath>

namespace vigil::stopping {
namespace {

nlohmann::json NumberOrNull(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

template <typename T>
nlohmann::json OrNull(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json ToJson(const RuleState& state) {
  return {
      {"id", state.rule_id},
      {"cohort", state.cohort},
      {"method", std::string(MethodName(state.method))},
      {"events", state.events},
      {"evaluable", state.evaluable},
      {"statistic", NumberOrNull(state.statistic)},
      {"threshold", NumberOrNull(state.threshold)},
      {"boundary", OrNull(state.boundary)},
      {"distance", OrNull(state.distance)},
      {"triggered", state.triggered},
  };
}

}  // namespace vigil::stopping
