#include "rules/ctcae/load_sections.h"

namespace vigil::ctcae::load {
namespace {

std::string Describe(const UnitLabel& u) {
  return u.power_of_ten == 0 ? u.canonical : u.canonical + " x 10^" + std::to_string(u.power_of_ten);
}

void AddLabel(const Node& where, const std::string& label, const UnitLabel& meaning, Criteria& c) {
  const std::string key = NormalizeUnitLabel(label);
  auto [it, inserted] = c.unit_labels.emplace(key, meaning);
  if (!inserted && (it->second.canonical != meaning.canonical || it->second.power_of_ten != meaning.power_of_ten)) {
    where.Error("label \"" + label + "\" already means " + Describe(it->second) +
                " (labels match ignoring case, "
                "spaces and the micro sign)");
  }
}

void LoadReading(const Node& n, const std::string& unit, Criteria& c) {
  const bool has_reading = n.Find("whole_numbers") || n.Find("max") || n.Find("words");
  if (!has_reading) return;
  if (c.unit_readings.contains(unit)) {
    n.Error("reading rules for \"" + unit + "\" are given twice");
    return;
  }
  UnitReading r;
  r.whole_numbers = n.Boolean("whole_numbers", false).value_or(false);
  if (n.Find("max")) r.max = DecimalValue(n.Member("max"));
  if (const Json* words = n.Find("words")) {
    const Node w = n.Member("words");
    if (!words->is_object()) {
      w.Error("expected an object of word -> value, e.g. {\"trace\": \"0\"}");
    } else {
      for (const auto& [word, value] : words->items()) {
        if (auto d = DecimalValue(w.Member(word))) r.words.emplace(AsciiLower(word), *d);
      }
    }
  }
  c.unit_readings.emplace(unit, std::move(r));
}

}  // namespace

void LoadUnits(const std::vector<Node>& arrays, Criteria& c) {
  // First the canonical units (entries without a power of ten), so that
  // scaled labels in any file can refer to them.
  struct Scaled {
    Node node;
    std::string unit;
    int power;
  };
  std::vector<Scaled> scaled;
  for (const Node& array : arrays) {
    if (!array.json().is_array()) {
      array.Error("expected an array of units");
      continue;
    }
    for (std::size_t i = 0; i < array.json().size(); ++i) {
      const Node e = array.Element(i);
      if (!e.json().is_object()) {
        e.Error("expected an object");
        continue;
      }
      auto unit = e.String("unit", true);
      const Node n = unit ? e.Labelled(*unit) : e;
      n.IsObjectWithKeys({"unit", "labels", "power_of_ten", "whole_numbers", "max", "words", "note"});
      if (!unit) continue;
      const long long power = n.Integer("power_of_ten", false).value_or(0);
      if (power < -12 || power > 12) {
        n.Member("power_of_ten").Error("expected an integer from -12 to 12");
        continue;
      }
      if (power != 0) {
        if (n.Find("whole_numbers") || n.Find("max") || n.Find("words")) {
          n.Error("reading rules belong to the entry of the canonical unit (no \"power_of_ten\")");
        }
        if (!n.Find("labels")) n.Error("missing \"labels\"");
        scaled.push_back({n, *unit, static_cast<int>(power)});
        continue;
      }
      c.canonical_units.insert(*unit);
      AddLabel(n.Member("unit"), *unit, UnitLabel{*unit, 0}, c);
      if (auto labels = n.StringList("labels", false)) {
        for (std::size_t j = 0; j < labels->size(); ++j) {
          AddLabel(n.Member("labels").Element(j), (*labels)[j], UnitLabel{*unit, 0}, c);
        }
      }
      LoadReading(n, *unit, c);
    }
  }
  for (const Scaled& s : scaled) {
    if (!c.canonical_units.contains(s.unit)) {
      s.node.Member("unit").Error("unknown unit \"" + s.unit + "\": declare it in an entry without \"power_of_ten\"");
      continue;
    }
    if (auto labels = s.node.StringList("labels", false)) {
      for (std::size_t j = 0; j < labels->size(); ++j) {
        AddLabel(s.node.Member("labels").Element(j), (*labels)[j], UnitLabel{s.unit, s.power}, c);
      }
    }
  }
}

}  // namespace vigil::ctcae::load
