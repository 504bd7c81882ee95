// Safety first, end to end through spool files and the real daemon: no
// serious event may be missed because of a typo, a code, a correction or a
// pre-dose record. One test per way an event used to reach nobody: a
// withdrawn alert that qualifies again, a stopping-rule alert withdrawn by
// the arithmetic, a serious AE with an unreadable field, LOINC-only liver
// labs, a pre-dose event hiding an on-treatment one, a death recorded only
// in DM, an AESI reported as an AE, missing causality, a seriousness
// criterion under AESER = N, and a withdrawn patient counted as evaluable.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "daemon_fixture.h"

namespace vigil::testing {
namespace {

using nlohmann::json;

class SafetyFirst : public DaemonFixture {
 protected:
  // Delivers `text` as the next numbered file of `domain` and waits.
  void Send(const std::string& text, const std::string& domain) {
    DeliverAndWait(std::to_string(++files_) + "." + domain + ".csv", text);
  }
  void Dm(const std::string& rows, const std::string& header = "STUDYID,USUBJID,ARMCD,RFXSTDTC") {
    Send(header + "\n" + rows, "dm");
  }
  void Ae(const std::string& header, const std::string& rows) { Send(header + "\n" + rows, "ae"); }

  // The cohort's entry, and one of its stopping rules, in the current summary.
  json Cohort(const std::string& id) { return CohortOf(Summary(), id); }
  json Rule(const std::string& cohort, const std::string& rule) { return RuleOf(Summary(), cohort, rule); }

  static bool EvidenceHas(const json& alert, const std::string& field, const std::string& contains) {
    for (const json& e : alert["evidence"]) {
      if (e["field"] == field && e["value"].get<std::string>().find(contains) != std::string::npos) return true;
    }
    return false;
  }

