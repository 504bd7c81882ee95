#include "rules/safety/alert_kind.h"

#include <array>
#include <utility>

namespace vigil::safety {
namespace {

constexpr std::array<std::pair<AlertKind, std::string_view>, 5> kKinds = {{
    {AlertKind::kSae, "sae"},
    {AlertKind::kAesi, "aesi"},
    {AlertKind::kLabCritical, "lab_critical"},
    {AlertKind::kHysLaw, "hys_law"},
    {AlertKind::kDoseModification, "dose_modification"},
}};

constexpr std::array<std::pair<Severity, std::string_view>, 4> kSeverities = {{
    {Severity::kCritical, "critical"},
    {Severity::kHigh, "high"},
    {Severity::kMedium, "medium"},
    {Severity::kLow, "low"},
}};

}  // namespace

std::string_view AlertKindName(AlertKind kind) {
  for (const auto& [k, name] : kKinds) {
    if (k == kind) return name;
  }
  return "invalid";
}

std::optional<AlertKind> ParseAlertKind(std::string_view name) {
  for (const auto& [k, n] : kKinds) {
    if (n == name) return k;
  }
  return std::nullopt;
}

std::string_view SeverityName(Severity severity) {
  for (const auto& [s, name] : kSeverities) {
    if (s == severity) return name;
  }
  return "invalid";
}

std::optional<Severity> ParseSeverity(std::string_view name) {
  for (const auto& [s, n] : kSeverities) {
    if (n == name) return s;
  }
  return std::nullopt;
}

}  // namespace vigil::safety
