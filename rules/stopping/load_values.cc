#include "rules/stopping/load_values.h"

#include <cmath>
#include <limits>
#include <string>

namespace vigil::stopping::load {

std::optional<double> Number(const Node& n, std::string_view key, bool required) {
  const jsonload::Json* j = n.Find(key);
  if (!j) {
    if (required) n.Error("missing \"" + std::string(key) + "\"");
    return std::nullopt;
  }
  if (!j->is_number() || !std::isfinite(j->get<double>())) {
    n.Member(key).Error("expected a number");
    return std::nullopt;
  }
  return j->get<double>();
}

std::optional<double> Probability(const Node& n, std::string_view key, bool required) {
  const auto v = Number(n, key, required);
  if (v && !(*v > 0.0 && *v < 1.0)) {
    n.Member(key).Error("must be in (0, 1), got " + n.Member(key).json().dump());
    return std::nullopt;
  }
  return v;
}

std::optional<double> Positive(const Node& n, std::string_view key, bool required) {
  const auto v = Number(n, key, required);
  if (v && !(*v > 0.0)) {
    n.Member(key).Error("must be greater than 0, got " + n.Member(key).json().dump());
    return std::nullopt;
  }
  return v;
}

std::optional<int> IntAtLeast(const Node& n, std::string_view key, int min, bool required) {
  const auto v = n.Integer(key, required);
  if (!v) return std::nullopt;
  if (*v < min || *v > std::numeric_limits<int>::max()) {
    n.Member(key).Error("must be an integer of at least " + std::to_string(min) + ", got " + std::to_string(*v));
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

}  // namespace vigil::stopping::load