  int files_ = 0;
};

constexpr const char* kAe =
    "STUDYID,USUBJID,AESPID,AETERM,AEDECOD,AEBODSYS,AETOXGR,AESER,AESDTH,AESHOSP,AESTDTC,AEREL_ADEBRELIMAB,AEEXPECT";

// 1. An SAE corrected to grade 2 non-serious is withdrawn; upgraded back to
// a serious grade 3 it raises again: the same alert reopened and notified,
// its withdrawal kept in its history.
TEST_F(SafetyFirst, WithdrawnAlertIsRaisedAgainWhenItQualifiesAgain) {
  Dm("ESCC2L,S1,B,2026-01-01\n");
  const std::string serious = "ESCC2L,S1,1,Colitis,Colitis,Gastrointestinal disorders,3,Y,N,Y,2026-02-01,RELATED,Y\n";
  Ae(kAe, serious);
  auto sae = Of("sae", "A1");
  ASSERT_EQ(sae.size(), 1u);
  const std::string id = sae[0]["id"];

  Ae(kAe, "ESCC2L,S1,1,Colitis,Colitis,Gastrointestinal disorders,2,N,N,N,2026-02-01,RELATED,Y\n");
  sae = Of("sae", "A1");
  ASSERT_EQ(sae.size(), 1u);
  EXPECT_EQ(sae[0]["state"], "withdrawn");

  Ae(kAe, serious);
  sae = Of("sae", "A1");
  ASSERT_EQ(sae.size(), 1u);
  EXPECT_EQ(sae[0]["id"], id);
  EXPECT_EQ(sae[0]["state"], "open");
  ASSERT_EQ(sae[0]["history"].size(), 1u);
  EXPECT_FALSE(sae[0]["history"][0]["withdrawn_at"].is_null());
  EXPECT_TRUE(sae[0]["withdrawn_at"].is_null());

  // raised, withdrawn, raised again: each event delivered.
  const json status = StatusWhenDelivered();
  EXPECT_EQ(status["outbox"]["pending"], 0);
  const std::string log = ReadFileText((state_ / "vigild.log").string());
  std::size_t raised = 0;
  const std::string line = "alert " + id + " raised ";
  for (std::size_t at = log.find(line); at != std::string::npos; at = log.find(line, at + 1)) ++raised;
  EXPECT_EQ(raised, 2u) << log;
}

// 2. R3 (grade >= 3 haemorrhage; Beta(0.1, 1.9), Pr(p > 0.05) > 0.90:
// >= 2 events among 3-10 evaluable, >= 3 among 11-22) crosses in cohort B
// at 2 of 3. Eight more event-free patients bring it back under (2 of 11):
// the alert stays open, the rule's state beside it. A correction that
// removes an event does not withdraw it either. It is acknowledged only
// with a note; a new crossing after that is a new alert.
TEST_F(SafetyFirst, StoppingRuleAlertIsNeverWithdrawnAutomatically) {
  Dm("ESCC2L,B1,B,2026-01-05\nESCC2L,B2,B,2026-01-05\nESCC2L,B3,B,2026-01-05\n");
  const std::string bleed =
      "Gastric hemorrhage,Gastric hemorrhage,Gastrointestinal disorders,3,Y,N,Y,2026-02-10,RELATED,Y";
  Ae(kAe, "ESCC2L,B1,1," + bleed + "\nESCC2L,B2,1," + bleed + "\n");
  auto r3 = Of("stopping_rule", "R3");
  ASSERT_EQ(r3.size(), 1u);
  EXPECT_EQ(r3[0]["cohort"], "B");
  EXPECT_EQ(r3[0]["rule_state"]["triggered"], true);
  const std::string id = r3[0]["id"];

  std::string more;
  for (int i = 4; i <= 11; ++i) more += "ESCC2L,B" + std::to_string(i) + ",B,2026-01-05\n";
  Dm(more);
  r3 = Of("stopping_rule", "R3");
  ASSERT_EQ(r3.size(), 1u);
  EXPECT_EQ(r3[0]["state"], "open");
  EXPECT_EQ(r3[0]["rule_state"]["triggered"], false);
  EXPECT_EQ(r3[0]["rule_state"]["evaluable"], 11);
  EXPECT_EQ(Rule("B", "R3")["triggered"], false);

  // A correction removes one of the two events: still open.
  Ae(kAe,
     "ESCC2L,B2,1,Gastric hemorrhage,Gastric hemorrhage,Gastrointestinal disorders,1,N,N,N,2026-02-10,RELATED,Y\n");
  r3 = Of("stopping_rule", "R3");
  ASSERT_EQ(r3.size(), 1u);
  EXPECT_EQ(r3[0]["state"], "open");
  EXPECT_EQ(r3[0]["rule_state"]["events"], 1);

  EXPECT_EQ(Vigilctl(state_, "ack " + id + " --by dsmb.chair 2>/dev/null").exit_code, 1);  // no note
  ASSERT_EQ(Vigilctl(state_, "ack " + id + " --by dsmb.chair --note 'reviewed; enrolment continues'").exit_code, 0);

  // Three events among eleven: crossed again, a new alert.
  Ae(kAe, "ESCC2L,B2,1," + bleed + "\nESCC2L,B3,1," + bleed + "\n");
  r3 = Of("stopping_rule", "R3");
  ASSERT_EQ(r3.size(), 2u);
  std::set<int> levels;
  for (const json& a : r3) levels.insert(a["level"].get<int>());
  EXPECT_EQ(levels, (std::set<int>{1, 2}));
  EXPECT_EQ(Of("stopping_rule", "R3", "open").size(), 1u);
}

// 3. An AE whose grade is a typo (G5) with AESDTH = Y, and a serious fistula
// with no grade, are quarantined whole, and still alert: sae with its 24 h
// clock, the fatal and fistula AESIs, each with the data-quality problem in
// its evidence. The corrected record supersedes them with its own alerts.
TEST_F(SafetyFirst, SeriousRecordWithAnInvalidFieldIsQuarantinedAndAlerted) {
  Dm("ESCC2L,S3,A,2026-01-01\n");
  Ae(kAe,
     "ESCC2L,S3,1,Pneumonia,Lung infection,Infections and infestations,G5,Y,Y,Y,2026-03-01,,N\n"
     "ESCC2L,S3,2,Esophageal fistula,Esophageal fistula,Gastrointestinal disorders,,Y,N,Y,2026-03-02,RELATED,N\n");
  const json status = json::parse(Vigilctl(state_, "status --format json").out);
  EXPECT_EQ(status["quarantined"], 2);

  auto sae = Of("sae", "A1", "open", "S3");
  ASSERT_EQ(sae.size(), 2u);
  for (const json& a : sae) {
    EXPECT_FALSE(a["due_at"].is_null()) << a.dump();  // the investigator's 24 h clock runs
    EXPECT_TRUE(EvidenceHas(a, "data_quality", "AETOXGR")) << a.dump();
  }
  auto fatal = Of("aesi", "A2", "open", "S3");
  ASSERT_EQ(fatal.size(), 1u);
  EXPECT_TRUE(EvidenceHas(fatal[0], "AETOXGR", "G5"));
  auto fistula = Of("aesi", "A3", "open", "S3");
  ASSERT_EQ(fistula.size(), 1u);
  EXPECT_NE(fistula[0]["title"].get<std::string>().find("quarantined"), std::string::npos);

  // The site corrects the fistula's grade: the record's own alerts replace
  // those raised from its quarantined version.
  Ae(kAe,
     "ESCC2L,S3,2,Esophageal fistula,Esophageal fistula,Gastrointestinal disorders,3,Y,N,Y,2026-03-02,RELATED,N\n");
  fistula = Of("aesi", "A3", "all", "S3");
  ASSERT_EQ(fistula.size(), 2u);
  int open = 0, superseded = 0;
  for (const json& a : fistula) {
    if (a["state"] == "open") ++open;
    if (a["state"] == "withdrawn" && a["withdrawn_reason"].get<std::string>().find("superseded") != std::string::npos) {
      ++superseded;
    }
  }
  EXPECT_EQ(open, 1);
  EXPECT_EQ(superseded, 1);
}

// 4. Hy's law from labs that carry only LOINC codes (ALT 1742-6, total
// bilirubin 1975-2, ALP 6768-6): the same values as a coded subject, the
// same alert.
TEST_F(SafetyFirst, HysLawFromLoincOnlyLabs) {
  Dm("ESCC2L,L1,B,2026-01-01\n");
  const std::string header = "STUDYID,USUBJID,LBSPID,LBLOINC,LBSTRESN,LBSTRESU,LBSTNRLO,LBSTNRHI,LBDTC";
  Send(header +
           "\n"
           "ESCC2L,L1,ALT-1,1742-6,150,U/L,7,40,2026-02-01\n"
           "ESCC2L,L1,ALP-1,6768-6,100,U/L,40,120,2026-02-01\n"
           "ESCC2L,L1,BILI-1,1975-2,50,umol/L,3,21,2026-02-03\n",
       "lb");
  auto hy = Of("hys_law", "", "open", "L1");
  ASSERT_EQ(hy.size(), 1u);
  std::set<std::string> keys;
  for (const json& e : hy[0]["evidence"]) keys.insert(e["record_key"]);
  EXPECT_TRUE(keys.contains("ALT-1") && keys.contains("BILI-1")) << hy[0].dump();
}

// 6. A screening tumour bleed (before the first dose) and a grade 3 gastric
// bleed on treatment: R3 counts the on-treatment one, and only the
// on-treatment one raises the apatinib discontinuation flag.
TEST_F(SafetyFirst, PreDoseEventHidesNothingAndFlagsNothing) {
  Dm("ESCC2L,D1,B,2026-02-01\n");
  Ae(kAe,
     "ESCC2L,D1,1,Tumour haemorrhage,Tumour haemorrhage,Neoplasms benign malignant and "
     "unspecified,3,N,N,N,2026-01-20,,\n"
     "ESCC2L,D1,2,Gastric hemorrhage,Gastric hemorrhage,Gastrointestinal disorders,3,N,N,N,2026-03-01,RELATED,Y\n");
  EXPECT_EQ(Rule("B", "R3")["events"], 1);
  auto stop = Of("dose_modification", "C-BLEED-STOP", "all", "D1");
  ASSERT_EQ(stop.size(), 1u);
  EXPECT_EQ(stop[0]["evidence"][0]["record_key"], "2");
}

// 7. A death recorded only in DM raises an alert that asks for the fatal AE,
// and counts in R1 (treatment-related death; causality not assessed counts
// as related) when it is treatment-emergent.
TEST_F(SafetyFirst, DeathRecordedOnlyInDmAlertsAndCountsInR1) {
  Dm("ESCC2L,M1,A,2026-01-05,2026-03-01,Y\n", "STUDYID,USUBJID,ARMCD,RFXSTDTC,DTHDTC,DTHFL");
  auto fatal = Of("aesi", "A2", "open", "M1");
  ASSERT_EQ(fatal.size(), 1u);
  EXPECT_NE(fatal[0]["title"].get<std::string>().find("without a fatal AE"), std::string::npos);
  EXPECT_EQ(fatal[0]["evidence"][0]["domain"], "dm");
  EXPECT_TRUE(Of("sae", "A1", "all", "M1").empty());  // no SAE report can be made from a DM date
  EXPECT_EQ(Rule("A", "R1")["events"], 1);

  // A death months after the last dose (progressive disease, as a rule)
  // still asks for reconciliation, but is no treatment-emergent death.
  Send("STUDYID,USUBJID,EXSEQ,EXTRT,EXSTDTC,EXENDTC\nESCC2L,M2,1,APATINIB,2026-01-05,2026-02-01\n", "ex");
  Dm("ESCC2L,M2,A,2026-01-05,2026-07-01,Y\n", "STUDYID,USUBJID,ARMCD,RFXSTDTC,DTHDTC,DTHFL");
  EXPECT_EQ(Of("aesi", "A2", "open", "M2").size(), 1u);
  EXPECT_EQ(Rule("A", "R1")["events"], 1);

  // The site reports the fatal AE: the data-quality alert is withdrawn, the
  // AE's own alert stands, and R1 still counts one death.
  Ae(kAe, "ESCC2L,M1,1,Sepsis,Sepsis,Infections and infestations,5,Y,Y,Y,2026-02-28,RELATED,N\n");
  EXPECT_EQ(Of("aesi", "A2", "open", "M1").size(), 1u);
  EXPECT_EQ(Of("aesi", "A2", "open", "M1")[0]["evidence"][0]["domain"], "ae");
  EXPECT_EQ(Rule("A", "R1")["events"], 1);
}

// 8. AESIs reported as AEs fire although their trigger reads labs: immune-
// mediated hepatitis (A11), acute kidney injury (A15), QT prolonged (A17).
// A lab value of the same episode does not alert a second time: it is
// stored merged into the AE's alert.
TEST_F(SafetyFirst, AesiReportedAsAdverseEventFiresOncePerEpisode) {
  Dm("ESCC2L,H1,B,2026-01-01\n");
  Ae(kAe,
     "ESCC2L,H1,1,Immune-mediated hepatitis,Immune-mediated hepatitis,Hepatobiliary "
     "disorders,2,N,N,N,2026-02-10,RELATED,Y\n"
     "ESCC2L,H1,2,Acute kidney injury,Acute kidney injury,Renal and urinary disorders,3,N,N,N,2026-03-10,RELATED,Y\n"
     "ESCC2L,H1,3,Electrocardiogram QT prolonged,Electrocardiogram QT "
     "prolonged,Investigations,3,N,N,N,2026-04-10,RELATED,Y\n");
  EXPECT_EQ(Of("aesi", "A11", "open", "H1").size(), 1u);
  EXPECT_EQ(Of("aesi", "A15", "open", "H1").size(), 1u);
  EXPECT_EQ(Of("aesi", "A17", "open", "H1").size(), 1u);

  Send(
      "STUDYID,USUBJID,LBSPID,LBTESTCD,LBSTRESN,LBSTRESU,LBSTNRLO,LBSTNRHI,LBDTC\n"
      "ESCC2L,H1,ALT-0,ALT,20,U/L,7,40,2025-12-28\n"
      "ESCC2L,H1,ALT-1,ALT,260,U/L,7,40,2026-02-12\n",
      "lb");
  auto hepatitis = Of("aesi", "A11", "all", "H1");
  ASSERT_EQ(hepatitis.size(), 2u);
  EXPECT_EQ(Of("aesi", "A11", "open", "H1").size(), 1u);
  int merged = 0;
  for (const json& a : hepatitis) merged += a["state"] == "merged" ? 1 : 0;
  EXPECT_EQ(merged, 1);
}

// 9. Missing causality counts as related: a fatal AE with no causality
// assessed counts in R1 and in the summary's treatment-related subjects,
// shown as not assessed.
TEST_F(SafetyFirst, MissingCausalityCountsAsRelated) {
  Dm("ESCC2L,C1,B,2026-01-05\n");
  Ae(kAe, "ESCC2L,C1,1,Pneumonitis,Pneumonitis,Respiratory disorders,5,Y,Y,Y,2026-03-01,,N\n");
  EXPECT_EQ(Rule("B", "R1")["events"], 1);
  const json cohort = Cohort("B");
  EXPECT_EQ(cohort["treatment_related"]["subjects"], 1);
  EXPECT_EQ(cohort["causality_not_assessed"]["subjects"], 1);
}

// 13. AESER = N with AESHOSP = Y is serious: an SAE alert with a data-
// quality note, and counted as SAE in the summary.
TEST_F(SafetyFirst, SeriousnessCriterionUnderAeserNoIsAnSae) {
  Dm("ESCC2L,Q1,A,2026-01-05\n");
  Ae(kAe, "ESCC2L,Q1,1,Vomiting,Vomiting,Gastrointestinal disorders,2,N,N,Y,2026-02-01,RELATED,Y\n");
  auto sae = Of("sae", "A1", "open", "Q1");
  ASSERT_EQ(sae.size(), 1u);
  EXPECT_TRUE(EvidenceHas(sae[0], "AESER", "AESHOSP = Y"));
  EXPECT_NE(sae[0]["reason"].get<std::string>().find("data quality"), std::string::npos);
  EXPECT_EQ(Cohort("A")["sae"]["subjects"], 1);
}

// 15. Evaluability ends at withdrawal (DM.RFPENDTC): a patient who left ten
// days after the first dose without the event is not evaluable for an
// 8-week rule; one who stayed is.
TEST_F(SafetyFirst, WithdrawnPatientIsNotEvaluable) {
  Dm("ESCC2L,W1,B,2026-01-05,2026-01-15\nESCC2L,W2,B,2026-01-05,\n", "STUDYID,USUBJID,ARMCD,RFXSTDTC,RFPENDTC");
  EXPECT_EQ(Rule("B", "R3")["evaluable"], 1);
}

}  // namespace
}  // namespace vigil::testing
