// Internal to rules/safety: the pieces every finding function builds a
// finding from, so that identities, keys and evidence read the same way
// whichever family made them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "rules/ctcae/decimal.h"
#include "rules/safety/alert_kind.h"
#include "rules/safety/finding.h"
#include "rules/safety/graded_value.h"

namespace vigil::safety::parts {

// "AE", "LB", "VS", "EG".
std::string DomainCode(Domain domain);

// A finding with kind, trigger, severity, subject, cohort, identity
// ("<kind>|<trigger>|<USUBJID>|<what>"), level and its dedupe key filled in.
Finding Start(AlertKind kind, std::string_view trigger_id, Severity severity, std::string_view usubjid,
              std::string_view cohort, std::string_view what, int level);

// "131 U/L (ULN 40; baseline 22)": the value as the evidence shows it.
std::string ValueText(const GradedValue& v);
Evidence EvidenceOf(const GradedValue& v);

// The value as an exact decimal; nullopt when empty or not a number.
std::optional<ctcae::Decimal> Number(std::string_view text);

// The term a value is shown by: its CTCAE term, else its test code.
std::string Label(const GradedValue& v);

}  // namespace vigil::safety::parts
