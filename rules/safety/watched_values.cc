#include "rules/safety/watched_values.h"

#include <algorithm>
#include <cstdlib>

namespace vigil::safety {
namespace {

template <std::size_t N>
bool OneOf(std::string_view code, const std::string_view (&set)[N]) {
  return std::find(std::begin(set), std::end(set), code) != std::end(set);
}

double Number(const ctcae::Decimal& d) { return std::strtod(d.ToString().c_str(), nullptr); }

// The number a text starts with; nullopt when it has none.
std::optional<double> Parse(const std::string& text) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end == text.c_str()) return std::nullopt;
  return v;
}

}  // namespace

bool IsLiverTest(std::string_view mapped_code) { return OneOf(mapped_code, kLiverTests); }
bool IsBloodPressure(std::string_view test_code) { return OneOf(test_code, kBloodPressure); }

WatchedValues::WatchedValues(const AlertPlan& plan) {
  for (const Trigger& t : plan.triggers) {
    for (const LabCondition& c : t.lab) {
      for (const std::string& code : c.test_codes) test_codes_.insert(ctcae::AsciiUpper(code));
    }
    if (!t.vitals) continue;
    auto lowest = [](std::optional<double>& low, const std::optional<ctcae::Decimal>& v) {
      if (!v) return;
      const double d = Number(*v);
      low = low ? std::min(*low, d) : d;
    };
    lowest(lowest_sbp_, t.vitals->sbp_at_least);
    lowest(lowest_dbp_, t.vitals->dbp_at_least);
  }
  const HysLawParams& hy = plan.hys_law;
  transaminase_x_ = Number(hy.alt_ast_x_uln);
  bilirubin_x_ = Number(hy.bilirubin_x_uln);
  if (hy.baseline_adjusted) {
    transaminase_x_ = std::min(*transaminase_x_, Number(hy.baseline_adjusted->alt_ast_x_baseline));
    bilirubin_x_ = std::min(*bilirubin_x_, Number(hy.baseline_adjusted->bilirubin_x_baseline));
  }
}

bool WatchedValues::LiverCandidate(std::string_view test, const grading::SeriesRow& row) const {
  const std::optional<double> value = Parse(row.value);
  const std::optional<double> uln = Parse(row.uln);
  // Both forms of Hy's law need ALT or AST above a multiple of ULN and
  // bilirubin above one (an abnormal baseline is above ULN): a case can
  // begin only with such a value (or one that cannot be compared). ALP
  // only blocks a case; its corrections regrade the series.
  double multiple = 0;  // ALP: none
  if (test == "BILI") multiple = bilirubin_x_.value_or(0);
  if (test == "ALT" || test == "AST") multiple = transaminase_x_.value_or(0);
  return !value || !uln || (multiple > 0 && *value >= multiple * *uln * (1 - 1e-9));
}

bool WatchedValues::PressureCandidate(std::string_view test, const grading::SeriesRow& row) const {
  if (!WatchesPressure()) return false;
  const std::optional<double> value = Parse(row.value);
  const auto& lowest = test == "SYSBP" ? lowest_sbp_ : lowest_dbp_;
  return !value || (lowest && *value >= *lowest * (1 - 1e-9));
}

}  // namespace vigil::safety
