// The checks that need the whole category set, and the term index.
#include <algorithm>
#include <map>

#include "rules/categories/model.h"
#include "rules/categories/term_key.h"
#include "rules/text/join.h"

namespace vigil::categories::load {
namespace {

std::string KnownList(const std::vector<std::string>& ids) { return ids.empty() ? "none" : text::Join(ids); }

void CheckTreatment(const std::string& id, const std::string& where, const Model& model, Issues& issues) {
  if (std::find(model.treatments.begin(), model.treatments.end(), id) == model.treatments.end()) {
    issues.Add(where + ": unknown treatment \"" + id + "\" (known: " + KnownList(model.treatments) + ")");
  }
}

void CheckCondition(const Condition& c, const Model& model, Issues& issues) {
  for (const auto& [id, path] : c.TreatmentRefs()) CheckTreatment(id, c.where + path, model, issues);
}

// key -> the first DataTerm with that key; reports the later ones.
class Claims {
 public:
  explicit Claims(std::string what) : what_(std::move(what)) {}
  bool Claim(const DataTerm& t, Issues& issues) {
    const auto [it, inserted] = seen_.emplace(TermKey(t.text), &t);
    if (!inserted) {
      issues.Add(t.where + ": duplicate term \"" + t.text + "\" " + what_ + " (same as \"" + it->second->text +
                 "\" at " + it->second->where + ")");
    }
    return inserted;
  }

 private:
  std::string what_;
  std::map<std::string, const DataTerm*> seen_;
};

}  // namespace

void CheckAndIndex(Model& model, Issues& issues) {
  model.index.clear();
  std::map<std::string, Category> owner;  // treatment id -> category
  for (Category c : kAllCategories) {
    const auto& def = model.definitions[static_cast<std::size_t>(c)];
    if (!def) {
      issues.Add("category " + std::string(CategoryName(c)) + ": no file defines it");
      continue;
    }
    if (!def->treatment.empty()) {
      CheckTreatment(def->treatment, def->treatment_where, model, issues);
    }
    // AEREL_<TRT> = related assigns the one category whose treatment is TRT;
    // immune_related shares the checkpoint inhibitor's id without being
    // assigned by its causality (category.h).
    if (!def->treatment.empty() && AssignedByCausality(c)) {
      const auto [it, inserted] = owner.emplace(def->treatment, c);
      if (!inserted) {
        issues.Add(def->treatment_where + ": treatment \"" + def->treatment + "\" already belongs to " +
                   std::string(CategoryName(it->second)) + " (each category has its own treatment)");
      }
    }
    Claims claims("in " + std::string(CategoryName(c)));
    for (const TermGroup& g : def->groups) {
      CheckCondition(g.when, model, issues);
      for (const DataTerm& t : g.terms) {
        if (!claims.Claim(t, issues)) continue;
        TermEntry& e = model.index[TermKey(t.text)];
        if (e.spelling.empty()) e.spelling = t.text;
        e.groups.emplace_back(c, &g);
      }
    }
  }

  std::map<std::string, const OverlapRule*> ids;
  Claims rule_terms("in the overlap rules");
  for (const OverlapRule& r : model.rules) {
    if (const auto [it, inserted] = ids.emplace(r.id, &r); !inserted) {
      issues.Add(r.where + ": duplicate overlap rule id \"" + r.id + "\" (also at " + it->second->where + ")");
    }
    for (const RuleOutcome& o : r.assign) CheckCondition(o.when, model, issues);
    for (const DataTerm& t : r.terms) {
      if (!rule_terms.Claim(t, issues)) continue;
      auto it = model.index.find(TermKey(t.text));
      if (it == model.index.end()) {
        issues.Add(t.where + ": \"" + t.text + "\" is in no category's term list (add it to a list first)");
        continue;
      }
      it->second.rule = &r;
    }
  }

  Claims non_specific("in the non-specific terms");
  for (const DataTerm& t : model.non_specific) {
    if (!non_specific.Claim(t, issues)) continue;
    auto it = model.index.find(TermKey(t.text));
    if (it == model.index.end()) {
      issues.Add(t.where + ": \"" + t.text + "\" is in no category's term list (add it to a list first)");
    } else if (it->second.rule) {
      issues.Add(t.where + ": \"" + t.text + "\" is decided by overlap rule \"" + it->second.rule->id +
                 "\"; a term is either non-specific or decided by a rule");
    } else {
      it->second.non_specific = true;
    }
  }
}

}  // namespace vigil::categories::load
