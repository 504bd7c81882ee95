#include "rules/records/seriousness.h"

#include <cctype>

namespace vigil {
namespace {

std::string_view Trim(std::string_view v) {
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.remove_prefix(1);
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.remove_suffix(1);
  return v;
}

bool EqualsUpper(std::string_view value, std::string_view upper) {
  value = Trim(value);
  if (value.size() != upper.size()) return false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(value[i])) != upper[i]) return false;
  }
  return true;
}

constexpr std::string_view kCriteria[] = {"AESDTH", "AESLIFE", "AESHOSP", "AESDISAB", "AESCONG", "AESMIE"};

}  // namespace

bool FlagIsYes(std::string_view value) { return EqualsUpper(value, "Y"); }

Seriousness ReadSeriousness(const Record& ae) {
  Seriousness s;
  for (std::string_view c : kCriteria) {
    if (FlagIsYes(ae.Get(c))) s.criteria.emplace_back(c);
  }
  const bool fatal_outcome = EqualsUpper(ae.Get("AEOUT"), "FATAL");
  const std::string_view grade = Trim(ae.Get("AETOXGR"));
  if (fatal_outcome) s.criteria.emplace_back("AEOUT = FATAL");
  if (grade == "5") s.criteria.emplace_back("AETOXGR 5");
  s.fatal = FlagIsYes(ae.Get("AESDTH")) || fatal_outcome || grade == "5";
  s.life_threatening = FlagIsYes(ae.Get("AESLIFE")) || grade == "4";
  const bool flagged = FlagIsYes(ae.Get("AESER"));
  s.serious = flagged || !s.criteria.empty();
  s.inconsistent = !flagged && !s.criteria.empty();
  return s;
}

std::string Seriousness::InconsistencyText(const Record& ae) const {
  if (!inconsistent) return "";
  std::string aeser(Trim(ae.Get("AESER")));
  std::string out = "AESER = " + (aeser.empty() ? std::string("(blank)") : aeser) + ", but ";
  for (std::size_t i = 0; i < criteria.size(); ++i) {
    if (i) out += ", ";
    out += criteria[i];
    if (criteria[i].find(' ') == std::string::npos) out += " = Y";
  }
  return out + ": counted as serious";
}

}  // namespace vigil
