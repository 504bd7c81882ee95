#include "rules/clocks/case_facts.h"

#include <cctype>
#include <optional>
#include <string>

#include "rules/records/iso_date.h"
#include "rules/records/seriousness.h"

namespace vigil::clocks {
namespace {

std::string Upper(std::string_view v) {
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.remove_prefix(1);
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.remove_suffix(1);
  std::string out(v);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

CaseFacts ReadCase(const Record& ae, const TrialVocabulary& vocabulary, const CaseContext& context,
                   std::int64_t awareness_s) {
  CaseFacts f;
  f.awareness_s = awareness_s;

  // The one definition of serious, fatal and life-threatening shared with
  // alerts and summaries.
  const Seriousness seriousness = ReadSeriousness(ae);
  f.fatal_or_life_threatening = seriousness.fatal || seriousness.life_threatening;
  f.serious = seriousness.serious;

  // Causality, by the investigator (AEREL...) and the sponsor (AESPREL...).
  auto causality = [&](const std::string& variable) -> std::optional<Causality> {
    const std::string_view v = ae.Get(variable);
    if (v.empty()) return std::nullopt;
    return vocabulary.ClassifyCausality(v);
  };
  bool per_drug_assessed = false;
  for (const std::string& t : vocabulary.treatments) {
    per_drug_assessed = per_drug_assessed || causality("AEREL_" + t) || causality("AESPREL_" + t);
  }
  for (const std::string& t : context.investigational) {
    if (causality("AEREL_" + t) == Causality::kRelated || causality("AESPREL_" + t) == Causality::kRelated) {
      f.suspect_drugs.push_back(t);
    }
  }
  const auto overall = causality("AEREL");
  const auto overall_sponsor = causality("AESPREL");
  const bool overall_assessed = overall.has_value() || overall_sponsor.has_value();
  if (!per_drug_assessed &&
      (!overall_assessed || overall == Causality::kRelated || overall_sponsor == Causality::kRelated)) {
    f.suspect_drugs = context.investigational;  // not narrowed to a drug: all suspect
  }
  f.related = !f.suspect_drugs.empty();
  f.related_assumed = !per_drug_assessed && !overall_assessed;

  const std::string expect = Upper(ae.Get("AEEXPECT"));
  f.unexpected = expect != "Y";
  f.unexpected_assumed = expect != "Y" && expect != "N";
  if (f.related) {
    f.unexpected = false;
    f.unexpected_assumed = false;
    bool stated = false;  // unexpected for a suspect drug by a stated N
    for (const std::string& t : f.suspect_drugs) {
      const std::string per_drug = Upper(ae.Get("AEEXPECT_" + t));
      const std::string& value = per_drug.empty() ? expect : per_drug;
      if (value == "Y") continue;
      f.unexpected = true;
      stated = stated || value == "N";
    }
    f.unexpected_assumed = f.unexpected && !stated;
  }

  f.pre_dose = OnsetBeforeFirstDose(ae.Get("AESTDTC"), context.first_dose);
  return f;
}

CaseFacts ReadCase(const Record& ae, const TrialVocabulary& vocabulary, std::int64_t awareness_s) {
  return ReadCase(ae, vocabulary, CaseContext{.investigational = vocabulary.treatments, .first_dose = ""}, awareness_s);
}

}  // namespace vigil::clocks
