// vigilctl: the operator's command line. See `vigilctl --help`.
#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdlib>
#include <iostream>

#include "daemon/app.h"
#include "daemon/ctl/alerts_command.h"
#include "daemon/ctl/audit_command.h"
#include "daemon/ctl/backup_command.h"
#include "daemon/ctl/clocks_command.h"
#include "daemon/ctl/commands.h"
#include "daemon/ctl/deliveries_command.h"
#include "daemon/ctl/rules_command.h"
#include "daemon/ctl/simulate_command.h"
#include "daemon/ctl/summary_command.h"
#include "daemon/ctl/token_command.h"
#include "daemon/state_dir.h"
#include "rules/clocks/deadlines.h"

namespace {

std::string DefaultStateDir() {
  const char* env = std::getenv("VIGIL_STATE_DIR");
  return env && *env ? env : "/var/lib/vigil";
}

const std::map<std::string, vigil::ctl::Format> kFormats = {
    {"text", vigil::ctl::Format::kText}, {"json", vigil::ctl::Format::kJson}, {"csv", vigil::ctl::Format::kCsv}};

}  // namespace

int main(int argc, char** argv) {
  using namespace vigil;
  // What vigilctl writes (simulated feeds, a database's WAL) is patient data
  // or looks like it: never readable by others (daemon/state_dir.h).
  ::umask(kProcessUmask);
  CLI::App cli{"vigilctl: operate a Vigil safety-monitoring daemon"};
  cli.require_subcommand(1);
  std::string state_dir = DefaultStateDir();
  cli.add_option("--state-dir", state_dir, "the daemon's state directory (default $VIGIL_STATE_DIR or /var/lib/vigil)");

  ctl::Format format = ctl::Format::kText;
  auto add_format = [&](CLI::App* sub, std::vector<std::string> allowed) {
    std::map<std::string, ctl::Format> choices;
    for (const auto& a : allowed) choices[a] = kFormats.at(a);
    sub->add_option("--format", format, "output format")->transform(CLI::CheckedTransformer(choices, CLI::ignore_case));
  };

  auto* status = cli.add_subcommand("status", "counts of records, quarantine, alerts and outbox");
  add_format(status, {"text", "json"});
  auto* quarantine = cli.add_subcommand("quarantine", "records now rejected or held, with their reasons");
  add_format(quarantine, {"csv", "json"});
  std::string usubjid;
  auto* grades =
      cli.add_subcommand("grades", "a subject's CTCAE grades, baseline, treatment-emergent and worst grades");
  grades->add_option("--subject", usubjid, "USUBJID")->required();
  add_format(grades, {"csv", "json"});

  std::string grade_file, ctcae_version = "5.0", creatinine_rule = "literal";
  auto* grade = cli.add_subcommand("grade", "grade a CSV of lab values by CTCAE (adds grade and grade_reason)");
  grade->add_option("FILE", grade_file, "CSV with term,value,unit,uln,lln,baseline columns")->required();
  grade->add_option("--ctcae-version", ctcae_version, "CTCAE version of the criteria (default 5.0)");
  grade->add_option("--creatinine-baseline-rule", creatinine_rule, "literal, above_uln_only or off (default literal)")
      ->check(CLI::IsMember({"literal", "above_uln_only", "off"}));

  ctl::RulesCommand rules(cli);
  ctl::SimulateCommand simulate(cli);
  ctl::TokenCommand token(cli);
  ctl::AuditCommand audit(cli);

  ctl::SummaryRequest summary_request;
  auto* summary = cli.add_subcommand("summary", "the DSMB's cumulative safety summary by cohort");
  summary->add_option("--asof", summary_request.asof, "clinical data cut-off (ISO date)");
  summary->add_option("--known-at", summary_request.known_at,
                      "what the database knew at this moment (e.g. 2026-06-30T12:00:00.000Z)");
  summary->add_option("--precision", summary_request.precision, "rounded (default: as people read) or full")
      ->check(CLI::IsMember({"rounded", "full"}));
  add_format(summary, {"json", "csv"});

  std::string alert_state = "open";
  auto* alerts = cli.add_subcommand("alerts", "alerts raised by the safety plan");
  alerts->add_option("--state", alert_state, "open (default), acknowledged, withdrawn or all")
      ->check(CLI::IsMember({"open", "acknowledged", "withdrawn", "all"}));
  add_format(alerts, {"text", "json"});
  std::string alert_id, ack_by, ack_note;
  auto* ack = cli.add_subcommand("ack", "acknowledge an open alert");
  ack->add_option("ALERT_ID", alert_id, "the alert's id")->required();
  ack->add_option("--by", ack_by, "who acknowledges")->required();
  ack->add_option("--note", ack_note, "a note kept with the acknowledgement");

  std::string deliveries_alert;
  auto* deliveries = cli.add_subcommand("deliveries", "the delivery log: every attempt to notify a receiver");
  deliveries->add_option("--alert", deliveries_alert, "only the notifications of this alert");
  add_format(deliveries, {"text", "json", "csv"});

  std::vector<std::string> clock_kinds;
  for (const auto& [kind, name] : clocks::kClockKinds.entries()) clock_kinds.emplace_back(name);
  ctl::ClockAction clock_action;
  auto* clock = cli.add_subcommand("clock", "record a regulatory report: submitted, or no report needed (closed)");
  clock->require_subcommand(1);
  auto* clock_submit = clock->add_subcommand("submit", "the case's report of KIND went out at --at, by --by");
  auto* clock_close = clock->add_subcommand("close", "the case needs no further report of KIND");
  for (auto* sub : {clock_submit, clock_close}) {
    sub->add_option("CASE", clock_action.case_id, "USUBJID/AESPID")->required();
    sub->add_option("--kind", clock_action.kind, "the clock: " + clocks::kClockKinds.Joined())
        ->required()
        ->check(CLI::IsMember(clock_kinds));
    sub->add_option("--by", clock_action.by, "who records it")->required();
    sub->add_option("--note", clock_action.note, "a note kept with the clock");
  }
  clock_submit->add_option("--at", clock_action.at, "when the report went out (ISO 8601 with a zone)")->required();
  clock_close->add_option("--at", clock_action.at, "when (ISO 8601 with a zone; default now)");
  bool clock_sites = false;
  auto* clocks = cli.add_subcommand("clocks", "regulatory clocks per case and compliance per site");
  clocks->add_flag("--sites", clock_sites, "CSV/text: the per-site compliance summary instead of the clocks");
  add_format(clocks, {"text", "json", "csv"});

  auto* rebuild = cli.add_subcommand("rebuild", "recompute all derived state (grades) from the stored records");

  std::string backup_file;
  auto* backup =
      cli.add_subcommand("backup", "a consistent copy of the database while the daemon runs, and its SHA-256");
  backup->add_option("FILE", backup_file, "the copy to write (must not exist); FILE.sha256 is written beside it")
      ->required();

  std::string config_file;
  auto* validate = cli.add_subcommand("validate-config", "check a trial configuration; every error with its path");
  validate->add_option("FILE", config_file, "configuration file")->required();

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = cli.exit(e);
    return rc == 0 ? ctl::kOk : ctl::kUsage;
  }

  const std::string db = App::DatabasePath(state_dir).string();
  if (*status) return ctl::Status(db, format, std::cout, std::cerr);
  if (*quarantine) return ctl::Quarantine(db, format, std::cout, std::cerr);
  if (*validate) return ctl::ValidateConfig(config_file, std::cout, std::cerr);
  if (*grades) return ctl::Grades(db, usubjid, format, std::cout, std::cerr);
  if (*rebuild) return ctl::Rebuild(db, std::cout, std::cerr);
  if (*backup) return ctl::Backup(db, backup_file, std::cout, std::cerr);
  if (*alerts) return ctl::Alerts(db, alert_state, format, std::cout, std::cerr);
  if (*ack) return ctl::Ack(db, alert_id, ack_by, ack_note, std::cout, std::cerr);
  if (*deliveries) return ctl::Deliveries(db, deliveries_alert, format, std::cout, std::cerr);
  const std::int64_t now_s =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  if (*clock_submit) return ctl::ClockSubmit(db, clock_action, now_s, std::cout, std::cerr);
  if (*clock_close) return ctl::ClockClose(db, clock_action, now_s, std::cout, std::cerr);
  if (*clocks) return ctl::Clocks(db, format, clock_sites, now_s, std::cout, std::cerr);
  if (*summary) {
    summary_request.format = format == ctl::Format::kCsv ? ctl::Format::kCsv : ctl::Format::kJson;
    return ctl::Summary(db, summary_request, std::cout, std::cerr);
  }
  if (token.Selected()) return token.Run(db, std::cout, std::cerr);
  if (audit.Selected()) return audit.Run(db, std::cout, std::cerr);
  if (simulate.Selected()) return simulate.Run(std::cout, std::cerr);
  if (rules.Selected()) return rules.Run(std::cout, std::cerr);
  if (*grade) return ctl::GradeFile(grade_file, ctcae_version, creatinine_rule, std::cout, std::cerr);
  return ctl::kUsage;
}
