// Causality read for safety: what the stopping rules, the alert triggers, the
// regulatory clocks and the summary's treatment-related counts all mean by
// "related".
//
// Missing causality counts as related (clinical.md §1.5 point 3: ambiguity
// never suppresses an alert; ICH E2A: a causal relationship that cannot be
// ruled out is a suspected reaction). It is shown as "not assessed", never
// silently turned into a "related" assessment the investigator did not make.
#pragma once

#include <string_view>

#include "rules/categories/event.h"

namespace vigil::categories {

enum class Relatedness {
  kRelated,      // an assessment says related
  kNotRelated,   // assessed, and no assessment says related
  kNotAssessed,  // nothing assessed: counts as related for safety
};

// To any study treatment: related when AEREL or any AEREL_<TRT> is a related
// term; not related when at least one of them was assessed and none says
// related; not assessed when AEREL and every AEREL_<TRT> are empty (or hold
// a value that is neither a related nor a not-related term).
Relatedness AnyTreatment(const AdverseEvent& ae);

// To one treatment: its AEREL_<TRT> when assessed; else the overall AEREL
// when assessed; else, when another treatment's AEREL_<TRT> was assessed,
// not related (the site assessed per drug and left this one empty: "not
// applicable", as the feed format defines an empty AEREL_<TRT>); else not
// assessed.
Relatedness ToTreatment(const AdverseEvent& ae, std::string_view treatment);

// kRelated and kNotAssessed: what counts as related for safety purposes.
inline bool CountsAsRelated(Relatedness r) { return r != Relatedness::kNotRelated; }

// "related", "not related", "not assessed".
std::string_view RelatednessName(Relatedness r);

}  // namespace vigil::categories
