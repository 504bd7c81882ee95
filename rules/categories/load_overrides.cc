// A trial's overrides applied to a loaded set (format in category_set.h).
// Removals first, then additions; the whole result is checked afterwards by
// CheckAndIndex, exactly like files.
#include <algorithm>

#include "rules/categories/model.h"
#include "rules/categories/term_key.h"

namespace vigil::categories::load {
namespace {

void RemoveTerms(const Node& list_owner, std::string_view key, CategoryDefinition& def) {
  const auto list = list_owner.Strings(key, false);
  if (!list) return;
  for (const auto& [text, node] : *list) {
    const std::string k = TermKey(text);
    bool found = false;
    for (TermGroup& g : def.groups) {
      const auto before = g.terms.size();
      std::erase_if(g.terms, [&](const DataTerm& t) { return TermKey(t.text) == k; });
      found = found || g.terms.size() != before;
    }
    if (!found) {
      node.Error("\"" + text + "\" is not in the " + std::string(CategoryName(def.category)) + " list");
    }
  }
  std::erase_if(def.groups, [](const TermGroup& g) { return g.terms.empty(); });
}

void ApplyCategory(const Node& n, CategoryDefinition& def) {
  if (!n.IsObjectWithKeys({"treatment", "remove_terms", "add_groups", "note"})) return;
  n.String("note", false);
  if (ByCausalityAlone(def.category)) {
    for (const char* key : {"remove_terms", "add_groups"}) {
      if (n.Find(key)) {
        n.Member(key).Error(std::string(CategoryName(def.category)) +
                            " is given by per-treatment causality alone: it has no term lists");
      }
    }
  }
  if (auto treatment = n.String("treatment", false)) {
    def.treatment = *treatment;
    def.treatment_where = n.Member("treatment").where();
  }
  RemoveTerms(n, "remove_terms", def);
  if (n.Find("add_groups")) {
    const Node groups = n.Member("add_groups");
    if (!groups.json().is_array()) {
      groups.Error("expected an array of term groups");
      return;
    }
    for (std::size_t i = 0; i < groups.json().size(); ++i) {
      if (auto g = ReadGroup(groups.Element(i))) def.groups.push_back(std::move(*g));
    }
  }
}

}  // namespace

void ApplyOverrides(const Node& root, Model& model) {
  if (root.json().is_null()) return;
  if (!root.IsObjectWithKeys({"note", "categories", "remove_overlap_rules", "overlap_rules",
                              "remove_non_specific_terms", "add_non_specific_terms"})) {
    return;
  }
  root.String("note", false);
  if (root.Find("categories")) {
    const Node cats = root.Member("categories");
    if (!cats.json().is_object()) {
      cats.Error("expected an object keyed by category name");
    } else {
      for (const auto& [name, value] : cats.json().items()) {
        const Node n = cats.Member(name);
        const auto category = ParseCategory(name);
        if (!category) {
          n.Error("unknown category \"" + name + "\" (known: " + KnownCategoryNames() + ")");
          continue;
        }
        auto& def = model.definitions[static_cast<std::size_t>(*category)];
        if (def) ApplyCategory(n, *def);
      }
    }
  }
  if (const auto ids = root.Strings("remove_overlap_rules", false)) {
    for (const auto& [id, node] : *ids) {
      const auto before = model.rules.size();
      // C++20 lets a lambda capture a structured binding; clang 14 does not
      // implement that yet, so the lambda captures a named reference.
      const std::string& wanted = id;
      std::erase_if(model.rules, [&](const OverlapRule& r) { return r.id == wanted; });
      if (model.rules.size() == before) node.Error("no overlap rule has the id \"" + id + "\"");
    }
  }
  if (root.Find("overlap_rules")) {
    const Node rules = root.Member("overlap_rules");
    if (!rules.json().is_array()) {
      rules.Error("expected an array of overlap rules");
    } else {
      for (std::size_t i = 0; i < rules.json().size(); ++i) {
        auto rule = ReadRule(rules.Element(i));
        if (!rule) continue;
        auto it = std::find_if(model.rules.begin(), model.rules.end(),
                               [&](const OverlapRule& r) { return r.id == rule->id; });
        if (it != model.rules.end()) {
          *it = std::move(*rule);
        } else {
          model.rules.push_back(std::move(*rule));
        }
      }
    }
  }
  if (const auto terms = root.Strings("remove_non_specific_terms", false)) {
    for (const auto& [text, node] : *terms) {
      const std::string k = TermKey(text);
      const auto before = model.non_specific.size();
      std::erase_if(model.non_specific, [&](const DataTerm& t) { return TermKey(t.text) == k; });
      if (model.non_specific.size() == before) node.Error("\"" + text + "\" is not a non-specific term");
    }
  }
  if (const auto terms = root.Strings("add_non_specific_terms", false)) {
    for (const auto& [text, node] : *terms) model.non_specific.push_back({text, node.where()});
  }
}

}  // namespace vigil::categories::load
