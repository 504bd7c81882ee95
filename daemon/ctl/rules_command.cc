#include "daemon/ctl/rules_command.h"

#include "daemon/ctl/commands.h"
#include "rules/stats/look_list.h"
#include "tools/rules_cli/rules_cli.h"

namespace vigil::ctl {
namespace {

int Print(const Result<std::string>& doc, std::ostream& out, std::ostream& err) {
  if (!doc.ok()) {
    err << "vigilctl rules: " << doc.status().message() << "\n";
    return doc.status().code() == Status::Code::kInvalid ? kUsage : kFailure;
  }
  out << *doc;
  return kOk;
}

int Usage(std::ostream& err, const std::string& message) {
  err << "vigilctl rules: " << message << "\n";
  return kUsage;
}

}  // namespace

RulesCommand::RulesCommand(CLI::App& parent) {
  rules_ = parent.add_subcommand("rules", "stopping-rule statistics: posterior, boundary, oc (CSV)");
  rules_->require_subcommand(1);

  posterior_ = rules_->add_subcommand("posterior", "Pr(p > threshold | x of n), or the Thall-Simon-Estey probability");
  posterior_->add_option("--method", method_, "beta (default) or tse")->check(CLI::IsMember({"beta", "tse"}));
  AddPriorFlags(posterior_);
  posterior_->add_option("--n", n_, "patients evaluated")->required();
  posterior_->add_option("--x", x_, "patients with the event")->required();
  posterior_->add_option("--std-a", std_a_, "standard rate prior Beta(a0, b0): a0 (tse)");
  posterior_->add_option("--std-b", std_b_, "standard rate prior: b0 (tse)");
  posterior_->add_option("--exp-a", exp_a_, "experimental rate prior Beta(a, b): a (tse)");
  posterior_->add_option("--exp-b", exp_b_, "experimental rate prior: b (tse)");
  posterior_->add_option("--delta", delta_, "margin over the standard rate (tse)");

  boundary_ = rules_->add_subcommand("boundary", "stopping boundaries: bayes, pocock (clinfun::toxbdry), sprt");
  boundary_->add_option("--method", method_, "bayes, pocock or sprt")
      ->required()
      ->check(CLI::IsMember({"bayes", "pocock", "sprt"}));
  AddPriorFlags(boundary_);
  boundary_->add_option("--cutoff", cutoff_, "posterior probability that stops (bayes)");
  boundary_->add_option("--n-max", n_max_, "largest n of the table (bayes)");
  AddPocockFlags(boundary_);
  boundary_->add_option("--p0", p0_, "acceptable rate (sprt)");
  boundary_->add_option("--p1", p1_, "unacceptable rate (sprt)");
  boundary_->add_option("--alpha", alpha_, "type I error (sprt)");
  boundary_->add_option("--beta", beta_, "type II error (sprt)");
  boundary_->add_option("--n", n_, "patients evaluated (sprt)");

  oc_ = rules_->add_subcommand("oc", "exact operating characteristics of a boundary");
  oc_->add_option("--method", method_, "bayes or pocock; none for an explicit --stop-at boundary")
      ->check(CLI::IsMember({"bayes", "pocock"}));
  oc_->add_option("--stop-at", stop_at_, "X1,X2,...: stop at look k when the count >= X_k");
  AddPriorFlags(oc_);
  oc_->add_option("--cutoff", cutoff_, "posterior probability that stops (bayes)");
  oc_->add_option("--n-max", n_max_, "looks 1..N (bayes)");
  AddPocockFlags(oc_);
  oc_->add_option("--side", side_, "lo or hi boundary of toxbdry (pocock)");
  oc_->add_option("--p-true", p_true_, "true event rate(s), comma separated")->required();
}

void RulesCommand::AddPriorFlags(CLI::App* sub) {
  sub->add_option("--prior-a", prior_a_, "Beta prior a");
  sub->add_option("--prior-b", prior_b_, "Beta prior b");
  sub->add_option("--threshold", threshold_, "the unacceptable event rate");
}

void RulesCommand::AddPocockFlags(CLI::App* sub) {
  sub->add_option("--p-lo", p_lo_, "acceptable rate (pocock)");
  sub->add_option("--p-hi", p_hi_, "unacceptable rate (pocock)");
  sub->add_option("--looks", looks_, "N1,N2,... or 1..N");
  sub->add_option("--cp0", cp0_, "crossing probability at p-lo (default 0.1)");
  sub->add_option("--cp1", cp1_, "crossing probability at p-hi (default 0.9)");
  sub->add_option("--delta", delta_, "boundary shape: 0 Pocock .. 0.5 O'Brien-Fleming");
  sub->add_option("--priority", priority_, "null or alt");
  sub->add_option("--ngrid", ngrid_, "rates in the OC grid (default 6)");
  sub->add_option("--niter", niter_, "iterations (default 10)");
}

int RulesCommand::Run(std::ostream& out, std::ostream& err) const {
  const stats::BetaPrior prior{.a = prior_a_, .b = prior_b_};
  const stats::BayesianRule bayes{.prior = prior, .threshold = threshold_, .cutoff = cutoff_};
  auto pocock = [&]() -> Result<stats::ToxBoundaryDesign> {
    auto looks = stats::ParseLooks(looks_);
    if (!looks.ok()) return looks.status();
    auto priority = stats::ParseToxPriority(priority_);
    if (!priority.ok()) return priority.status();
    return stats::ToxBoundaryDesign{.p_lo = p_lo_,
                                    .p_hi = p_hi_,
                                    .looks = *looks,
                                    .cp0 = cp0_,
                                    .cp1 = cp1_,
                                    .ngrid = ngrid_,
                                    .niter = niter_,
                                    .delta = delta_,
                                    .priority = *priority};
  };

  if (posterior_->parsed()) {
    if (method_ == "tse") {
      return Print(stats::TsePosteriorCsv({.a = std_a_, .b = std_b_}, {.a = exp_a_, .b = exp_b_}, n_, x_, delta_), out,
                   err);
    }
    if (posterior_->count("--threshold") == 0) return Usage(err, "posterior: --threshold is required");
    return Print(stats::PosteriorCsv(prior, n_, x_, threshold_), out, err);
  }
  if (boundary_->parsed()) {
    if (method_ == "bayes") return Print(stats::BayesBoundaryCsv(bayes, n_max_), out, err);
    if (method_ == "sprt")
      return Print(stats::SprtBoundaryCsv({.p0 = p0_, .p1 = p1_, .alpha = alpha_, .beta = beta_}, n_), out, err);
    auto design = pocock();
    if (!design.ok()) return Print(design.status(), out, err);
    return Print(stats::PocockBoundaryCsv(*design), out, err);
  }
  if (oc_->parsed()) {
    auto p_true = stats::ParseProbabilities(p_true_, "p_true");
    if (!p_true.ok()) return Print(p_true.status(), out, err);
    if (method_ == "bayes") {
      std::vector<int> looks;
      if (!looks_.empty()) {
        auto parsed = stats::ParseLooks(looks_);
        if (!parsed.ok()) return Print(parsed.status(), out, err);
        looks = *parsed;
      } else {
        for (int n = 1; n <= n_max_; ++n) looks.push_back(n);
      }
      return Print(stats::BayesOcCsv(bayes, looks, *p_true), out, err);
    }
    if (method_ == "pocock") {
      auto design = pocock();
      if (!design.ok()) return Print(design.status(), out, err);
      auto side = stats::ParseToxBoundarySide(side_);
      if (!side.ok()) return Print(side.status(), out, err);
      return Print(stats::PocockOcCsv(*design, *side, *p_true), out, err);
    }
    auto looks = stats::ParseLooks(looks_);
    if (!looks.ok()) return Print(looks.status(), out, err);
    auto stop_at = stats::ParseStopAt(stop_at_);
    if (!stop_at.ok()) return Print(stop_at.status(), out, err);
    return Print(stats::OcCsv({.looks = *looks, .min_x_to_stop = *stop_at}, *p_true), out, err);
  }
  return kUsage;
}

}  // namespace vigil::ctl
