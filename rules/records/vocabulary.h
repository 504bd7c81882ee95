// What a feed record is checked against: the trial's own controlled terms.
// Built from the trial configuration; rules/ does not know where it came from.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {

enum class Causality { kRelated, kNotRelated };

struct TrialVocabulary {
  std::string study_id;                  // STUDYID every record must carry
  std::vector<std::string> cohorts;      // ARMCD values (e.g. "A", "B")
  std::vector<std::string> treatments;   // EXTRT values and AEREL_<TRT> suffixes
  std::vector<std::string> related;      // causality values meaning "related"
  std::vector<std::string> not_related;  // causality values meaning "not related"

  bool IsCohort(std::string_view v) const;
  bool IsTreatment(std::string_view v) const;
  // Case-insensitive; nullopt when the value is in neither list.
  std::optional<Causality> ClassifyCausality(std::string_view v) const;
};

}  // namespace vigil
