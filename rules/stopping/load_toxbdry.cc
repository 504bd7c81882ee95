// The toxbdry method: clinfun::toxbdry's arguments under their clinfun names
// (p0 = pLo, p1 = pHi, cp0 = cP0, cp1 = cP1), and the boundary computed once
// here, so a design clinfun would refuse is a configuration error.
#include <string>

#include "rules/stopping/load_method.h"
#include "rules/stopping/load_values.h"

namespace vigil::stopping::load {
namespace {

// "looks": [n1, n2, ...] strictly increasing from >= 1, or "n_max" with an
// optional "n_min" (default 1) for a look at every n from n_min to n_max.
std::optional<std::vector<int>> ReadLooks(const Node& m) {
  const bool listed = m.Find("looks") != nullptr;
  if (listed == (m.Find("n_max") != nullptr)) {
    m.Error(listed ? "give either \"looks\" or \"n_max\", not both" : "missing \"looks\" (or \"n_max\")");
    return std::nullopt;
  }
  if (!listed) {
    if (m.Find("n_min")) {
      const auto n_min = IntAtLeast(m, "n_min", 1, true);
      if (!n_min) return std::nullopt;
      const auto n_max = IntAtLeast(m, "n_max", *n_min + 1, true);
      if (!n_max) return std::nullopt;
      std::vector<int> looks;
      for (int n = *n_min; n <= *n_max; ++n) looks.push_back(n);
      return looks;
    }
    const auto n_max = IntAtLeast(m, "n_max", 2, true);
    if (!n_max) return std::nullopt;
    std::vector<int> looks;
    for (int n = 1; n <= *n_max; ++n) looks.push_back(n);
    return looks;
  }
  if (m.Find("n_min")) m.Member("n_min").Error("\"n_min\" goes with \"n_max\", not with \"looks\"");
  const Node list = m.Member("looks");
  if (!list.json().is_array() || list.json().size() < 2) {
    list.Error("expected an array of at least two looks (numbers of evaluable patients)");
    return std::nullopt;
  }
  std::vector<int> looks;
  bool ok = true;
  for (std::size_t i = 0; i < list.json().size(); ++i) {
    const auto& e = list.json()[i];
    const int previous = looks.empty() ? 0 : looks.back();
    if (!e.is_number_integer() || e.get<long long>() <= previous || e.get<long long>() > 100000) {
      list.Element(i).Error("expected an integer above " + std::to_string(previous) +
                            " (looks increase strictly from 1)");
      ok = false;
      break;
    }
    looks.push_back(e.get<int>());
  }
  if (!ok) return std::nullopt;
  return looks;
}

}  // namespace

std::optional<Method> ReadToxbdry(const Node& m) {
  m.IsObjectWithKeys(
      {"type", "p0", "p1", "looks", "n_min", "n_max", "cp0", "cp1", "delta", "priority", "ngrid", "niter", "side"});
  const stats::ToxBoundaryDesign defaults;
  bool ok = true;
  // A member with a default: the default when absent, nullopt when invalid.
  auto or_default = [&](std::string_view key, auto read, auto fallback) {
    auto v = m.Find(key) ? read() : std::optional(fallback);
    ok = ok && v.has_value();
    return v;
  };
  const auto p0 = Probability(m, "p0", true);
  const auto p1 = Probability(m, "p1", true);
  ok = ok && p0 && p1;
  if (p0 && p1 && !(*p0 < *p1)) {
    m.Member("p1").Error("must be greater than p0 (the unacceptable rate above the acceptable one)");
    ok = false;
  }
  const auto looks = ReadLooks(m);
  ok = ok && looks;
  const auto cp0 = or_default(
      "cp0", [&] { return Probability(m, "cp0", true); }, defaults.cp0);
  const auto cp1 = or_default(
      "cp1", [&] { return Probability(m, "cp1", true); }, defaults.cp1);
  if (cp0 && cp1 && !(*cp0 < *cp1)) {
    m.Member(m.Find("cp1") ? "cp1" : "cp0").Error("cp1 (crossing probability at p1) must be greater than cp0");
    ok = false;
  }
  const auto delta = or_default(
      "delta",
      [&]() -> std::optional<double> {
        const auto v = Number(m, "delta", true);
        if (v && (*v < 0.0 || *v > 0.5)) {
          m.Member("delta").Error("must be in [0, 0.5] (0 Pocock, 0.5 O'Brien-Fleming), got " +
                                  m.Member("delta").json().dump());
          return std::nullopt;
        }
        return v;
      },
      defaults.delta);
  const auto ngrid = or_default(
      "ngrid", [&] { return IntAtLeast(m, "ngrid", 2, true); }, defaults.ngrid);
  const auto niter = or_default(
      "niter", [&] { return IntAtLeast(m, "niter", 0, true); }, defaults.niter);
  const auto priority = or_default(
      "priority",
      [&]() -> std::optional<stats::ToxPriority> {
        const auto v = m.String("priority", true);
        if (v && (*v == "null" || *v == "alt"))
          return *v == "alt" ? stats::ToxPriority::kAlt : stats::ToxPriority::kNull;
        if (v) m.Member("priority").Error("expected \"null\" or \"alt\"");
        return std::nullopt;
      },
      defaults.priority);
  const auto side = or_default(
      "side",
      [&]() -> std::optional<stats::ToxBoundarySide> {
        const auto v = m.String("side", true);
        if (v && (*v == "lo" || *v == "hi")) {
          return *v == "hi" ? stats::ToxBoundarySide::kHigh : stats::ToxBoundarySide::kLow;
        }
        if (v) m.Member("side").Error("expected \"lo\" or \"hi\"");
        return std::nullopt;
      },
      stats::ToxBoundarySide::kLow);
  if (!ok) return std::nullopt;

  const stats::ToxBoundaryDesign design{.p_lo = *p0,
                                        .p_hi = *p1,
                                        .looks = *looks,
                                        .cp0 = *cp0,
                                        .cp1 = *cp1,
                                        .ngrid = *ngrid,
                                        .niter = *niter,
                                        .delta = *delta,
                                        .priority = *priority};
  Result<ToxbdryMethod> method = MakeToxbdryMethod(design, *side);
  if (!method.ok()) {
    m.Error("toxbdry: " + method.status().message());
    return std::nullopt;
  }
  return std::move(method).value();
}

}  // namespace vigil::stopping::load
