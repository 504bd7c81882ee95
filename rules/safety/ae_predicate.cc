#include "rules/safety/ae_predicate.h"

#include <string_view>

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

std::optional<TermHit> FindTerm(const AeFacts& ae, const std::vector<std::string>& wanted, bool substring) {
  for (const std::string* field : {&ae.event.decod, &ae.event.term}) {
    if (field->empty()) continue;
    const std::string key = TermKey(*field);
    for (const std::string& w : wanted) {
      const std::string wkey = TermKey(w);
      if (substring ? key.find(wkey) != std::string::npos : key == wkey) return TermHit{*field, w};
    }
  }
  return std::nullopt;
}

// The first of `sets` the AE's term is in, with what met it.
std::optional<std::pair<const TermSet*, TermSetHit>> FindInSets(const AeFacts& ae, const std::vector<TermSet>& sets) {
  for (const TermSet& set : sets) {
    if (auto hit = FindInTermSet(set, ae.event.decod, ae.event.term)) return std::pair{&set, std::move(*hit)};
  }
  return std::nullopt;
}

bool InSocs(const AeFacts& ae, const std::vector<std::string>& socs) {
  if (ae.event.bodsys.empty()) return false;
  const std::string key = TermKey(ae.event.bodsys);
  for (const std::string& s : socs) {
    if (TermKey(s) == key) return true;
  }
  return false;
}

// The treatment the AE is related to, among `treatments` (all assessed ones
// when empty); "AEREL" for the overall assessment.
std::optional<std::string> RelatedTo(const AeFacts& ae, const std::vector<std::string>* treatments) {
  for (const auto& [treatment, causality] : ae.event.causality) {
    if (causality != Causality::kRelated) continue;
    if (!treatments) return treatment;
    for (const std::string& t : *treatments) {
      if (t == treatment) return treatment;
    }
  }
  if (!treatments && ae.event.overall_causality == Causality::kRelated) return std::string("AEREL");
  return std::nullopt;
}

// The clauses saying why the AE matches; nullopt when it does not.
std::optional<std::vector<std::string>> Evaluate(const AePredicate& p, const AeFacts& ae) {
  std::vector<std::string> why;
  const auto& grade = ae.event.grade;
  if (p.min_grade) {
    if (!grade || *grade < *p.min_grade) return std::nullopt;
    why.push_back("grade " + std::to_string(*grade) + " \u2265 " + std::to_string(*p.min_grade));
  }
  if (p.max_grade) {
    if (!grade || *grade > *p.max_grade) return std::nullopt;
    why.push_back("grade " + std::to_string(*grade) + " \u2264 " + std::to_string(*p.max_grade));
  }
  if (!p.terms.empty()) {
    const auto hit = FindTerm(ae, p.terms, false);
    if (!hit) return std::nullopt;
    why.push_back("term '" + hit->field_value + "' is '" + hit->wanted + "'");
  }
  if (!p.term_contains.empty()) {
    const auto hit = FindTerm(ae, p.term_contains, true);
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
    why.push_back(*p.related ? (*to == "AEREL" ? "related (AEREL)" : "related to " + *to)
                             : "not assessed as related to any study treatment");
  }
  if (!p.related_to.empty()) {
    const auto to = RelatedTo(ae, &p.related_to);
    if (!to) return std::nullopt;
    why.push_back("related to " + *to);
  }
  if (p.serious) {
    if (ae.serious != *p.serious) return std::nullopt;
    why.push_back(ae.serious ? "serious (AESER = Y)" : "not serious");
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

bool Matches(const AePredicate& predicate, const AeFacts& ae) {
  return Evaluate(predicate, ae).has_value();
}

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
