#include "rules/safety/load_values.h"

#include "rules/ctcae/criteria.h"

namespace vigil::safety::load {

std::optional<ctcae::Decimal> DecimalMember(const jsonload::Node& node, std::string_view key, bool required,
                                            std::string* text) {
  const jsonload::Json* j = node.Find(key);
  if (!j) {
    if (required) node.Error("missing \"" + std::string(key) + "\"");
    return std::nullopt;
  }
  std::optional<ctcae::Decimal> d;
  if (j->is_string()) {
    d = ctcae::Decimal::Parse(j->get_ref<const std::string&>());
  } else if (j->is_number_integer()) {
    d = ctcae::Decimal::FromInt(j->get<long long>());
  } else if (j->is_number_float()) {
    d = ctcae::Decimal::FromDouble(j->get<double>());
  }
  if (!d) {
    node.Member(key).Error("expected a decimal number (\"27.8\" or 27.8)");
    return std::nullopt;
  }
  if (d->is_negative()) {
    node.Member(key).Error("expected a number not below 0");
    return std::nullopt;
  }
  if (text) *text = d->ToString();
  return d;
}

std::optional<Severity> SeverityMember(const jsonload::Node& node, std::string_view key, bool required) {
  const auto name = node.String(key, required);
  if (!name) return std::nullopt;
  const auto s = ParseSeverity(*name);
  if (!s) node.Member(key).Error("unknown severity \"" + *name + "\" (known: critical, high, medium, low)");
  return s;
}

}  // namespace vigil::safety::load

namespace vigil::safety {

bool SameCtcaeTerm(std::string_view graded, std::string_view configured) {
  const std::string g = ctcae::AsciiLower(graded);
  const std::string c = ctcae::AsciiLower(configured);
  if (g == c) return true;
  const auto paren = g.rfind(" (");
  return paren != std::string::npos && g.back() == ')' && g.substr(0, paren) == c;
}

}  // namespace vigil::safety
