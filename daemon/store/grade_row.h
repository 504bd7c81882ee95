// One CTCAE grade of one current record and term, as the store writes and
// reads it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace vigil::store {

struct GradeRow {
  std::string record_key, term, ctcae_term, dtc;
  std::int64_t record_id = 0;
  std::optional<int> grade;  // empty: NA
  std::string reason;        // why NA
  bool worst_case = false;
  std::string assumption, criteria_version;
  bool is_baseline = false, post_baseline = false, treatment_emergent = false;
  std::optional<int> baseline_grade;
};

// A grade as read back, with the series it belongs to.
struct GradeView : GradeRow {
  std::string domain, test_code, usubjid;
};

}  // namespace vigil::store
