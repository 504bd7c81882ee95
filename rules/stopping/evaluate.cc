#include "rules/stopping/evaluate.h"

#include <cmath>
#include <limits>

namespace vigil::stopping {
namespace {

// What each method contributes at (x, n), before min_evaluable is applied.
struct Verdict {
  double statistic = 0.0;
  double threshold = 0.0;
  std::optional<int> min_x_to_stop;  // may exceed n
};

Result<Verdict> Judge(const BayesianMethod& m, const Tally& t) {
  Result<double> tail = stats::PosteriorProbAbove(m.rule.prior, t.evaluable, t.events, m.rule.threshold);
  if (!tail.ok()) return tail.status();
  Result<std::optional<int>> min_x = stats::MinEventsToStop(m.rule, t.evaluable);
  if (!min_x.ok()) return min_x.status();
  return Verdict{*tail, m.rule.cutoff, *min_x};
}

Result<Verdict> Judge(const ToxbdryMethod& m, const Tally& t) {
  const std::vector<int>& looks = m.design.looks;
  if (looks.empty() || m.max_acceptable.size() != looks.size()) {
    return Status::Invalid("toxbdry boundary not computed (build the method with MakeToxbdryMethod)");
  }
  std::optional<std::size_t> look;
  for (std::size_t k = 0; k < looks.size() && looks[k] <= t.evaluable; ++k) look = k;
  if (!look) return Verdict{static_cast<double>(t.events), std::numeric_limits<double>::quiet_NaN(), std::nullopt};
  const int min_x = m.max_acceptable[*look] + 1;
  return Verdict{static_cast<double>(t.events), static_cast<double>(min_x), min_x};
}

Result<Verdict> Judge(const SprtMethod& m, const Tally& t) {
  Result<stats::SprtBoundary> b = stats::WaldSprtBoundary(m.design, t.evaluable);
  if (!b.ok()) return b.status();
  const double p0 = m.design.p0;
  const double p1 = m.design.p1;
  const double log_lr = t.events * std::log(p1 / p0) + (t.evaluable - t.events) * std::log((1.0 - p1) / (1.0 - p0));
  return Verdict{log_lr, b->log_a, b->min_x_to_stop_tox};
}

Result<Verdict> Judge(const CountMethod& m, const Tally& t) {
  if (m.events < 1) return Status::Invalid("events: must be at least 1, got " + std::to_string(m.events));
  return Verdict{static_cast<double>(t.events), static_cast<double>(m.events), m.events};
}

}  // namespace

Result<RuleState> Evaluate(const StoppingRule& rule, const std::string& cohort,
                           std::span<const PatientCourse> patients) {
  if (cohort.empty()) return Status::Invalid("rule " + rule.id + ": empty cohort id");
  Result<Tally> tally = CountPatients(rule.window_days, patients);
  if (!tally.ok()) return Status::Invalid("rule " + rule.id + ", cohort " + cohort + ": " + tally.status().message());
  Result<Verdict> verdict = std::visit([&](const auto& m) { return Judge(m, *tally); }, rule.method);
  if (!verdict.ok()) {
    return Status::Invalid("rule " + rule.id + ", cohort " + cohort + ": " + verdict.status().message());
  }

  RuleState s;
  s.rule_id = rule.id;
  s.cohort = cohort;
  s.method = TypeOf(rule.method);
  s.events = tally->events;
  s.evaluable = tally->evaluable;
  s.statistic = verdict->statistic;
  s.threshold = verdict->threshold;
  const std::optional<int>& min_x = verdict->min_x_to_stop;
  if (s.evaluable >= rule.min_evaluable && min_x && *min_x <= s.evaluable) {
    s.boundary = *min_x;
    s.distance = *min_x - s.events;
    s.triggered = s.events >= *min_x;
  }
  return s;
}

Result<std::optional<int>> BoundaryAt(const StoppingRule& rule, int n) {
  if (n < 0) return Status::Invalid("rule " + rule.id + ": n must be at least 0, got " + std::to_string(n));
  Result<Verdict> verdict =
      std::visit([&](const auto& m) { return Judge(m, Tally{.events = 0, .evaluable = n}); }, rule.method);
  if (!verdict.ok()) return Status::Invalid("rule " + rule.id + ": " + verdict.status().message());
  const std::optional<int>& min_x = verdict->min_x_to_stop;
  if (n >= rule.min_evaluable && min_x && *min_x <= n) return std::optional<int>(*min_x);
  return std::optional<int>();
}

}  // namespace vigil::stopping
