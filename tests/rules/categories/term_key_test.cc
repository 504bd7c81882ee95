// Terms are matched ignoring case, spacing, punctuation and British spelling
// (clinical.md §1: "Match terms case-insensitively", "normalise British
// spellings"), and "Other, specify" entries are read with their free text.
#include "rules/categories/term_key.h"

#include <gtest/gtest.h>

namespace vigil::categories {
namespace {

TEST(CategoriesTermKey, SpellingsThatMustMatch) {
  const struct {
    const char* sent;
    const char* listed;
  } kSame[] = {
      {"PNEUMONITIS", "Pneumonitis"},
      {"  pneumonitis  ", "Pneumonitis"},
      {"Oesophageal haemorrhage", "Esophageal hemorrhage"},
      {"Diarrhoea", "Diarrhea"},
      {"Anaemia", "Anemia"},
      {"Autoimmune haemolytic anaemia", "Autoimmune hemolytic anemia"},
      {"Hypomagnesaemia", "Hypomagnesemia"},
      {"Oedema limbs", "Edema limbs"},
      {"Dyspnoea", "Dyspnea"},
      {"Paraesthesia", "Paresthesia"},
      {"Palmar-plantar erythrodysaesthesia syndrome", "Palmar-plantar erythrodysesthesia syndrome"},
      {"Organising pneumonia", "Organizing pneumonia"},
      {"Nail discolouration", "Nail discoloration"},
      {"Leucopenia", "Leukopenia"},
      {"Melaena", "Melena"},
      {"Blood corticotrophin decreased", "Blood corticotropin decreased"},
      {"Guillain-Barré syndrome", "Guillain-Barre syndrome"},
      {"Guillain Barre  syndrome", "Guillain-Barre syndrome"},
      {"Hand foot skin reaction", "Hand-foot skin reaction"},
      {"Hepatobiliary disorders \xE2\x80\x93 Other, specify", "Hepatobiliary disorders - Other, specify"},
      {"Hepatobiliary disorders - Other specify", "Hepatobiliary disorders - Other, specify"},
  };
  for (const auto& c : kSame) EXPECT_EQ(TermKey(c.sent), TermKey(c.listed)) << c.sent << " vs " << c.listed;
}

TEST(CategoriesTermKey, DifferentTermsStayDifferent) {
  EXPECT_NE(TermKey("Colitis"), TermKey("Enterocolitis"));
  EXPECT_NE(TermKey("Hypothyroidism"), TermKey("Hyperthyroidism"));
  EXPECT_NE(TermKey("Esophageal fistula"), TermKey("Esophageal perforation"));
  EXPECT_NE(TermKey("Pneumonitis"), TermKey("Radiation pneumonitis"));
  EXPECT_EQ(TermKey("Esophageal hemorrhage"), "esophageal hemorrhage");
}

TEST(CategoriesTermKey, OtherSpecifyIsSplitFromItsFreeText) {
  const struct {
    const char* sent;
    const char* soc;
    const char* free_text;
  } kCases[] = {
      {"Endocrine disorders - Other, specify: autoimmune thyroiditis", "endocrine disorders other specify",
       "autoimmune thyroiditis"},
      {"Nervous system disorders - Other, specify (limbic encephalitis)", "nervous system disorders other specify",
       "limbic encephalitis"},
      {"Eye disorders - Other, specify - scleritis", "eye disorders other specify", "scleritis"},
      {"Eye disorders - Other, specify", "eye disorders other specify", ""},
      {"Other, specify: thyroiditis", "other specify", "thyroiditis"},
  };
  for (const auto& c : kCases) {
    const auto split = SplitOtherSpecify(TermKey(c.sent));
    ASSERT_TRUE(split.has_value()) << c.sent;
    EXPECT_EQ(split->soc_key, c.soc) << c.sent;
    EXPECT_EQ(split->free_text_key, c.free_text) << c.sent;
  }
  EXPECT_FALSE(SplitOtherSpecify(TermKey("Pneumonitis")).has_value());
}

}  // namespace
}  // namespace vigil::categories
