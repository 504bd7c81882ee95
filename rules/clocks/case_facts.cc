#include "rules/clocks/case_facts.h"

#include <cctype>
#include <string>

#include "rules/categories/ae_input.h"

namespace vigil::clocks {
namespace {

std::string Upper(std::string_view v) {
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.remove_prefix(1);
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.remove_suffix(1);
  std::string out(v);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool Yes(const Record& ae, std::string_view variable) {
  return Upper(ae.Get(variable)) == "Y";
}

}  // namespace

CaseFacts ReadCase(const Record& ae, const TrialVocabulary& vocabulary, std::int64_t awareness_s) {
  const categories::AdverseEvent e = categories::ReadAdverseEvent(ae, vocabulary);
  CaseFacts f;
  f.awareness_s = awareness_s;

  const bool fatal = Yes(ae, "AESDTH") || Upper(ae.Get("AEOUT")) == "FATAL" || e.grade == 5;
  f.fatal_or_life_threatening = fatal || Yes(ae, "AESLIFE") || e.grade == 4;
  f.serious = Yes(ae, "AESER") || fatal || Yes(ae, "AESLIFE") || Yes(ae, "AESHOSP") || Yes(ae, "AESDISAB") ||
              Yes(ae, "AESCONG") || Yes(ae, "AESMIE");

  bool any_related = e.overall_causality == Causality::kRelated;
  for (const auto& [treatment, causality] : e.causality) any_related = any_related || causality == Causality::kRelated;
  const bool assessed = e.overall_causality.has_value() || !e.causality.empty();
  f.related = any_related || !assessed;
  f.related_assumed = !assessed;

  const std::string expect = Upper(ae.Get("AEEXPECT"));
  f.unexpected = expect != "Y";
  f.unexpected_assumed = expect != "Y" && expect != "N";
  return f;
}

}  // namespace vigil::clocks
