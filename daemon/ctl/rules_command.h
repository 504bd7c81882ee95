// `vigilctl rules posterior|boundary|oc`: stopping-rule statistics for the
// trial statistician (product spec, "vigilctl rules"). The flags are parsed
// here; the documents are tools/rules_cli/rules_cli.h.
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>

namespace vigil::ctl {

class RulesCommand {
 public:
  // Adds `rules` and its three subcommands to `parent`.
  explicit RulesCommand(CLI::App& parent);

  // Whether `rules` was given on the command line.
  bool Selected() const { return rules_->parsed(); }
  // Runs the chosen subcommand: 0, 1 on a computation failure, 2 on a bad
  // argument (named).
  int Run(std::ostream& out, std::ostream& err) const;

 private:
  void AddPriorFlags(CLI::App* sub);
  void AddPocockFlags(CLI::App* sub);

  CLI::App* rules_ = nullptr;
  CLI::App* posterior_ = nullptr;
  CLI::App* boundary_ = nullptr;
  CLI::App* oc_ = nullptr;

  // Every flag of the three subcommands; CLI11 fills those given.
  std::string method_;
  double prior_a_ = 1, prior_b_ = 1, threshold_ = 0, cutoff_ = 0.9;
  int n_ = 0, x_ = 0, n_max_ = 0;
  double std_a_ = 0, std_b_ = 0, exp_a_ = 0, exp_b_ = 0, delta_ = 0;
  double p_lo_ = 0, p_hi_ = 0, cp0_ = 0.1, cp1_ = 0.9;
  int ngrid_ = 6, niter_ = 10;
  std::string looks_, priority_ = "null", side_ = "lo", stop_at_, p_true_;
  double p0_ = 0, p1_ = 0, alpha_ = 0.05, beta_ = 0.2;
};

}  // namespace vigil::ctl
