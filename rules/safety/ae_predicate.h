// Which adverse events an alert trigger or a stopping rule's event definition
// counts: a small, closed vocabulary of conditions on one AE, written as JSON
// in the trial configuration and parsed once by ReadAePredicate.
//
// Format (every key optional; the keys given must all hold; `{}` matches
// every AE):
//   {
//     "min_grade": 3, "max_grade": 4,          // AETOXGR, 1-5
//     "terms": ["Esophageal fistula"],         // AEDECOD or AETERM equals one
//     "term_contains": ["fistula"],            // AEDECOD or AETERM contains one
//     "term_sets": ["haemorrhage"],            // AEDECOD or AETERM is in one of these sets
//     "exclude_term_sets": ["non_specific"],   // ... and in none of these
//     "socs": ["Gastrointestinal disorders"],  // AEBODSYS is one
//     "exclude_socs": ["Investigations"],      // AEBODSYS is none
//     "categories": ["apatinib_related"],      // the classifier assigned one
//     "related": true,                         // AEREL or any AEREL_<TRT> says related, or none is assessed
//     "related_to": ["APATINIB"],              // AEREL_<TRT> (else AEREL) related or not assessed, for one TRT
//     "serious": true,                         // AESER = Y or any criterion (rules/records/seriousness.h)
//     "fatal": true,                           // AETOXGR 5, AESDTH = Y or AEOUT = FATAL
//     "any_of": [ {predicate}, ... ]           // at least one holds
//   }
// Terms, substrings and SOCs are compared by categories::TermKey: case,
// spacing, punctuation and British spellings do not matter, so "fistula"
// finds "Tracheo-oesophageal fistula" and "haemorrhage" finds "Esophageal
// hemorrhage". `related: false` and `serious: false` / `fatal: false` ask for
// the opposite. Missing causality counts as related
// (rules/categories/causality.h). An AE without a grade meets no grade
// bound: AETOXGR is the grade a bound is about, and nothing else is read as
// one (AESEV is not); a grade sent but unreadable (a quarantined record's
// "G3") is taken as meeting every bound. Term sets are named in the safety
// plan's "term_sets" (term_set.h) and resolved when the predicate is read,
// so a predicate holds copies of the sets it names.
//
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rules/json/json_node.h"
#include "rules/safety/ae_facts.h"
#include "rules/safety/term_set.h"

namespace vigil::safety {

struct AePredicate {
  std::optional<int> min_grade;
  std::optional<int> max_grade;
  std::vector<std::string> terms;          // as written in the configuration
  std::vector<std::string> term_contains;  // as written
  // categories::TermKey of `terms` and `term_contains`, computed by
  // ReadAePredicate (left empty, they are computed on use).
  std::vector<std::string> term_keys, contains_keys;
  std::vector<TermSet> term_sets;  // resolved from the plan's term_sets
  std::vector<TermSet> exclude_term_sets;
  std::vector<std::string> socs;
  std::vector<std::string> exclude_socs;
  std::vector<std::string> categories;  // category names (categories/category.h)
  std::optional<bool> related;
  std::vector<std::string> related_to;  // treatment ids
  std::optional<bool> serious;
  std::optional<bool> fatal;
  std::vector<AePredicate> any_of;  // empty: no disjunction
};

// Reads a predicate. Every problem is reported to the node's Issues with its
// JSON Pointer (unknown key, wrong type, grade outside 1-5, min_grade above
// max_grade, unknown category name, empty list, a term set `term_sets` does
// not define (null: none is defined), and — when `treatments` is not empty —
// a related_to id that is not one of the trial's treatments); nullopt when
// there was any. Never throws.
std::optional<AePredicate> ReadAePredicate(const jsonload::Node& node, const std::vector<std::string>& treatments = {},
                                           const TermSets* term_sets = nullptr);

// Whether the AE meets every condition of the predicate.
bool Matches(const AePredicate& predicate, const AeFacts& ae);

// Why the AE matches, in words for a physician, one clause per condition
// ("grade 3 ≥ 3; term 'Oesophageal fistula' contains 'fistula'"; a term set
// is named: "term 'Melaena' is in term set haemorrhage ('melaena')"); nullopt
// when it does not match. "any AE" for the empty predicate.
std::optional<std::string> MatchReason(const AePredicate& predicate, const AeFacts& ae);

}  // namespace vigil::safety
