// `vigilctl rules` as the trial statistician runs it, against the R
// reference vectors: posterior probabilities, Bayesian and toxbdry
// boundaries, SPRT boundaries and operating characteristics.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "daemon_process.h"
#include "rules/csv/csv.h"

namespace vigil::testing {
namespace {

csv::Table Load(const std::string& name) {
  auto t = csv::Parse(ReadFileText(std::string(VIGIL_TEST_DATA) + "/" + name));
  EXPECT_TRUE(t.ok()) << name;
  return *t;
}

// Runs `vigilctl rules ARGS` and returns its CSV.
csv::Table Rules(const std::string& args) {
  CommandResult r = RunCommand(BinaryPath("vigilctl") + " rules " + args);
  EXPECT_EQ(r.exit_code, 0) << args;
  auto t = csv::Parse(r.out);
  EXPECT_TRUE(t.ok()) << args << "\n" << r.out;
  return t.ok() ? *t : csv::Table{};
}

std::string Get(const csv::Table& t, const csv::Row& row, const char* column) {
  const int i = t.Column(column);
  EXPECT_GE(i, 0) << column;
  return i >= 0 ? row.fields[static_cast<std::size_t>(i)] : "";
}

void ExpectClose(const std::string& actual, const std::string& expected, const std::string& what) {
  const double a = std::stod(actual), e = std::stod(expected);
  EXPECT_LE(std::fabs(a - e), 1e-9 * std::max(std::fabs(e), 1e-3)) << what << ": " << actual << " vs " << expected;
}

TEST(VigilctlRules, BetaPosteriorVectors) {
  const csv::Table v = Load("beta_posterior_public.csv");
  for (const csv::Row& row : v.rows) {
    const csv::Table out =
        Rules("posterior --prior-a " + Get(v, row, "prior_a") + " --prior-b " + Get(v, row, "prior_b") + " --n " +
              Get(v, row, "n") + " --x " + Get(v, row, "x") + " --threshold " + Get(v, row, "threshold_p"));
    ASSERT_EQ(out.header, std::vector<std::string>{"posterior_prob_gt"});
    ExpectClose(out.rows.at(0).fields[0], Get(v, row, "posterior_prob_gt"), Get(v, row, "case_id"));
  }
}

TEST(VigilctlRules, TsePosteriorVectors) {
  const csv::Table v = Load("tse_posterior_public.csv");
  for (const csv::Row& row : v.rows) {
    const csv::Table out =
        Rules("posterior --method tse --std-a " + Get(v, row, "std_a") + " --std-b " + Get(v, row, "std_b") +
              " --exp-a " + Get(v, row, "exp_a") + " --exp-b " + Get(v, row, "exp_b") + " --n " + Get(v, row, "n") +
              " --x " + Get(v, row, "x") + " --delta " + Get(v, row, "delta"));
    ExpectClose(out.rows.at(0).fields[0], Get(v, row, "prob_exp_gt_std_plus_delta"), Get(v, row, "case_id"));
  }
}

TEST(VigilctlRules, BayesianBoundaryVectors) {
  const csv::Table v = Load("beta_boundary_public.csv");
  std::map<std::string, std::vector<const csv::Row*>> cases;
  for (const csv::Row& row : v.rows) cases[Get(v, row, "case_id")].push_back(&row);
  for (const auto& [id, rows] : cases) {
    const csv::Row& first = *rows.front();
    const csv::Table out =
        Rules("boundary --method bayes --prior-a " + Get(v, first, "prior_a") + " --prior-b " +
              Get(v, first, "prior_b") + " --threshold " + Get(v, first, "threshold_p") + " --cutoff " +
              Get(v, first, "cutoff_prob") + " --n-max " + std::to_string(rows.size()));
    ASSERT_EQ(out.rows.size(), rows.size()) << id;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      EXPECT_EQ(out.rows[i].fields[0], Get(v, *rows[i], "n")) << id;
      EXPECT_EQ(out.rows[i].fields[1], Get(v, *rows[i], "min_x_to_stop")) << id << " n=" << Get(v, *rows[i], "n");
    }
  }
}

TEST(VigilctlRules, ToxbdryBoundaryVectors) {
  const csv::Table v = Load("toxbdry_boundary_public.csv");
  std::map<std::string, std::vector<const csv::Row*>> cases;
  for (const csv::Row& row : v.rows) cases[Get(v, row, "case_id")].push_back(&row);
  for (const auto& [id, rows] : cases) {
    const csv::Row& first = *rows.front();
    std::string looks;
    for (const csv::Row* r : rows) looks += (looks.empty() ? "" : ",") + Get(v, *r, "n");
    const csv::Table out =
        Rules("boundary --method pocock --p-lo " + Get(v, first, "pLo") + " --p-hi " + Get(v, first, "pHi") +
              " --cp0 " + Get(v, first, "cP0") + " --cp1 " + Get(v, first, "cP1") + " --ngrid " +
              Get(v, first, "ngrid") + " --niter " + Get(v, first, "niter") + " --delta " + Get(v, first, "delta") +
              " --priority " + Get(v, first, "priority") + " --looks " + looks);
    ASSERT_EQ(out.rows.size(), rows.size()) << id;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      EXPECT_EQ(Get(out, out.rows[i], "lo_bdry"), Get(v, *rows[i], "lo_bdry")) << id << " look " << i + 1;
      EXPECT_EQ(Get(out, out.rows[i], "hi_bdry"), Get(v, *rows[i], "hi_bdry")) << id << " look " << i + 1;
    }
  }
}

