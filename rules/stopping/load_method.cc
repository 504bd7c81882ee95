// The bayesian, sprt and count methods, and the dispatch on "type"; toxbdry,
// which has more to check, is in load_toxbdry.cc.
#include "rules/stopping/load_method.h"

#include <string>

#include "rules/stopping/load_values.h"

namespace vigil::stopping::load {
namespace {

// {"a", "b"} or {"mean", "ess"} (a = mean * ess, b = (1 - mean) * ess: the
// prior centred on the acceptable rate with the weight of `ess` patients,
// clinical.md §3(b)).
std::optional<stats::BetaPrior> ReadPrior(const Node& p) {
  if (!p.IsObjectWithKeys({"a", "b", "mean", "ess"})) return std::nullopt;
  const bool shapes = p.Find("a") || p.Find("b");
  const bool moments = p.Find("mean") || p.Find("ess");
  if (shapes && moments) {
    p.Error("give either \"a\" and \"b\", or \"mean\" and \"ess\", not both");
    return std::nullopt;
  }
  if (moments) {
    const auto mean = Probability(p, "mean", true);
    const auto ess = Positive(p, "ess", true);
    if (!mean || !ess) return std::nullopt;
    return stats::BetaPrior{*mean * *ess, (1.0 - *mean) * *ess};
  }
  const auto a = Positive(p, "a", true);
  const auto b = Positive(p, "b", true);
  if (!a || !b) return std::nullopt;
  return stats::BetaPrior{*a, *b};
}

}  // namespace

std::optional<Method> ReadMethod(const Node& m) {
  if (!m.json().is_object()) {
    m.Error("expected an object");
    return std::nullopt;
  }
  const auto type = m.String("type", true);
  if (!type) return std::nullopt;
  const auto t = ParseMethodType(*type);
  if (!t) {
    m.Member("type").Error("unknown method type \"" + *type + "\" (known: bayesian, toxbdry, sprt, count)");
    return std::nullopt;
  }
  switch (*t) {
    case MethodType::kBayesian: return ReadBayesian(m);
    case MethodType::kToxbdry: return ReadToxbdry(m);
    case MethodType::kSprt: return ReadSprt(m);
    case MethodType::kCount: return ReadCount(m);
  }
  return std::nullopt;
}

std::optional<Method> ReadBayesian(const Node& m) {
  m.IsObjectWithKeys({"type", "prior", "threshold", "cutoff"});
  std::optional<stats::BetaPrior> prior;
  if (!m.Find("prior")) {
    m.Error("missing \"prior\"");
  } else {
    prior = ReadPrior(m.Member("prior"));
  }
  const auto threshold = Probability(m, "threshold", true);
  const auto cutoff = Probability(m, "cutoff", true);
  if (!prior || !threshold || !cutoff) return std::nullopt;
  return BayesianMethod{{*prior, *threshold, *cutoff}};
}

std::optional<Method> ReadSprt(const Node& m) {
  m.IsObjectWithKeys({"type", "p0", "p1", "alpha", "beta"});
  const auto p0 = Probability(m, "p0", true);
  const auto p1 = Probability(m, "p1", true);
  const auto alpha = Probability(m, "alpha", true);
  const auto beta = Probability(m, "beta", true);
  bool ok = p0 && p1 && alpha && beta;
  if (p0 && p1 && !(*p0 < *p1)) {
    m.Member("p1").Error("must be greater than p0 (the unacceptable rate above the acceptable one)");
    ok = false;
  }
  if (alpha && beta && !(*alpha + *beta < 1.0)) {
    m.Member("beta").Error("alpha + beta must be below 1 (else log B >= log A)");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return SprtMethod{{*p0, *p1, *alpha, *beta}};
}

std::optional<Method> ReadCount(const Node& m) {
  m.IsObjectWithKeys({"type", "events"});
  const auto events = IntAtLeast(m, "events", 1, true);
  if (!events) return std::nullopt;
  return CountMethod{*events};
}

}  // namespace vigil::stopping::load
