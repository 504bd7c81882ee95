#include "rules/categories/category_set.h"

#include "rules/categories/embedded.h"
#include "rules/categories/model.h"
#include "rules/categories/term_key.h"

namespace vigil::categories {
namespace {

using load::Issues;
using load::Json;
using load::Node;

// The model is on the heap before it is indexed and never moves after: the
// index points into it.
Result<std::shared_ptr<const CategorySet::Model>> Finish(std::shared_ptr<CategorySet::Model> model, Issues& issues) {
  load::CheckAndIndex(*model, issues);
  if (!issues.empty()) return Status::Invalid(issues.Joined());
  return std::shared_ptr<const CategorySet::Model>(std::move(model));
}

}  // namespace

std::vector<std::string> CategorySet::DefaultTreatments() { return {"ADEBRELIMAB", "APATINIB", "CHEMO", "RT"}; }

Result<CategorySet> CategorySet::Load() {
  std::vector<CategoryText> files;
  for (const auto& [name, text] : DefaultFiles()) files.push_back({name, text});
  return FromTexts(files);
}

Result<CategorySet> CategorySet::FromTexts(const std::vector<CategoryText>& files,
                                           const std::vector<std::string>& treatments) {
  try {
    auto model = std::make_shared<Model>();
    model->treatments = treatments;
    Issues issues;
    std::vector<Json> docs(files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
      try {
        docs[i] = Json::parse(files[i].text);
      } catch (const Json::exception& e) {  // parse_error, and out_of_range for a number like 1e400
        issues.Add(files[i].name + ": JSON syntax error: " + e.what());
        continue;
      }
      load::ReadFile(Node(docs[i], files[i].name, "", issues), *model);
    }
    auto built = Finish(std::move(model), issues);
    if (!built.ok()) return built.status();
    return CategorySet(std::move(built).value());
  } catch (const Json::exception& e) {
    // Every access is checked first; this only keeps a gap in those checks
    // from turning into an exception across the API.
    return Status::Invalid(std::string("categories: ") + e.what());
  }
}

Result<CategorySet> CategorySet::Extend(const nlohmann::json& overrides) const {
  return Extend(overrides, model_->treatments);
}

Result<CategorySet> CategorySet::Extend(const nlohmann::json& overrides,
                                        const std::vector<std::string>& treatments) const {
  try {
    auto model = std::make_shared<Model>(*model_);
    model->treatments = treatments;
    Issues issues;
    load::ApplyOverrides(Node(overrides, "overrides", "", issues), *model);
    auto built = Finish(std::move(model), issues);
    if (!built.ok()) return built.status();
    return CategorySet(std::move(built).value());
  } catch (const Json::exception& e) {
    return Status::Invalid(std::string("overrides: ") + e.what());
  }
}

const CategoryDefinition& CategorySet::definition(Category category) const {
  return *model_->definitions[static_cast<std::size_t>(category)];
}

const std::vector<OverlapRule>& CategorySet::overlap_rules() const { return model_->rules; }
const std::vector<DataTerm>& CategorySet::non_specific_terms() const { return model_->non_specific; }
const std::vector<std::string>& CategorySet::treatments() const { return model_->treatments; }

std::optional<Category> CategorySet::CategoryOfTreatment(std::string_view treatment) const {
  for (Category c : kAllCategories) {
    if (AssignedByCausality(c) && definition(c).treatment == treatment) return c;
  }
  return std::nullopt;
}

const TermEntry* CategorySet::Find(std::string_view term) const { return FindKey(TermKey(term)); }

const TermEntry* CategorySet::FindKey(std::string_view key) const {
  const auto it = model_->index.find(key);
  return it == model_->index.end() ? nullptr : &it->second;
}

}  // namespace vigil::categories
