#include "daemon/summary/summary_service.h"

#include "config/load.h"
#include "daemon/summary/subject_facts.h"
#include "rules/records/iso_date.h"
#include "rules/summary/summary_document.h"

namespace vigil {

Result<SummaryContext> SummaryContext::FromDatabase(store::Reader& reader) {
  auto text = reader.LatestConfiguration();
  if (!text.ok()) return text.status();
  auto config = config::ParseConfigText(*text, "the daemon's configuration");
  if (!config.ok()) return config.status();
  auto grader = ctcae::Grader::Load(config->trial.ctcae_version);
  if (!grader.ok()) return grader.status();
  auto categories = config->TrialCategories();
  if (!categories.ok()) return categories.status();
  SummaryContext c{.config = std::move(*config),
                   .grader = std::make_unique<ctcae::Grader>(std::move(*grader)),
                   .categories = std::make_unique<categories::CategorySet>(std::move(*categories))};
  return c;
}

Result<nlohmann::json> BuildSummaryDocument(store::Reader& reader, const SummaryContext& context,
                                            const SummaryQuery& query) {
  if (!query.asof.empty()) {
    auto d = ParseIsoDateTime(query.asof);
    if (!d.ok() || !d->has_full_date()) {
      return Status::Invalid("asof '" + query.asof + "' is not a full ISO 8601 date");
    }
  }
  auto latest = reader.LatestDelivery(query.known_at);
  if (!latest.ok()) return latest.status();
  const std::string moment = query.known_at.empty() ? *latest : query.known_at;
  // The clinical cut-off: the one asked for, else the date of the latest
  // delivery known then.
  const std::string cutoff = query.asof.empty() ? moment.substr(0, 10) : query.asof;
  Result<std::vector<summary::SubjectFacts>> facts = Status::NotFound("");
  if (query.known_at.empty()) {
    facts = CurrentFacts(reader, context.config, *context.categories, cutoff);
  } else {
    auto snapshot = reader.Snapshot(query.known_at);
    if (!snapshot.ok()) return snapshot.status();
    facts = KnownAtFacts(*snapshot, context.config, *context.grader, *context.categories, cutoff);
  }
  if (!facts.ok()) return facts.status();

  std::vector<summary::CohortInfo> cohorts;
  for (const config::Cohort& c : context.config.cohorts) cohorts.push_back({c.id, c.name});
  return summary::BuildSummary({.asof = cutoff,
                                .known_at = query.known_at,
                                .generated_at = moment,
                                .ctcae_version = context.grader->version()},
                               cohorts, *facts);
}

}  // namespace vigil
