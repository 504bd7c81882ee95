// The CTCAE criteria as loaded from rules/ctcae/<version>/*.json: terms, their
// cut points, the unit labels and the test-code maps. Built once by
// LoadCriteria (criteria_loader.h), which validates everything; read-only
// afterwards. The JSON format is described in rules/ctcae/README.md.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rules/ctcae/decimal.h"

namespace vigil::ctcae {

// Whether a term is about a value that is too high or too low; a high term's
// tests are ">" or ">=", a low term's "<" or "<=".
enum class Direction { kHigh, kLow };

// The reference a cut point is relative to.
enum class Reference { kUln, kLln, kBaseline };

enum class Comparison { kAbove, kAtOrAbove, kBelow, kAtOrBelow };

// Which subjects a scale applies to, from their baseline.
enum class BaselineCondition {
  kAny,
  kAboveUln,     // baseline > ULN ("baseline abnormal" for liver terms)
  kNotAboveUln,  // baseline <= ULN, or baseline or ULN unknown
  kBelowLln,     // baseline < LLN ("baseline abnormal" for fibrinogen)
};

// What a scale whose bands use the baseline does when the baseline is missing.
enum class MissingBaseline {
  kNotUsed,      // the scale does not use the baseline
  kSkipScale,    // the scale does not apply (creatinine, QTc rise)
  kNotGradable,  // the scale cannot be ruled out: NA unless another scale grades above 0 (INR)
};

// A caller option that switches a scale (see Options in grade.h).
enum class OptionGate { kNone, kCreatinineBaselineRule };

// A decimal per canonical unit, e.g. {"g/L": 100, "g/dL": 10.0, "mmol/L": 6.2}.
using PerUnit = std::map<std::string, Decimal>;

// Where a test's cut point lies: an absolute number in the reported unit, or
// `times` x reference + `plus` (in the reported unit).
struct CutPoint {
  PerUnit absolute;                    // non-empty: absolute cut point
  std::optional<Reference> reference;  // otherwise relative to this
  Decimal times = Decimal::FromInt(1);
  PerUnit plus;  // empty: nothing added
};

// "value <comparison> cut point".
struct Test {
  Comparison comparison = Comparison::kAbove;
  CutPoint cut;
};

// A grade and the tests that give it (any one of them suffices).
struct Band {
  int grade = 0;
  std::vector<Test> any_of;
  std::string worst_case;  // non-empty: the grade assumes this clinical qualifier
};

// One way of grading a term. Bands are tried from the first (the highest
// grade) down; the first that holds gives the grade, none gives 0. A term's
// grade is the highest grade among the scales that apply.
struct Scale {
  std::string name;
  BaselineCondition when = BaselineCondition::kAny;
  std::vector<std::string> units;  // non-empty: applies only to these canonical units
  OptionGate option = OptionGate::kNone;
  MissingBaseline without_baseline = MissingBaseline::kNotUsed;
  std::string worst_case;  // non-empty: every grade from this scale assumes this
  std::vector<Band> bands;
};

struct Term {
  std::string name;        // label as graded, e.g. "Hypertension (systolic)"
  std::string ctcae_term;  // CTCAE term, e.g. "Hypertension"
  Direction direction = Direction::kHigh;
  // Canonical units the cut points are given in; empty means the criteria are
  // ratios of ULN/LLN/baseline only, and any unit is accepted.
  std::vector<std::string> units;
  // Canonical unit -> canonical unit, for units that are the same numbers for
  // this analyte only (mEq/L = mmol/L for monovalent ions).
  std::map<std::string, std::string> unit_equivalents;
  std::string empty_unit;           // canonical unit assumed when no unit is given
  std::vector<Reference> required;  // NA up front when one of these is missing
  std::vector<Scale> scales;
  std::string not_gradable;  // non-empty: never graded from a value, for this reason
  std::string source;        // "<version>/<file>" it came from
};

// A unit label as labs write it, and the canonical unit it means.
struct UnitLabel {
  std::string canonical;
  // Value in the canonical unit = value x 10^power_of_ten (cells/uL -> 10^9/L
  // is -3). Only exact decimal shifts, never a conversion factor.
  int power_of_ten = 0;
};

// How values in a canonical unit may be written, beyond plain numbers.
struct UnitReading {
  bool whole_numbers = false;
  std::optional<Decimal> max;
  std::map<std::string, Decimal> words;  // lower-case word -> value ("trace" -> 0)
};

enum class CodeSystem { kLbTestCd, kVsTestCd, kEgTestCd, kLoinc };

// A measured quantity and the terms it is graded for.
struct Analyte {
  std::string name;
  std::vector<std::string> terms;
  std::vector<std::string> specimen_only;  // upper case; graded only for these
  std::vector<std::string> specimen_not;   // upper case; never graded for these
  std::string default_unit;                // canonical unit assumed when the record has none
  std::string not_graded;                  // non-empty: every term is NA for this reason
};

struct Criteria {
  std::string version;  // "5.0"
  std::vector<Term> terms;
  std::map<std::string, std::size_t> term_index;  // lower-case name -> terms[i]
  std::map<std::string, UnitLabel> unit_labels;   // NormalizeUnitLabel(label) -> meaning
  std::set<std::string> canonical_units;
  std::map<std::string, UnitReading> unit_readings;  // canonical unit -> reading rules
  std::vector<Analyte> analytes;
  std::map<std::pair<CodeSystem, std::string>, std::size_t> codes;  // (system, upper-case code)

  const Term* FindTerm(std::string_view name) const;
  const Analyte* FindAnalyte(CodeSystem system, std::string_view code) const;
};

// The key under which a unit label is looked up: ASCII spaces removed, the
// micro signs U+00B5 and U+03BC written "u", "×" written "x", ASCII lower case.
// So "10^3/µL", "10^3/uL" and "10^3/UL" are one label.
std::string NormalizeUnitLabel(std::string_view label);

// ASCII lower/upper case copies.
std::string AsciiLower(std::string_view s);
std::string AsciiUpper(std::string_view s);

std::string_view ReferenceName(Reference r);  // "ULN", "LLN", "baseline"

}  // namespace vigil::ctcae
