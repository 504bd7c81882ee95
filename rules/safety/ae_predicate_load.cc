// ReadAePredicate: the JSON form of an AE predicate (ae_predicate.h).
#include <algorithm>

#include "rules/categories/category.h"
#include "rules/safety/ae_predicate.h"
#include "rules/text/join.h"

namespace vigil::safety {
namespace {

using jsonload::Node;

std::optional<int> Grade(const Node& node, std::string_view key) {
  const auto g = node.Integer(key, false);
  if (!g) return std::nullopt;
  if (*g < 1 || *g > 5) {
    node.Member(key).Error("grade " + std::to_string(*g) + " is not a CTCAE grade (1-5)");
    return std::nullopt;
  }
  return static_cast<int>(*g);
}

std::vector<std::string> List(const Node& node, std::string_view key) {
  return node.StringList(key, false).value_or(std::vector<std::string>{});
}

// The sets a list names, resolved; unknown names are reported.
std::vector<TermSet> TermSetList(const Node& node, std::string_view key, const TermSets* sets) {
  std::vector<TermSet> out;
  const auto names = node.StringList(key, false);
  if (!names) return out;
  for (std::size_t i = 0; i < names->size(); ++i) {
    const std::string& name = (*names)[i];
    const auto it = sets ? sets->find(name) : TermSets::const_iterator{};
    if (!sets || it == sets->end()) {
      std::vector<std::string> known;
      if (sets) {
        for (const auto& [n, set] : *sets) known.push_back(n);
      }
      node.Member(key).Element(i).Error(
          "unknown term set \"" + name + "\" (" +
          (known.empty() ? std::string("the plan defines no term_sets") : "known: " + text::Join(known)) + ")");
      continue;
    }
    out.push_back(it->second);
  }
  return out;
}

}  // namespace

std::optional<AePredicate> ReadAePredicate(const Node& node, const std::vector<std::string>& treatments,
                                           const TermSets* term_sets) {
  const std::size_t before = node.issues().size();
  if (!node.IsObjectWithKeys({"min_grade", "max_grade", "terms", "term_contains", "term_sets", "exclude_term_sets",
                              "socs", "exclude_socs", "categories", "related", "related_to", "serious", "fatal",
                              "any_of"})) {
    return std::nullopt;
  }
  AePredicate p;
  p.min_grade = Grade(node, "min_grade");
  p.max_grade = Grade(node, "max_grade");
  if (p.min_grade && p.max_grade && *p.min_grade > *p.max_grade) {
    node.Member("max_grade")
        .Error("max_grade " + std::to_string(*p.max_grade) + " is below min_grade " + std::to_string(*p.min_grade));
  }
  p.terms = List(node, "terms");
  p.term_contains = List(node, "term_contains");
  p.term_sets = TermSetList(node, "term_sets", term_sets);
  p.exclude_term_sets = TermSetList(node, "exclude_term_sets", term_sets);
  p.socs = List(node, "socs");
  p.exclude_socs = List(node, "exclude_socs");
  p.categories = List(node, "categories");
  for (std::size_t i = 0; i < p.categories.size(); ++i) {
    if (!categories::ParseCategory(p.categories[i])) {
      node.Member("categories")
          .Element(i)
          .Error("unknown category \"" + p.categories[i] +
                 "\" (known: immune_related, apatinib_related, chemotherapy_related, radiotherapy_related, "
                 "adebrelimab_related)");
    }
  }
  p.related = node.Boolean("related", false);
  p.related_to = List(node, "related_to");
  if (!treatments.empty()) {
    for (std::size_t i = 0; i < p.related_to.size(); ++i) {
      if (std::find(treatments.begin(), treatments.end(), p.related_to[i]) == treatments.end()) {
        node.Member("related_to")
            .Element(i)
            .Error("unknown treatment \"" + p.related_to[i] + "\" (known: " + text::Join(treatments) + ")");
      }
    }
  }
  p.serious = node.Boolean("serious", false);
  p.fatal = node.Boolean("fatal", false);
  if (const auto* any = node.Find("any_of")) {
    const Node list = node.Member("any_of");
    if (!any->is_array() || any->empty()) {
      list.Error("expected a non-empty array of predicates");
    } else {
      for (std::size_t i = 0; i < any->size(); ++i) {
        if (auto alternative = ReadAePredicate(list.Element(i), treatments, term_sets))
          p.any_of.push_back(std::move(*alternative));
      }
    }
  }
  if (node.issues().size() != before) return std::nullopt;
  p.term_keys = TermKeys(p.terms);
  p.contains_keys = TermKeys(p.term_contains);
  return p;
}

}  // namespace vigil::safety
