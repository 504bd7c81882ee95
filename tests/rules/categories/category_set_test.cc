// The category data: the compiled-in defaults load and say what clinical.md §1
// says; invalid data is refused with every problem named by file and JSON
// Pointer; a trial's overrides extend or change the defaults, checked the same way.
#include "rules/categories/category_set.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "rules/categories/classifier.h"
#include "trial_fixture.h"

namespace vigil::categories {
namespace {

using testing::Defaults;

// ---------------------------------------------------------------- defaults

TEST(CategorySetDefaults, LoadWithTheTreatmentOfEachCategory) {
  const auto set = CategorySet::Load();
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_EQ(set->definition(Category::kImmuneRelated).treatment, "ADEBRELIMAB");
  EXPECT_EQ(set->definition(Category::kApatinibRelated).treatment, "APATINIB");
  EXPECT_EQ(set->definition(Category::kChemotherapyRelated).treatment, "CHEMO");
  EXPECT_EQ(set->definition(Category::kRadiotherapyRelated).treatment, "RT");
  EXPECT_EQ(set->definition(Category::kAdebrelimabRelated).treatment, "ADEBRELIMAB");
  EXPECT_TRUE(set->definition(Category::kAdebrelimabRelated).groups.empty());
  EXPECT_EQ(set->CategoryOfTreatment("RT"), Category::kRadiotherapyRelated);
  // AEREL_ADEBRELIMAB = related assigns adebrelimab_related, not immune_related.
  EXPECT_EQ(set->CategoryOfTreatment("ADEBRELIMAB"), Category::kAdebrelimabRelated);
  EXPECT_EQ(set->CategoryOfTreatment("SURGERY"), std::nullopt);
  EXPECT_EQ(set->treatments(), CategorySet::DefaultTreatments());
}

TEST(CategorySetDefaults, CategoryNamesAreTheSummaryKeys) {
  EXPECT_EQ(CategoryName(Category::kImmuneRelated), "immune_related");
  EXPECT_EQ(CategoryName(Category::kAdebrelimabRelated), "adebrelimab_related");
  EXPECT_EQ(CategoryName(Category::kApatinibRelated), "apatinib_related");
  EXPECT_EQ(CategoryName(Category::kChemotherapyRelated), "chemotherapy_related");
  EXPECT_EQ(CategoryName(Category::kRadiotherapyRelated), "radiotherapy_related");
  for (Category c : kAllCategories) EXPECT_EQ(ParseCategory(CategoryName(c)), c);
  EXPECT_EQ(ParseCategory("Immune_related"), std::nullopt);
  EXPECT_EQ(BasisName(Basis::kOverlapRule), "overlap_rule");
  EXPECT_EQ(BasisName(Basis::kCausalityNotAssessed), "causality_not_assessed");
  EXPECT_EQ(KnownCategoryNames(),
            "immune_related, adebrelimab_related, apatinib_related, chemotherapy_related, radiotherapy_related");
}

// Spot checks of the §1.1-1.4 tables: which lists hold a term.
TEST(CategorySetDefaults, TermListsFollowTheReferenceTables) {
  const struct {
    const char* term;
    std::vector<Category> lists;
    const char* rule;  // the overlap rule deciding it, "" if none
  } kTerms[] = {
      {"Myocarditis", {Category::kImmuneRelated}, ""},
      {"Pneumonitis", {Category::kImmuneRelated, Category::kRadiotherapyRelated}, "pneumonitis"},
      {"Hypertension", {Category::kApatinibRelated}, ""},
      {"Diarrhea", {Category::kImmuneRelated, Category::kApatinibRelated, Category::kChemotherapyRelated}, "diarrhea"},
      {"Esophageal fistula", {Category::kApatinibRelated, Category::kRadiotherapyRelated}, ""},
      {"Lymphocyte count decreased", {Category::kChemotherapyRelated, Category::kRadiotherapyRelated}, "cytopenias"},
      {"Peripheral sensory neuropathy", {Category::kChemotherapyRelated}, ""},
      {"Dermatitis radiation", {Category::kRadiotherapyRelated}, ""},
      {"Type 1 diabetes mellitus", {Category::kImmuneRelated}, ""},
      {"Hypothyroidism", {Category::kImmuneRelated, Category::kApatinibRelated}, "thyroid"},
  };
  for (const auto& t : kTerms) {
    const TermEntry* e = Defaults().Find(t.term);
    ASSERT_NE(e, nullptr) << t.term;
    std::vector<Category> lists;
    for (const auto& [c, g] : e->groups) lists.push_back(c);
    EXPECT_EQ(lists, t.lists) << t.term;
    EXPECT_EQ(e->rule ? e->rule->id : std::string(), t.rule) << t.term;
  }
  // Left out on purpose: supporting signs and qualified rows the AE record cannot show.
  EXPECT_EQ(Defaults().Find("Dyspnea"), nullptr);
  EXPECT_EQ(Defaults().Find("Hypoxia"), nullptr);
  EXPECT_EQ(Defaults().Find("Toothache"), nullptr);
  ASSERT_NE(Defaults().Find("Fatigue"), nullptr);
  EXPECT_TRUE(Defaults().Find("Fatigue")->non_specific);
}

// ---------------------------------------------------------------- validation

// A small valid set: one term per category, one rule, one non-specific term.
std::map<std::string, std::string> ValidFiles() {
  return {
      {"immune.json",
       R"({"category": "immune_related", "treatment": "ADEBRELIMAB",
           "groups": [{"group": "Pneumonitis", "ctcae": ["Pneumonitis"]},
                      {"group": "Colitis", "ctcae": ["Colitis"]}]})"},
      {"adebrelimab.json", R"({"category": "adebrelimab_related", "treatment": "ADEBRELIMAB"})"},
      {"apatinib.json",
       R"({"category": "apatinib_related", "treatment": "APATINIB",
           "groups": [{"group": "Hypertension", "ctcae": ["Hypertension"]}]})"},
      {"chemo.json",
       R"({"category": "chemotherapy_related", "treatment": "CHEMO",
           "groups": [{"group": "Emesis", "ctcae": ["Nausea"]}]})"},
      {"rt.json",
       R"({"category": "radiotherapy_related", "treatment": "RT",
           "groups": [{"group": "Radiation pneumonitis", "ctcae": ["Pneumonitis"]}]})"},
      {"overlaps.json",
       R"({"rules": [{"id": "pneumonitis", "terms": ["Pneumonitis"],
                      "assign": [{"category": "immune_related"},
                                 {"category": "radiotherapy_related",
                                  "when": {"onset_in_window": {"treatment": "RT", "after_end": {"months": 6}}}}]}],
           "non_specific_terms": ["Nausea"]})"},
  };
}

