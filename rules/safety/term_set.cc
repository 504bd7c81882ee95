#include "rules/safety/term_set.h"

#include "rules/categories/term_key.h"

namespace vigil::safety {
namespace {

using categories::TermKey;
using jsonload::Node;

// A list member: a non-empty array of strings whose keys are not empty
// ("-" or "," alone would match every term as a substring).
std::vector<std::string> ReadList(const Node& set, std::string_view key) {
  auto list = set.StringList(key, false);
  if (!list) return {};
  for (std::size_t i = 0; i < list->size(); ++i) {
    if (TermKey((*list)[i]).empty()) {
      set.Member(key).Element(i).Error("\"" + (*list)[i] + "\" is empty once case and punctuation are set aside");
    }
  }
  return *list;
}

}  // namespace

std::vector<std::string> TermKeys(const std::vector<std::string>& texts) {
  std::vector<std::string> out;
  out.reserve(texts.size());
  for (const std::string& t : texts) out.push_back(TermKey(t));
  return out;
}

TermSet MakeTermSet(std::string name, std::vector<std::string> terms, std::vector<std::string> contains) {
  TermSet set;
  set.name = std::move(name);
  set.term_keys = TermKeys(terms);
  set.contains_keys = TermKeys(contains);
  set.terms = std::move(terms);
  set.contains = std::move(contains);
  return set;
}

std::optional<TermSetHit> FindInTermSet(const TermSet& set, const std::string& decod, const std::string& term,
                                        const std::string& decod_key, const std::string& term_key) {
  for (const auto& [field, cached] : {std::pair{&decod, &decod_key}, std::pair{&term, &term_key}}) {
    if (field->empty()) continue;
    const std::string key = cached->empty() ? TermKey(*field) : *cached;
    for (std::size_t i = 0; i < set.term_keys.size(); ++i) {
      if (key == set.term_keys[i]) return TermSetHit{*field, set.terms[i], false};
    }
    for (std::size_t i = 0; i < set.contains_keys.size(); ++i) {
      if (key.find(set.contains_keys[i]) != std::string::npos) return TermSetHit{*field, set.contains[i], true};
    }
  }
  return std::nullopt;
}

std::optional<TermSets> ReadTermSets(const Node& node) {
  const std::size_t before = node.issues().size();
  if (!node.json().is_object()) {
    node.Error("expected an object of named term sets");
    return std::nullopt;
  }
  TermSets sets;
  for (const auto& [name, value] : node.json().items()) {
    if (name == "note") {
      if (!value.is_string()) node.Member(name).Error("expected a string");
      continue;
    }
    const Node at = node.Member(name);
    if (name.empty()) {
      at.Error("a term set needs a name");
      continue;
    }
    if (!at.IsObjectWithKeys({"note", "terms", "contains"})) continue;
    if (!at.Find("terms") && !at.Find("contains")) {
      at.Error("term set \"" + name + "\" has neither \"terms\" nor \"contains\"");
      continue;
    }
    if (const auto* note = at.Find("note"); note && !note->is_string()) at.Member("note").Error("expected a string");
    sets.emplace(name, MakeTermSet(name, ReadList(at, "terms"), ReadList(at, "contains")));
  }
  if (node.issues().size() != before) return std::nullopt;
  return sets;
}

}  // namespace vigil::safety
