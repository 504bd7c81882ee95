#include "rules/records/vocabulary.h"

#include <algorithm>
#include <cctype>

namespace vigil {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y));
         });
}

bool Contains(const std::vector<std::string>& list, std::string_view v, bool ignore_case) {
  return std::any_of(list.begin(), list.end(),
                     [&](const std::string& s) { return ignore_case ? EqualsIgnoreCase(s, v) : s == v; });
}

}  // namespace

bool TrialVocabulary::IsCohort(std::string_view v) const { return Contains(cohorts, v, false); }
bool TrialVocabulary::IsTreatment(std::string_view v) const { return Contains(treatments, v, false); }

std::optional<Causality> TrialVocabulary::ClassifyCausality(std::string_view v) const {
  if (Contains(related, v, true)) return Causality::kRelated;
  if (Contains(not_related, v, true)) return Causality::kNotRelated;
  return std::nullopt;
}

}  // namespace vigil
