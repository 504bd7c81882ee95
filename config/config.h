// The typed trial configuration: one JSON file (comments allowed), read once,
// validated as a whole, then swapped in. Defaults are the values written here.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "config/http.h"
#include "config/notifiers.h"
#include "config/safety_plan.h"
#include "rules/categories/category_set.h"
#include "rules/ctcae/grade.h"
#include "rules/records/vocabulary.h"

namespace vigil::config {

struct Trial {
  std::string study_id;
  std::string title;
  std::string ctcae_version = "5.0";
};

struct Treatment {
  std::string id;  // EXTRT value and AEREL_<id> suffix
  std::string name;
  // "investigational": an investigational medicinal product, whose suspected
  // unexpected serious reactions are SUSARs (ICH E2A; 21 CFR 312.32). Default
  // true (safety first: a treatment left unmarked can start a SUSAR clock);
  // false for what is not a drug under investigation, e.g. radiotherapy.
  bool investigational = true;
  // The dose planned per EX record (per administration or cycle, as EXDOSE
  // is recorded), in `planned_dose_unit` (compared with EXDOSU): the
  // relative dose intensity of the summary's exposure table
  // (rules/summary/exposure_table.h). Unset: no dose intensity.
  std::optional<double> planned_dose;
  std::string planned_dose_unit;
};

struct Cohort {
  std::string id;  // DM.ARMCD value
  std::string name;
  std::vector<std::string> treatments;  // ids from Config::treatments
};

struct CausalityTerms {
  std::vector<std::string> related = {"Y", "RELATED", "POSSIBLY RELATED", "PROBABLY RELATED", "DEFINITELY RELATED"};
  std::vector<std::string> not_related = {"N", "NOT RELATED", "UNLIKELY RELATED"};
};

// What CTCAE leaves to the sponsor (rules/ctcae/README.md).
struct Grading {
  // Creatinine "x baseline" criteria: "literal" (also below ULN, as admiral
  // reads CTCAE), "above_uln_only", or "off" (x ULN only).
  std::string creatinine_baseline_rule = "literal";

  ctcae::Options Options() const;
};

// The treatment-emergent windows of the DSMB summary (docs/definitions.md).
struct SummaryOptions {
  // Days after the last dose during which an adverse event still counts as
  // treatment-emergent and the subject as exposed (patient-years). Also when
  // a death recorded only in DM counts for the stopping rules. The key
  // `follow_up_days` is accepted as its deprecated alias.
  int teae_window_days = 30;
  // The same for an immune-related adverse event (adebrelimab's long
  // half-life): never shorter than teae_window_days.
  int irae_window_days = 90;
};

struct SpoolFeed {
  bool enabled = true;
  // Where producers rename files in; "" = STATE_DIR/spool. A directory of
  // its own (e.g. /var/spool/vigil, 3770 vigil:vigil-feed) lets accounts
  // that may not read the state directory deliver (docs/operations.md,
  // "Feeds from other accounts"). Absolute.
  std::string directory;
  // A file larger than this is quarantined with that reason, unread: one
  // delivery must not exhaust the daemon's memory.
  int max_file_mib = 256;
};

// HL7 v2 over MLLP (docs/feeds.md, "HL7 v2 over MLLP"). `vigild --mllp
// ADDR:PORT` overrides `listen`; without either there is no listener.
struct MllpFeed {
  std::string listen;  // "ADDR:PORT"; "" = not listening
  // A frame larger than this is answered AR and its connection closed.
  int max_message_bytes = 1 << 20;
  // A connection silent this long is closed.
  int idle_timeout_seconds = 300;
  // Connections open at once; one more is closed on arrival.
  int max_connections = 64;
};

struct Feeds {
  SpoolFeed spool;
  MllpFeed mllp;
};

// The database's share of the daemon's memory.
struct Storage {
  // The SQLite page cache of the connection that writes (the read
  // connections keep SQLite's default, 2 MiB each). Larger keeps more of
  // the current-version and series indexes in memory during a big ingest;
  // the pages also stay in the kernel's page cache, so a small value costs
  // little (bench/README.md, "Memory").
  int page_cache_mib = 16;
};

struct Config {
  Trial trial;
  std::vector<Treatment> treatments;
  std::vector<Cohort> cohorts;
  CausalityTerms causality;
  Grading grading;
  SummaryOptions summary;
  Feeds feeds;
  Storage storage;
  std::string state_dir = "/var/lib/vigil";

  // The trial's changes to the default toxicity categories (object; see
  // rules/categories/category_set.h for its shape); null when none.
  nlohmann::json category_overrides;

  // "safety_plan": alerts, stopping rules, regulatory clocks (safety_plan.h).
  SafetyPlan safety_plan;

  // "notifiers": receivers, routes, retries (notifiers.h).
  Notifiers notifiers;

  // "http": the HTTP API's listener and limits (http.h).
  Http http;

  // The controlled terms feed records are checked against.
  TrialVocabulary Vocabulary() const;
  // The ids of the treatments that are investigational products.
  std::vector<std::string> InvestigationalTreatments() const;
  // The default toxicity categories with this trial's changes.
  Result<categories::CategorySet> TrialCategories() const;
  // What the safety plan may name: the cohort and treatment ids, and the
  // terms the trial's CTCAE version grades (none, so none checked, when the
  // version is not one the grader has).
  safety::PlanContext SafetyPlanContext() const;
};

}  // namespace vigil::config
