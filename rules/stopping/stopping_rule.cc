#include "rules/stopping/stopping_rule.h"

#include "rules/name_table.h"

namespace vigil::stopping {
namespace {

constexpr auto kNames = NameTable<MethodType>({
    {MethodType::kBayesian, "bayesian"},
    {MethodType::kToxbdry, "toxbdry"},
    {MethodType::kSprt, "sprt"},
    {MethodType::kCount, "count"},
});

}  // namespace

std::string_view MethodName(MethodType type) { return kNames.Name(type); }

std::optional<MethodType> ParseMethodType(std::string_view name) { return kNames.Parse(name); }

MethodType TypeOf(const Method& method) {
  // The variant's alternatives are declared in MethodType's order.
  return static_cast<MethodType>(method.index());
}

Result<ToxbdryMethod> MakeToxbdryMethod(const stats::ToxBoundaryDesign& design, stats::ToxBoundarySide side) {
  Result<stats::ToxBoundary> b = stats::ToxicityBoundary(design);
  if (!b.ok()) return b.status();
  return ToxbdryMethod{design, side, side == stats::ToxBoundarySide::kLow ? b->lo_bdry : b->hi_bdry};
}

std::vector<std::string> Populations(const StoppingRule& rule, const std::vector<std::string>& trial_cohorts) {
  std::vector<std::string> out = rule.cohorts.empty() ? trial_cohorts : rule.cohorts;
  if (rule.pooled) out.emplace_back(kPooledCohort);
  return out;
}

}  // namespace vigil::stopping
