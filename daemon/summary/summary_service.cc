#include "daemon/summary/summary_service.h"

#include "config/load.h"
#include "daemon/safety/rule_courses.h"
#include "daemon/summary/subject_facts.h"
#include "rules/records/iso_date.h"
#include "rules/summary/rounding.h"
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

namespace {

Result<nlohmann::json> FullPrecisionDocument(store::Reader& reader, const SummaryContext& context,
                                             const SummaryQuery& query) {
  if (query.asof.empty() && query.known_at.empty()) {
    auto cached = reader.CachedSummary(kCurrentSummary);
    if (!cached.ok()) return cached.status();
    if (*cached) {
      nlohmann::json doc = nlohmann::json::parse(**cached, nullptr, /*allow_exceptions=*/false);
      if (!doc.is_discarded()) return doc;
    }
  }
  return ComputeSummaryDocument(reader, context, query);
}

}  // namespace

Result<nlohmann::json> BuildSummaryDocument(store::Reader& reader, const SummaryContext& context,
                                            const SummaryQuery& query) {
  auto doc = FullPrecisionDocument(reader, context, query);
  if (doc.ok() && query.precision == SummaryPrecision::kRounded) summary::RoundForReading(*doc);
  return doc;
}

Result<nlohmann::json> ComputeSummaryDocument(store::Reader& reader, const SummaryContext& context,
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
  std::vector<store::RuleCourseRow> courses;
  if (query.known_at.empty()) {
    facts = CurrentFacts(reader, context.config, *context.categories, cutoff);
    auto stored = reader.RuleCourses();
    if (!stored.ok()) return stored.status();
    courses = std::move(*stored);
  } else {
    auto snapshot = reader.Snapshot(query.known_at);
    if (!snapshot.ok()) return snapshot.status();
    facts = KnownAtFacts(*snapshot, context.config, *context.grader, *context.categories, cutoff, &courses);
  }
  if (!facts.ok()) return facts.status();
  auto rules = EvaluateRules(context.config, courses, cutoff);
  if (!rules.ok()) return rules.status();
  // What the cut-off leaves out is said, not silent.
  auto after = reader.DatedAfter(cutoff, query.known_at);
  if (!after.ok()) return after.status();

  summary::DocumentHeader header{.asof = cutoff,
                                 .known_at = query.known_at,
                                 .generated_at = moment,
                                 .ctcae_version = context.grader->version(),
                                 .windows = WindowsOf(context.config)};
  for (Domain d : kAllDomains) header.after_cutoff[std::string(DomainName(d))] = (*after)[static_cast<std::size_t>(d)];
  for (const config::Treatment& t : context.config.treatments) {
    header.treatments.push_back({t.id, t.planned_dose, t.planned_dose_unit});
  }
  std::vector<summary::CohortInfo> cohorts;
  for (const config::Cohort& c : context.config.cohorts) cohorts.push_back({c.id, c.name, c.treatments});
  nlohmann::json doc = summary::BuildSummary(header, cohorts, *facts);
  // Each stopping rule's state as of the cut-off, in its cohort; pooled
  // rules (all cohorts together) at the top level.
  nlohmann::json pooled = nlohmann::json::array();
  for (const stopping::RuleState& state : *rules) {
    nlohmann::json j = stopping::ToJson(state);
    if (state.cohort == stopping::kPooledCohort) {
      pooled.push_back(std::move(j));
      continue;
    }
    for (nlohmann::json& c : doc["cohorts"]) {
      if (c["id"] == state.cohort) c["stopping_rules"].push_back(j);
    }
  }
  doc["stopping_rules_pooled"] = std::move(pooled);
  return doc;
}

}  // namespace vigil
