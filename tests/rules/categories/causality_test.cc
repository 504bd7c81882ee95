// Causality for safety purposes: missing counts as related, shown as "not
// assessed".
#include "rules/categories/causality.h"

#include <gtest/gtest.h>

namespace vigil::categories {
namespace {

AdverseEvent Event(std::optional<Causality> overall, std::map<std::string, Causality, std::less<>> per_drug) {
  AdverseEvent e;
  e.overall_causality = overall;
  e.causality = std::move(per_drug);
  return e;
}

constexpr auto R = Causality::kRelated;
constexpr auto N = Causality::kNotRelated;

TEST(Causality, AnyTreatment) {
  EXPECT_EQ(AnyTreatment(Event(std::nullopt, {})), Relatedness::kNotAssessed);
  EXPECT_EQ(AnyTreatment(Event(N, {})), Relatedness::kNotRelated);
  EXPECT_EQ(AnyTreatment(Event(R, {})), Relatedness::kRelated);
  EXPECT_EQ(AnyTreatment(Event(std::nullopt, {{"APATINIB", N}, {"ADEBRELIMAB", N}})), Relatedness::kNotRelated);
  EXPECT_EQ(AnyTreatment(Event(N, {{"APATINIB", R}})), Relatedness::kRelated);
  EXPECT_TRUE(CountsAsRelated(Relatedness::kNotAssessed));
  EXPECT_FALSE(CountsAsRelated(Relatedness::kNotRelated));
  EXPECT_EQ(RelatednessName(Relatedness::kNotAssessed), "not assessed");
}

TEST(Causality, ToOneTreatment) {
  const AdverseEvent per_drug = Event(std::nullopt, {{"APATINIB", N}, {"ADEBRELIMAB", R}});
  EXPECT_EQ(ToTreatment(per_drug, "APATINIB"), Relatedness::kNotRelated);
  EXPECT_EQ(ToTreatment(per_drug, "ADEBRELIMAB"), Relatedness::kRelated);
  // Assessed per drug, this one left empty: not applicable.
  EXPECT_EQ(ToTreatment(per_drug, "CHEMO"), Relatedness::kNotRelated);
  // Nothing assessed at all: counts as related.
  EXPECT_EQ(ToTreatment(Event(std::nullopt, {}), "CHEMO"), Relatedness::kNotAssessed);
  // Without a per-drug assessment the overall one speaks for every drug.
  EXPECT_EQ(ToTreatment(Event(N, {}), "CHEMO"), Relatedness::kNotRelated);
  EXPECT_EQ(ToTreatment(Event(R, {}), "CHEMO"), Relatedness::kRelated);
}

}  // namespace
}  // namespace vigil::categories
