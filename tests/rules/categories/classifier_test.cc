// What the classifier says besides the categories: the reasons a physician
// reads, the notes on evidence set aside, and the guards (cohort treatments,
// first exposure) that the table in classifier_table_test.cc relies on.
#include <gtest/gtest.h>

#include <string>

#include "trial_fixture.h"

namespace vigil::categories {
namespace {

using testing::CohortA;
using testing::CohortB;
using testing::Date;
using testing::Defaults;
using testing::Describe;
using testing::Ex;

AdverseEvent Event(const char* decod, int grade, const char* onset) {
  AdverseEvent e;
  e.decod = decod;
  e.grade = grade;
  e.onset = Date(onset);
  return e;
}

bool HasNote(const Classification& c, const std::string& fragment) {
  for (const auto& n : c.notes) {
    if (n.find(fragment) != std::string::npos) return true;
  }
  return false;
}

std::string Notes(const Classification& c) {
  std::string out;
  for (const auto& n : c.notes) out += "\n  " + n;
  return out;
}

TEST(CategoriesClassifier, ReasonsNameTheEvidenceAndTheFacts) {
  const Classification c = Classify(Defaults(), Event("Pneumonitis", 2, "2026-04-01"), CohortA());
  ASSERT_EQ(c.categories.size(), 3u);
  EXPECT_EQ(c.categories[0].reason, "overlap rule \"pneumonitis\" on \"Pneumonitis\" (AEDECOD)");
  EXPECT_EQ(c.categories[1].reason, "causality for ADEBRELIMAB not assessed: counts as related (safety-first)");
  EXPECT_EQ(c.categories[1].basis, Basis::kCausalityNotAssessed);
  EXPECT_EQ(c.categories[2].reason,
            "overlap rule \"pneumonitis\" on \"Pneumonitis\" (AEDECOD): onset 2026-04-01 within RT 2026-01-12 to "
            "2026-02-20 + 6 months");
  EXPECT_EQ(c.matched_term, "Pneumonitis");
  EXPECT_EQ(c.matched_field, "AEDECOD");
  EXPECT_EQ(c.Names(),
            (std::vector<std::string_view>{"immune_related", "adebrelimab_related", "radiotherapy_related"}));
  EXPECT_TRUE(c.Has(Category::kRadiotherapyRelated));
  EXPECT_FALSE(c.Has(Category::kApatinibRelated));
}

TEST(CategoriesClassifier, WhatCouldNotBeRuledOutIsSaid) {
  AdverseEvent e = Event("Pneumonitis", 2, "");
  e.onset.reset();
  const Classification c = Classify(Defaults(), e, CohortA());
  const Assignment* rt = c.Find(Category::kRadiotherapyRelated);
  ASSERT_NE(rt, nullptr);
  EXPECT_NE(rt->reason.find("onset date unknown"), std::string::npos) << rt->reason;
  EXPECT_NE(rt->reason.find("cannot be ruled out"), std::string::npos) << rt->reason;
}

TEST(CategoriesClassifier, InvestigatorCausality) {
  AdverseEvent e = Event("Hypertension", 3, "2026-01-20");
  e.causality["APATINIB"] = Causality::kRelated;
  const Classification c = Classify(Defaults(), e, CohortB());
  ASSERT_EQ(c.categories.size(), 1u);
  EXPECT_EQ(c.categories[0].basis, Basis::kInvestigatorCausality);
  EXPECT_EQ(c.categories[0].reason, "AEREL_APATINIB = related (investigator causality)");
  EXPECT_EQ(c.categories[0].rule, "");
}

// §1.5: investigator causality per agent first; term dictionaries only when
// it is missing. A hypertension the investigator calls not related to
// apatinib therefore has no category, and the note says what was overruled.
TEST(CategoriesClassifier, NotRelatedOutranksTheTermList) {
  AdverseEvent e = Event("Hypertension", 3, "2026-01-20");
  e.causality["APATINIB"] = Causality::kNotRelated;
  const Classification c = Classify(Defaults(), e, CohortB());
  EXPECT_TRUE(c.categories.empty()) << Describe(c);
  EXPECT_TRUE(HasNote(c,
                      "apatinib_related not assigned: AEREL_APATINIB = not related (investigator) outranks "
                      "term list apatinib_related / Hypertension"))
      << Notes(c);
  EXPECT_EQ(c.matched_term, "Hypertension");
}

TEST(CategoriesClassifier, IraeFlagMakesImmuneRelatedPrimary) {
  AdverseEvent e = Event("Diarrhea", 1, "2026-03-05");
  e.irae = IraeFlag::kYes;
  const Classification c = Classify(Defaults(), e, CohortB());
  // adebrelimab_related (causality not assessed) says which drug, not which
  // mechanism: never secondary.
  EXPECT_EQ(Describe(c),
            "immune_related [AEIRAE], adebrelimab_related [not assessed], apatinib_related [rule diarrhea, secondary]");
  EXPECT_EQ(c.Find(Category::kImmuneRelated)->reason, "AEIRAE = Y: the investigator reports an immune-related AE");
}

TEST(CategoriesClassifier, EvidenceForATreatmentTheCohortDoesNotReceiveIsSetAside) {
  SubjectContext no_ici = CohortB();
  no_ici.cohort = "C";
  no_ici.cohort_treatments = {"APATINIB", "CHEMO"};
  AdverseEvent e = Event("Colitis", 3, "2026-03-05");
  e.irae = IraeFlag::kYes;
  const Classification c = Classify(Defaults(), e, no_ici);
  EXPECT_TRUE(c.categories.empty()) << Describe(c);
  EXPECT_TRUE(HasNote(c, "AEIRAE = Y set aside: cohort C does not receive ADEBRELIMAB")) << Notes(c);

  AdverseEvent rt = Event("Hypertension", 2, "2026-02-01");
  rt.causality["RT"] = Causality::kRelated;
  const Classification b = Classify(Defaults(), rt, CohortB());
  EXPECT_FALSE(b.Has(Category::kRadiotherapyRelated));
  EXPECT_TRUE(HasNote(b, "AEREL_RT = related set aside: cohort B does not receive RT")) << Notes(b);
}

TEST(CategoriesClassifier, OnsetBeforeTheFirstExposureOfTheTreatment) {
  SubjectContext late = CohortB();
  late.exposures.push_back(Ex("APATINIB", "2026-02-01", ""));
  std::erase_if(late.exposures,
                [](const Exposure& x) { return x.treatment == "APATINIB" && x.start && x.start->month == 1; });
  const Classification before = Classify(Defaults(), Event("Hypertension", 2, "2026-01-20"), late);
  EXPECT_EQ(Describe(before), "adebrelimab_related [not assessed]");
  EXPECT_TRUE(HasNote(before, "onset 2026-01-20 is before the first APATINIB exposure (2026-02-01)")) << Notes(before);
  const Classification after = Classify(Defaults(), Event("Hypertension", 2, "2026-02-01"), late);
  EXPECT_EQ(Describe(after), "adebrelimab_related [not assessed], apatinib_related [list Hypertension]");
}

TEST(CategoriesClassifier, RadiotherapyNotRecordedYetInCohortA) {
  SubjectContext a = CohortA();
  std::erase_if(a.exposures, [](const Exposure& x) { return x.treatment == "RT"; });
  const Classification c = Classify(Defaults(), Event("Esophagitis", 2, "2026-02-01"), a);
  EXPECT_EQ(Describe(c),
            "adebrelimab_related [not assessed], chemotherapy_related [rule esophagitis-dysphagia], "
            "radiotherapy_related [rule esophagitis-dysphagia]");
  EXPECT_NE(c.Find(Category::kRadiotherapyRelated)->reason.find("no RT exposure recorded"), std::string::npos);
}

TEST(CategoriesClassifier, RadiotherapyEndNotRecorded) {
  SubjectContext a = CohortA();
  for (Exposure& x : a.exposures) {
    if (x.treatment == "RT") x.end.reset();
  }
  // A year after RT started, the course may still have been running.
  const Classification c = Classify(Defaults(), Event("Pneumonitis", 2, "2027-01-15"), a);
  EXPECT_TRUE(c.Has(Category::kRadiotherapyRelated)) << Describe(c);
  EXPECT_NE(c.Find(Category::kRadiotherapyRelated)->reason.find("end not recorded"), std::string::npos);
}

TEST(CategoriesClassifier, RuleThatAssignsNothingSaysWhy) {
  const Classification c =
      Classify(Defaults(), Event("Aspartate aminotransferase increased", 1, "2026-03-05"), CohortB());
  EXPECT_EQ(Describe(c), "adebrelimab_related [not assessed]");
  EXPECT_TRUE(HasNote(c, "immune_related not assigned by overlap rule \"liver-tests\": grade 1")) << Notes(c);
}

TEST(CategoriesClassifier, UnknownTermsAndAnUnattributedRelatedness) {
  AdverseEvent e = Event("Toothache", 1, "2026-02-01");
  e.overall_causality = Causality::kRelated;
  const Classification c = Classify(Defaults(), e, CohortB());
  // AEREL = related with no per-drug causality counts as related to each
  // drug the category of which is given by causality alone (causality.h).
  EXPECT_EQ(Describe(c), "adebrelimab_related [AEREL]");
  EXPECT_EQ(c.Find(Category::kAdebrelimabRelated)->reason,
            "AEREL = related and AEREL_ADEBRELIMAB not given (investigator causality)");
  EXPECT_EQ(c.matched_term, "");
  EXPECT_TRUE(HasNote(c, "term \"Toothache\" is in no category's list")) << Notes(c);
  EXPECT_TRUE(HasNote(c, "AEREL = related, but neither AEREL_<TRT> nor the term lists say which treatment"))
      << Notes(c);
}

// adebrelimab_related is the investigator's causality for adebrelimab
// alone: no term lists, missing causality counting as related, except
// before the first dose and in a cohort without adebrelimab.
TEST(CategoriesClassifier, AdebrelimabRelatedIsPerDrugCausality) {
  AdverseEvent e = Event("Hypertension", 2, "2026-02-01");
  e.causality["ADEBRELIMAB"] = Causality::kNotRelated;
  EXPECT_EQ(Describe(Classify(Defaults(), e, CohortB())), "apatinib_related [list Hypertension]");
  e.causality["ADEBRELIMAB"] = Causality::kRelated;
  const Classification related = Classify(Defaults(), e, CohortB());
  EXPECT_EQ(Describe(related), "adebrelimab_related [AEREL], apatinib_related [list Hypertension]");
  EXPECT_FALSE(related.Has(Category::kImmuneRelated));

  const Classification pre = Classify(Defaults(), Event("Nausea", 1, "2025-12-01"), CohortB());
  EXPECT_FALSE(pre.Has(Category::kAdebrelimabRelated)) << Describe(pre);
  EXPECT_TRUE(HasNote(pre,
                      "adebrelimab_related not assigned: causality not assessed and the onset is before the "
                      "first ADEBRELIMAB exposure"))
      << Notes(pre);

  SubjectContext no_ici = CohortB();
  no_ici.cohort_treatments = {"APATINIB", "CHEMO"};
  AdverseEvent related_elsewhere = Event("Nausea", 1, "2026-02-01");
  related_elsewhere.causality["ADEBRELIMAB"] = Causality::kRelated;
  const Classification c = Classify(Defaults(), related_elsewhere, no_ici);
  EXPECT_FALSE(c.Has(Category::kAdebrelimabRelated)) << Describe(c);
  EXPECT_TRUE(HasNote(c, "AEREL_ADEBRELIMAB = related set aside: cohort B does not receive ADEBRELIMAB")) << Notes(c);
}

TEST(CategoriesClassifier, NotTreatmentEmergent) {
  const Classification c = Classify(Defaults(), Event("Hypertension", 2, "2025-12-01"), CohortB());
  EXPECT_TRUE(c.categories.empty());
  EXPECT_TRUE(HasNote(c, "term lists not applied: onset 2025-12-01 is before the first dose (2026-01-05)")) << Notes(c);
}

TEST(CategoriesClassifier, FreeTextMatchIsReported) {
  AdverseEvent e;
  e.term = "Endocrine disorders - Other, specify: thyroiditis";
  e.grade = 2;
  e.onset = Date("2026-03-01");
  const Classification c = Classify(Defaults(), e, CohortB());
  ASSERT_TRUE(c.Has(Category::kImmuneRelated)) << Describe(c);
  EXPECT_EQ(c.matched_term, "Thyroiditis");
  EXPECT_EQ(c.matched_field, "AETERM");
  EXPECT_NE(c.Find(Category::kImmuneRelated)->reason.find("(AETERM, free text)"), std::string::npos);
}

}  // namespace
}  // namespace vigil::categories
