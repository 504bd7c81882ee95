#include "rules/safety/finding_parts.h"

#include "rules/ctcae/criteria.h"

namespace vigil::safety::parts {

std::string DomainCode(Domain domain) { return ctcae::AsciiUpper(DomainName(domain)); }

Finding Start(AlertKind kind, std::string_view trigger_id, Severity severity, std::string_view usubjid,
              std::string_view cohort, std::string_view what, int level) {
  Finding f;
  f.kind = kind;
  f.trigger_id = std::string(trigger_id);
  f.severity = severity;
  f.usubjid = std::string(usubjid);
  f.cohort = std::string(cohort);
  f.identity = std::string(AlertKindName(kind)) + "|" + f.trigger_id + "|" + f.usubjid + "|" + std::string(what);
  f.level = level;
  f.dedupe_key = DedupeKey(f.identity, level);
  return f;
}

std::string ValueText(const GradedValue& v) {
  std::string out = v.value.empty() ? "(no value)" : v.value;
  if (!v.unit.empty()) out += " " + v.unit;
  std::string refs;
  if (!v.uln.empty()) refs += "ULN " + v.uln;
  if (!v.lln.empty()) refs += (refs.empty() ? "" : "; ") + std::string("LLN ") + v.lln;
  if (!v.baseline.empty()) refs += (refs.empty() ? "" : "; ") + std::string("baseline ") + v.baseline;
  if (!refs.empty()) out += " (" + refs + ")";
  return out;
}

Evidence EvidenceOf(const GradedValue& v) {
  return Evidence{v.domain, v.record_key, v.version, v.test_code, ValueText(v)};
}

std::optional<ctcae::Decimal> Number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  return ctcae::Decimal::Parse(text);
}

std::string Label(const GradedValue& v) { return v.ctcae_term.empty() ? v.test_code : v.ctcae_term; }

}  // namespace vigil::safety::parts
