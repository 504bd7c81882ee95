#include "tools/rules_cli/rules_cli.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "rules/csv/csv.h"
#include "rules/stats/operating_characteristics.h"
#include "rules/stats/tse_posterior.h"

namespace vigil::stats {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

TEST(StatsRulesCli, PosteriorDocument) {
  Result<std::string> csv = PosteriorCsv({0.6, 1.4}, 20, 7, 0.3);
  ASSERT_TRUE(csv.ok());
  const std::vector<std::string> lines = Lines(*csv);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "posterior_prob_gt");
  // 15 significant digits, within 1e-9 of R's 0.658073795326158.
  EXPECT_NEAR(std::stod(lines[1]), 0.658073795326158, 1e-9 * 0.66);
  EXPECT_EQ(lines[1].size(), std::string("0.658073795326158").size());
  EXPECT_EQ(csv->back(), '\n');
}

TEST(StatsRulesCli, TinyProbabilitiesKeepTheirDigits) {
  Result<std::string> csv = PosteriorCsv({1, 1}, 100, 0, 0.3);
  ASSERT_TRUE(csv.ok());
  const std::vector<std::string> lines = Lines(*csv);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NEAR(std::stod(lines[1]) / 2.26413355673732e-16, 1.0, 1e-12);
  EXPECT_NE(lines[1].find("e-16"), std::string::npos);
}

TEST(StatsRulesCli, TsePosteriorDocument) {
  Result<std::string> csv = TsePosteriorCsv({30, 70}, {0.6, 1.4}, 20, 8, 0.1);
  ASSERT_TRUE(csv.ok());
  const std::vector<std::string> lines = Lines(*csv);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "prob_exp_gt_std_plus_delta");
  EXPECT_NEAR(std::stod(lines[1]), 0.45921125157743, 1e-9 * 0.46);
}

TEST(StatsRulesCli, BayesBoundaryDocumentWritesNa) {
  Result<std::string> csv = BayesBoundaryCsv({{1, 1}, 0.40, 0.95}, 5);
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(*csv, "n,min_x_to_stop\n1,NA\n2,NA\n3,3\n4,4\n5,4\n");
}

TEST(StatsRulesCli, PocockBoundaryDocument) {
  ToxBoundaryDesign design{.p_lo = 0.2, .p_hi = 0.35, .looks = {20, 40, 60, 75}};
  Result<std::string> csv = PocockBoundaryCsv(design);
  ASSERT_TRUE(csv.ok()) << csv.status().message();
  EXPECT_EQ(*csv, "look_index,n,lo_bdry,hi_bdry\n1,20,7,7\n2,40,12,12\n3,60,17,17\n4,75,20,21\n");
}

TEST(StatsRulesCli, SprtDocumentIsOneRowForN) {
  Result<std::string> csv = SprtBoundaryCsv({.p0 = 0.2, .p1 = 0.4, .alpha = 0.05, .beta = 0.2}, 10);
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(*csv,
            "n,upper_x_real,lower_x_real,min_x_to_stop_tox,max_x_accept_h0\n"
            "10,5.75982968433146,1.34445022150608,6,1\n");
}

TEST(StatsRulesCli, OcDocumentsAgreeAcrossTheThreeForms) {
  const std::string header = "p_true,pcross,pstop_before_last,expected_n";
  // Explicit boundary (SC_GS4_p0.4 of the reference vectors).
  StoppingBoundary gs4{.looks = {10, 20, 30, 40}, .min_x_to_stop = {5, 8, 11, 13}};
  Result<std::string> csv = OcCsv(gs4, {0.4});
  ASSERT_TRUE(csv.ok());
  std::vector<std::string> lines = Lines(*csv);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], header);
  Result<csv::Table> table = csv::Parse(*csv);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->rows[0].fields[0], "0.4");
  EXPECT_NEAR(std::stod(table->rows[0].fields[1]), 0.8933847692513, 1e-9);
  EXPECT_NEAR(std::stod(table->rows[0].fields[2]), 0.764356240260402, 1e-9);
  EXPECT_NEAR(std::stod(table->rows[0].fields[3]), 22.4564735112878, 1e-8);

  // Bayesian rule BB4 over 1..40, two rates, one row each.
  Result<std::string> bayes = BayesOcCsv({{0.2, 1.8}, 0.10, 0.90},
                                         [] {
                                           std::vector<int> looks;
                                           for (int n = 1; n <= 40; ++n) looks.push_back(n);
                                           return looks;
                                         }(),
                                         {0.1, 0.3});
  ASSERT_TRUE(bayes.ok());
  lines = Lines(*bayes);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], header);
  EXPECT_EQ(lines[1].substr(0, 4), "0.1,");
  EXPECT_NEAR(std::stod(lines[1].substr(4)), 0.227661492807711, 1e-9);
  EXPECT_EQ(lines[2].substr(0, 4), "0.3,");
  EXPECT_NEAR(std::stod(lines[2].substr(4)), 0.985432340355544, 1e-9);

  // toxbdry TB01 low boundary at p_lo equals its pcross_lo.
  ToxBoundaryDesign tb01{.p_lo = 0.2, .p_hi = 0.35, .looks = {20, 40, 60, 75}};
  Result<std::string> pocock = PocockOcCsv(tb01, ToxBoundarySide::kLow, {0.2});
  ASSERT_TRUE(pocock.ok());
  lines = Lines(*pocock);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NEAR(std::stod(lines[1].substr(4)), 0.101300907717992, 1e-10);
  Result<std::string> pocock_hi = PocockOcCsv(tb01, ToxBoundarySide::kHigh, {0.2});
  ASSERT_TRUE(pocock_hi.ok());
  EXPECT_NEAR(std::stod(Lines(*pocock_hi)[1].substr(4)), 0.0875064098060483, 1e-10);
}

TEST(StatsRulesCli, ErrorsNameTheArgument) {
  EXPECT_EQ(PosteriorCsv({1, 1}, 5, 6, 0.3).status().message().rfind("x", 0), 0u);
  EXPECT_EQ(TsePosteriorCsv({30, 70}, {1, 1}, 5, 1, 2).status().message().rfind("delta", 0), 0u);
  EXPECT_EQ(BayesBoundaryCsv({{1, 1}, 0.3, 0.9}, 0).status().message().rfind("n_max", 0), 0u);
  EXPECT_EQ(PocockBoundaryCsv({.p_lo = 0.2, .p_hi = 0.35, .looks = {20}}).status().message().rfind("looks", 0), 0u);
  EXPECT_EQ(SprtBoundaryCsv({.p0 = 0.4, .p1 = 0.2}, 5).status().message().rfind("p1", 0), 0u);
  EXPECT_EQ(OcCsv({.looks = {5}, .min_x_to_stop = {2}}, {}).status().message().rfind("p_true", 0), 0u);
  EXPECT_EQ(OcCsv({.looks = {5}, .min_x_to_stop = {2}}, {2.0}).status().message().rfind("p_true", 0), 0u);
}

TEST(StatsRulesCli, NumberFormatHasFifteenSignificantDigits) {
  EXPECT_EQ(FormatCsvNumber(0.1 + 0.2), "0.3");
  EXPECT_EQ(FormatCsvNumber(1.0 / 3.0), "0.333333333333333");
  EXPECT_EQ(FormatCsvNumber(1e-61), "1e-61");
  EXPECT_EQ(FormatCsvNumber(22.0), "22");
}

}  // namespace
}  // namespace vigil::stats
