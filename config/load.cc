#include "config/load.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include "rules/ctcae/grader.h"

namespace vigil::config {

// Generated from config/example/ by cmake/Embed.cmake.
const std::map<std::string, std::string_view>& ExampleFiles();

namespace {

void ReadTrial(JsonReader& r, Trial& t) {
  r.String("study_id", t.study_id, true);
  r.String("title", t.title);
  r.String("ctcae_version", t.ctcae_version);
}

// A planned dose is a positive number with its unit: EXDOSE is compared
// with it only in the same unit (rules/summary/exposure_table.h).
void ReadPlannedDose(JsonReader& t, Treatment& treatment) {
  // JSON has no NaN, so NaN stands for "not given" (or not a number,
  // reported by Number).
  double dose = std::numeric_limits<double>::quiet_NaN();
  t.Number("planned_dose", dose);
  t.String("planned_dose_unit", treatment.planned_dose_unit);
  if (!t.Has("planned_dose")) {
    if (!treatment.planned_dose_unit.empty()) t.Error("planned_dose", "required with planned_dose_unit");
    return;
  }
  if (std::isnan(dose)) return;
  if (!std::isfinite(dose) || dose <= 0) {
    t.Error("planned_dose", "must be a positive number");
    return;
  }
  if (treatment.planned_dose_unit.empty()) t.Error("planned_dose_unit", "required with planned_dose");
  treatment.planned_dose = dose;
}

// `follow_up_days` is the deprecated name of `teae_window_days`: one value
// may be given under either name, or the same value under both.
void ReadSummary(JsonReader& r, SummaryOptions& s) {
  constexpr int kUnset = std::numeric_limits<int>::min();
  int teae = kUnset, alias = kUnset;
  r.Int("teae_window_days", teae);
  r.Int("follow_up_days", alias);
  r.Int("irae_window_days", s.irae_window_days);
  if (teae != kUnset && alias != kUnset && teae != alias) {
    r.Error("follow_up_days",
            "is the deprecated name of teae_window_days, which says " + std::to_string(teae) + ": give one of them");
  }
  if (teae != kUnset) {
    s.teae_window_days = teae;
  } else if (alias != kUnset) {
    s.teae_window_days = alias;
  }
}

// `safety_plan` gets the section as JSON: it is read once the trial's ids
// are known to be complete (ParseConfig).
void ReadConfig(JsonReader& r, Config& c, nlohmann::json& safety_plan, nlohmann::json& notifiers) {
  r.Object(
      "trial", [&](JsonReader& t) { ReadTrial(t, c.trial); }, true);
  r.Array(
      "treatments",
      [&](JsonReader& t) {
        Treatment& treatment = c.treatments.emplace_back();
        t.String("id", treatment.id, true);
        t.String("name", treatment.name);
        t.Bool("investigational", treatment.investigational);
        ReadPlannedDose(t, treatment);
      },
      true);
  r.Array(
      "cohorts",
      [&](JsonReader& k) {
        Cohort& cohort = c.cohorts.emplace_back();
        k.String("id", cohort.id, true);
        k.String("name", cohort.name);
        k.StringList("treatments", cohort.treatments, true);
      },
      true);
  r.Object("causality", [&](JsonReader& k) {
    k.StringList("related", c.causality.related);
    k.StringList("not_related", c.causality.not_related);
  });
  r.Object("grading", [&](JsonReader& g) { g.String("creatinine_baseline_rule", c.grading.creatinine_baseline_rule); });
  r.RawObject("categories", c.category_overrides);
  r.Object("summary", [&](JsonReader& g) { ReadSummary(g, c.summary); });
  r.Object("feeds", [&](JsonReader& f) {
    f.Object("spool", [&](JsonReader& s) {
      s.Bool("enabled", c.feeds.spool.enabled);
      s.String("directory", c.feeds.spool.directory);
      if (!c.feeds.spool.directory.empty() && c.feeds.spool.directory[0] != '/') {
        s.Error("directory", "must be an absolute path");
      }
      s.Int("max_file_mib", c.feeds.spool.max_file_mib);
      if (c.feeds.spool.max_file_mib < 1 || c.feeds.spool.max_file_mib > 4096) {
        s.Error("max_file_mib", "must be between 1 and 4096 MiB");
      }
    });
    f.Object("mllp", [&](JsonReader& m) {
      MllpFeed& mllp = c.feeds.mllp;
      m.String("listen", mllp.listen);
      m.Int("max_message_bytes", mllp.max_message_bytes);
      m.Int("idle_timeout_seconds", mllp.idle_timeout_seconds);
      m.Int("max_connections", mllp.max_connections);
      if (!mllp.listen.empty() && mllp.listen.rfind(':') == std::string::npos) {
        m.Error("listen", "'" + mllp.listen + "' is not ADDR:PORT");
      }
      if (mllp.max_message_bytes < 1024 || mllp.max_message_bytes > (64 << 20)) {
        m.Error("max_message_bytes", "must be between 1024 and 67108864 bytes");
      }
      if (mllp.idle_timeout_seconds < 1 || mllp.idle_timeout_seconds > 86400) {
        m.Error("idle_timeout_seconds", "must be between 1 and 86400");
      }
      if (mllp.max_connections < 1 || mllp.max_connections > 10000) {
        m.Error("max_connections", "must be between 1 and 10000");
      }
    });
  });
  r.Object("storage", [&](JsonReader& s) {
    s.Int("page_cache_mib", c.storage.page_cache_mib);
    if (c.storage.page_cache_mib < 1 || c.storage.page_cache_mib > 65536) {
      s.Error("page_cache_mib", "must be between 1 and 65536 MiB");
    }
  });
  r.String("state_dir", c.state_dir);
  r.Object("http", [&](JsonReader& h) { ReadHttp(h, c.http); });
  r.RawObject("safety_plan", safety_plan);
  r.RawObject("notifiers", notifiers);
  r.RejectUnknownKeys();
}

template <typename T>
void CheckUniqueIds(const std::vector<T>& items, const std::string& list, std::vector<ConfigError>& errors) {
  std::set<std::string> ids;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].id.empty() && !ids.insert(items[i].id).second) {
      errors.push_back({list + "[" + std::to_string(i) + "].id", "duplicate id '" + items[i].id + "'"});
    }
  }
}

