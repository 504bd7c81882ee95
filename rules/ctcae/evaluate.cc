#include "rules/ctcae/evaluate.h"

#include "rules/ctcae/inputs.h"

namespace vigil::ctcae {
namespace {

enum class Truth { kFalse, kTrue, kUnknown };

// "value <comparison> cut point", exactly. kUnknown when the cut point is
// relative to a reference that was not given.
Truth Holds(const Test& test, const Inputs& in) {
  Decimal cut;
  if (!test.cut.absolute.empty()) {
    auto it = test.cut.absolute.find(in.unit);
    if (it == test.cut.absolute.end()) return Truth::kUnknown;  // excluded by validation
    cut = it->second;
  } else {
    const auto& ref = in.Get(*test.cut.reference);
    if (!ref) return Truth::kUnknown;
    // times x reference (+ plus): products and sums of decimals are exact, so
    // a value exactly on "1.5 x ULN" compares equal to it.
    cut = test.cut.times * *ref;
    if (!test.cut.plus.empty()) {
      auto it = test.cut.plus.find(in.unit);
      if (it == test.cut.plus.end()) return Truth::kUnknown;  // excluded by validation
      cut = cut + it->second;
    }
  }
  bool holds = false;
  switch (test.comparison) {
    case Comparison::kAbove: holds = in.value > cut; break;
    case Comparison::kAtOrAbove: holds = in.value >= cut; break;
    case Comparison::kBelow: holds = in.value < cut; break;
    case Comparison::kAtOrBelow: holds = in.value <= cut; break;
  }
  return holds ? Truth::kTrue : Truth::kFalse;
}

// admiral's evaluation order: the highest band first; a band whose reference
// is missing stops the scale with NA (so an absolute grade 2-4 is still given
// without LLN/ULN, and only the decisions that need the reference are NA).
Outcome EvaluateScale(const Scale& scale, const Inputs& in) {
  for (const Band& band : scale.bands) {
    const Test* unknown = nullptr;
    for (const Test& test : band.any_of) {
      const Truth t = Holds(test, in);
      if (t == Truth::kTrue) {
        const std::string& wc = band.worst_case.empty() ? scale.worst_case : band.worst_case;
        return Outcome{band.grade, "", !wc.empty(), wc};
      }
      if (t == Truth::kUnknown && !unknown) unknown = &test;
    }
    if (unknown) {
      const std::string ref = unknown->cut.reference ? std::string(ReferenceName(*unknown->cut.reference)) : "unit";
      return Outcome{std::nullopt, ref + " missing: needed to decide grade " + std::to_string(band.grade), false, ""};
    }
  }
  return Outcome{0, "", false, ""};
}

bool BaselineAbove(const Inputs& in, const std::optional<Decimal>& ref) {
  return in.baseline && ref && *in.baseline > *ref;
}

// The scale's outcome, or nullopt when it does not apply to this subject.
std::optional<Outcome> ApplyScale(const Scale& scale, const Inputs& in, const Options& options) {
  if (!ScaleSwitchedOn(scale, in, options)) return std::nullopt;
  if (scale.option == OptionGate::kCreatinineBaselineRule &&
      options.creatinine_baseline == CreatinineBaselineRule::kAboveUlnOnly && !(in.uln && in.value > *in.uln)) {
    return std::nullopt;
  }
  switch (scale.when) {
    case BaselineCondition::kAny: break;
    case BaselineCondition::kAboveUln:
      if (!BaselineAbove(in, in.uln)) return std::nullopt;
      break;
    case BaselineCondition::kNotAboveUln:
      if (BaselineAbove(in, in.uln)) return std::nullopt;
      break;
    case BaselineCondition::kBelowLln:
      if (!(in.baseline && in.lln && *in.baseline < *in.lln)) return std::nullopt;
      break;
  }
  if (!in.baseline && scale.without_baseline == MissingBaseline::kSkipScale) return std::nullopt;
  if (!in.baseline && scale.without_baseline == MissingBaseline::kNotGradable) {
    std::string reason = "baseline missing: a grade by the '" + scale.name + "' criterion cannot be ruled out";
    if (!scale.worst_case.empty()) reason += " (worst case: " + scale.worst_case + ")";
    return Outcome{std::nullopt, reason, !scale.worst_case.empty(), scale.worst_case};
  }
  return EvaluateScale(scale, in);
}

}  // namespace

Outcome CombineOutcomes(const std::vector<Outcome>& outcomes) {
  const Outcome* best = nullptr;
  const Outcome* unknown = nullptr;
  for (const Outcome& o : outcomes) {
    if (!o.grade) {
      if (!unknown) unknown = &o;
      continue;
    }
    if (!best || *o.grade > *best->grade || (*o.grade == *best->grade && best->worst_case && !o.worst_case)) {
      best = &o;
    }
  }
  if (unknown && (!best || *best->grade == 0)) return *unknown;
  if (!best) return Outcome{std::nullopt, "no criterion applies", false, ""};
  return *best;
}

GradeResult GradeTerm(const Criteria& criteria, const Term& term, const Measurement& m, const Options& options) {
  GradeResult r;
  r.term = term.name;
  r.ctcae_term = term.ctcae_term;
  r.criteria_version = criteria.version;
  if (!term.not_gradable.empty()) {
    r.reason = term.not_gradable;
    return r;
  }
  auto in = ReadInputs(criteria, term, m, options);
  if (!in.ok()) {
    r.reason = in.status().message();
    return r;
  }
  std::vector<Outcome> outcomes;
  for (const Scale& scale : term.scales) {
    if (auto o = ApplyScale(scale, *in, options)) outcomes.push_back(std::move(*o));
  }
  Outcome o = CombineOutcomes(outcomes);
  r.grade = o.grade;
  r.reason = o.reason;
  r.worst_case_assumed = o.worst_case;
  r.assumption = o.assumption;
  return r;
}

}  // namespace vigil::ctcae