TEST(VigilctlRules, SprtVectors) {
  const csv::Table v = Load("sprt_boundary_public.csv");
  for (const csv::Row& row : v.rows) {
    const csv::Table out =
        Rules("boundary --method sprt --p0 " + Get(v, row, "p0") + " --p1 " + Get(v, row, "p1") + " --alpha " +
              Get(v, row, "alpha") + " --beta " + Get(v, row, "beta") + " --n " + Get(v, row, "n"));
    const csv::Row& r = out.rows.at(0);
    const std::string id = Get(v, row, "case_id");
    ExpectClose(Get(out, r, "upper_x_real"), Get(v, row, "upper_x_real"), id);
    ExpectClose(Get(out, r, "lower_x_real"), Get(v, row, "lower_x_real"), id);
    EXPECT_EQ(Get(out, r, "min_x_to_stop_tox"), Get(v, row, "min_x_to_stop_tox")) << id;
    EXPECT_EQ(Get(out, r, "max_x_accept_h0"), Get(v, row, "max_x_accept_h0")) << id;
  }
}

TEST(VigilctlRules, OperatingCharacteristicsOfAnExplicitBoundary) {
  const csv::Table v = Load("beta_boundary_oc_public.csv");
  for (const csv::Row& row : v.rows) {
    // The vectors separate lists with ';', which vigilctl accepts as ','.
    const csv::Table out = Rules("oc --looks '" + Get(v, row, "looks") + "' --stop-at '" + Get(v, row, "stop_if_x_ge") +
                                 "' --p-true " + Get(v, row, "p_true"));
    const csv::Row& r = out.rows.at(0);
    const std::string id = Get(v, row, "case_id");
    ExpectClose(Get(out, r, "pcross"), Get(v, row, "pcross"), id);
    ExpectClose(Get(out, r, "pstop_before_last"), Get(v, row, "pstop_before_last"), id);
    ExpectClose(Get(out, r, "expected_n"), Get(v, row, "expected_n"), id);
  }
}

TEST(VigilctlRules, BadArgumentsAreUsageErrorsThatNameTheFlag) {
  CommandResult r =
      RunCommand(BinaryPath("vigilctl") + " rules posterior --n 10 --x 11 --threshold 0.3 2>&1 >/dev/null");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("x: "), std::string::npos) << r.out;
  EXPECT_EQ(RunCommand(BinaryPath("vigilctl") + " rules boundary --method magic 2>/dev/null").exit_code, 2);
}

}  // namespace
}  // namespace vigil::testing
