// The closed sets an alert is described by: its kind (product.md, "Alerts")
// and its severity. Enums inside Vigil (findings carry them, finding.h);
// names at the edges: the store's alert rows, JSON, payloads, the
// configuration (rules/name_table.h).
#pragma once

#include <optional>
#include <string_view>

namespace vigil::safety {

// Every alert kind of the product. The plan's triggers compute sae, aesi
// and dose_modification; its sections lab_critical and hys_law; the clocks
// (rules/clocks/, clock_findings.h) sae_clock; the stopping rules
// (rules/stopping/, stopping_rule_finding.h) stopping_rule.
enum class AlertKind { kSae, kAesi, kLabCritical, kHysLaw, kDoseModification, kSaeClock, kStoppingRule };

inline constexpr AlertKind kAllAlertKinds[] = {AlertKind::kSae,
                                               AlertKind::kAesi,
                                               AlertKind::kLabCritical,
                                               AlertKind::kHysLaw,
                                               AlertKind::kDoseModification,
                                               AlertKind::kSaeClock,
                                               AlertKind::kStoppingRule};

// "sae", "aesi", "lab_critical", "hys_law", "dose_modification",
// "sae_clock", "stopping_rule".
std::string_view AlertKindName(AlertKind kind);
// Exact spelling only; nullopt otherwise.
std::optional<AlertKind> ParseAlertKind(std::string_view name);

// Most severe first, so `a < b` means a is the more severe.
enum class Severity { kCritical, kHigh, kMedium, kLow };
inline constexpr Severity kAllSeverities[] = {Severity::kCritical, Severity::kHigh, Severity::kMedium, Severity::kLow};

// "critical", "high", "medium", "low".
std::string_view SeverityName(Severity severity);
std::optional<Severity> ParseSeverity(std::string_view name);

}  // namespace vigil::safety
