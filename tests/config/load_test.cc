#include "config/load.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace vigil::config {
namespace {

bool HasError(const std::vector<ConfigError>& errors, const std::string& path, const std::string& message) {
  return std::any_of(errors.begin(), errors.end(),
                     [&](const ConfigError& e) { return e.path == path && e.message == message; });
}

std::string Describe(const std::vector<ConfigError>& errors) {
  std::string s;
  for (const auto& e : errors) s += e.ToString() + "\n";
  return s;
}

TEST(ConfigLoad, BundledExampleTrialIsValid) {
  auto cfg = LoadExampleConfig();
  ASSERT_TRUE(cfg.ok()) << cfg.status().message();
  EXPECT_EQ(cfg->trial.study_id, "ESCC2L");
  ASSERT_EQ(cfg->cohorts.size(), 2u);
  EXPECT_EQ(cfg->cohorts[0].id, "A");
  EXPECT_EQ(cfg->cohorts[1].id, "B");
  EXPECT_EQ(cfg->treatments.size(), 4u);
  // Cohort A gets radiotherapy; cohort B does not.
  EXPECT_NE(std::find(cfg->cohorts[0].treatments.begin(), cfg->cohorts[0].treatments.end(), "RT"),
            cfg->cohorts[0].treatments.end());
  EXPECT_EQ(std::find(cfg->cohorts[1].treatments.begin(), cfg->cohorts[1].treatments.end(), "RT"),
            cfg->cohorts[1].treatments.end());
  auto vocab = cfg->Vocabulary();
  EXPECT_TRUE(vocab.IsTreatment("APATINIB"));
  EXPECT_EQ(vocab.ClassifyCausality("Probably Related"), Causality::kRelated);
}

TEST(ConfigLoad, CommentsAreAllowedAndDefaultsApply) {
  Config cfg;
  auto errors = ParseConfig(R"(// a trial
    { "trial": {"study_id": "X1"}, /* ids */ "treatments": [{"id": "D"}],
      "cohorts": [{"id": "A", "treatments": ["D"]}] })",
                            cfg);
  ASSERT_TRUE(errors.empty()) << Describe(errors);
  EXPECT_EQ(cfg.trial.ctcae_version, "5.0");
  EXPECT_EQ(cfg.state_dir, "/var/lib/vigil");
  EXPECT_TRUE(cfg.feeds.spool.enabled);
  EXPECT_FALSE(cfg.causality.related.empty());
}

// nlohmann reports a number beyond a double as out_of_range, not as a parse
// error: before, that escaped the loader, and vigild stopped on the exception
// (at start, or at a reload). The input is in fuzz/regressions/config/.
TEST(ConfigLoad, ANumberBeyondADoubleIsAnErrorNotAnException) {
  Config cfg;
  std::vector<ConfigError> errors;
  EXPECT_NO_THROW(errors = ParseConfig(R"({ "trial": {"study_id": "X1", "title": 1e400} })", cfg));
  ASSERT_EQ(errors.size(), 1u) << Describe(errors);
  EXPECT_NE(errors[0].message.find("not valid JSON"), std::string::npos) << Describe(errors);
  EXPECT_NE(errors[0].message.find("number overflow parsing '1e400'"), std::string::npos) << Describe(errors);
  EXPECT_FALSE(ParseConfigText("[-1e999]", "trial.json").ok());
}

TEST(ConfigLoad, ReportsEveryErrorWithItsPath) {
  Config cfg;
  auto errors = ParseConfig(R"({
      "trial": {"studyid": "X1", "ctcae_version": 5},
      "treatments": [{"id": "D"}, {"id": "D", "colour": "red"}],
      "cohorts": [{"id": "A", "treatments": "D"}],
      "feeds": {"spool": {"enabled": "yes"}},
      "extra": 1 })",
                            cfg);
  EXPECT_TRUE(HasError(errors, "trial.study_id", "required string is missing")) << Describe(errors);
  EXPECT_TRUE(HasError(errors, "trial.studyid", "unknown key")) << Describe(errors);
  EXPECT_TRUE(HasError(errors, "trial.ctcae_version", "must be a string")) << Describe(errors);
  EXPECT_TRUE(HasError(errors, "treatments[1].colour", "unknown key")) << Describe(errors);
  EXPECT_TRUE(HasError(errors, "cohorts[0].treatments", "must be an array of strings")) << Describe(errors);
  EXPECT_TRUE(HasError(errors, "feeds.spool.enabled", "must be true or false")) << Describe(errors);
  EXPECT_TRUE(HasError(errors, "extra", "unknown key")) << Describe(errors);
  EXPECT_EQ(errors.size(), 7u) << Describe(errors);
}

