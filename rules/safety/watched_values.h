// Which arriving measurements can change a subject's Hy's-law or
// blood-pressure findings, so that the pipeline evaluates those (which read
// every liver test or blood pressure of the subject) only when one did.
// A coarse filter in doubles that leans to evaluate: the findings
// themselves compare exact decimals. Pure.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "rules/grading/series_row.h"
#include "rules/safety/plan.h"

namespace vigil::safety {

// The tests Hy's law reads, and the blood pressures the vitals triggers.
inline constexpr std::string_view kLiverTests[] = {"ALT", "AST", "BILI", "ALP"};
inline constexpr std::string_view kBloodPressure[] = {"SYSBP", "DIABP"};

bool IsLiverTest(std::string_view mapped_code);
bool IsBloodPressure(std::string_view test_code);

class WatchedValues {
 public:
  explicit WatchedValues(const AlertPlan& plan);

  // A liver test (by its mapped code) whose value may begin a Hy's-law case:
  // ALT or AST above the lowest multiple of ULN, bilirubin above its own,
  // or a value that cannot be compared. ALP only blocks a case: false.
  bool LiverCandidate(std::string_view mapped_code, const grading::SeriesRow& row) const;
  // A blood pressure at or above the lowest a vitals trigger watches (or one
  // that cannot be compared); false when no trigger watches it.
  bool PressureCandidate(std::string_view test_code, const grading::SeriesRow& row) const;
  // Whether blood pressures matter at all (a vitals trigger exists).
  bool WatchesPressure() const { return lowest_sbp_ || lowest_dbp_; }
  // Whether a lab trigger names the test (upper case, own or mapped code):
  // a test CTCAE does not grade matters only then.
  bool Named(std::string_view code) const { return test_codes_.contains(std::string(code)); }

 private:
  std::set<std::string> test_codes_;
  std::optional<double> lowest_sbp_, lowest_dbp_;
  std::optional<double> transaminase_x_, bilirubin_x_;
};

}  // namespace vigil::safety
