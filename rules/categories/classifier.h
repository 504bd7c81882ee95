// Which toxicity categories one adverse event belongs to, and why.
//
//   auto set = vigil::categories::CategorySet::Load();
//   Classification c = Classify(*set, event, subject);
//   // pneumonitis in the RT window, no causality assessed:
//   // c.Names() == {"immune_related", "adebrelimab_related", "radiotherapy_related"}
//
// Pure: a function of its arguments only (no clock, no I/O), so the same
// event and subject always give the same answer; the caller re-classifies a
// subject's AEs when their inputs change (a follow-up AE version, a new EX
// record that moves the radiotherapy window, a corrected first dose).
//
// Order of attribution (clinical.md §1.5), decided per category:
//  1. The investigator. AEIRAE = Y assigns immune_related and makes it the
//     primary category: every other category of the event found by step 1
//     or 2 is then marked secondary. AEREL_<TRT> = a related term assigns
//     the category whose treatment is TRT (apatinib, chemotherapy,
//     radiotherapy, adebrelimab_related) — but not immune_related: a drug's
//     causality does not say the event is immune-mediated, so an event
//     related to adebrelimab is adebrelimab_related, and immune_related only
//     when AEIRAE = Y or the irAE lists say so. AEREL_<TRT> = a not-related
//     term (and AEIRAE = N for immune_related) refuses that category: no
//     term list can add it back. This is per category: an agent the
//     investigator did not assess (empty AEREL_<TRT>) falls to step 2 even
//     when other agents were assessed. AEIRAE = Y outranks
//     AEREL_<ADEBRELIMAB> = not related (the flag is the more specific
//     statement).
//     adebrelimab_related is given by causality alone (category.h): the
//     causality for its treatment as causality.h reads it (AEREL_<TRT>,
//     else AEREL, else not related when another agent was assessed); when
//     nothing was assessed it counts as related (Basis
//     kCausalityNotAssessed), unless the onset is certainly before the first
//     dose or the first exposure to the treatment. It is never secondary.
//  2. The term dictionaries, for the categories step 1 left open: the term
//     (AEDECOD, else AETERM; "<SOC> - Other, specify" by its free text, else
//     by the SOC entry, a bare "Other, specify" completed with AEBODSYS) is
//     looked up; an overlap rule naming it decides alone, otherwise each
//     category whose list holds it is assigned. Conditions of rules and
//     groups are three-valued (condition.h): a condition that cannot be ruled
//     out assigns, and the reason says what was unknown.
//     Step 2 is skipped entirely when AEREL (overall) is a not-related term,
//     or when the onset is certainly before the first dose (RFXSTDTC): such
//     events are not treatment-emergent.
//  Always: a category is only possible when the subject's cohort receives its
//  treatment (radiotherapy_related only in cohorts with RT); investigator
//  evidence for a treatment the cohort does not receive is set aside with a
//  note. A term-list category is not assigned when the onset is certainly
//  before the subject's first recorded EX start of that treatment.
//
// Not evaluated, for want of inputs (README.md, "Not evaluated"): steroid or
// immunosuppressant use, bloody stool, diarrhoea duration, "in-field"
// pneumonitis, concurrent creatinine with proteinuria, "isolated"
// thrombocytopenia, which chemotherapy drug was given.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rules/categories/category.h"
#include "rules/categories/category_set.h"
#include "rules/categories/event.h"

namespace vigil::categories {

struct Assignment {
  Category category = Category::kImmuneRelated;
  Basis basis = Basis::kTermList;
  // The reference ranks this category below another of the same event
  // (apatinib for a grade 2 ALT increase; every term-list category when
  // AEIRAE = Y). Secondary categories are categories all the same. When no
  // term-list category of the event is primary (the investigator refused the
  // others), none is marked secondary; adebrelimab_related is never.
  bool secondary = false;
  std::string rule;    // the overlap rule id or the term group; "" for the investigator
  std::string reason;  // one line for a person: the evidence and the facts that decided
};

struct Classification {
  std::vector<Assignment> categories;  // in Category order, each at most once
  std::string matched_term;            // the data's spelling of the term matched; "" when none
  std::string matched_field;           // "AEDECOD" or "AETERM"; "" when none
  // A §1.5 "non-specific / multi" term (fatigue, anorexia, nausea, weight
  // loss): its categories count toward any-grade totals, not organ rules.
  bool non_specific = false;
  // Evidence set aside and why: a refused term-list category, a causality for
  // a treatment the cohort does not receive, an unknown term, ...
  std::vector<std::string> notes;

  bool Has(Category category) const { return Find(category) != nullptr; }
  const Assignment* Find(Category category) const;
  // The category names, for the summary's "category" arrays.
  std::vector<std::string_view> Names() const;
};

Classification Classify(const CategorySet& set, const AdverseEvent& event, const SubjectContext& subject);

}  // namespace vigil::categories