// Which treatments are investigational products decides whether a case can
// be a SUSAR: default true, radiotherapy false in the example trial.
TEST(ConfigLoad, InvestigationalTreatments) {
  auto example = LoadExampleConfig();
  ASSERT_TRUE(example.ok()) << example.status().message();
  EXPECT_EQ(example->InvestigationalTreatments(), (std::vector<std::string>{"ADEBRELIMAB", "APATINIB", "CHEMO"}));

  Config cfg;
  auto errors = ParseConfig(R"({
      "trial": {"study_id": "X1"},
      "treatments": [{"id": "D"}, {"id": "R", "investigational": false}, {"id": "S", "investigational": "no"}],
      "cohorts": [{"id": "A", "treatments": ["D", "R"]}] })",
                            cfg);
  EXPECT_TRUE(HasError(errors, "treatments[2].investigational", "must be true or false")) << Describe(errors);
  EXPECT_EQ(errors.size(), 1u) << Describe(errors);
  ASSERT_EQ(cfg.treatments.size(), 3u);
  EXPECT_TRUE(cfg.treatments[0].investigational);
  EXPECT_FALSE(cfg.treatments[1].investigational);
}

TEST(ConfigLoad, DanglingReferencesAndDuplicates) {
  Config cfg;
  auto errors = ParseConfig(R"({
      "trial": {"study_id": "X1", "ctcae_version": "4.03"},
      "treatments": [{"id": "D"}, {"id": "D"}],
      "cohorts": [{"id": "A", "treatments": ["D", "E"]}, {"id": "A", "treatments": []}],
      "causality": {"related": ["Y"], "not_related": ["Y"]} })",
                            cfg);
  EXPECT_TRUE(HasError(errors, "cohorts[0].treatments[1]", "unknown treatment 'E'")) << Describe(errors);
  EXPECT_TRUE(HasError(errors, "treatments[1].id", "duplicate id 'D'")) << Describe(errors);
  EXPECT_TRUE(HasError(errors, "cohorts[1].id", "duplicate id 'A'")) << Describe(errors);
  EXPECT_TRUE(HasError(errors, "causality.not_related[0]", "'Y' is also listed as related")) << Describe(errors);
  EXPECT_TRUE(HasError(errors, "trial.ctcae_version", "unsupported CTCAE version '4.03' (known: 5.0)"))
      << Describe(errors);
}

TEST(ConfigLoad, SummaryWindowAndCategoryOverridesAreChecked) {
  Config cfg;
  auto errors = ParseConfig(R"({ "trial": {"study_id": "X1"}, "treatments": [{"id": "ADEBRELIMAB"}],
      "cohorts": [{"id": "A", "treatments": ["ADEBRELIMAB"]}],
      "summary": {"follow_up_days": -1},
      "categories": {"categories": {"immune_related": {"remove_terms": ["Not a listed term"]}}} })",
                            cfg);
  // follow_up_days is the deprecated name of teae_window_days.
  EXPECT_TRUE(HasError(errors, "summary.teae_window_days", "must be between 0 and 3650 days")) << Describe(errors);
  bool category_error = false;
  for (const ConfigError& e : errors) category_error = category_error || e.path == "categories";
  EXPECT_TRUE(category_error) << Describe(errors);
}

// The writer's page cache: 16 MiB unless given, and within 1 MiB..64 GiB.
TEST(ConfigLoad, PageCacheHasASmallDefaultAndABoundedRange) {
  const std::string base = R"({ "trial": {"study_id": "X1"}, "treatments": [{"id": "ADEBRELIMAB"}],
      "cohorts": [{"id": "A", "treatments": ["ADEBRELIMAB"]}])";
  Config defaults;
  EXPECT_TRUE(ParseConfig(base + "}", defaults).empty());
  EXPECT_EQ(defaults.storage.page_cache_mib, 16);
  Config given;
  EXPECT_TRUE(ParseConfig(base + R"(, "storage": {"page_cache_mib": 256} })", given).empty());
  EXPECT_EQ(given.storage.page_cache_mib, 256);
  for (const char* bad : {"0", "65537"}) {
    Config cfg;
    auto errors = ParseConfig(base + R"(, "storage": {"page_cache_mib": )" + bad + "} }", cfg);
    EXPECT_TRUE(HasError(errors, "storage.page_cache_mib", "must be between 1 and 65536 MiB")) << Describe(errors);
  }
}

