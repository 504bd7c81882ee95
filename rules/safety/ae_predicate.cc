#include "rules/safety/ae_predicate.h"

#include <string_view>

#include "rules/categories/causality.h"
#include "rules/categories/term_key.h"

namespace vigil::safety {
namespace {

using categories::TermKey;

// The AE's own spelling of the term that matched, in the order the
// classifier reads them (AEDECOD first, AETERM when AEDECOD does not match).
struct TermHit {
  std::string field_value;
  std::string wanted;
};

// A field's key: the one ReadAeFacts computed, else computed now.
std::string KeyOf(const std::string& cached, const std::string& field) {
  return cached.empty() && !field.empty() ? TermKey(field) : cached;
}

// `keys` are the keys of `wanted` when the loader computed them.
std::optional<TermHit> FindTerm(const AeFacts& ae, const std::vector<std::string>& wanted,
                                const std::vector<std::string>& keys, bool substring) {
  const bool keyed = keys.size() == wanted.size();
  for (const auto& [field, cached] :
       {std::pair{&ae.event.decod, &ae.decod_key}, std::pair{&ae.event.term, &ae.term_key}}) {
    if (field->empty()) continue;
    const std::string key = KeyOf(*cached, *field);
    for (std::size_t i = 0; i < wanted.size(); ++i) {
      const std::string wkey = keyed ? keys[i] : TermKey(wanted[i]);
      if (substring ? key.find(wkey) != std::string::npos : key == wkey) return TermHit{*field, wanted[i]};
    }
  }
  return std::nullopt;
}

// The first of `sets` the AE's term is in, with what met it.
std::optional<std::pair<const TermSet*, TermSetHit>> FindInSets(const AeFacts& ae, const std::vector<TermSet>& sets) {
  for (const TermSet& set : sets) {
    if (auto hit = FindInTermSet(set, ae.event.decod, ae.event.term, ae.decod_key, ae.term_key)) {
      return std::pair{&set, std::move(*hit)};
    }
  }
  return std::nullopt;
}

bool InSocs(const AeFacts& ae, const std::vector<std::string>& socs) {
  if (ae.event.bodsys.empty()) return false;
  const std::string key = KeyOf(ae.bodsys_key, ae.event.bodsys);
  for (const std::string& s : socs) {
    if (TermKey(s) == key) return true;
  }
  return false;
}

// Why the AE counts as related to a treatment among `treatments` (to any,
// when null), for safety purposes (rules/categories/causality.h): an
// assessment that says related, or none at all; nullopt when ruled out.
std::optional<std::string> RelatedTo(const AeFacts& ae, const std::vector<std::string>* treatments) {
  using categories::Relatedness;
  if (!treatments) {
    for (const auto& [treatment, causality] : ae.event.causality) {
      if (causality == Causality::kRelated) return "related to " + treatment;
    }
    switch (categories::AnyTreatment(ae.event)) {
      case Relatedness::kRelated: return std::string("related (AEREL)");
      case Relatedness::kNotAssessed: return std::string("causality not assessed: counted as related");
      case Relatedness::kNotRelated: return std::nullopt;
    }
  }
  for (const std::string& t : *treatments) {
    switch (categories::ToTreatment(ae.event, t)) {
      case Relatedness::kRelated: return "related to " + t;
      case Relatedness::kNotAssessed: return "causality to " + t + " not assessed: counted as related";
      case Relatedness::kNotRelated: break;
    }
  }
  return std::nullopt;
}

// A grade bound met by the AE's grade, or taken as met because the grade
// sent could not be read (a quarantined record: the reading that alerts
// wins).
std::optional<std::string> MeetsGradeBound(const AeFacts& ae, int bound, bool lower) {
  const auto& grade = ae.event.grade;
  if (!grade) {
    if (!ae.unreadable_grade) return std::nullopt;
    return "grade unreadable (AETOXGR '" + *ae.unreadable_grade + "'): taken as " + (lower ? "\u2265 " : "\u2264 ") +
           std::to_string(bound);
  }
  if (lower ? *grade < bound : *grade > bound) return std::nullopt;
  return "grade " + std::to_string(*grade) + (lower ? " \u2265 " : " \u2264 ") + std::to_string(bound);
}

// The clauses saying why the AE matches; nullopt when it does not.
std::optional<std::vector<std::string>> Evaluate(const AePredicate& p, const AeFacts& ae) {
  std::vector<std::string> why;
  if (p.min_grade) {
    auto met = MeetsGradeBound(ae, *p.min_grade, true);
    if (!met) return std::nullopt;
    why.push_back(std::move(*met));
  }
  if (p.max_grade) {
    auto met = MeetsGradeBound(ae, *p.max_grade, false);
    if (!met) return std::nullopt;
    why.push_back(std::move(*met));
  }
  if (!p.terms.empty()) {
    const auto hit = FindTerm(ae, p.terms, p.term_keys, false);
    if (!hit) return std::nullopt;
    why.push_back("term '" + hit->field_value + "' is '" + hit->wanted + "'");
  }
  if (!p.term_contains.empty()) {
    const auto hit = FindTerm(ae, p.term_contains, p.contains_keys, true);
    if (!hit) return std::nullopt;
    why.push_back("term '" + hit->field_value + "' contains '" + hit->wanted + "'");
  }
  if (!p.term_sets.empty()) {
    const auto hit = FindInSets(ae, p.term_sets);
    if (!hit) return std::nullopt;
    why.push_back("term '" + hit->second.field_value + "' is in term set " + hit->first->name + " (" +
                  (hit->second.substring ? "contains '" : "'") + hit->second.entry + "')");
  }
  if (!p.exclude_term_sets.empty() && FindInSets(ae, p.exclude_term_sets)) return std::nullopt;
  if (!p.socs.empty()) {
    if (!InSocs(ae, p.socs)) return std::nullopt;
    why.push_back("SOC '" + ae.event.bodsys + "'");
  }
  if (!p.exclude_socs.empty() && InSocs(ae, p.exclude_socs)) return std::nullopt;
  if (!p.categories.empty()) {
    const std::string* found = nullptr;
    for (const std::string& c : p.categories) {
      for (const std::string& assigned : ae.categories) {
        if (assigned == c && !found) found = &c;
      }
    }
    if (!found) return std::nullopt;
    why.push_back("category " + *found);
  }
  if (p.related) {
    const auto to = RelatedTo(ae, nullptr);
    if (to.has_value() != *p.related) return std::nullopt;
    why.push_back(*p.related ? *to : "assessed as not related to any study treatment");
  }
  if (!p.related_to.empty()) {
    const auto to = RelatedTo(ae, &p.related_to);
    if (!to) return std::nullopt;
    why.push_back(*to);
  }
  if (p.serious) {
    if (ae.serious != *p.serious) return std::nullopt;
    why.push_back(!ae.serious                        ? "not serious"
                  : ae.serious_inconsistency.empty() ? "serious"
                                                     : "serious (" + ae.serious_inconsistency + ")");
  }
  if (p.fatal) {
    if (ae.fatal != *p.fatal) return std::nullopt;
    why.push_back(ae.fatal ? "fatal" : "not fatal");
  }
  if (!p.any_of.empty()) {
    std::optional<std::vector<std::string>> alternative;
    for (const AePredicate& a : p.any_of) {
      if ((alternative = Evaluate(a, ae))) break;
    }
    if (!alternative) return std::nullopt;
    why.insert(why.end(), alternative->begin(), alternative->end());
  }
  return why;
}

}  // namespace

bool Matches(const AePredicate& predicate, const AeFacts& ae) { return Evaluate(predicate, ae).has_value(); }

std::optional<std::string> MatchReason(const AePredicate& predicate, const AeFacts& ae) {
  const auto why = Evaluate(predicate, ae);
  if (!why) return std::nullopt;
  if (why->empty()) return std::string("any AE");
  std::string out;
  for (const std::string& clause : *why) {
    if (!out.empty()) out += "; ";
    out += clause;
  }
  return out;
}

}  // namespace vigil::safety