Result<CategorySet> Build(const std::map<std::string, std::string>& files) {
  std::vector<CategoryText> texts;
  for (const auto& [name, text] : files) texts.push_back({name, text});
  return CategorySet::FromTexts(texts);
}

// The valid set with one file replaced (or removed when `text` is empty) must
// fail with every fragment of `expected` in the message.
void ExpectError(const std::string& file, const std::string& text, const std::vector<std::string>& expected) {
  auto files = ValidFiles();
  if (text.empty()) {
    files.erase(file);
  } else {
    files[file] = text;
  }
  const auto set = Build(files);
  ASSERT_FALSE(set.ok()) << file << ": " << text;
  EXPECT_EQ(set.status().code(), Status::Code::kInvalid);
  for (const auto& e : expected) {
    EXPECT_NE(set.status().message().find(e), std::string::npos) << "want \"" << e << "\" in:\n"
                                                                 << set.status().message();
  }
}

TEST(CategorySetValidation, TheSmallSetIsValid) {
  const auto set = Build(ValidFiles());
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_EQ(set->overlap_rules().size(), 1u);
  ASSERT_NE(set->Find("colitis"), nullptr);
  EXPECT_EQ(set->Find("colitis")->spelling, "Colitis");
}

TEST(CategorySetValidation, SyntaxErrorNamesTheFile) {
  ExpectError("immune.json", R"({"category": )", {"immune.json: JSON syntax error"});
  // A number beyond a double is nlohmann's out_of_range, not a parse error:
  // refused the same way, never thrown (fuzz/regressions/categories/).
  ExpectError("immune.json", R"({"note": 1e400})", {"immune.json: JSON syntax error", "number overflow"});
}