// The treatment-emergent windows: defaults 30 and 90 days; follow_up_days
// still read as teae_window_days; both names with different values, an irAE
// window shorter than the TEAE one, and a cohort named ALL are errors.
TEST(ConfigLoad, SummaryWindows) {
  const std::string head = R"({ "trial": {"study_id": "X1"}, "treatments": [{"id": "ADEBRELIMAB"}],
      "cohorts": [{"id": "A", "treatments": ["ADEBRELIMAB"]}])";
  auto parse = [&](const std::string& rest, Config& cfg) { return ParseConfig(head + rest + "}", cfg); };
  Config defaults;
  ASSERT_TRUE(parse("", defaults).empty());
  EXPECT_EQ(defaults.summary.teae_window_days, 30);
  EXPECT_EQ(defaults.summary.irae_window_days, 90);

  Config alias;
  auto errors = parse(R"(, "summary": {"follow_up_days": 28})", alias);
  ASSERT_TRUE(errors.empty()) << Describe(errors);
  EXPECT_EQ(alias.summary.teae_window_days, 28);

  Config both;
  EXPECT_TRUE(
      parse(R"(, "summary": {"follow_up_days": 30, "teae_window_days": 30, "irae_window_days": 100})", both).empty());
  EXPECT_EQ(both.summary.irae_window_days, 100);
  errors = parse(R"(, "summary": {"follow_up_days": 28, "teae_window_days": 30})", both);
  EXPECT_TRUE(HasError(errors, "summary.follow_up_days",
                       "is the deprecated name of teae_window_days, which says 30: give one of them"))
      << Describe(errors);

  Config shorter;
  errors = parse(R"(, "summary": {"teae_window_days": 60, "irae_window_days": 45})", shorter);
  EXPECT_TRUE(HasError(errors, "summary.irae_window_days",
                       "must not be shorter than summary.teae_window_days (60): an immune-related AE would count "
                       "for less time than any other"))
      << Describe(errors);

  Config pooled;
  errors = ParseConfig(R"({ "trial": {"study_id": "X1"}, "treatments": [{"id": "ADEBRELIMAB"}],
      "cohorts": [{"id": "ALL", "treatments": ["ADEBRELIMAB"]}] })",
                       pooled);
  EXPECT_TRUE(HasError(errors, "cohorts[0].id", "'ALL' is reserved for all cohorts pooled")) << Describe(errors);
}

TEST(ConfigLoad, CategoryOverridesApply) {
  Config cfg;
  auto errors = ParseConfig(R"({ "trial": {"study_id": "X1"},
      "treatments": [{"id": "ADEBRELIMAB"}, {"id": "APATINIB"}, {"id": "CHEMO"}, {"id": "RT"}],
      "cohorts": [{"id": "A", "treatments": ["ADEBRELIMAB"]}],
      "categories": {"add_non_specific_terms": ["Vomiting"]} })",
                            cfg);
  ASSERT_TRUE(errors.empty()) << Describe(errors);
  auto set = cfg.TrialCategories();
  ASSERT_TRUE(set.ok()) << set.status().message();
  auto defaults = categories::CategorySet::Load();
  ASSERT_TRUE(defaults.ok());
  auto has_vomiting = [](const categories::CategorySet& s) {
    for (const categories::DataTerm& t : s.non_specific_terms()) {
      if (t.text == "Vomiting") return true;
    }
    return false;
  };
  EXPECT_FALSE(has_vomiting(*defaults));
  EXPECT_TRUE(has_vomiting(*set));
}

TEST(ConfigLoad, NotJsonAtAll) {
  Config cfg;
  auto errors = ParseConfig("{ trial: ", cfg);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "");
  EXPECT_NE(errors[0].message.find("not valid JSON"), std::string::npos);
}

TEST(ConfigLoad, MissingFileIsAnIoError) {
  auto cfg = LoadConfigFile("/nonexistent/trial.json");
  ASSERT_FALSE(cfg.ok());
  EXPECT_EQ(cfg.status().code(), Status::Code::kIo);
}

}  // namespace
}  // namespace vigil::config
