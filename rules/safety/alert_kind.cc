#include "rules/safety/alert_kind.h"

#include "rules/name_table.h"

namespace vigil::safety {
namespace {

constexpr auto kKinds = NameTable<AlertKind>({
    {AlertKind::kSae, "sae"},
    {AlertKind::kAesi, "aesi"},
    {AlertKind::kLabCritical, "lab_critical"},
    {AlertKind::kHysLaw, "hys_law"},
    {AlertKind::kDoseModification, "dose_modification"},
    {AlertKind::kSaeClock, "sae_clock"},
    {AlertKind::kStoppingRule, "stopping_rule"},
});

constexpr auto kSeverities = NameTable<Severity>({
    {Severity::kCritical, "critical"},
    {Severity::kHigh, "high"},
    {Severity::kMedium, "medium"},
    {Severity::kLow, "low"},
});

}  // namespace

std::string_view AlertKindName(AlertKind kind) { return kKinds.Name(kind); }
std::optional<AlertKind> ParseAlertKind(std::string_view name) { return kKinds.Parse(name); }

std::string_view SeverityName(Severity severity) { return kSeverities.Name(severity); }
std::optional<Severity> ParseSeverity(std::string_view name) { return kSeverities.Parse(name); }

}  // namespace vigil::safety
