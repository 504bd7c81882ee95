#include "rules/grading/series_row.h"

namespace vigil::grading {

SeriesRow SeriesRowOf(const Record& record, std::int64_t record_id) {
  return MakeSeriesRow(record.domain, record_id, std::string(record.key()),
                       [&](std::string_view var) { return std::string(record.Get(var)); });
}

ctcae::CodeSystem CodeSystemOf(const SeriesKey& key) {
  switch (key.domain) {
    case Domain::kVs: return ctcae::CodeSystem::kVsTestCd;
    case Domain::kEg: return ctcae::CodeSystem::kEgTestCd;
    default: return key.loinc ? ctcae::CodeSystem::kLoinc : ctcae::CodeSystem::kLbTestCd;
  }
}

std::string MappedTestCode(const ctcae::Criteria& criteria, const SeriesKey& key) {
  const std::string code = ctcae::AsciiUpper(key.test_code);
  if (!key.loinc) return code;
  auto analyte = criteria.codes.find({ctcae::CodeSystem::kLoinc, code});
  if (analyte == criteria.codes.end()) return code;
  for (const auto& [system_code, index] : criteria.codes) {
    if (system_code.first == ctcae::CodeSystem::kLbTestCd && index == analyte->second) return system_code.second;
  }
  return code;
}

std::vector<std::string> LoincCodesOf(const ctcae::Criteria& criteria, std::string_view lbtestcd) {
  std::vector<std::string> out;
  auto analyte = criteria.codes.find({ctcae::CodeSystem::kLbTestCd, ctcae::AsciiUpper(lbtestcd)});
  if (analyte == criteria.codes.end()) return out;
  for (const auto& [system_code, index] : criteria.codes) {
    if (system_code.first == ctcae::CodeSystem::kLoinc && index == analyte->second) out.push_back(system_code.second);
  }
  return out;
}

Observation ObservationOf(const SeriesRow& r) {
  return {.record_id = r.record_id,
          .dtc = r.dtc,
          .flagged_baseline = r.flagged_baseline,
          .measurement = {.value = r.value, .unit = r.unit, .uln = r.uln, .lln = r.lln, .baseline = {}},
          .specimen = r.specimen};
}

std::optional<SeriesKey> SeriesOf(const Record& r) {
  SeriesKey key{.domain = r.domain, .usubjid = std::string(r.usubjid()), .test_code = {}, .loinc = false};
  switch (r.domain) {
    case Domain::kLb:
      key.test_code = r.Get("LBTESTCD");
      if (key.test_code.empty()) {
        key.test_code = r.Get("LBLOINC");
        key.loinc = true;
      }
      break;
    case Domain::kVs: key.test_code = r.Get("VSTESTCD"); break;
    case Domain::kEg: key.test_code = r.Get("EGTESTCD"); break;
    default: return std::nullopt;
  }
  if (key.test_code.empty()) return std::nullopt;
  return key;
}

}  // namespace vigil::grading