// Cross-references and values that each member alone cannot judge.
void Validate(const Config& c, std::vector<ConfigError>& errors) {
  const std::vector<std::string> known = ctcae::Grader::KnownVersions();
  if (std::find(known.begin(), known.end(), c.trial.ctcae_version) == known.end()) {
    std::string list;
    for (const std::string& v : known) list += (list.empty() ? "" : ", ") + v;
    errors.push_back(
        {"trial.ctcae_version", "unsupported CTCAE version '" + c.trial.ctcae_version + "' (known: " + list + ")"});
  }
  const std::string& rule = c.grading.creatinine_baseline_rule;
  if (rule != "literal" && rule != "above_uln_only" && rule != "off") {
    errors.push_back({"grading.creatinine_baseline_rule", "'" + rule + "' is not one of literal, above_uln_only, off"});
  }
  if (c.treatments.empty()) errors.push_back({"treatments", "at least one study treatment is required"});
  if (c.cohorts.empty()) errors.push_back({"cohorts", "at least one cohort is required"});
  CheckUniqueIds(c.treatments, "treatments", errors);
  CheckUniqueIds(c.cohorts, "cohorts", errors);
  std::set<std::string> treatment_ids;
  for (const Treatment& t : c.treatments) treatment_ids.insert(t.id);
  for (std::size_t i = 0; i < c.cohorts.size(); ++i) {
    const Cohort& k = c.cohorts[i];
    for (std::size_t j = 0; j < k.treatments.size(); ++j) {
      if (!treatment_ids.contains(k.treatments[j])) {
        errors.push_back({"cohorts[" + std::to_string(i) + "].treatments[" + std::to_string(j) + "]",
                          "unknown treatment '" + k.treatments[j] + "'"});
      }
    }
  }
  if (c.causality.related.empty()) errors.push_back({"causality.related", "must list at least one value"});
  for (std::size_t i = 0; i < c.causality.not_related.size(); ++i) {
    for (const std::string& rel : c.causality.related) {
      if (rel == c.causality.not_related[i]) {
        errors.push_back(
            {"causality.not_related[" + std::to_string(i) + "]", "'" + rel + "' is also listed as related"});
      }
    }
  }
  if (auto categories = c.TrialCategories(); !categories.ok()) {
    errors.push_back({"categories", categories.status().message()});
  }
  if (c.summary.teae_window_days < 0 || c.summary.teae_window_days > 3650) {
    errors.push_back({"summary.teae_window_days", "must be between 0 and 3650 days"});
  }
  if (c.summary.irae_window_days < 0 || c.summary.irae_window_days > 3650) {
    errors.push_back({"summary.irae_window_days", "must be between 0 and 3650 days"});
  } else if (c.summary.irae_window_days < c.summary.teae_window_days) {
    errors.push_back(
        {"summary.irae_window_days", "must not be shorter than summary.teae_window_days (" +
                                         std::to_string(c.summary.teae_window_days) +
                                         "): an immune-related AE would count for less time than any other"});
  }
  // The summary's pooled column is the cohort "ALL" (and pooled stopping
  // rules are evaluated under that name).
  for (std::size_t i = 0; i < c.cohorts.size(); ++i) {
    if (c.cohorts[i].id == "ALL") {
      errors.push_back({"cohorts[" + std::to_string(i) + "].id", "'ALL' is reserved for all cohorts pooled"});
    }
  }
  if (c.state_dir.empty()) errors.push_back({"state_dir", "must not be empty"});
}

}  // namespace

