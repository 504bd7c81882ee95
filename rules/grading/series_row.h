// Which records make a series and what grading reads of each: the one
// definition, for records arriving (the grade stage), records stored (the
// store reads the same variables back) and records shown (the subject
// endpoint). Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/ctcae/criteria.h"
#include "rules/grading/series.h"
#include "rules/records/record.h"

namespace vigil::grading {

// The current records of one subject's test: what CTCAE grading reads.
struct SeriesKey {
  Domain domain = Domain::kLb;
  std::string usubjid;
  std::string test_code;  // LBTESTCD, VSTESTCD, EGTESTCD; or the LOINC code when `loinc`
  bool loinc = false;     // LB records that carry only LBLOINC

  friend auto operator<=>(const SeriesKey&, const SeriesKey&) = default;
};

struct SeriesRow {
  std::int64_t record_id = 0;
  int version = 1;  // the record key's version (1 for the first)
  std::string record_key, dtc = {};
  bool flagged_baseline = false;
  // The standard result and range when LBSTRESN is given, else the original
  // result, unit and range as collected.
  std::string value = {}, unit = {}, lln = {}, uln = {}, specimen = {};
  std::string result_status = {};  // LBRESSTAT: FINAL, PRELIMINARY, CORRECTED, AMENDED; "" when not given
};

// The series row of a record, from its SDTM variables (`get` returns a
// variable's value, "" when absent).
template <typename Get>
SeriesRow MakeSeriesRow(Domain domain, std::int64_t record_id, std::string record_key, Get get) {
  SeriesRow r{.record_id = record_id, .record_key = std::move(record_key)};
  switch (domain) {
    case Domain::kLb: {
      const bool standard = !std::string_view(get("LBSTRESN")).empty();
      r.dtc = get("LBDTC");
      r.flagged_baseline = get("LBBLFL") == "Y" || get("LBLOBXFL") == "Y";
      r.value = standard ? get("LBSTRESN") : get("LBORRES");
      r.unit = standard ? get("LBSTRESU") : get("LBORRESU");
      r.lln = standard ? get("LBSTNRLO") : get("LBORNRLO");
      r.uln = standard ? get("LBSTNRHI") : get("LBORNRHI");
      r.specimen = get("LBSPEC");
      r.result_status = get("LBRESSTAT");
      break;
    }
    case Domain::kVs:
    case Domain::kEg: {
      // The same variables under the domain's prefix: VSDTC, EGDTC, ...
      const std::string prefix = domain == Domain::kVs ? "VS" : "EG";
      auto var = [&](const char* name) { return get((prefix + name).c_str()); };
      r.dtc = var("DTC");
      r.flagged_baseline = var("BLFL") == "Y";
      r.value = var("STRESN");
      r.unit = var("STRESU");
      break;
    }
    default: break;
  }
  return r;
}

// The series row of a record as it arrived.
SeriesRow SeriesRowOf(const Record& record, std::int64_t record_id);

// The series a measurement record belongs to; nullopt for a domain that is
// not graded or a record without a test code.
std::optional<SeriesKey> SeriesOf(const Record& record);

// The code system a series' test code is looked up in.
ctcae::CodeSystem CodeSystemOf(const SeriesKey& key);

// The test a series measures, whatever identified it: a LOINC series of a
// test the criteria know is named by that test's LBTESTCD ("1742-6" ->
// "ALT"), so every path that selects labs by test (Hy's law, liver and lab
// triggers) finds LOINC-only labs as it finds coded ones. Other keys: their
// own code, upper case.
std::string MappedTestCode(const ctcae::Criteria& criteria, const SeriesKey& key);

// The LOINC codes the criteria map to the same test as an LBTESTCD.
std::vector<std::string> LoincCodesOf(const ctcae::Criteria& criteria, std::string_view lbtestcd);

// What series grading reads of one row.
Observation ObservationOf(const SeriesRow& row);

}  // namespace vigil::grading
