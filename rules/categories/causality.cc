#include "rules/categories/causality.h"

namespace vigil::categories {

Relatedness AnyTreatment(const AdverseEvent& ae) {
  bool assessed = ae.overall_causality.has_value();
  if (ae.overall_causality == Causality::kRelated) return Relatedness::kRelated;
  for (const auto& [treatment, causality] : ae.causality) {
    assessed = true;
    if (causality == Causality::kRelated) return Relatedness::kRelated;
  }
  return assessed ? Relatedness::kNotRelated : Relatedness::kNotAssessed;
}

Relatedness ToTreatment(const AdverseEvent& ae, std::string_view treatment) {
  auto toRelatedness = [](Causality c) {
    return c == Causality::kRelated ? Relatedness::kRelated : Relatedness::kNotRelated;
  };
  if (auto it = ae.causality.find(treatment); it != ae.causality.end()) return toRelatedness(it->second);
  if (ae.overall_causality) return toRelatedness(*ae.overall_causality);
  return ae.causality.empty() ? Relatedness::kNotAssessed : Relatedness::kNotRelated;
}

std::string_view RelatednessName(Relatedness r) {
  switch (r) {
    case Relatedness::kRelated: return "related";
    case Relatedness::kNotRelated: return "not related";
    case Relatedness::kNotAssessed: return "not assessed";
  }
  return "not assessed";
}

}  // namespace vigil::categories
