// Every adverse-event term the simulator sends is classified by the default
// term dictionaries (rules/categories/default), or is on the list below of
// terms deliberately left unclassified, each with the reason. A MedDRA
// preferred term the feeds send that no list holds would silently fall out of
// every category total and every rule that reads categories; this test makes
// such a term a decision.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "rules/categories/category_set.h"
#include "rules/categories/term_key.h"
#include "tests/tools/simulation/trial_files.h"

namespace vigil::simulation {
namespace {

// AEDECOD -> why no category list holds it (clinical.md §1 gives the lists).
// The AETERM of such a record must not be classified either: the classifier
// reads AETERM when AEDECOD matches nothing, so a classified verbatim would
// make the entry wrong.
const std::map<std::string, std::string>& DeliberatelyUnclassified() {
  static const std::map<std::string, std::string> list = {
      {"Constipation", "supportive care (opioids, 5-HT3 antiemetics); no §1 list names it"},
      {"Pyrexia", "a sign of infection, disease or infusion reaction; §1 lists the causes, not the sign"},
      {"Cough", "disease or infection; no §1 list names it"},
      {"Dyspnoea",
       "§1.1 lists Dyspnea as 'supporting only' for pneumonitis; alone it is not an irAE "
       "(rules/categories/README.md, table qualifiers)"},
      {"Insomnia", "dexamethasone premedication, not a study treatment"},
      {"Dizziness", "no §1 list names it"},
      {"Hiccups", "dexamethasone premedication with chemotherapy; §1.3 does not list it"},
      {"Upper respiratory tract infection",
       "community infection; §1.3 lists sepsis and lung infection with "
       "chemotherapy, not upper respiratory infection"},
      {"Back pain", "disease (bone metastases) or unrelated; no §1 list names it"},
      {"Hyponatraemia", "multi-cause (vomiting, SIADH, adrenal insufficiency); §3(d) watches sodium as a lab"},
      {"Hypokalaemia", "multi-cause (vomiting, diarrhoea); no §1 list names it"},
      {"Hypoalbuminaemia", "nutrition and disease (dysphagia); no §1 list names it"},
  };
  return list;
}

struct Emitted {
  std::map<std::string, std::set<std::string>> verbatims_by_decod;
};

const Emitted& EmittedTerms() {
  static const Emitted emitted = [] {
    Emitted out;
    for (std::uint64_t seed : {1u, 2u, 3u}) {
      Options options;
      options.subjects = 60;
      options.seed = seed;
      auto files = Generate(options);
      EXPECT_TRUE(files.ok()) << files.status().message();
      if (!files.ok()) continue;
      for (const SpoolFile& f : *files) {
        if (testing::DomainOfName(f.name) != Domain::kAe) continue;
        for (const Record& r : testing::ParseSpoolFile(f).records) {
          out.verbatims_by_decod[std::string(r.Get("AEDECOD"))].insert(std::string(r.Get("AETERM")));
        }
      }
    }
    return out;
  }();
  return emitted;
}

const Result<categories::CategorySet>& DefaultSet() {
  static const Result<categories::CategorySet> set = categories::CategorySet::Load();
  return set;
}

const categories::CategorySet& Defaults() { return *DefaultSet(); }

TEST(SimulatedTerms, EveryPreferredTermIsClassifiedOrDeliberatelyNot) {
  ASSERT_TRUE(DefaultSet().ok()) << DefaultSet().status().message();
  ASSERT_GT(EmittedTerms().verbatims_by_decod.size(), 40u);
  for (const auto& [decod, verbatims] : EmittedTerms().verbatims_by_decod) {
    ASSERT_FALSE(decod.empty()) << "an AE without AEDECOD";
    const bool classified = Defaults().Find(decod) != nullptr;
    const bool listed = DeliberatelyUnclassified().contains(decod);
    EXPECT_TRUE(classified || listed) << "AEDECOD '" << decod << "' is in no category list and not on the "
                                      << "deliberately unclassified list";
    EXPECT_FALSE(classified && listed) << "AEDECOD '" << decod << "' is classified: take it off the list";
    if (!listed) continue;
    for (const std::string& verbatim : verbatims) {
      EXPECT_EQ(Defaults().Find(verbatim), nullptr)
          << "AETERM '" << verbatim << "' of unclassified '" << decod << "' is classified";
    }
  }
}

TEST(SimulatedTerms, TheUnclassifiedListHoldsOnlyTermsTheSimulatorSends) {
  for (const auto& [decod, why] : DeliberatelyUnclassified()) {
    EXPECT_TRUE(EmittedTerms().verbatims_by_decod.contains(decod)) << decod << " is never sent: take it off";
    EXPECT_FALSE(why.empty()) << decod;
  }
}

// The PT spellings sites code to, each in the category its CTCAE term is in.
TEST(SimulatedTerms, PreferredTermsFollowTheirCtcaeTerm) {
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"Blood creatinine increased", "Creatinine increased"},
      {"Electrocardiogram QT prolonged", "Electrocardiogram QT corrected interval prolonged"},
      {"Stomatitis", "Mucositis oral"},
      {"Gamma-glutamyltransferase increased", "GGT increased"},
      {"Blood alkaline phosphatase increased", "Alkaline phosphatase increased"},
      {"Decreased appetite", "Anorexia"},
      {"Weight decreased", "Weight loss"},
      {"Dysphonia", "Hoarseness"},
      {"Lymphopenia", "Lymphocyte count decreased"},
      {"Neutropenia", "Neutrophil count decreased"},
      {"Thrombocytopenia", "Platelet count decreased"},
      {"Anaemia", "Anemia"},
      {"White blood cell count decreased", "White blood cell decreased"},
      {"Oedema peripheral", "Edema limbs"},
      {"Pneumonia", "Lung infection"},
      {"Radiation skin injury", "Dermatitis radiation"},
      {"Amylase increased", "Serum amylase increased"},
  };
  ASSERT_TRUE(DefaultSet().ok()) << DefaultSet().status().message();
  for (const auto& [pt, ctcae] : pairs) {
    const categories::TermEntry* p = Defaults().Find(pt);
    const categories::TermEntry* c = Defaults().Find(ctcae);
    ASSERT_NE(p, nullptr) << pt;
    ASSERT_NE(c, nullptr) << ctcae;
    std::set<categories::Category> pc, cc;
    for (const auto& [category, group] : p->groups) pc.insert(category);
    for (const auto& [category, group] : c->groups) cc.insert(category);
    EXPECT_EQ(pc, cc) << pt << " vs " << ctcae;
    EXPECT_EQ(p->rule == nullptr, c->rule == nullptr) << pt << ": an overlap rule decides one and not the other";
    if (p->rule && c->rule) {
      EXPECT_EQ(p->rule->id, c->rule->id) << pt;
    }
    EXPECT_EQ(p->non_specific, c->non_specific) << pt;
  }
}

}  // namespace
}  // namespace vigil::simulation
