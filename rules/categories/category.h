// The toxicity categories an adverse event can be attributed to, and what an
// attribution rests on. Both are closed sets: the data files (default/*.json)
// fill each category with terms, they never add a category.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace vigil::categories {

// The keys of the summary's "categories" object (product.md).
enum class Category { kImmuneRelated, kApatinibRelated, kChemotherapyRelated, kRadiotherapyRelated };

inline constexpr std::array<Category, 4> kAllCategories = {Category::kImmuneRelated, Category::kApatinibRelated,
                                                           Category::kChemotherapyRelated,
                                                           Category::kRadiotherapyRelated};

// "immune_related", "apatinib_related", "chemotherapy_related",
// "radiotherapy_related".
std::string_view CategoryName(Category category);
// The inverse of CategoryName: exact spelling only; nullopt otherwise.
std::optional<Category> ParseCategory(std::string_view name);

// What an attribution rests on, in the order of precedence of clinical.md
// §1.5: the investigator's word first, the term dictionaries second.
enum class Basis {
  kInvestigatorIrae,       // AEIRAE = Y: the site says the event is immune-related
  kInvestigatorCausality,  // AEREL_<TRT> is a "related" term for the category's treatment
  kOverlapRule,            // a §1.5 term-only rule decided the category
  kTermList,               // the term is in the category's §1.1-1.4 list
};

// "investigator_irae", "investigator_causality", "overlap_rule", "term_list".
std::string_view BasisName(Basis basis);

}  // namespace vigil::categories