TEST(CategorySetValidation, UnknownKeysNameTheirPath) {
  ExpectError("apatinib.json",
              R"({"category": "apatinib_related", "treatmnet": "APATINIB",
                  "groups": [{"group": "Hypertension", "ctcae": ["Hypertension"]}]})",
              {"apatinib.json: /treatmnet: unknown key \"treatmnet\"", "apatinib.json: /: missing \"treatment\""});
  ExpectError("apatinib.json",
              R"({"category": "apatinib_related", "treatment": "APATINIB",
                  "groups": [{"group": "Hypertension", "terms": ["Hypertension"]}]})",
              {"apatinib.json: /groups/0/terms: unknown key \"terms\"", "apatinib.json: /groups/0: a group needs"});
  ExpectError("overlaps.json",
              R"({"rules": [{"id": "pneumonitis", "terms": ["Pneumonitis"],
                             "assign": [{"category": "immune_related", "when": {"grade_above": 2}}]}]})",
              {"overlaps.json: /rules/0/assign/0/when/grade_above: unknown key \"grade_above\""});
}

TEST(CategorySetValidation, DuplicateTermsInOneCategory) {
  ExpectError("immune.json",
              R"({"category": "immune_related", "treatment": "ADEBRELIMAB",
                  "groups": [{"group": "Pneumonitis", "ctcae": ["Pneumonitis", "PNEUMONITIS"]}]})",
              {"immune.json: /groups/0/ctcae/1: duplicate term \"PNEUMONITIS\" in immune_related "
               "(same as \"Pneumonitis\" at immune.json: /groups/0/ctcae/0)"});
  // British and American spellings are one term.
  ExpectError("immune.json",
              R"({"category": "immune_related", "treatment": "ADEBRELIMAB",
                  "groups": [{"group": "Pneumonitis", "ctcae": ["Pneumonitis"]},
                             {"group": "Colitis", "ctcae": ["Diarrhea"], "meddra": ["Diarrhoea"]}]})",
              {"immune.json: /groups/1/meddra/0: duplicate term \"Diarrhoea\""});
}

TEST(CategorySetValidation, UnknownTreatments) {
  ExpectError("apatinib.json",
              R"({"category": "apatinib_related", "treatment": "APATINIP",
                  "groups": [{"group": "Hypertension", "ctcae": ["Hypertension"]}]})",
              {"apatinib.json: /treatment: unknown treatment \"APATINIP\" (known: ADEBRELIMAB, APATINIB, CHEMO, RT)"});
  ExpectError("overlaps.json",
              R"({"rules": [{"id": "pneumonitis", "terms": ["Pneumonitis"],
                             "assign": [{"category": "radiotherapy_related",
                                         "when": {"onset_in_window": {"treatment": "RADIO", "after_end": {"days": 0}}}}]}]})",
              {"overlaps.json: /rules/0/assign/0/when/onset_in_window/treatment: unknown treatment \"RADIO\""});
  ExpectError("chemo.json",
              R"({"category": "chemotherapy_related", "treatment": "APATINIB",
                  "groups": [{"group": "Emesis", "ctcae": ["Nausea"]}]})",
              {"chemo.json: /treatment: treatment \"APATINIB\" already belongs to apatinib_related"});
}

TEST(CategorySetValidation, CategoriesMustBeKnownAndEachDefinedOnce) {
  ExpectError("immune.json",
              R"({"category": "immune", "treatment": "ADEBRELIMAB",
                  "groups": [{"group": "Pneumonitis", "ctcae": ["Pneumonitis"]}]})",
              {"immune.json: /category: unknown category \"immune\"", "category immune_related: no file defines it"});
  ExpectError("rt.json", "", {"category radiotherapy_related: no file defines it"});
  ExpectError("rt.json",
              R"({"category": "immune_related", "treatment": "RT",
                  "groups": [{"group": "Pneumonitis", "ctcae": ["Pneumonitis"]}]})",
              {"rt.json: /category: category immune_related is defined twice"});
}

// adebrelimab_related is given by causality alone: no term lists, no
// overlap rule assigns it; it shares the checkpoint inhibitor's id with
// immune_related (which its causality does not assign), but with no other.
TEST(CategorySetValidation, ACategoryByCausalityAlone) {
  ExpectError("adebrelimab.json",
              R"({"category": "adebrelimab_related", "treatment": "ADEBRELIMAB",
                  "groups": [{"group": "Rash", "ctcae": ["Rash"]}]})",
              {"adebrelimab.json: /groups: adebrelimab_related is given by per-treatment causality alone: it has no "
               "term lists"});
  ExpectError("overlaps.json",
              R"({"rules": [{"id": "colitis", "terms": ["Colitis"],
                             "assign": [{"category": "adebrelimab_related"}]}]})",
              {"overlaps.json: /rules/0/assign/0/category: adebrelimab_related is given by per-treatment causality "
               "alone: no overlap rule assigns it"});
  ExpectError("adebrelimab.json", R"({"category": "adebrelimab_related", "treatment": "APATINIB"})",
              {"apatinib.json: /treatment: treatment \"APATINIB\" already belongs to adebrelimab_related"});
  ExpectError("adebrelimab.json", "", {"category adebrelimab_related: no file defines it"});
}

