#include "rules/categories/event.h"

#include <algorithm>
#include <cctype>

namespace vigil::categories {

IraeFlag ParseIraeFlag(std::string_view value) {
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front()))) value.remove_prefix(1);
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.remove_suffix(1);
  std::string upper(value);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper == "Y" || upper == "YES") return IraeFlag::kYes;
  if (upper == "N" || upper == "NO") return IraeFlag::kNo;
  return IraeFlag::kNotGiven;
}

bool SubjectContext::Receives(std::string_view treatment) const {
  return std::find(cohort_treatments.begin(), cohort_treatments.end(), treatment) != cohort_treatments.end();
}

}  // namespace vigil::categories
