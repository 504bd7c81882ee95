// Named sets of AE terms, defined once in the safety plan and referenced by
// name from AE predicates (ae_predicate.h: "term_sets", "exclude_term_sets"),
// so that an alert trigger and a stopping rule about the same events (A5 and
// R3 haemorrhage, A6 and R4 pneumonitis, A3/A4 and R2 fistula/perforation)
// read one list and cannot drift apart. SMQ-like groups as data.
//
// Format (the safety plan's "term_sets" object; a set name is any key but
// "note", which is free text about the whole object):
//   "term_sets": {
//     "note": "...",
//     "haemorrhage": {
//       "note": "...",                                  // optional, free text
//       "terms": ["Haemoptysis", "Tumour haemorrhage"], // AEDECOD or AETERM equals one
//       "contains": ["haemorrhag", "bleeding"]          // AEDECOD or AETERM contains one
//     }
//   }
// At least one of "terms" and "contains", each a non-empty array of
// non-empty strings. Terms and substrings are compared by
// categories::TermKey, as every other term of a predicate: case, spacing,
// punctuation and British spellings do not matter, so a CTCAE term and the
// MedDRA preferred term spelled the British way match alike
// ("Oesophageal haemorrhage" = "Esophageal hemorrhage", "Melaena" =
// "Melena"). A substring is matched within the key, so choose them so that
// they do not over-match (rules/safety/README.md, "Term sets").
//
// Thread-safety: plain values.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rules/json/json_node.h"

namespace vigil::safety {

struct TermSet {
  std::string name;
  std::vector<std::string> terms;     // as written
  std::vector<std::string> contains;  // as written
  // The same, keyed by categories::TermKey, in the same order.
  std::vector<std::string> term_keys;
  std::vector<std::string> contains_keys;
};

using TermSets = std::map<std::string, TermSet, std::less<>>;

// categories::TermKey of each text, in order.
std::vector<std::string> TermKeys(const std::vector<std::string>& texts);

// Builds a set from its lists, computing the keys.
TermSet MakeTermSet(std::string name, std::vector<std::string> terms, std::vector<std::string> contains);

// What in the AE's text put it in a set: the field value ("Haemoptysis")
// and the entry of the set it met ("Haemoptysis", or the substring
// "haemorrhag").
struct TermSetHit {
  std::string field_value;
  std::string entry;
  bool substring = false;
};

// Whether AEDECOD or AETERM (AEDECOD first; an empty one is skipped) is in
// the set: equal to one of its terms or containing one of its substrings.
// `decod_key` and `term_key`, when given, are their categories::TermKey.
std::optional<TermSetHit> FindInTermSet(const TermSet& set, const std::string& decod, const std::string& term,
                                        const std::string& decod_key = {}, const std::string& term_key = {});

// Reads the "term_sets" object. Every problem goes to the node's Issues with
// its JSON Pointer (not an object, a set that is not an object, unknown key,
// a set with neither list, an empty list or entry, an entry whose key is
// empty once normalised); nullopt when there was any.
std::optional<TermSets> ReadTermSets(const jsonload::Node& node);

}  // namespace vigil::safety
