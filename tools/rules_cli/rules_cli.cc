#include "tools/rules_cli/rules_cli.h"

#include <cstdio>

#include "rules/stats/operating_characteristics.h"
#include "rules/stats/tse_posterior.h"

namespace vigil::stats {
namespace {

std::string Field(int value) { return std::to_string(value); }
std::string Field(double value) { return FormatCsvNumber(value); }
std::string Field(const std::optional<int>& value) { return value ? std::to_string(*value) : std::string("NA"); }

template <typename... T>
void AppendRow(std::string& out, const T&... fields) {
  bool first = true;
  ((out += (first ? "" : ","), out += Field(fields), first = false), ...);
  out += '\n';
}

}  // namespace

std::string FormatCsvNumber(double value) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15g", value);
  return buf;
}

Result<std::string> PosteriorCsv(const BetaPrior& prior, int n, int x, double threshold) {
  Result<double> p = PosteriorProbAbove(prior, n, x, threshold);
  if (!p.ok()) return p.status();
  std::string out = "posterior_prob_gt\n";
  AppendRow(out, *p);
  return out;
}

Result<std::string> TsePosteriorCsv(const BetaPrior& standard, const BetaPrior& experimental, int n, int x,
                                    double delta) {
  Result<double> p = TseProbExceedsStandard(standard, experimental, n, x, delta);
  if (!p.ok()) return p.status();
  std::string out = "prob_exp_gt_std_plus_delta\n";
  AppendRow(out, *p);
  return out;
}

Result<std::string> BayesBoundaryCsv(const BayesianRule& rule, int n_max) {
  Result<StoppingBoundary> b = BayesianBoundary(rule, n_max);
  if (!b.ok()) return b.status();
  std::string out = "n,min_x_to_stop\n";
  for (std::size_t k = 0; k < b->looks.size(); ++k) {
    AppendRow(out, b->looks[k], b->min_x_to_stop[k]);
  }
  return out;
}

Result<std::string> PocockBoundaryCsv(const ToxBoundaryDesign& design) {
  Result<ToxBoundary> b = ToxicityBoundary(design);
  if (!b.ok()) return b.status();
  std::string out = "look_index,n,lo_bdry,hi_bdry\n";
  for (std::size_t k = 0; k < b->looks.size(); ++k) {
    AppendRow(out, static_cast<int>(k + 1), b->looks[k], b->lo_bdry[k], b->hi_bdry[k]);
  }
  return out;
}

Result<std::string> SprtBoundaryCsv(const SprtDesign& design, int n) {
  Result<SprtBoundary> b = WaldSprtBoundary(design, n);
  if (!b.ok()) return b.status();
  std::string out = "n,upper_x_real,lower_x_real,min_x_to_stop_tox,max_x_accept_h0\n";
  AppendRow(out, b->n, b->upper_x_real, b->lower_x_real, b->min_x_to_stop_tox, b->max_x_accept_h0);
  return out;
}

Result<std::string> OcCsv(const StoppingBoundary& boundary, const std::vector<double>& p_true) {
  if (p_true.empty()) return Status::Invalid("p_true: must list at least one probability");
  std::string out = "p_true,pcross,pstop_before_last,expected_n\n";
  for (double p : p_true) {
    Result<OperatingCharacteristics> oc = ExactOperatingCharacteristics(boundary, p);
    if (!oc.ok()) return oc.status();
    AppendRow(out, oc->p_true, oc->pcross, oc->pstop_before_last, oc->expected_n);
  }
  return out;
}

Result<std::string> BayesOcCsv(const BayesianRule& rule, const std::vector<int>& looks,
                               const std::vector<double>& p_true) {
  Result<StoppingBoundary> b = BayesianBoundary(rule, looks);
  if (!b.ok()) return b.status();
  return OcCsv(*b, p_true);
}

Result<std::string> PocockOcCsv(const ToxBoundaryDesign& design, ToxBoundarySide side,
                                const std::vector<double>& p_true) {
  Result<ToxBoundary> b = ToxicityBoundary(design);
  if (!b.ok()) return b.status();
  return OcCsv(b->AsStoppingBoundary(side), p_true);
}

}  // namespace vigil::stats
