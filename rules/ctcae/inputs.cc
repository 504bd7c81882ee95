#include "rules/ctcae/inputs.h"

#include <algorithm>
#include <set>

#include "rules/text/join.h"

namespace vigil::ctcae {
namespace {

std::string Trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

bool Contains(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

Result<UnitLabel> ResolveUnit(const Criteria& c, const Term& term, std::string_view label) {
  const std::string trimmed = Trim(label);
  if (term.units.empty()) return UnitLabel{};  // ratio criteria: any unit, nothing to scale
  if (trimmed.empty()) {
    if (!term.empty_unit.empty()) return UnitLabel{term.empty_unit, 0};
    return Status::Invalid("unit missing: " + term.name + " has cut points in " + text::Join(term.units));
  }
  auto it = c.unit_labels.find(NormalizeUnitLabel(trimmed));
  if (it == c.unit_labels.end()) {
    return Status::Invalid("unsupported unit: '" + trimmed + "' is not a recognised unit label; " + term.name +
                           " has cut points in " + text::Join(term.units));
  }
  UnitLabel u = it->second;
  if (auto eq = term.unit_equivalents.find(u.canonical); eq != term.unit_equivalents.end()) u.canonical = eq->second;
  if (!Contains(term.units, u.canonical)) {
    return Status::Invalid("unsupported unit: " + term.name + " has cut points in " + text::Join(term.units) +
                           ", not '" + trimmed + "' (values are never converted between units)");
  }
  return u;
}

Result<Decimal> ReadValue(const Criteria& c, const std::string& unit, const Number& n) {
  if (n.absent()) return Status::Invalid("value missing");
  const std::string text = Trim(n.text());
  const auto reading = c.unit_readings.find(unit);
  std::optional<Decimal> d;
  if (reading != c.unit_readings.end()) {
    if (auto w = reading->second.words.find(AsciiLower(text)); w != reading->second.words.end()) d = w->second;
  }
  if (!d) d = Decimal::Parse(text);
  if (!d) return Status::Invalid("value is not a number: '" + text + "'");
  if (d->BeyondDouble()) return Status::Invalid("value is out of range (not a finite number): '" + text + "'");
  if (d->is_negative()) return Status::Invalid("impossible value: negative (" + text + ")");
  if (reading != c.unit_readings.end()) {
    const UnitReading& r = reading->second;
    if (r.whole_numbers && !d->is_integer()) {
      return Status::Invalid("impossible value: " + unit + " takes whole numbers (" + text + ")");
    }
    if (r.max && *d > *r.max) {
      return Status::Invalid("impossible value: above " + r.max->ToString() + " " + unit + " (" + text + ")");
    }
  }
  return *d;
}

// The references the term can consult for this unit and these options.
std::set<Reference> UsedReferences(const Term& term, const Inputs& in, const Options& options) {
  std::set<Reference> used(term.required.begin(), term.required.end());
  for (const Scale& s : term.scales) {
    if (!ScaleSwitchedOn(s, in, options)) continue;
    if (s.option == OptionGate::kCreatinineBaselineRule &&
        options.creatinine_baseline == CreatinineBaselineRule::kAboveUlnOnly) {
      used.insert(Reference::kUln);
    }
    switch (s.when) {
      case BaselineCondition::kAny: break;
      case BaselineCondition::kAboveUln:
      case BaselineCondition::kNotAboveUln: used.insert({Reference::kBaseline, Reference::kUln}); break;
      case BaselineCondition::kBelowLln: used.insert({Reference::kBaseline, Reference::kLln}); break;
    }
    for (const Band& b : s.bands) {
      for (const Test& t : b.any_of) {
        if (t.cut.reference) used.insert(*t.cut.reference);
      }
    }
  }
  return used;
}

Result<std::optional<Decimal>> ReadReference(Reference r, const Number& n, int power_of_ten) {
  if (n.absent()) return std::optional<Decimal>();
  const std::string name(ReferenceName(r));
  const std::string text = Trim(n.text());
  auto d = Decimal::Parse(text);
  if (!d) return Status::Invalid(name + " is not a number: '" + text + "'");
  if (d->BeyondDouble()) return Status::Invalid(name + " is out of range (not a finite number): '" + text + "'");
  if (r == Reference::kLln ? d->is_negative() : *d <= Decimal()) {
    return Status::Invalid("impossible " + name + ": " + text +
                           (r == Reference::kLln ? " (must not be negative)" : " (must be above 0)"));
  }
  return std::optional<Decimal>(d->ScaledByPowerOfTen(power_of_ten));
}

}  // namespace

bool ScaleSwitchedOn(const Scale& scale, const Inputs& in, const Options& options) {
  if (!scale.units.empty() && !Contains(scale.units, in.unit)) return false;
  return scale.option != OptionGate::kCreatinineBaselineRule ||
         options.creatinine_baseline != CreatinineBaselineRule::kOff;
}

Result<Inputs> ReadInputs(const Criteria& c, const Term& term, const Measurement& m, const Options& options) {
  auto unit = ResolveUnit(c, term, m.unit);
  if (!unit.ok()) return unit.status();
  Inputs in;
  in.unit = unit->canonical;
  auto value = ReadValue(c, in.unit, m.value);
  if (!value.ok()) return value.status();
  in.value = value->ScaledByPowerOfTen(unit->power_of_ten);
  for (Reference r : UsedReferences(term, in, options)) {
    const Number& n = r == Reference::kUln ? m.uln : (r == Reference::kLln ? m.lln : m.baseline);
    auto d = ReadReference(r, n, unit->power_of_ten);
    if (!d.ok()) return d.status();
    (r == Reference::kUln ? in.uln : (r == Reference::kLln ? in.lln : in.baseline)) = *d;
  }
  for (Reference r : term.required) {
    if (!in.Get(r)) return Status::Invalid(std::string(ReferenceName(r)) + " missing: " + term.name + " needs it");
  }
  return in;
}

}  // namespace vigil::ctcae
