// Term matching end to end, through spool files and the real daemon with the
// example trial: the haemorrhage and pneumonitis term sets that R3/A5 and
// R4/A6 share catch the MedDRA terms sites send (haemoptysis, haematemesis,
// melaena, tumour haemorrhage, radiation pneumonitis, interstitial lung
// disease); MedDRA preferred terms are classified like their CTCAE terms;
// R5 leaves out non-specific terms, R6 counts grade 3 liver tests reported
// under Investigations, and R7 leaves out the lymphopenia of
// chemoradiotherapy in cohort A only (clinical.md §1.5, §3(a), §3(b)).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "daemon_fixture.h"

namespace vigil::testing {
namespace {

using nlohmann::json;

class TermSetsEndToEnd : public DaemonFixture {
 protected:
  // Subjects of `cohort`, first dose 2026-01-05.
  void Enrol(const std::string& cohort, const std::vector<std::string>& subjects) {
    std::string dm = "STUDYID,USUBJID,ARMCD,RFXSTDTC\n";
    for (const std::string& s : subjects) dm += "ESCC2L," + s + "," + cohort + ",2026-01-05\n";
    DeliverAndWait("dm-" + cohort + ".dm.csv", dm);
  }

  json Summary() { return DaemonFixture::Summary("--asof 2026-11-01"); }
  static json Cohort(const json& doc, const std::string& id) { return CohortOf(doc, id); }

  // The stopping rule's events in the cohort, from the summary.
  int Events(const json& doc, const std::string& cohort, const std::string& rule) {
    const json r = RuleOf(doc, cohort, rule);
    return r.is_null() ? -1 : r["events"].get<int>();
  }

  // The subjects with an alert of `trigger`.
  std::set<std::string> AlertedSubjects(const std::string& trigger) {
    std::set<std::string> out;
    for (const json& a : Alerts()) {
      if (a["trigger"] == trigger) out.insert(a["subject"].get<std::string>());
    }
    return out;
  }

