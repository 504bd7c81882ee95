#include "rules/categories/category.h"

#include "rules/name_table.h"

namespace vigil::categories {

namespace {

constexpr auto kCategoryNames = NameTable<Category>({
    {Category::kImmuneRelated, "immune_related"},
    {Category::kAdebrelimabRelated, "adebrelimab_related"},
    {Category::kApatinibRelated, "apatinib_related"},
    {Category::kChemotherapyRelated, "chemotherapy_related"},
    {Category::kRadiotherapyRelated, "radiotherapy_related"},
});

}  // namespace

std::string_view CategoryName(Category category) { return kCategoryNames.Name(category, ""); }

std::optional<Category> ParseCategory(std::string_view name) { return kCategoryNames.Parse(name); }

std::string KnownCategoryNames() { return kCategoryNames.Joined(); }

std::string_view BasisName(Basis basis) {
  constexpr auto kNames = NameTable<Basis>({{Basis::kInvestigatorIrae, "investigator_irae"},
                                            {Basis::kInvestigatorCausality, "investigator_causality"},
                                            {Basis::kOverlapRule, "overlap_rule"},
                                            {Basis::kTermList, "term_list"},
                                            {Basis::kCausalityNotAssessed, "causality_not_assessed"}});
  return kNames.Name(basis, "");
}

}  // namespace vigil::categories
