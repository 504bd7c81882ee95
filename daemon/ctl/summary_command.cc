#include "daemon/ctl/summary_command.h"

#include "config/load.h"
#include "daemon/summary/subject_facts.h"
#include "rules/records/iso_date.h"
#include "rules/summary/summary_document.h"

namespace vigil::ctl {
namespace {

int Fail(std::ostream& err, const vigil::Status& s) {
  err << "vigilctl summary: " << s.message() << "\n";
  return kFailure;
}

}  // namespace

int Summary(const std::string& db_path, const SummaryRequest& request, std::ostream& out, std::ostream& err) {
  if (!request.asof.empty()) {
    auto d = ParseIsoDateTime(request.asof);
    if (!d.ok() || !d->has_full_date()) {
      err << "vigilctl summary: --asof '" << request.asof << "' is not a full ISO 8601 date\n";
      return kUsage;
    }
  }
  auto reader = store::Reader::Open(db_path);
  if (!reader.ok()) return Fail(err, reader.status());
  auto text = (*reader)->LatestConfiguration();
  if (!text.ok()) return Fail(err, text.status());
  auto config = config::ParseConfigText(*text, "the daemon's configuration");
  if (!config.ok()) return Fail(err, config.status());
  auto grader = ctcae::Grader::Load(config->trial.ctcae_version);
  if (!grader.ok()) return Fail(err, grader.status());
  auto categories = config->TrialCategories();
  if (!categories.ok()) return Fail(err, categories.status());
  auto latest = (*reader)->LatestDelivery(request.known_at);
  if (!latest.ok()) return Fail(err, latest.status());
  const std::string moment = request.known_at.empty() ? *latest : request.known_at;
  // The clinical cut-off: the one asked for, else the date of the latest
  // delivery known then.
  const std::string cutoff = request.asof.empty() ? moment.substr(0, 10) : request.asof;
  Result<std::vector<summary::SubjectFacts>> facts = Status::NotFound("");
  if (request.known_at.empty()) {
    facts = CurrentFacts(**reader, *config, *categories, cutoff);
  } else {
    auto snapshot = (*reader)->Snapshot(request.known_at);
    if (!snapshot.ok()) return Fail(err, snapshot.status());
    facts = KnownAtFacts(*snapshot, *config, *grader, *categories, cutoff);
  }
  if (!facts.ok()) return Fail(err, facts.status());

  std::vector<summary::CohortInfo> cohorts;
  for (const config::Cohort& c : config->cohorts) cohorts.push_back({c.id, c.name});
  const nlohmann::json doc = summary::BuildSummary(
      {.asof = cutoff, .known_at = request.known_at, .generated_at = moment, .ctcae_version = grader->version()},
      cohorts, *facts);
  if (request.format == Format::kCsv) {
    out << summary::SummaryCsv(doc);
  } else {
    out << doc.dump(2) << "\n";
  }
  return kOk;
}

}  // namespace vigil::ctl
