#include "rules/categories/category.h"

namespace vigil::categories {

std::string_view CategoryName(Category category) {
  switch (category) {
    case Category::kImmuneRelated:
      return "immune_related";
    case Category::kAdebrelimabRelated:
      return "adebrelimab_related";
    case Category::kApatinibRelated:
      return "apatinib_related";
    case Category::kChemotherapyRelated:
      return "chemotherapy_related";
    case Category::kRadiotherapyRelated:
      return "radiotherapy_related";
  }
  return "";
}

std::optional<Category> ParseCategory(std::string_view name) {
  for (Category c : kAllCategories) {
    if (CategoryName(c) == name) return c;
  }
  return std::nullopt;
}

std::string KnownCategoryNames() {
  std::string out;
  for (Category c : kAllCategories) out += (out.empty() ? "" : ", ") + std::string(CategoryName(c));
  return out;
}

std::string_view BasisName(Basis basis) {
  switch (basis) {
    case Basis::kInvestigatorIrae:
      return "investigator_irae";
    case Basis::kInvestigatorCausality:
      return "investigator_causality";
    case Basis::kOverlapRule:
      return "overlap_rule";
    case Basis::kTermList:
      return "term_list";
    case Basis::kCausalityNotAssessed:
      return "causality_not_assessed";
  }
  return "";
}

}  // namespace vigil::categories