Result<Config> ParseConfigText(std::string_view text, const std::string& source) {
  Config config;
  std::vector<ConfigError> errors = ParseConfig(text, config);
  if (errors.empty()) return config;
  std::string message;
  for (const ConfigError& e : errors) message += source + ": " + e.ToString() + "\n";
  message.pop_back();
  return Status::Invalid(message);
}

std::vector<ConfigError> ParseConfig(std::string_view text, Config& out) {
  std::vector<ConfigError> errors;
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text, /*cb=*/nullptr, /*allow_exceptions=*/true, /*ignore_comments=*/true);
  } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for a number like 1e400
    errors.push_back({"", std::string("not valid JSON: ") + e.what()});
    return errors;
  }
  out = Config{};
  nlohmann::json safety_plan, notifiers;
  JsonReader reader(doc, "", errors);
  if (reader.IsObject()) ReadConfig(reader, out, safety_plan, notifiers);
  if (errors.empty()) {
    Validate(out, errors);
    // The plan names cohorts, treatments and CTCAE terms, so like Validate's
    // cross-references it is read only once those read cleanly: an id lost to
    // a typo elsewhere would make every rule that names it wrong too.
    out.safety_plan = ReadSafetyPlan(safety_plan, out.SafetyPlanContext(), errors);
    std::vector<std::string> cohorts;
    for (const Cohort& k : out.cohorts) cohorts.push_back(k.id);
    out.notifiers = ReadNotifiers(notifiers, cohorts, errors);
  }
  return errors;
}

Result<std::string> ReadConfigText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Io(path + ": cannot be opened");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::Io(path + ": read failed");
  return text.str();
}

Result<Config> LoadConfigFile(const std::string& path) {
  auto text = ReadConfigText(path);
  if (!text.ok()) return text.status();
  return ParseConfigText(*text, path);
}

std::string_view ExampleConfigText() { return ExampleFiles().at("escc2l.json"); }

Result<Config> LoadExampleConfig() { return ParseConfigText(ExampleConfigText(), "(bundled example escc2l.json)"); }

}  // namespace vigil::config
