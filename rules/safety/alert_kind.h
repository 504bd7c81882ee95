// The closed sets an alert is described by: its kind (product.md, "Alerts")
// and its severity. Parsed once, where the alert plan is loaded; findings
// carry the names (finding.h), which is what the store and the payloads hold.
#pragma once

#include <optional>
#include <string_view>

namespace vigil::safety {

// The alert kinds this module computes. `sae_clock` and `stopping_rule`
// (product.md) are computed elsewhere (rules/clocks/, rules/stopping/).
enum class AlertKind { kSae, kAesi, kLabCritical, kHysLaw, kDoseModification };

// "sae", "aesi", "lab_critical", "hys_law", "dose_modification".
std::string_view AlertKindName(AlertKind kind);
// Exact spelling only; nullopt otherwise.
std::optional<AlertKind> ParseAlertKind(std::string_view name);

// Most severe first, so `a < b` means a is the more severe.
enum class Severity { kCritical, kHigh, kMedium, kLow };

// "critical", "high", "medium", "low".
std::string_view SeverityName(Severity severity);
std::optional<Severity> ParseSeverity(std::string_view name);

}  // namespace vigil::safety
