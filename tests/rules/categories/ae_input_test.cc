// The classifier's inputs read from stored SDTM records.
#include "rules/categories/ae_input.h"

#include <gtest/gtest.h>

namespace vigil::categories {
namespace {

TrialVocabulary Vocabulary() {
  TrialVocabulary v;
  v.study_id = "ESCC2L";
  v.treatments = {"ADEBRELIMAB", "APATINIB", "CHEMO", "RT"};
  v.related = {"Y", "RELATED", "POSSIBLY RELATED", "PROBABLY RELATED", "DEFINITELY RELATED"};
  v.not_related = {"N", "NOT RELATED", "UNLIKELY RELATED"};
  return v;
}

Record Ae(std::vector<Field> fields) {
  Record r;
  r.domain = Domain::kAe;
  r.fields = std::move(fields);
  return r;
}

TEST(CategoriesAeInput, ReadsTheVariablesTheClassifierUses) {
  const Record r = Ae({{"AEDECOD", "Pneumonitis"},
                       {"AETERM", "lung inflammation"},
                       {"AEBODSYS", "Respiratory, thoracic and mediastinal disorders"},
                       {"AETOXGR", "3"},
                       {"AESTDTC", "2026-04-01"},
                       {"AEREL", "Y"},
                       {"AEREL_ADEBRELIMAB", "probably related"},
                       {"AEREL_APATINIB", "UNLIKELY RELATED"},
                       {"AEREL_CHEMO", ""},
                       {"AEREL_RT", "unknown"},
                       {"AEIRAE", "y"}});
  const AdverseEvent e = ReadAdverseEvent(r, Vocabulary());
  EXPECT_EQ(e.decod, "Pneumonitis");
  EXPECT_EQ(e.term, "lung inflammation");
  EXPECT_EQ(e.bodsys, "Respiratory, thoracic and mediastinal disorders");
  EXPECT_EQ(e.grade, 3);
  ASSERT_TRUE(e.onset.has_value());
  EXPECT_EQ(e.onset->month, 4);
  EXPECT_EQ(e.overall_causality, Causality::kRelated);
  EXPECT_EQ(e.causality.at("ADEBRELIMAB"), Causality::kRelated);
  EXPECT_EQ(e.causality.at("APATINIB"), Causality::kNotRelated);
  EXPECT_FALSE(e.causality.contains("CHEMO"));  // empty: not assessed
  EXPECT_FALSE(e.causality.contains("RT"));     // neither list: not assessed
  EXPECT_EQ(e.irae, IraeFlag::kYes);
}

TEST(CategoriesAeInput, MissingOrUnreadableValues) {
  const AdverseEvent e =
      ReadAdverseEvent(Ae({{"AETERM", "Rash"}, {"AETOXGR", "6"}, {"AESTDTC", "2026-13-01"}}), Vocabulary());
  EXPECT_EQ(e.grade, std::nullopt);
  EXPECT_EQ(e.onset, std::nullopt);
  EXPECT_EQ(e.overall_causality, std::nullopt);
  EXPECT_TRUE(e.causality.empty());
  EXPECT_EQ(e.irae, IraeFlag::kNotGiven);
}

TEST(CategoriesAeInput, IraeFlag) {
  EXPECT_EQ(ParseIraeFlag("Y"), IraeFlag::kYes);
  EXPECT_EQ(ParseIraeFlag(" yes "), IraeFlag::kYes);
  EXPECT_EQ(ParseIraeFlag("N"), IraeFlag::kNo);
  EXPECT_EQ(ParseIraeFlag("No"), IraeFlag::kNo);
  EXPECT_EQ(ParseIraeFlag(""), IraeFlag::kNotGiven);
  EXPECT_EQ(ParseIraeFlag("U"), IraeFlag::kNotGiven);
}

TEST(CategoriesAeInput, Exposure) {
  Record r;
  r.domain = Domain::kEx;
  r.fields = {{"EXTRT", "RT"}, {"EXSTDTC", "2026-01-12"}, {"EXENDTC", ""}};
  const Exposure x = ReadExposure(r);
  EXPECT_EQ(x.treatment, "RT");
  ASSERT_TRUE(x.start.has_value());
  EXPECT_EQ(x.start->day, 12);
  EXPECT_EQ(x.end, std::nullopt);
}

}  // namespace
}  // namespace vigil::categories