TEST(CategorySetValidation, OverlapRules) {
  ExpectError("overlaps.json",
              R"({"rules": [{"id": "pneumonitis", "terms": ["Pneumonitiss"],
                             "assign": [{"category": "immune_related"}]}]})",
              {"overlaps.json: /rules/0/terms/0: \"Pneumonitiss\" is in no category's term list"});
  ExpectError("overlaps.json",
              R"({"rules": [{"id": "a", "terms": ["Pneumonitis"], "assign": [{"category": "immune_related"}]},
                            {"id": "b", "terms": ["pneumonitis"], "assign": [{"category": "immune_related"}]}]})",
              {"overlaps.json: /rules/1/terms/0: duplicate term \"pneumonitis\" in the overlap rules"});
  ExpectError("overlaps.json",
              R"({"rules": [{"id": "a", "terms": ["Pneumonitis"], "assign": [{"category": "immune_related"}]},
                            {"id": "a", "terms": ["Colitis"], "assign": [{"category": "immune_related"}]}]})",
              {"overlaps.json: /rules/1: duplicate overlap rule id \"a\""});
  ExpectError("overlaps.json",
              R"({"rules": [{"id": "Pneumo nitis", "terms": ["Pneumonitis"],
                             "assign": [{"category": "immune_related"}, {"category": "immune_related"},
                                        {"category": "tumour_related"}]}]})",
              {"overlaps.json: /rules/0/id: expected lower-case letters",
               "overlaps.json: /rules/0/assign/1/category: category immune_related is assigned twice",
               "overlaps.json: /rules/0/assign/2/category: unknown category \"tumour_related\""});
  ExpectError("overlaps.json",
              R"({"rules": [{"id": "a", "terms": ["Pneumonitis"], "assign": [{"category": "immune_related"}]}],
                  "non_specific_terms": ["Pneumonitis"]})",
              {"overlaps.json: /non_specific_terms/0: \"Pneumonitis\" is decided by overlap rule \"a\""});
}

TEST(CategorySetValidation, Conditions) {
  auto rule = [](const std::string& when) {
    return R"({"rules": [{"id": "a", "terms": ["Pneumonitis"], "assign": [{"category": "immune_related", "when": )" +
           when + "}]}]}";
  };
  ExpectError("overlaps.json", rule(R"({"grade_at_least": 7})"),
              {"overlaps.json: /rules/0/assign/0/when/grade_at_least: expected a CTCAE grade from 1 to 5"});
  ExpectError("overlaps.json", rule(R"({"grade_at_least": 3, "grade_at_most": 2})"),
              {"overlaps.json: /rules/0/assign/0/when: grade_at_least is above grade_at_most"});
  ExpectError("overlaps.json",
              rule(R"({"onset_in_window": {"treatment": "RT", "after_end": {"days": 1, "months": 1}}})"),
              {"/when/onset_in_window/after_end: expected exactly one of \"days\" and \"months\""});
  ExpectError("overlaps.json", rule(R"({"onset_in_window": {"treatment": "RT"}})"),
              {"/when/onset_in_window: missing \"after_end\""});
  ExpectError("overlaps.json", rule(R"({"dosed_within": {"treatment": "CHEMO", "days": -1}})"),
              {"/when/dosed_within/days: expected a whole number from 0 to 3650"});
  ExpectError("overlaps.json", rule(R"({})"), {"/rules/0/assign/0/when: no condition"});
  ExpectError("overlaps.json", rule(R"({"cohort_receives": "SURGERY"})"),
              {"/rules/0/assign/0/when/cohort_receives: unknown treatment \"SURGERY\""});
}

