#include <algorithm>

#include "rules/ctcae/load_sections.h"

namespace vigil::ctcae::load {
namespace {

struct System {
  std::string_view key;
  CodeSystem system;
};
constexpr System kSystems[] = {{"LBTESTCD", CodeSystem::kLbTestCd},
                               {"VSTESTCD", CodeSystem::kVsTestCd},
                               {"EGTESTCD", CodeSystem::kEgTestCd},
                               {"LOINC", CodeSystem::kLoinc}};

std::vector<std::string> UpperList(const Node& n, std::string_view key) {
  std::vector<std::string> out;
  if (auto list = n.StringList(key, false)) {
    for (const auto& s : *list) out.push_back(AsciiUpper(s));
  }
  return out;
}

}  // namespace

bool IsValidLoinc(std::string_view code) {
  const auto dash = code.find('-');
  if (dash == std::string_view::npos || dash == 0 || dash > 7 || dash + 2 != code.size()) return false;
  int sum = 0;
  bool doubled = true;  // the rightmost digit of the number part is doubled
  for (std::size_t i = dash; i-- > 0;) {
    const char ch = code[i];
    if (ch < '0' || ch > '9') return false;
    int d = ch - '0';
    if (doubled) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    doubled = !doubled;
  }
  const char check = code[dash + 1];
  return check >= '0' && check <= '9' && (10 - sum % 10) % 10 == check - '0';
}

void LoadAnalytes(const Node& array, Criteria& c) {
  if (!array.json().is_array()) {
    array.Error("expected an array of analytes");
    return;
  }
  for (std::size_t i = 0; i < array.json().size(); ++i) {
    Node n = array.Element(i);
    if (!n.json().is_object()) {
      n.Error("expected an object");
      continue;
    }
    const std::size_t errors_before = n.issues().size();
    auto name = n.String("analyte", true);
    if (name) n = n.Labelled(*name);
    n.IsObjectWithKeys({"analyte", "LBTESTCD", "VSTESTCD", "EGTESTCD", "LOINC", "terms", "specimen_only",
                        "specimen_not", "default_unit", "not_graded", "note"});
    if (!name) continue;
    Analyte a;
    a.name = *name;
    if (auto terms = n.StringList("terms", true)) {
      for (std::size_t j = 0; j < terms->size(); ++j) {
        if (!c.FindTerm((*terms)[j])) n.Member("terms").Element(j).Error("unknown term \"" + (*terms)[j] + "\"");
      }
      a.terms = *terms;
    }
    a.specimen_only = UpperList(n, "specimen_only");
    a.specimen_not = UpperList(n, "specimen_not");
    if (auto unit = n.String("default_unit", false)) {
      if (!c.canonical_units.contains(*unit)) n.Member("default_unit").Error("unknown unit \"" + *unit + "\"");
      a.default_unit = *unit;
    }
    if (auto why = n.String("not_graded", false)) a.not_graded = *why;
    std::vector<std::pair<CodeSystem, std::string>> codes;
    for (const System& s : kSystems) {
      auto list = n.StringList(s.key, false);
      if (!list) continue;
      for (std::size_t j = 0; j < list->size(); ++j) {
        const Node where = n.Member(s.key).Element(j);
        const std::string code = AsciiUpper((*list)[j]);
        if (s.system == CodeSystem::kLoinc && !IsValidLoinc(code)) {
          where.Error("\"" + code + "\" is not a LOINC code with a valid check digit");
          continue;
        }
        if (std::find(codes.begin(), codes.end(), std::pair{s.system, code}) != codes.end()) {
          where.Error(std::string(s.key) + " " + code + " is listed twice");
          continue;
        }
        if (auto it = c.codes.find({s.system, code}); it != c.codes.end()) {
          where.Error(std::string(s.key) + " " + code + " already maps to analyte \"" + c.analytes[it->second].name +
                      "\"");
          continue;
        }
        codes.emplace_back(s.system, code);
      }
    }
    if (codes.empty() && n.issues().size() == errors_before) n.Error("no LBTESTCD, VSTESTCD, EGTESTCD or LOINC code");
    if (n.issues().size() != errors_before) continue;
    for (auto& key : codes) c.codes.emplace(std::move(key), c.analytes.size());
    c.analytes.push_back(std::move(a));
  }
}

}  // namespace vigil::ctcae::load
