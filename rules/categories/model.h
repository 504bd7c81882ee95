// The loaded category data behind a CategorySet, and the loader that builds
// it (internal to rules/categories).
#pragma once

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rules/categories/category_set.h"
#include "rules/categories/json_node.h"

namespace vigil::categories {

struct CategorySet::Model {
  // Indexed by Category; all four are set once loading has succeeded.
  std::array<std::optional<CategoryDefinition>, kAllCategories.size()> definitions;
  std::vector<OverlapRule> rules;
  std::vector<DataTerm> non_specific;
  std::vector<std::string> treatments;  // the trial's ids the data was checked against
  // By TermKey. Points into this model: rebuilt by every copy that changes it.
  std::map<std::string, TermEntry, std::less<>> index;

  // Copying drops the index, which points into the source.
  Model() = default;
  Model(const Model& other)
      : definitions(other.definitions),
        rules(other.rules),
        non_specific(other.non_specific),
        treatments(other.treatments) {}
  Model& operator=(const Model&) = delete;
};

namespace load {

using Model = CategorySet::Model;

// One file, category or overlap, into `model`.
void ReadFile(const Node& root, Model& model);

// A trial's overrides (format in category_set.h) applied to `model`.
void ApplyOverrides(const Node& root, Model& model);

// The checks that need the whole set (each category defined, duplicate terms,
// rule terms listed somewhere, treatments known and not shared), then the
// term index. Call once all files and overrides are in.
void CheckAndIndex(Model& model, Issues& issues);

// Shared by files and overrides.
std::optional<TermGroup> ReadGroup(const Node& n);
std::optional<OverlapRule> ReadRule(const Node& n);

}  // namespace load
}  // namespace vigil::categories