TEST(CategorySetValidation, EveryProblemIsReportedAtOnce) {
  auto files = ValidFiles();
  files["apatinib.json"] = R"({"category": "apatinib_related", "treatment": "APATINIP", "colour": 1,
                               "groups": [{"group": "Hypertension", "ctcae": ["Hypertension", "hypertension"]}]})";
  const auto set = Build(files);
  ASSERT_FALSE(set.ok());
  const std::string m = set.status().message();
  EXPECT_NE(m.find("apatinib.json: /colour: unknown key"), std::string::npos) << m;
  EXPECT_NE(m.find("apatinib.json: /treatment: unknown treatment"), std::string::npos) << m;
  EXPECT_NE(m.find("apatinib.json: /groups/0/ctcae/1: duplicate term"), std::string::npos) << m;
  EXPECT_EQ(std::count(m.begin(), m.end(), '\n'), 2) << m;
}

TEST(CategorySetValidation, TheTrialsOwnTreatmentIds) {
  std::vector<CategoryText> texts;
  const auto files = ValidFiles();
  for (const auto& [name, text] : files) texts.push_back({name, text});
  const auto set = CategorySet::FromTexts(texts, {"ADEBRELIMAB", "APATINIB", "CHEMO"});
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.status().message().find("rt.json: /treatment: unknown treatment \"RT\" (known: ADEBRELIMAB, "
                                        "APATINIB, CHEMO)"),
            std::string::npos)
      << set.status().message();
}

// ---------------------------------------------------------------- overrides

TEST(CategorySetOverrides, NoOverridesChangeNothing) {
  const auto same = Defaults().Extend(nlohmann::json());
  ASSERT_TRUE(same.ok()) << same.status().message();
  EXPECT_EQ(same->overlap_rules().size(), Defaults().overlap_rules().size());
  const auto empty = Defaults().Extend(nlohmann::json::object());
  ASSERT_TRUE(empty.ok()) << empty.status().message();
  EXPECT_NE(empty->Find("Pneumonitis"), nullptr);
}

TEST(CategorySetOverrides, AddAGroupAndRemoveATerm) {
  const auto trial = Defaults().Extend(nlohmann::json::parse(R"({
      "categories": {
        "immune_related": {
          "remove_terms": ["Dry eye"],
          "add_groups": [{"group": "Skin, trial-specific", "meddra": ["Reactive cutaneous capillary endothelial proliferation"]}]
        }
      }})"));
  ASSERT_TRUE(trial.ok()) << trial.status().message();
  EXPECT_EQ(trial->Find("Dry eye"), nullptr);
  const TermEntry* rccep = trial->Find("reactive cutaneous capillary endothelial proliferation");
  ASSERT_NE(rccep, nullptr);
  ASSERT_EQ(rccep->groups.size(), 1u);
  EXPECT_EQ(rccep->groups[0].first, Category::kImmuneRelated);
  EXPECT_EQ(rccep->groups[0].second->name, "Skin, trial-specific");
  // The defaults are unchanged.
  EXPECT_NE(Defaults().Find("Dry eye"), nullptr);
  EXPECT_EQ(Defaults().Find("Reactive cutaneous capillary endothelial proliferation"), nullptr);
}

TEST(CategorySetOverrides, ReplaceAndRemoveOverlapRules) {
  const auto trial = Defaults().Extend(nlohmann::json::parse(R"({
      "remove_overlap_rules": ["thyroid"],
      "overlap_rules": [{"id": "diarrhea", "summary": "The protocol: every diarrhoea is an irAE",
                         "terms": ["Diarrhea"], "assign": [{"category": "immune_related"}]}]})"));
  ASSERT_TRUE(trial.ok()) << trial.status().message();
  EXPECT_EQ(trial->overlap_rules().size(), Defaults().overlap_rules().size() - 1);

  SubjectContext b = testing::CohortB();
  AdverseEvent diarrhoea;
  diarrhoea.decod = "Diarrhea";
  diarrhoea.grade = 1;
  diarrhoea.onset = testing::Date("2026-03-05");
  EXPECT_EQ(testing::Describe(Classify(*trial, diarrhoea, b)),
            "immune_related [rule diarrhea], adebrelimab_related [not assessed]");
  EXPECT_EQ(testing::Describe(Classify(Defaults(), diarrhoea, b)),
            "adebrelimab_related [not assessed], apatinib_related [rule diarrhea]");

  // Without the thyroid rule the term lists decide, with no secondary ranking.
  AdverseEvent hypo = diarrhoea;
  hypo.decod = "Hypothyroidism";
  EXPECT_EQ(testing::Describe(Classify(*trial, hypo, b)),
            "immune_related [list Endocrine: hypothyroidism], adebrelimab_related [not assessed], "
            "apatinib_related [list Other TKI]");
}

