// AE toxicity categories (rules/categories/category_set.h). The first byte
// says what the rest is: even, one of the compiled-in category files
// replaced (which one by the byte's other bits), so the checks across files
// run; odd, a trial's overrides (the configuration's "categories") applied
// to the defaults with Extend. A set that loads classifies a few events, as
// the safety rules do.
#include <nlohmann/json.hpp>

#include "fuzz_support.h"
#include "rules/categories/category_set.h"
#include "rules/categories/classifier.h"
#include "rules/categories/embedded.h"

namespace {

using namespace vigil;
using namespace vigil::categories;

void Use(const CategorySet& set) {
  SubjectContext subject{
      .cohort = "A", .cohort_treatments = set.treatments(), .first_dose = std::nullopt, .exposures = {}};
  std::vector<std::string> terms = {"Pneumonitis", "Diarrhea",       "Alanine aminotransferase increased",
                                    "Fatigue",     "Other, specify", ""};
  for (const OverlapRule& rule : set.overlap_rules()) {
    for (const DataTerm& t : rule.terms) terms.push_back(t.text);
  }
  for (const std::string& term : terms) {
    AdverseEvent event;
    event.decod = term;
    event.term = term;
    event.grade = 3;
    for (const std::string& treatment : set.treatments()) event.causality[treatment] = Causality::kRelated;
    const Classification c = Classify(set, event, subject);
    for (const Assignment& a : c.categories) VIGIL_FUZZ_CHECK(!a.reason.empty(), "a category without its reason");
    (void)set.Find(term);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<CategoryText> defaults = [] {
    std::vector<CategoryText> out;
    for (const auto& [name, text] : DefaultFiles()) out.push_back({name, text});
    return out;
  }();
  static const CategorySet base = [] {
    auto set = CategorySet::Load();
    VIGIL_FUZZ_CHECK(set.ok(), set.status().message());
    return std::move(*set);
  }();
  if (size == 0 || defaults.empty()) return 0;
  const std::string_view rest = fuzz::AsText(data + 1, size - 1);

  Result<CategorySet> set = Status::Invalid("not loaded");
  if (data[0] % 2 == 0) {
    std::vector<CategoryText> files = defaults;
    files[(data[0] / 2) % files.size()].text = rest;
    set = CategorySet::FromTexts(files);
  } else {
    const nlohmann::json overrides = nlohmann::json::parse(rest, nullptr, /*allow_exceptions=*/false);
    if (overrides.is_discarded()) return 0;
    set = base.Extend(overrides);
  }
  if (!set.ok()) {
    VIGIL_FUZZ_CHECK(!set.status().message().empty(), "categories refused without a reason");
    return 0;
  }
  Use(*set);
  return 0;
}
