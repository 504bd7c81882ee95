#include "rules/stats/toxicity_boundary.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "tests/rules/stats/test_vectors.h"

namespace vigil::stats {
namespace {

using testing::ForEachVector;
using testing::LoadVectors;
using testing::NearRule;
using testing::VectorRow;

std::vector<int> Range(int from, int to, int step = 1) {
  std::vector<int> v;
  for (int n = from; n <= to; n += step) v.push_back(n);
  return v;
}

// print.toxbdry's "r/n" form: with looks at every n, r at the last n before
// each increase and at the end; otherwise every look.
std::string Printed(const std::vector<int>& looks, const std::vector<int>& r) {
  bool every_n = true;
  for (std::size_t k = 1; k < looks.size(); ++k) every_n = every_n && looks[k] - looks[k - 1] == 1;
  std::string out;
  for (std::size_t k = 0; k < looks.size(); ++k) {
    const bool last = k + 1 == looks.size();
    if (every_n && !last && r[k + 1] <= r[k]) continue;
    if (!out.empty()) out += ' ';
    out += std::to_string(r[k]) + "/" + std::to_string(looks[k]);
  }
  return out;
}

struct Config {
  ToxBoundaryDesign design;
  std::vector<VectorRow> boundary_rows;
};

TEST(StatsToxicityBoundary, ReproducesPublicBoundaryVectors) {
  const csv::Table table = LoadVectors("toxbdry_boundary");
  std::map<std::string, Config> configs;
  ForEachVector(table, [&](const VectorRow& v) {
    Config& c = configs[v.CaseId()];
    c.design.p_lo = v.Num("pLo");
    c.design.p_hi = v.Num("pHi");
    c.design.cp0 = v.Num("cP0");
    c.design.cp1 = v.Num("cP1");
    c.design.ngrid = v.Int("ngrid");
    c.design.niter = v.Int("niter");
    c.design.delta = v.Num("delta");
    c.design.priority = v.Str("priority") == "alt" ? ToxPriority::kAlt : ToxPriority::kNull;
    EXPECT_EQ(v.Int("look_index"), static_cast<int>(c.design.looks.size()) + 1);
    c.design.looks.push_back(v.Int("n"));
    c.boundary_rows.push_back(v);
  });
  ASSERT_GE(configs.size(), 4u);
  for (const auto& [id, c] : configs) {
    SCOPED_TRACE(id);
    Result<ToxBoundary> b = ToxicityBoundary(c.design);
    ASSERT_TRUE(b.ok()) << b.status().message();
    ASSERT_EQ(b->looks, c.design.looks);
    for (std::size_t k = 0; k < c.boundary_rows.size(); ++k) {
      EXPECT_EQ(b->lo_bdry[k], c.boundary_rows[k].Int("lo_bdry")) << "n = " << b->looks[k];
      EXPECT_EQ(b->hi_bdry[k], c.boundary_rows[k].Int("hi_bdry")) << "n = " << b->looks[k];
    }
  }
}

// The designs of toxbdry_oc's case ids, as the reference lists them.
std::map<std::string, ToxBoundaryDesign> ReferenceDesigns() {
  return {
      {"TB01", {.p_lo = 0.2, .p_hi = 0.35, .looks = {20, 40, 60, 75}}},
      {"TB02", {.p_lo = 0.2, .p_hi = 0.3, .looks = {20, 40, 60, 75}, .cp0 = 0.15, .cp1 = 0.8}},
      {"TB03", {.p_lo = 0.1, .p_hi = 0.3, .looks = Range(2, 30)}},
      {"TB04", {.p_lo = 0.1, .p_hi = 0.3, .looks = Range(2, 25), .priority = ToxPriority::kAlt}},
      {"TB05", {.p_lo = 0.25, .p_hi = 0.45, .looks = Range(3, 40)}},
      {"TB06", {.p_lo = 0.25, .p_hi = 0.45, .looks = Range(3, 40), .delta = 0.5}},
      {"TB07", {.p_lo = 0.05, .p_hi = 0.2, .looks = Range(2, 40), .cp1 = 0.8}},
      {"TB08", {.p_lo = 0.3, .p_hi = 0.5, .looks = Range(5, 40, 5), .delta = 0.1}},
      {"TB09",
       {.p_lo = 0.15,
        .p_hi = 0.35,
        .looks = Range(6, 36, 6),
        .cp0 = 0.05,
        .cp1 = 0.85,
        .delta = 0.25,
        .priority = ToxPriority::kAlt}},
  };
}

TEST(StatsToxicityBoundary, ReproducesPublicOperatingCharacteristics) {
  const std::map<std::string, ToxBoundaryDesign> designs = ReferenceDesigns();
  std::map<std::string, ToxBoundary> computed;
  std::map<std::string, std::size_t> next_row;
  const int rows = ForEachVector(LoadVectors("toxbdry_oc"), [&](const VectorRow& v) {
    const std::string id = v.CaseId();
    ASSERT_TRUE(designs.count(id)) << "unknown case";
    if (!computed.count(id)) {
      Result<ToxBoundary> b = ToxicityBoundary(designs.at(id));
      ASSERT_TRUE(b.ok()) << b.status().message();
      computed.emplace(id, *b);
    }
    const ToxBoundary& b = computed.at(id);
    const std::size_t i = next_row[id]++;
    ASSERT_LT(i, b.oc.size());
    const ToxBoundaryOc& oc = b.oc[i];
    EXPECT_NEAR(oc.ptox, v.Num("ptox"), 1e-14);
    EXPECT_TRUE(NearRule(oc.lo.pcross, v.Num("pcross_lo")));
    EXPECT_TRUE(NearRule(oc.lo.pstop_before_last, v.Num("pstop_lo")));
    EXPECT_TRUE(NearRule(oc.lo.expected_n, v.Num("ess_lo")));
    EXPECT_TRUE(NearRule(oc.hi.pcross, v.Num("pcross_hi")));
    EXPECT_TRUE(NearRule(oc.hi.pstop_before_last, v.Num("pstop_hi")));
    EXPECT_TRUE(NearRule(oc.hi.expected_n, v.Num("ess_hi")));
  });
  EXPECT_GT(rows, 0);
}

// The four examples of the clinfun::toxbdry documentation: boundaries as
// printed, and the crossing probabilities at p_lo to the 3 decimals printed.
TEST(StatsToxicityBoundary, PublishedClinfunExamples) {
  struct Published {
    const char* id;
    const char* low;
    const char* high;
    double pcross_lo, pcross_hi;
  };
  const std::map<std::string, ToxBoundaryDesign> designs = ReferenceDesigns();
  for (const Published& pub : {
           Published{"TB01", "7/20 12/40 17/60 20/75", "7/20 12/40 17/60 21/75", 0.101, 0.088},
           Published{"TB02", "6/20 12/40 16/60 20/75", "7/20 12/40 16/60 20/75", 0.152, 0.117},
           Published{"TB03", "1/3 2/8 3/13 4/20 5/26 6/30", "1/3 2/8 3/13 4/19 5/26 6/30", 0.100, 0.097},
           Published{"TB04", "1/4 2/10 3/16 4/23 5/25", "1/4 2/10 3/16 4/22 5/25", 0.146, 0.140},
       }) {
    SCOPED_TRACE(pub.id);
    Result<ToxBoundary> b = ToxicityBoundary(designs.at(pub.id));
    ASSERT_TRUE(b.ok()) << b.status().message();
    EXPECT_EQ(Printed(b->looks, b->lo_bdry), pub.low);
    EXPECT_EQ(Printed(b->looks, b->hi_bdry), pub.high);
    EXPECT_NEAR(b->oc.front().lo.pcross, pub.pcross_lo, 5e-4);
    EXPECT_NEAR(b->oc.front().hi.pcross, pub.pcross_hi, 5e-4);
  }
}

// The trial-like designs written out in the reference (section 2.2).
TEST(StatsToxicityBoundary, ReferenceTrialDesigns) {
  const std::map<std::string, ToxBoundaryDesign> designs = ReferenceDesigns();
  Result<ToxBoundary> tb05 = ToxicityBoundary(designs.at("TB05"));
  ASSERT_TRUE(tb05.ok());
  EXPECT_EQ(Printed(tb05->looks, tb05->lo_bdry),
            "2/3 3/5 4/8 5/10 6/13 7/16 8/19 9/22 10/25 11/28 12/31 13/34 14/37 15/40");
  Result<ToxBoundary> tb06 = ToxicityBoundary(designs.at("TB06"));
  ASSERT_TRUE(tb06.ok());
  EXPECT_EQ(Printed(tb06->looks, tb06->lo_bdry), "3/3 4/4 5/5 6/9 7/13 8/17 9/22 10/26 11/30 12/34 13/38 14/40");
  Result<ToxBoundary> tb07 = ToxicityBoundary(designs.at("TB07"));
  ASSERT_TRUE(tb07.ok());
  EXPECT_EQ(Printed(tb07->looks, tb07->lo_bdry), "1/7 2/16 3/27 4/39 5/40");
  EXPECT_EQ(Printed(tb07->looks, tb07->hi_bdry), "1/6 2/16 3/27 4/39 5/40");
}

// When the search converged; otherwise it used all niter + 1 iterations.
TEST(StatsToxicityBoundary, LowAndHighDifferByAtMostOneUnlessTheCapIsHit) {
  for (const auto& [id, design] : ReferenceDesigns()) {
    Result<ToxBoundary> b = ToxicityBoundary(design);
    ASSERT_TRUE(b.ok()) << id;
    int total = 0;
    for (std::size_t k = 0; k < b->looks.size(); ++k) {
      EXPECT_GE(b->hi_bdry[k], b->lo_bdry[k]) << id;
      total += b->hi_bdry[k] - b->lo_bdry[k];
    }
    if (total > 1) {
      EXPECT_EQ(b->iterations, design.niter + 1) << id;
    }
    EXPECT_GE(total, 0) << id;
    const double target = design.priority == ToxPriority::kNull ? design.cp0 : design.cp1;
    const ToxBoundaryOc& at_target = design.priority == ToxPriority::kNull ? b->oc.front() : b->oc.back();
    EXPECT_GE(at_target.lo.pcross, target) << id;
    EXPECT_LT(at_target.hi.pcross, target) << id;
  }
}

TEST(StatsToxicityBoundary, IterationCapAsInClinfun) {
  // toxbdry(0.25, 0.45, 3:40) stops on the cap with boundaries that differ at
  // several looks (reference TB05: low 4/8 ... , high 4/7 ...).
  ToxBoundaryDesign design = ReferenceDesigns().at("TB05");
  Result<ToxBoundary> capped = ToxicityBoundary(design);
  ASSERT_TRUE(capped.ok());
  EXPECT_EQ(capped->iterations, 11);
  EXPECT_EQ(Printed(capped->looks, capped->hi_bdry),
            "2/3 3/5 4/7 5/10 6/13 7/15 8/18 9/21 10/24 11/27 12/30 13/33 14/36 15/40");
  // The interpolation steps stall on one end of the bracket (the crossing
  // probability is a step function of alpha), so more iterations do not
  // close it either; the ends still straddle the target.
  design.niter = 40;
  Result<ToxBoundary> longer = ToxicityBoundary(design);
  ASSERT_TRUE(longer.ok());
  EXPECT_EQ(longer->iterations, 41);
  EXPECT_GE(longer->oc.front().lo.pcross, design.cp0);
  EXPECT_LT(longer->oc.front().hi.pcross, design.cp0);
}

TEST(StatsToxicityBoundary, StoppingBoundaryConversion) {
  Result<ToxBoundary> b = ToxicityBoundary(ReferenceDesigns().at("TB06"));
  ASSERT_TRUE(b.ok());
  const StoppingBoundary s = b->AsStoppingBoundary(ToxBoundarySide::kLow);
  ASSERT_EQ(s.looks.size(), b->looks.size());
  // lo_bdry starts 3/3 4/4 5/5 6/6 6/7: no stop is possible before n = 7.
  for (std::size_t k = 0; k < 4; ++k) EXPECT_FALSE(s.min_x_to_stop[k].has_value()) << k;
  EXPECT_EQ(s.min_x_to_stop[4], std::optional<int>(7));
  for (std::size_t k = 4; k < s.looks.size(); ++k) {
    EXPECT_EQ(s.min_x_to_stop[k], std::optional<int>(b->lo_bdry[k] + 1)) << k;
  }
}

TEST(StatsToxicityBoundary, RSeqMatchesR) {
  const std::vector<double> g = RSeqLength(0.2, 0.35, 6);
  ASSERT_EQ(g.size(), 6u);
  EXPECT_EQ(g.front(), 0.2);
  EXPECT_EQ(g.back(), 0.35);
  EXPECT_EQ(g[1], 0.2 + 1 * ((0.35 - 0.2) / 5));
}

TEST(StatsToxicityBoundary, RejectsInvalidDesignsNamingTheArgument) {
  struct Case {
    ToxBoundaryDesign design;
    const char* named;
  };
  const std::vector<Case> cases = {
      {{.p_lo = 0.2, .p_hi = 0.35, .looks = {20}}, "looks"},
      {{.p_lo = 0.2, .p_hi = 0.35, .looks = {20, 10}}, "looks[2]"},
      {{.p_lo = 0.4, .p_hi = 0.35, .looks = {10, 20}}, "p_hi"},
      {{.p_lo = 0.0, .p_hi = 0.35, .looks = {10, 20}}, "p_lo"},
      {{.p_lo = 0.2, .p_hi = 0.35, .looks = {10, 20}, .cp0 = 1.0}, "cp0"},
      {{.p_lo = 0.2, .p_hi = 0.35, .looks = {10, 20}, .ngrid = 1}, "ngrid"},
      {{.p_lo = 0.2, .p_hi = 0.35, .looks = {10, 20}, .niter = -1}, "niter"},
      {{.p_lo = 0.2, .p_hi = 0.35, .looks = {10, 20}, .delta = 0.6}, "delta"},
      // Even stopping at the first event cannot reach cp0 = 0.5 at p_lo = 0.01.
      {{.p_lo = 0.01, .p_hi = 0.2, .looks = {1, 2}, .cp0 = 0.5}, "cp0"},
  };
  for (const Case& c : cases) {
    Result<ToxBoundary> b = ToxicityBoundary(c.design);
    ASSERT_FALSE(b.ok()) << c.named;
    EXPECT_EQ(b.status().code(), Status::Code::kInvalid);
    EXPECT_EQ(b.status().message().rfind(c.named, 0), 0u) << b.status().message();
  }
}

}  // namespace
}  // namespace vigil::stats