TEST(CategorySetOverrides, NonSpecificTerms) {
  const auto trial = Defaults().Extend(nlohmann::json::parse(
      R"({"remove_non_specific_terms": ["Weight loss"], "add_non_specific_terms": ["Vomiting"]})"));
  ASSERT_TRUE(trial.ok()) << trial.status().message();
  EXPECT_FALSE(trial->Find("Weight loss")->non_specific);
  EXPECT_TRUE(trial->Find("Vomiting")->non_specific);
}

TEST(CategorySetOverrides, ATrialWithOtherTreatmentIds) {
  const std::vector<std::string> ids = {"CAMRELIZUMAB", "APATINIB", "CHEMO", "RT"};
  const auto renamed = Defaults().Extend(nlohmann::json::parse(R"({"categories": {
      "immune_related": {"treatment": "CAMRELIZUMAB"}, "adebrelimab_related": {"treatment": "CAMRELIZUMAB"}}})"),
                                         ids);
  ASSERT_TRUE(renamed.ok()) << renamed.status().message();
  EXPECT_EQ(renamed->definition(Category::kImmuneRelated).treatment, "CAMRELIZUMAB");
  EXPECT_EQ(renamed->CategoryOfTreatment("CAMRELIZUMAB"), Category::kAdebrelimabRelated);

  const auto forgotten = Defaults().Extend(nlohmann::json::object(), ids);
  ASSERT_FALSE(forgotten.ok());
  EXPECT_NE(forgotten.status().message().find("immune_related.json: /treatment: unknown treatment \"ADEBRELIMAB\""),
            std::string::npos)
      << forgotten.status().message();
}

TEST(CategorySetOverrides, ErrorsNameTheOverridePath) {
  const struct {
    const char* overrides;
    const char* expected;
  } kCases[] = {
      {R"({"categries": {}})", "overrides: /categries: unknown key \"categries\""},
      {R"({"categories": {"tumour_related": {}}})", "overrides: /categories/tumour_related: unknown category"},
      {R"({"categories": {"immune_related": {"remove_terms": ["Toothache"]}}})",
       "overrides: /categories/immune_related/remove_terms/0: \"Toothache\" is not in the immune_related list"},
      {R"({"categories": {"immune_related": {"add_groups": [{"group": "X", "ctcae": ["Colitis"]}]}}})",
       "overrides: /categories/immune_related/add_groups/0/ctcae/0: duplicate term \"Colitis\" in immune_related "
       "(same as \"Colitis\" at immune_related.json: /groups/1/ctcae/0)"},
      {R"({"categories": {"apatinib_related": {"treatment": "APATINIP"}}})",
       "overrides: /categories/apatinib_related/treatment: unknown treatment \"APATINIP\""},
      {R"({"remove_overlap_rules": ["diarrhoea"]})",
       "overrides: /remove_overlap_rules/0: no overlap rule has the id \"diarrhoea\""},
      {R"({"overlap_rules": [{"id": "new", "terms": ["Colitis"], "assign": [{"category": "chemo_related"}]}]})",
       "overrides: /overlap_rules/0/assign/0/category: unknown category \"chemo_related\""},
      {R"({"overlap_rules": [{"id": "colitis", "terms": ["Pneumonitis"], "assign": [{"category": "immune_related"}]}]})",
       "overrides: /overlap_rules/0/terms/0: duplicate term \"Pneumonitis\" in the overlap rules (same as "
       "\"Pneumonitis\" at overlaps.json: /rules/0/terms/0)"},
      {R"({"add_non_specific_terms": ["Toothache"]})",
       "overrides: /add_non_specific_terms/0: \"Toothache\" is in no category's term list"},
      {R"([1, 2])", "overrides: /: expected an object"},
      {R"({"categories": {"adebrelimab_related": {"add_groups": [{"group": "X", "ctcae": ["Rash"]}]}}})",
       "overrides: /categories/adebrelimab_related/add_groups: adebrelimab_related is given by per-treatment "
       "causality alone: it has no term lists"},
  };
  for (const auto& c : kCases) {
    const auto r = Defaults().Extend(nlohmann::json::parse(c.overrides));
    ASSERT_FALSE(r.ok()) << c.overrides;
    EXPECT_NE(r.status().message().find(c.expected), std::string::npos) << "want \"" << c.expected << "\" in:\n"
                                                                        << r.status().message();
  }
}

}  // namespace
}  // namespace vigil::categories