  static std::vector<std::string> CategoriesOf(const json& cohort, const std::string& pt) {
    for (const json& t : cohort["terms"]) {
      if (t["pt"] == pt) return t["category"].get<std::vector<std::string>>();
    }
    ADD_FAILURE() << "no term " << pt;
    return {};
  }
};

constexpr const char* kAeHeader =
    "STUDYID,USUBJID,AESPID,AETERM,AEDECOD,AEBODSYS,AETOXGR,AESER,AESTDTC,"
    "AEREL_ADEBRELIMAB,AEREL_APATINIB,AEREL_CHEMO,AEREL_RT,AEIRAE\n";

// One AE row; causality columns in the order of kAeHeader.
std::string Ae(const std::string& subject, const std::string& pt, const std::string& soc, int grade,
               const std::string& causality = ",,,,") {
  return "ESCC2L," + subject + ",1," + pt + "," + pt + ",\"" + soc + "\"," + std::to_string(grade) + ",N,2026-02-02," +
         causality + "\n";
}

TEST_F(TermSetsEndToEnd, HaemorrhageTermsCountTowardR3AndRaiseA5) {
  Enrol("B", {"H1", "H2", "H3", "H4", "H5", "H6"});
  DeliverAndWait("1.ae.csv", std::string(kAeHeader) +
                                 Ae("H1", "Haemoptysis", "Respiratory, thoracic and mediastinal disorders", 3) +
                                 Ae("H2", "Haematemesis", "Gastrointestinal disorders", 3) +
                                 Ae("H3", "Melaena", "Gastrointestinal disorders", 3) +
                                 Ae("H4", "Tumour haemorrhage", "Neoplasms benign, malignant and unspecified", 3) +
                                 Ae("H5", "Tumour haemorrhage", "Neoplasms benign, malignant and unspecified", 2) +
                                 Ae("H6", "Haemorrhoids", "Gastrointestinal disorders", 3));
  EXPECT_EQ(Events(Summary(), "B", "R3"), 4);
  // A5: grade >= 3 anywhere, and grade 2 at a high-risk site (the tumour is
  // oesophageal); haemorrhoids are not a haemorrhage.
  EXPECT_EQ(AlertedSubjects("A5"), (std::set<std::string>{"H1", "H2", "H3", "H4", "H5"}));
}

TEST_F(TermSetsEndToEnd, RadiationPneumonitisAndInterstitialLungDiseaseCountTowardR4) {
  Enrol("A", {"P1", "P2", "P3"});
  DeliverAndWait("1.ae.csv",
                 std::string(kAeHeader) +
                     Ae("P1", "Radiation pneumonitis", "Respiratory, thoracic and mediastinal disorders", 3) +
                     Ae("P2", "Interstitial lung disease", "Respiratory, thoracic and mediastinal disorders", 3) +
                     Ae("P3", "Pneumonia", "Infections and infestations", 3));
  EXPECT_EQ(Events(Summary(), "A", "R4"), 2);
  EXPECT_EQ(AlertedSubjects("A6"), (std::set<std::string>{"P1", "P2"}));
}

TEST_F(TermSetsEndToEnd, MedDraPreferredTermsAreClassified) {
  Enrol("B", {"M1"});
  DeliverAndWait(
      "1.ae.csv",
      std::string(kAeHeader) +
          "ESCC2L,M1,1,Creatinine increased,Blood creatinine increased,Investigations,2,N,2026-02-02,,,,,\n"
          "ESCC2L,M1,2,QTc prolongation,Electrocardiogram QT prolonged,Investigations,2,N,2026-02-03,,,,,\n"
          "ESCC2L,M1,3,Mouth sores,Stomatitis,Gastrointestinal disorders,2,N,2026-02-04,,,,,\n"
          "ESCC2L,M1,4,GGT increased,Gamma-glutamyltransferase increased,Investigations,2,N,2026-02-05,,,,,\n");
  const json b = Cohort(Summary(), "B");
  // Cohort B receives no RT, so creatinine has no platinum (chemoradiotherapy)
  // attribution. No causality was assessed: each event also counts as
  // adebrelimab-related (rules/categories/README.md).
  using Names = std::vector<std::string>;
  EXPECT_EQ(CategoriesOf(b, "Blood creatinine increased"), (Names{"adebrelimab_related", "immune_related"}));
  EXPECT_EQ(CategoriesOf(b, "Electrocardiogram QT prolonged"), (Names{"adebrelimab_related", "apatinib_related"}));
  EXPECT_EQ(CategoriesOf(b, "Stomatitis"), (Names{"adebrelimab_related", "apatinib_related", "chemotherapy_related"}));
  EXPECT_EQ(CategoriesOf(b, "Gamma-glutamyltransferase increased"), (Names{"adebrelimab_related", "immune_related"}));
}

TEST_F(TermSetsEndToEnd, R5R6AndR7CountWhatTheirDefinitionsSay) {
  Enrol("A", {"A1", "A2"});
  Enrol("B", {"B1", "B2", "B3", "B4"});
  DeliverAndWait("1.ae.csv",
                 std::string(kAeHeader) +
                     // R5: an irAE colitis counts; an anorexia the site calls immune-related does not (non-specific).
                     Ae("B1", "Colitis", "Gastrointestinal disorders", 3, "RELATED,,,,Y") +
                     Ae("B2", "Decreased appetite", "Metabolism and nutrition disorders", 3, "RELATED,,,,Y") +
                     // R6: grade 3 related ALT (SOC Investigations) counts; a neutrophil count does not.
                     Ae("B3", "Alanine aminotransferase increased", "Investigations", 3, "RELATED,,,,") +
                     Ae("B4", "Neutrophil count decreased", "Investigations", 3, ",,RELATED,,") +
                     // R7: lymphopenia with chemoradiotherapy (cohort A) does not count; in cohort B it does (B4 above
                     // is related too).
                     Ae("A1", "Lymphocyte count decreased", "Investigations", 3, ",,RELATED,RELATED,") +
                     Ae("A2", "Lymphocyte count decreased", "Investigations", 4, ",,,RELATED,"));
  DeliverAndWait("2.ae.csv", std::string(kAeHeader) +
                                 "ESCC2L,B4,2,Lymphopenia,Lymphocyte count decreased,Investigations,3,N,2026-02-01,,,"
                                 "RELATED,,\n");
  const json doc = Summary();
  EXPECT_EQ(Events(doc, "B", "R5"), 2);  // B1 colitis; B3's ALT, related to adebrelimab; not B2
  EXPECT_EQ(Events(doc, "B", "R6"), 3);  // B1 colitis, B2 anorexia, B3 ALT
  EXPECT_EQ(Events(doc, "B", "R7"), 4);  // every subject of B has a grade >= 3 related AE
  EXPECT_EQ(Events(doc, "A", "R7"), 0);
}

}  // namespace
}  // namespace vigil::testing
