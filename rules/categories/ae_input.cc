#include "rules/categories/ae_input.h"

#include "rules/records/iso_date.h"

namespace vigil::categories {

std::optional<IsoDateTime> ReadDate(std::string_view text) {
  if (text.empty()) return std::nullopt;
  auto parsed = ParseIsoDateTime(text);
  if (!parsed.ok()) return std::nullopt;
  return *parsed;
}

AdverseEvent ReadAdverseEvent(const Record& ae, const TrialVocabulary& vocabulary) {
  AdverseEvent e;
  e.decod = std::string(ae.Get("AEDECOD"));
  e.term = std::string(ae.Get("AETERM"));
  e.bodsys = std::string(ae.Get("AEBODSYS"));
  const std::string_view grade = ae.Get("AETOXGR");
  if (grade.size() == 1 && grade[0] >= '1' && grade[0] <= '5') e.grade = grade[0] - '0';
  e.onset = ReadDate(ae.Get("AESTDTC"));
  for (const std::string& treatment : vocabulary.treatments) {
    const std::string_view value = ae.Get("AEREL_" + treatment);
    if (value.empty()) continue;
    if (const auto c = vocabulary.ClassifyCausality(value)) e.causality.emplace(treatment, *c);
  }
  if (const std::string_view overall = ae.Get("AEREL"); !overall.empty()) {
    e.overall_causality = vocabulary.ClassifyCausality(overall);
  }
  e.irae = ParseIraeFlag(ae.Get("AEIRAE"));
  return e;
}

Exposure ReadExposure(const Record& ex) { return MakeExposure(ex.Get("EXTRT"), ex.Get("EXSTDTC"), ex.Get("EXENDTC")); }

Exposure MakeExposure(std::string_view treatment, std::string_view start, std::string_view end) {
  return {.treatment = std::string(treatment), .start = ReadDate(start), .end = ReadDate(end)};
}

}  // namespace vigil::categories
