// The toxicity categories an adverse event can be attributed to, and what an
// attribution rests on. Both are closed sets: the data files (default/*.json)
// fill each category with terms, they never add a category.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace vigil::categories {

// The keys of the summary's "categories" object (product.md).
//  - immune_related: an immune-related AE (irAE) as the investigator
//    designates it (AEIRAE = Y) or as the irAE term lists read it, unless the
//    investigator attributes it elsewhere (classifier.h);
//  - adebrelimab_related: the investigator's causality for the checkpoint
//    inhibitor, alone (no term lists; missing causality counts as related);
//  - apatinib_related, chemotherapy_related, radiotherapy_related: the
//    investigator's causality for the treatment first, the term lists second.
enum class Category {
  kImmuneRelated,
  kAdebrelimabRelated,
  kApatinibRelated,
  kChemotherapyRelated,
  kRadiotherapyRelated
};

inline constexpr std::array<Category, 5> kAllCategories = {Category::kImmuneRelated, Category::kAdebrelimabRelated,
                                                           Category::kApatinibRelated, Category::kChemotherapyRelated,
                                                           Category::kRadiotherapyRelated};

// "immune_related", "adebrelimab_related", "apatinib_related",
// "chemotherapy_related", "radiotherapy_related".
std::string_view CategoryName(Category category);
// The inverse of CategoryName: exact spelling only; nullopt otherwise.
std::optional<Category> ParseCategory(std::string_view name);
// Every name, comma-separated, for error messages.
std::string KnownCategoryNames();

// A category given by per-treatment causality alone (adebrelimab_related):
// it has no term lists, and no overlap rule assigns it.
inline bool ByCausalityAlone(Category category) { return category == Category::kAdebrelimabRelated; }

// Whether the investigator's "related" for the category's treatment assigns
// the category: every category but immune_related, which only AEIRAE = Y and
// its term lists assign (a drug's causality does not say the event is
// immune-mediated). Each treatment belongs to at most one such category.
inline bool AssignedByCausality(Category category) { return category != Category::kImmuneRelated; }

// What an attribution rests on, in the order of precedence of clinical.md
// §1.5: the investigator's word first, the term dictionaries second.
enum class Basis {
  kInvestigatorIrae,       // AEIRAE = Y: the site says the event is immune-related
  kInvestigatorCausality,  // AEREL_<TRT> is a "related" term for the category's treatment
  kOverlapRule,            // a §1.5 term-only rule decided the category
  kTermList,               // the term is in the category's §1.1-1.4 list
  // No causality was assessed for the category's treatment: counted as
  // related (causality.h), for the categories given by causality alone.
  kCausalityNotAssessed,
};

// "investigator_irae", "investigator_causality", "overlap_rule", "term_list",
// "causality_not_assessed".
std::string_view BasisName(Basis basis);

}  // namespace vigil::categories
