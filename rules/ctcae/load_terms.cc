#include <algorithm>

#include "rules/ctcae/load_sections.h"

namespace vigil::ctcae::load {
namespace {

bool Contains(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

std::optional<BaselineCondition> ParseWhen(std::string_view s) {
  if (s == "baseline_above_uln") return BaselineCondition::kAboveUln;
  if (s == "baseline_not_above_uln") return BaselineCondition::kNotAboveUln;
  if (s == "baseline_below_lln") return BaselineCondition::kBelowLln;
  return std::nullopt;
}

// Canonical units named in `key`, each one declared in units.json.
std::vector<std::string> LoadUnitNames(const Node& n, std::string_view key, const Criteria& c) {
  auto list = n.StringList(key, false);
  if (!list) return {};
  for (std::size_t i = 0; i < list->size(); ++i) {
    if (!c.canonical_units.contains((*list)[i])) {
      n.Member(key).Element(i).Error("unknown unit \"" + (*list)[i] + "\" (declare it under \"units\")");
    }
  }
  return *list;
}

std::optional<Scale> LoadScale(const Node& n, const Term& term, const Criteria& c) {
  if (!n.IsObjectWithKeys({"name", "when", "units", "option", "without_baseline", "worst_case", "bands", "note"})) {
    return std::nullopt;
  }
  Scale scale;
  if (auto name = n.String("name", false)) scale.name = *name;
  const std::size_t errors_before = n.issues().size();
  if (auto when = n.String("when", false)) {
    auto w = ParseWhen(*when);
    if (!w) {
      n.Member("when").Error("expected \"baseline_above_uln\", \"baseline_not_above_uln\" or \"baseline_below_lln\"");
    } else {
      scale.when = *w;
    }
  }
  scale.units = LoadUnitNames(n, "units", c);
  for (std::size_t i = 0; i < scale.units.size(); ++i) {
    if (!Contains(term.units, scale.units[i])) {
      n.Member("units").Element(i).Error("\"" + scale.units[i] + "\" is not one of the term's units");
    }
  }
  if (auto option = n.String("option", false)) {
    if (*option == "creatinine_baseline_rule") {
      scale.option = OptionGate::kCreatinineBaselineRule;
    } else {
      n.Member("option").Error("expected \"creatinine_baseline_rule\"");
    }
  }
  if (auto wc = n.String("worst_case", false)) scale.worst_case = *wc;
  if (!n.Find("bands")) {
    n.Error("missing \"bands\"");
    return std::nullopt;
  }
  bool uses_baseline = false;
  BandContext ctx{term.direction, scale.units.empty() ? term.units : scale.units};
  scale.bands = LoadBands(n.Member("bands"), ctx, uses_baseline);
  const bool baseline_given = scale.when == BaselineCondition::kAboveUln || scale.when == BaselineCondition::kBelowLln;
  if (auto wb = n.String("without_baseline", false)) {
    const Node w = n.Member("without_baseline");
    if (*wb == "skip") {
      scale.without_baseline = MissingBaseline::kSkipScale;
    } else if (*wb == "not_gradable") {
      scale.without_baseline = MissingBaseline::kNotGradable;
    } else {
      w.Error("expected \"skip\" or \"not_gradable\"");
    }
    if (!uses_baseline) w.Error("the scale does not use the baseline");
    if (baseline_given) w.Error("has no effect: the scale applies only when a baseline is given");
  } else if (uses_baseline && !baseline_given) {
    n.Error(
        "the scale uses the baseline: say what happens without one (\"without_baseline\": \"skip\" or "
        "\"not_gradable\")");
  }
  if (n.issues().size() != errors_before) return std::nullopt;
  return scale;
}

std::optional<Reference> ParseRequired(std::string_view s) {
  if (s == "ULN") return Reference::kUln;
  if (s == "LLN") return Reference::kLln;
  if (s == "baseline") return Reference::kBaseline;
  return std::nullopt;
}

void LoadTermBody(const Node& n, Term& term, const Criteria& c) {
  auto direction = n.String("direction", true);
  if (direction) {
    if (*direction == "high") {
      term.direction = Direction::kHigh;
    } else if (*direction == "low") {
      term.direction = Direction::kLow;
    } else {
      n.Member("direction").Error("expected \"high\" or \"low\"");
    }
  }
  term.units = LoadUnitNames(n, "units", c);
  if (const Json* eq = n.Find("unit_equivalents")) {
    const Node e = n.Member("unit_equivalents");
    if (!eq->is_object()) {
      e.Error("expected an object of unit -> unit");
    } else {
      for (const auto& [from, to] : eq->items()) {
        const Node f = e.Member(from);
        if (!c.canonical_units.contains(from)) f.Error("unknown unit \"" + from + "\"");
        if (!to.is_string() || !Contains(term.units, to.get<std::string>())) {
          f.Error("must name one of the term's units");
        } else {
          term.unit_equivalents.emplace(from, to.get<std::string>());
        }
      }
    }
  }
  if (auto empty = n.String("empty_unit_is", false)) {
    if (!Contains(term.units, *empty)) n.Member("empty_unit_is").Error("must name one of the term's units");
    term.empty_unit = *empty;
  }
  if (auto req = n.StringList("requires", false)) {
    for (std::size_t i = 0; i < req->size(); ++i) {
      auto r = ParseRequired((*req)[i]);
      if (!r) {
        n.Member("requires").Element(i).Error("expected \"ULN\", \"LLN\" or \"baseline\"");
      } else {
        term.required.push_back(*r);
      }
    }
  }
  const bool has_bands = n.Find("bands") != nullptr;
  const bool has_scales = n.Find("scales") != nullptr;
  if (has_bands == has_scales) {
    n.Error(has_bands ? "give \"bands\" (one scale) or \"scales\", not both" : "missing \"bands\" or \"scales\"");
    return;
  }
  if (has_bands) {
    // Shorthand for one scale that always applies.
    bool uses_baseline = false;
    term.scales.push_back(Scale{});
    term.scales.back().bands = LoadBands(n.Member("bands"), BandContext{term.direction, term.units}, uses_baseline);
    if (uses_baseline) n.Error("bands that use the baseline must sit in a scale with \"without_baseline\"");
    return;
  }
  const Node scales = n.Member("scales");
  if (!scales.json().is_array() || scales.json().empty()) {
    scales.Error("expected a non-empty array of scales");
    return;
  }
  for (std::size_t i = 0; i < scales.json().size(); ++i) {
    if (auto s = LoadScale(scales.Element(i), term, c)) term.scales.push_back(std::move(*s));
  }
}

}  // namespace

void LoadTerms(const Node& array, Criteria& c) {
  if (!array.json().is_array()) {
    array.Error("expected an array of terms");
    return;
  }
  for (std::size_t i = 0; i < array.json().size(); ++i) {
    Node n = array.Element(i);
    if (!n.json().is_object()) {
      n.Error("expected an object");
      continue;
    }
    const std::size_t errors_before = n.issues().size();
    auto name = n.String("term", true);
    if (name) n = n.Labelled(*name);
    n.IsObjectWithKeys({"term", "ctcae_term", "direction", "units", "unit_equivalents", "empty_unit_is", "requires",
                        "scales", "bands", "not_gradable", "note", "source"});
    if (!name) continue;
    Term term;
    term.name = *name;
    term.ctcae_term = n.String("ctcae_term", false).value_or(*name);
    term.source = n.file();
    if (auto why = n.String("not_gradable", false)) {
      term.not_gradable = *why;
      for (auto key : {"direction", "units", "unit_equivalents", "empty_unit_is", "requires", "scales", "bands"}) {
        if (n.Find(key)) n.Member(key).Error("a term that is not gradable has no criteria");
      }
    } else {
      LoadTermBody(n, term, c);
    }
    const std::string key = AsciiLower(term.name);
    if (auto it = c.term_index.find(key); it != c.term_index.end()) {
      n.Member("term").Error("term already defined in " + c.terms[it->second].source);
      continue;
    }
    if (n.issues().size() != errors_before) continue;
    c.term_index.emplace(key, c.terms.size());
    c.terms.push_back(std::move(term));
  }
}

}  // namespace vigil::ctcae::load
