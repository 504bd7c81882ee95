#include "rules/categories/classifier.h"

#include <algorithm>
#include <array>
#include <optional>

#include "rules/categories/causality.h"
#include "rules/categories/term_key.h"

namespace vigil::categories {
namespace {

struct TermMatch {
  const TermEntry* entry = nullptr;
  std::string field;      // "AEDECOD" / "AETERM"
  std::string described;  // "\"Pneumonitis\" (AEDECOD)"
};

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

TermMatch MatchTerm(const CategorySet& set, const AdverseEvent& e) {
  const std::pair<const char*, const std::string*> fields[] = {{"AEDECOD", &e.decod}, {"AETERM", &e.term}};
  for (const auto& [field, value] : fields) {
    if (value->empty()) continue;
    const std::string key = TermKey(*value);
    const std::string described = Quoted(*value) + " (" + field;
    if (const TermEntry* t = set.FindKey(key)) return {t, field, described + ")"};
    const auto split = SplitOtherSpecify(key);
    if (!split) continue;
    if (!split->free_text_key.empty()) {
      if (const TermEntry* t = set.FindKey(split->free_text_key)) return {t, field, described + ", free text)"};
    }
    std::string soc = split->soc_key;
    if (soc == "other specify" && !e.bodsys.empty()) soc = TermKey(e.bodsys) + " other specify";
    if (const TermEntry* t = set.FindKey(soc)) {
      return {t, field, described + (soc == split->soc_key ? ")" : " with AEBODSYS " + Quoted(e.bodsys) + ")")};
    }
  }
  return {};
}

std::string Joined(const std::vector<std::string>& facts) {
  std::string out;
  for (const auto& f : facts) out += (out.empty() ? "" : "; ") + f;
  return out;
}

std::string Name(Category c) { return std::string(CategoryName(c)); }

// What step 2 (rules and term lists) says about one category.
struct Proposal {
  std::optional<Assignment> assignment;
  std::string refused;  // why a category the term would give is not assigned; "" when none
};

Proposal Propose(Category c, const CategorySet& set, const TermMatch& m, const AdverseEvent& e,
                 const SubjectContext& s) {
  Proposal p;
  const std::string& treatment = set.definition(c).treatment;
  const Condition* when = nullptr;
  Assignment a;
  a.category = c;
  if (const OverlapRule* rule = m.entry->rule) {
    for (const RuleOutcome& o : rule->assign) {
      if (o.category != c) continue;
      when = &o.when;
      a.basis = Basis::kOverlapRule;
      a.secondary = o.secondary;
      a.rule = rule->id;
      a.reason = "overlap rule " + Quoted(rule->id) + " on " + m.described;
    }
  } else {
    for (const auto& [category, group] : m.entry->groups) {
      if (category != c) continue;
      when = &group->when;
      a.basis = Basis::kTermList;
      a.rule = group->name;
      a.reason = "term list " + Name(c) + " / " + group->name + ": " + m.described;
    }
  }
  if (!when) return p;
  if (!s.Receives(treatment)) {
    p.refused = Name(c) + " not assigned: cohort " + s.cohort + " does not receive " + treatment;
    return p;
  }
  const auto first = FirstStart(s, treatment);
  if (OnsetBefore(e, first) == Truth::kYes) {
    p.refused = Name(c) + " not assigned: onset " + FormatDate(*e.onset) + " is before the first " + treatment +
                " exposure (" + FormatDate(*first) + ")";
    return p;
  }
  const Verdict v = Evaluate(*when, e, s);
  if (v.truth == Truth::kNo) {
    p.refused = Name(c) + " not assigned by " + (a.basis == Basis::kOverlapRule ? "overlap rule " : "term list ") +
                Quoted(a.rule) + ": " + Joined(v.facts);
    return p;
  }
  if (!v.facts.empty()) a.reason += ": " + Joined(v.facts);
  p.assignment = std::move(a);
  return p;
}

// A category given by causality alone (adebrelimab_related): the
// investigator's causality for its treatment as causality.h reads it
// (AEREL_<TRT>, else AEREL, else "not applicable" when another agent was
// assessed), a missing one counting as related unless the onset is certainly
// before the subject's first dose or first exposure to the treatment.
std::optional<Assignment> ByCausality(Category c, const std::string& treatment, const AdverseEvent& e,
                                      const SubjectContext& s, std::vector<std::string>& notes) {
  const Relatedness r = ToTreatment(e, treatment);
  if (!s.Receives(treatment)) {
    if (r == Relatedness::kRelated) {
      notes.push_back("AEREL_" + treatment + " = related set aside: cohort " + s.cohort + " does not receive " +
                      treatment);
    }
    return std::nullopt;
  }
  if (r == Relatedness::kNotRelated) return std::nullopt;
  if (r == Relatedness::kRelated) {
    const bool own = e.causality.contains(treatment);
    return Assignment{c, Basis::kInvestigatorCausality, false, "",
                      own ? "AEREL_" + treatment + " = related (investigator causality)"
                          : "AEREL = related and AEREL_" + treatment + " not given (investigator causality)"};
  }
  const auto first = FirstStart(s, treatment);
  if (OnsetBefore(e, s.first_dose) == Truth::kYes || OnsetBefore(e, first) == Truth::kYes) {
    notes.push_back(Name(c) + " not assigned: causality not assessed and the onset is before the first " + treatment +
                    " exposure");
    return std::nullopt;
  }
  return Assignment{c, Basis::kCausalityNotAssessed, false, "",
                    "causality for " + treatment + " not assessed: counts as related (safety-first)"};
}

}  // namespace

const Assignment* Classification::Find(Category category) const {
  for (const Assignment& a : categories) {
    if (a.category == category) return &a;
  }
  return nullptr;
}

std::vector<std::string_view> Classification::Names() const {
  std::vector<std::string_view> out;
  for (const Assignment& a : categories) out.push_back(CategoryName(a.category));
  return out;
}

Classification Classify(const CategorySet& set, const AdverseEvent& e, const SubjectContext& s) {
  Classification out;
  const TermMatch m = MatchTerm(set, e);
  if (m.entry) {
    out.matched_term = m.entry->spelling;
    out.matched_field = m.field;
    out.non_specific = m.entry->non_specific;
  } else if (!e.decod.empty() || !e.term.empty()) {
    out.notes.push_back("term " + Quoted(e.decod.empty() ? e.term : e.decod) + " is in no category's list");
  }

  // Step 2 is skipped as a whole for these reasons.
  std::string no_term_step;
  if (e.overall_causality == Causality::kNotRelated) {
    no_term_step = "AEREL = not related";
  } else if (OnsetBefore(e, s.first_dose) == Truth::kYes) {
    no_term_step = "onset " + FormatDate(*e.onset) + " is before the first dose (" + FormatDate(*s.first_dose) +
                   "): not treatment-emergent";
  }

  if (!no_term_step.empty() && m.entry) out.notes.push_back("term lists not applied: " + no_term_step);

  std::array<std::optional<Assignment>, kAllCategories.size()> chosen;
  bool irae_primary = false;
  for (Category c : kAllCategories) {
    const std::string& treatment = set.definition(c).treatment;
    const bool receives = s.Receives(treatment);
    const std::string rel = "AEREL_" + treatment;
    if (ByCausalityAlone(c)) {
      if (auto a = ByCausality(c, treatment, e, s, out.notes)) chosen[static_cast<std::size_t>(c)] = std::move(a);
      continue;
    }
    std::string refused_by;  // the investigator's "no"

    if (c == Category::kImmuneRelated && e.irae == IraeFlag::kYes) {
      if (receives) {
        chosen[static_cast<std::size_t>(c)] = Assignment{c, Basis::kInvestigatorIrae, false, "",
                                                         "AEIRAE = Y: the investigator reports an immune-related AE"};
        irae_primary = true;
        if (auto it = e.causality.find(treatment); it != e.causality.end() && it->second == Causality::kNotRelated) {
          out.notes.push_back(rel + " = not related, but AEIRAE = Y: immune_related kept on the irAE flag");
        }
      } else {
        out.notes.push_back("AEIRAE = Y set aside: cohort " + s.cohort + " does not receive " + treatment);
      }
      continue;
    }
    if (auto it = e.causality.find(treatment); it != e.causality.end()) {
      if (it->second == Causality::kRelated && AssignedByCausality(c)) {
        if (receives) {
          chosen[static_cast<std::size_t>(c)] =
              Assignment{c, Basis::kInvestigatorCausality, false, "", rel + " = related (investigator causality)"};
        } else {
          out.notes.push_back(rel + " = related set aside: cohort " + s.cohort + " does not receive " + treatment);
        }
        continue;
      }
      // immune_related: a drug's "related" does not say the event is
      // immune-mediated; AEIRAE and the irAE lists decide (step 2).
      if (it->second == Causality::kNotRelated) refused_by = rel + " = not related";
    }
    if (c == Category::kImmuneRelated && e.irae == IraeFlag::kNo) refused_by = "AEIRAE = N";

    if (!m.entry) continue;
    Proposal p = Propose(c, set, m, e, s);
    if (!refused_by.empty()) {
      if (p.assignment) {
        out.notes.push_back(Name(c) + " not assigned: " + refused_by + " (investigator) outranks " +
                            p.assignment->reason);
      }
      continue;
    }
    if (!no_term_step.empty()) continue;
    if (!p.refused.empty()) out.notes.push_back(p.refused);
    if (p.assignment) chosen[static_cast<std::size_t>(c)] = std::move(p.assignment);
  }

  for (auto& a : chosen) {
    if (!a) continue;
    if (irae_primary && a->category != Category::kImmuneRelated && !ByCausalityAlone(a->category)) {
      a->secondary = true;
    }
    out.categories.push_back(std::move(*a));
  }
  // "Secondary" ranks a category below another of the same event; with the
  // others refused (by the investigator) or not applicable it is not below
  // anything. A category given by causality alone ranks nothing: it says
  // which drug, not which mechanism.
  auto ranked = [](const Assignment& a) { return !ByCausalityAlone(a.category); };
  if (std::none_of(out.categories.begin(), out.categories.end(),
                   [&](const Assignment& a) { return ranked(a) && !a.secondary; })) {
    for (Assignment& a : out.categories) a.secondary = false;
  }
  if (std::none_of(out.categories.begin(), out.categories.end(), ranked) &&
      e.overall_causality == Causality::kRelated) {
    out.notes.push_back("AEREL = related, but neither AEREL_<TRT> nor the term lists say which treatment");
  }
  return out;
}

}  // namespace vigil::categories
