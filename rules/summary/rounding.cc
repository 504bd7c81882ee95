#include "rules/summary/rounding.h"

#include <cmath>
#include <string>
#include <string_view>

namespace vigil::summary {
namespace {

using nlohmann::json;

constexpr int kPercentDecimals = 1;
constexpr int kRateDecimals = 2;
constexpr int kProportionDecimals = 3;
constexpr int kDistributionDecimals = 1;

void RoundNumbers(json& v, int decimals) {
  if (v.is_number_float()) {
    v = RoundHalfAway(v.get<double>(), decimals);
  } else if (v.is_array()) {
    for (json& x : v) RoundNumbers(x, decimals);
  }
}

// The decimals a member gets, by its key and its parent's key; -1 to leave it.
int DecimalsOf(std::string_view key, std::string_view parent) {
  if (key == "pct") return kPercentDecimals;
  if (key == "ci95") return parent == "exposure_adjusted" || parent == "event_rate" ? kRateDecimals : kPercentDecimals;
  if (key == "per_100py" || key == "time_at_risk_py" || key == "exposure_py" || key == "patient_years") {
    return kRateDecimals;
  }
  if (key == "kaplan_meier" || key == "aalen_johansen") return kProportionDecimals;
  // The exposure table's distributions: days, cycles and percentages.
  if ((key == "median" || key == "mean" || key == "min" || key == "max") &&
      (parent == "duration_days" || parent == "cycles_started" || parent == "relative_dose_intensity")) {
    return kDistributionDecimals;
  }
  return -1;
}

void Walk(json& node, std::string_view parent) {
  if (!node.is_object()) {
    if (node.is_array()) {
      for (json& x : node) Walk(x, parent);
    }
    return;
  }
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string& key = it.key();
    if (key == "stopping_rules" || key == "stopping_rules_pooled" || key == "definitions") continue;
    if (const int d = DecimalsOf(key, parent); d >= 0) {
      RoundNumbers(it.value(), d);
    } else {
      Walk(it.value(), key);
    }
  }
}

}  // namespace

double RoundHalfAway(double value, int decimals) {
  if (!std::isfinite(value)) return value;
  const double scale = std::pow(10.0, decimals);
  // Snap in the scaled units: 1e-9 of the value's unit is 1e-9 * scale of
  // the scaled one; dividing by an exact power of ten keeps 100.5 as 100.5.
  const double snap = 1e9 / scale;
  const double scaled = std::round(value * scale * snap) / snap;
  const double rounded = std::round(scaled) / scale;
  return rounded == 0 ? 0.0 : rounded;  // no "-0.0"
}

void RoundForReading(json& summary) {
  Walk(summary, "");
  summary["precision"] = "rounded";
}

}  // namespace vigil::summary
