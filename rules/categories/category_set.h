// The AE toxicity categories as data: for each category its treatment and its
// term lists (clinical.md §1.1-1.4), and the overlap rules that decide terms
// several categories share (§1.5). The defaults are rules/categories/default/
// *.json, compiled in (rules/CMakeLists.txt, vigil_embed); the format is in
// rules/categories/README.md.
//
//   auto set = vigil::categories::CategorySet::Load();
//   if (!set.ok()) return set.status();
//   auto trial = set->Extend(config_json["categories"]);  // the trial's changes
//
// Loading validates everything before anything is used: unknown keys, wrong
// types, unknown category names, a category defined twice or not at all, a
// term listed twice in one category or decided by two overlap rules, an
// overlap rule or non-specific term naming a term no category lists, two
// categories assigned by causality sharing a treatment (immune_related may
// share the checkpoint inhibitor's id with adebrelimab_related), term lists
// or overlap-rule outcomes for a category given by causality alone
// (adebrelimab_related), and treatment ids that are not the trial's.
// Failure is one kInvalid Status listing every problem, one per line, each
// naming its file (or "overrides") and JSON Pointer, e.g.
// `apatinib_related.json: /treatment: unknown treatment "APATINIP" (known:
// ADEBRELIMAB, APATINIB, CHEMO, RT)`. Never throws.
//
// Overrides (Extend), one JSON object, every member optional:
//   {
//     "note": "free text",
//     "categories": {
//       "immune_related": {
//         "treatment": "CAMRELIZUMAB",            // the category's treatment id
//         "remove_terms": ["Dry eye"],             // each must be in the category
//         "add_groups": [ {"group": "...", "ctcae": [...], "meddra": [...],
//                          "when": {...}, "note": "..."} ]
//       }
//     },
//     "remove_overlap_rules": ["diarrhea"],        // by id; each must exist
//     "overlap_rules": [ {rule} ],                 // same id replaces, new id adds
//     "remove_non_specific_terms": ["Weight loss"],
//     "add_non_specific_terms": ["Vomiting"]
//   }
// Removals apply before additions; the result is validated as a whole, as if
// it had been loaded from files. Groups and rules have the file format.
//
// Thread-safety: a CategorySet is immutable; copies share the loaded data and
// may be used from any thread.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rules/categories/category.h"
#include "rules/categories/condition.h"
#include "rules/status.h"

namespace vigil::categories {

// One data file: its name as errors show it ("immune_related.json") and its
// JSON text. The text must outlive the call only.
struct CategoryText {
  std::string name;
  std::string_view text;
};

// A term as the data spells it, and where ("immune_related.json: /groups/2/ctcae/0").
struct DataTerm {
  std::string text;
  std::string where;
};

// One row of a §1.1-1.4 table: an organ or AESI group and its terms.
struct TermGroup {
  std::string name;             // "Hepatitis"
  std::vector<DataTerm> terms;  // the CTCAE terms, then the MedDRA PTs / free-text keys
  Condition when;               // empty: the group always applies
  std::string where;
};

struct CategoryDefinition {
  Category category = Category::kImmuneRelated;
  std::string treatment;        // study treatment id: EXTRT, the suffix of AEREL_<TRT>
  std::string treatment_where;  // where the treatment was set
  std::string source;           // the reference the lists come from
  std::vector<TermGroup> groups;
};

// One category an overlap rule gives, under its condition.
struct RuleOutcome {
  Category category = Category::kImmuneRelated;
  Condition when;
  bool secondary = false;  // the reference ranks it below another category of the event
  std::string where;
};

// A §1.5 term-only rule. A term it names is decided by the rule alone: the
// term lists that also hold the term are not consulted.
struct OverlapRule {
  std::string id;       // "pneumonitis"
  std::string summary;  // the reference's wording
  std::vector<DataTerm> terms;
  std::vector<RuleOutcome> assign;
  std::string where;
};

// What the data says about one term key (term_key.h).
struct TermEntry {
  std::string spelling;               // as the data first spells it
  const OverlapRule* rule = nullptr;  // set: the rule decides the term
  // The categories whose lists hold the term, with the group.
  std::vector<std::pair<Category, const TermGroup*>> groups;
  bool non_specific = false;  // fatigue, anorexia, ...: §1.5 "non-specific / multi"
};

class CategorySet {
 public:
  // The study treatment ids of product.md: ADEBRELIMAB, APATINIB, CHEMO, RT.
  // Load() and FromTexts() check the data's treatment ids against these
  // unless given the trial's own.
  static std::vector<std::string> DefaultTreatments();

  // The compiled-in defaults (rules/categories/default/*.json).
  static Result<CategorySet> Load();

  // A set built from the caller's files instead (to check an edited set, or
  // in tests). Each file is a category file or an overlap file (README.md).
  // `treatments`: the trial's study treatment ids.
  static Result<CategorySet> FromTexts(const std::vector<CategoryText>& files,
                                       const std::vector<std::string>& treatments = DefaultTreatments());

  // This set with a trial's overrides applied (format above), checked against
  // the same treatment ids as this set, or against `treatments` (a trial whose
  // treatment ids differ overrides each category's "treatment" and passes its
  // ids here). This set is unchanged.
  Result<CategorySet> Extend(const nlohmann::json& overrides) const;
  Result<CategorySet> Extend(const nlohmann::json& overrides, const std::vector<std::string>& treatments) const;

  const CategoryDefinition& definition(Category category) const;
  const std::vector<OverlapRule>& overlap_rules() const;
  const std::vector<DataTerm>& non_specific_terms() const;
  const std::vector<std::string>& treatments() const;

  // The category AEREL_<treatment> = related assigns (exact id; never
  // immune_related, see AssignedByCausality); nullopt if none.
  std::optional<Category> CategoryOfTreatment(std::string_view treatment) const;

  // The entry for a term, matched by TermKey (case, spacing, British
  // spelling ignored); nullptr when no list, rule or non-specific list has it.
  // "Other, specify" free text is not split here (the classifier does).
  const TermEntry* Find(std::string_view term) const;
  // The same, for a key TermKey already made.
  const TermEntry* FindKey(std::string_view key) const;

  struct Model;  // internal (rules/categories/model.h)

 private:
  explicit CategorySet(std::shared_ptr<const Model> model) : model_(std::move(model)) {}

  std::shared_ptr<const Model> model_;
};

}  // namespace vigil::categories
