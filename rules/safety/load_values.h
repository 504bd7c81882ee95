// Internal to rules/safety: the typed members the plan loader reads beyond
// those jsonload::Node offers, and how a configured CTCAE term is compared
// with a graded one.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "rules/ctcae/decimal.h"
#include "rules/json/json_node.h"
#include "rules/safety/alert_kind.h"

namespace vigil::safety::load {

// A decimal written as a JSON string ("27.8", exact) or number (an integer,
// or the shortest decimal reading back as the double). nullopt when missing
// or invalid (reported, the missing case only when required). `text` gets
// the decimal as written.
std::optional<ctcae::Decimal> DecimalMember(const jsonload::Node& node, std::string_view key, bool required,
                                            std::string* text = nullptr);

// "severity": one of critical, high, medium, low.
std::optional<Severity> SeverityMember(const jsonload::Node& node, std::string_view key, bool required);

}  // namespace vigil::safety::load

namespace vigil::safety {

// Whether a graded term (ctcae::GradeResult::term: "Hypertension (systolic)")
// is the configured one: equal ignoring ASCII case, or equal once the
// graded term's parenthesised label is dropped ("Hypertension").
bool SameCtcaeTerm(std::string_view graded, std::string_view configured);

}  // namespace vigil::safety
