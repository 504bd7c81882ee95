// HL7 results through the real pipeline (a real SQLite file): corrections
// supersede and withdraw the alerts they remove, withdrawals (X/D/W) drop
// the grade, preliminary results raise nothing, and the ACK says what was
// committed.
#include <gtest/gtest.h>

#include "daemon/mllp/hl7_intake.h"
#include "hl7_fixtures.h"
#include "pipeline_fixture.h"

namespace vigil::testing {
namespace {

class Hl7SafetyTest : public PipelineFixture {
 protected:
  void SetUp() override {
    PipelineFixture::SetUp();
    StartPipeline();
    Deliver("dm", ReadTestFile(std::string(VIGIL_SOURCE_DIR) + "/config/example/feeds/01-enrolment.dm.csv"));
    intake_.emplace(*pipeline_, "ESCC2L", clock_);
  }

  mllp::Hl7Answer Send(const std::string& message) {
    clock_.Advance(std::chrono::minutes(1));
    return intake_->Handle(message);
  }

  std::vector<store::AlertRow> AlertsOf(const std::string& kind, const std::string& state = "all") {
    auto reader = store::Reader::Open(db_);
    EXPECT_TRUE(reader.ok());
    auto alerts = (*reader)->Alerts(state);
    EXPECT_TRUE(alerts.ok());
    std::vector<store::AlertRow> out;
    for (const store::AlertRow& a : *alerts) {
      if (a.kind == kind && a.subject == "ESCC2L-01-001") out.push_back(a);
    }
    return out;
  }

  // The grade of a record key for a CTCAE term; "none" when not graded.
  std::string GradeOf(const std::string& record_key, const std::string& term) {
    auto reader = store::Reader::Open(db_);
    auto grades = (*reader)->Grades("ESCC2L-01-001");
    EXPECT_TRUE(grades.ok());
    for (const store::GradeView& g : *grades) {
      if (g.record_key == record_key && g.term == term) return g.grade ? std::to_string(*g.grade) : "NA";
    }
    return "none";
  }

  store::StatusCounts Counts() {
    auto reader = store::Reader::Open(db_);
    auto c = (*reader)->Counts();
    EXPECT_TRUE(c.ok());
    return *c;
  }

  std::optional<mllp::Hl7Intake> intake_;
};

// Message 3 of the reference corrects ALT to 87 U/L. The reference expects
// the Hy's-law alert withdrawn, but AST stays at 142 U/L (3.55 x ULN 40):
// A10 (clinical.md, FDA 2009) is ALT *or* AST > 3 x ULN with bilirubin
// > 2 x ULN, so the case still holds and the alert stays open (safety
// first: a correction of one transaminase does not clear a case the other
// still makes). A correction that brings both under 3 x ULN withdraws it.
TEST_F(Hl7SafetyTest, CorrectionSupersedesAndWithdrawsTheHysLawAlertOnlyWhenTheCaseNoLongerHolds) {
  mllp::Hl7Answer first = Send(TrialMessage(1));
  EXPECT_EQ(first.code, "AA") << first.ack;
  EXPECT_NE(first.ack.find("\rMSA|AA|RGH-L-000731\r"), std::string::npos) << first.ack;
  EXPECT_EQ(GradeOf("FL55012/1742-6", "Alanine aminotransferase increased"), "2");
  EXPECT_EQ(GradeOf("FL55012/1920-8", "Aspartate aminotransferase increased"), "2");
  EXPECT_EQ(GradeOf("FL55012/1975-2", "Blood bilirubin increased"), "2");
  EXPECT_EQ(GradeOf("FL55012/2823-3", "Hypokalemia"), "2");  // worst case (symptoms assumed) of 3.1 < LLN 3.5
  auto hys = AlertsOf("hys_law");
  ASSERT_EQ(hys.size(), 1u);
  EXPECT_EQ(hys[0].state, "open");

  mllp::Hl7Answer correction = Send(TrialMessage(3));
  EXPECT_EQ(correction.code, "AA") << correction.ack;
  EXPECT_EQ(GradeOf("FL55012/1742-6", "Alanine aminotransferase increased"), "1");
  hys = AlertsOf("hys_law");
  ASSERT_EQ(hys.size(), 1u);
  EXPECT_EQ(hys[0].state, "open");  // AST 142 > 3 x 40 still makes the case
  // One record key, two versions.
  store::StatusCounts c = Counts();
  EXPECT_EQ(c.records[static_cast<std::size_t>(Domain::kLb)], 6);
  EXPECT_EQ(c.versions[static_cast<std::size_t>(Domain::kLb)], 7);
  EXPECT_EQ(c.deliveries.at("mllp"), 2);

  // AST corrected too (95 U/L, 2.4 x ULN): no transaminase > 3 x ULN.
  std::string ast = WithControlId(TrialMessage(3), "RGH-L-000779", "RGH-L-000790");
  ast =
      ReplaceAll(ast, "OBX|1|NM|1742-6^Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma^LN||87|",
                 "OBX|1|NM|1920-8^Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma^LN||95|");
  ast = ReplaceAll(ast, "|7-56|", "|10-40|");
  mllp::Hl7Answer both = Send(ast);
  EXPECT_EQ(both.code, "AA") << both.ack;
  EXPECT_EQ(GradeOf("FL55012/1920-8", "Aspartate aminotransferase increased"), "1");
  hys = AlertsOf("hys_law");
  ASSERT_EQ(hys.size(), 1u);
  EXPECT_EQ(hys[0].state, "withdrawn");
  c = Counts();
  EXPECT_EQ(c.versions[static_cast<std::size_t>(Domain::kLb)], 8);
}

TEST_F(Hl7SafetyTest, WithdrawnResultsDropTheGradeAndTheHysLawAlert) {
  ASSERT_EQ(Send(TrialMessage(1)).code, "AA");
  ASSERT_EQ(AlertsOf("hys_law", "open").size(), 1u);
  // The laboratory posts ALT and AST as wrong (OBX-11 W): new versions of
  // the same keys without a value.
  const std::string wrong =
      "MSH|^~\\&|CLINLAB|RIVERSIDE_GH|SAFETYMON|TRIAL|20260314170000-0500||ORU^R01^ORU_R01|RGH-W-1|P|2.5.1\r"
      "PID|1||ESCC2L-01-001^^^ESCC2L^RI\r"
      "ORC|RE|PL778812^SITE_EHR|FL55012^CLINLAB\r"
      "OBR|1|PL778812^SITE_EHR|FL55012^CLINLAB|24323-8^CMP^LN|||20260314071500-0500\r"
      "OBX|1|NM|1742-6^ALT^LN||||||||W|||20260314071500-0500\r"
      "OBX|2|NM|1920-8^AST^LN||||||||W|||20260314071500-0500\r";
  mllp::Hl7Answer a = Send(wrong);
  EXPECT_EQ(a.code, "AA") << a.ack;
  EXPECT_EQ(GradeOf("FL55012/1742-6", "Alanine aminotransferase increased"), "NA");
  EXPECT_EQ(GradeOf("FL55012/1920-8", "Aspartate aminotransferase increased"), "NA");
  EXPECT_EQ(AlertsOf("hys_law", "open").size(), 0u);
  EXPECT_EQ(AlertsOf("hys_law", "withdrawn").size(), 1u);
}

TEST_F(Hl7SafetyTest, WithdrawnCriticalValueWithdrawsItsAlert) {
  mllp::Hl7Answer cbc = Send(TrialMessage(2));
  EXPECT_EQ(cbc.code, "AA") << cbc.ack;
  // Neutrophils 0.4 (grade 4) and lymphocytes <0.2 (grade 4, censored) are
  // critical; the pending platelets (status I) are noted, not stored.
  EXPECT_NE(cbc.ack.find("ERR||OBX^5^11|"), std::string::npos) << cbc.ack;
  EXPECT_EQ(GradeOf("CL-8821044/751-8", "Neutrophil count decreased"), "4");
  EXPECT_EQ(GradeOf("CL-8821044/731-0", "Lymphocyte count decreased"), "4");
  EXPECT_EQ(GradeOf("CL-8821044/6690-2", "White blood cell decreased"), "3");
  EXPECT_EQ(GradeOf("CL-8821044/718-7", "Anemia"), "2");
  EXPECT_EQ(AlertsOf("lab_critical", "open").size(), 2u);

  const std::string deleted =
      "MSH|^~\\&|CENTRALLAB|CL_EU01|SAFETYMON|TRIAL|20260321150000+0100||ORU^R01^ORU_R01|CL-DEL-1|P|2.5.1\r"
      "PID|1||ESCC2L-01-001^^^ESCC2L^RI\r"
      "OBR|1||CL-8821044^CENTRALLAB|58410-2^CBC^LN|||20260321081000+0100\r"
      "OBX|1|NM|751-8^Neutrophils^LN||||||||D|||20260321081000+0100\r";
  mllp::Hl7Answer a = Send(deleted);
  EXPECT_EQ(a.code, "AA") << a.ack;
  EXPECT_EQ(GradeOf("CL-8821044/751-8", "Neutrophil count decreased"), "NA");
  auto critical = AlertsOf("lab_critical");
  int open = 0, withdrawn = 0;
  for (const auto& x : critical) {
    if (x.state == "open") ++open;
    if (x.state == "withdrawn") ++withdrawn;
  }
  EXPECT_EQ(open, 1);       // lymphocytes
  EXPECT_EQ(withdrawn, 1);  // neutrophils
}

TEST_F(Hl7SafetyTest, PreliminaryResultsAreGradedButRaiseNothingUntilFinal) {
  const std::string preliminary = WithResultStatus(TrialMessage(1), 'P');
  mllp::Hl7Answer a = Send(preliminary);
  EXPECT_EQ(a.code, "AA") << a.ack;
  EXPECT_EQ(GradeOf("FL55012/1742-6", "Alanine aminotransferase increased"), "2");
  EXPECT_TRUE(AlertsOf("hys_law").empty());
  const std::string cbc = WithResultStatus(WithControlId(TrialMessage(2), "CL-20250321-000318", "CL-P-1"), 'P');
  ASSERT_EQ(Send(cbc).code, "AA");
  EXPECT_EQ(GradeOf("CL-8821044/751-8", "Neutrophil count decreased"), "4");
  EXPECT_TRUE(AlertsOf("lab_critical").empty());

  // The final results (new messages, same keys) raise them.
  ASSERT_EQ(Send(WithControlId(TrialMessage(1), "RGH-L-000731", "RGH-F-1")).code, "AA");
  EXPECT_EQ(AlertsOf("hys_law", "open").size(), 1u);
  ASSERT_EQ(Send(WithResultStatus(WithControlId(TrialMessage(2), "CL-20250321-000318", "CL-F-1"), 'F')).code, "AA");
  EXPECT_EQ(AlertsOf("lab_critical", "open").size(), 2u);
}

TEST_F(Hl7SafetyTest, RepeatOfACommittedMessageIsAcknowledgedAndChangesNothing) {
  ASSERT_EQ(Send(TrialMessage(1)).code, "AA");
  const store::StatusCounts before = Counts();
  mllp::Hl7Answer again = Send(TrialMessage(1));
  EXPECT_EQ(again.code, "AA");
  EXPECT_FALSE(again.committed);
  EXPECT_NE(again.summary.find("already committed"), std::string::npos);
  const store::StatusCounts after = Counts();
  EXPECT_EQ(after.inbound, before.inbound);
  EXPECT_EQ(after.batches, before.batches);
}

TEST_F(Hl7SafetyTest, InvalidContentIsQuarantinedAndAnsweredAE) {
  std::string m = TrialMessage(1);
  m = ReplaceAll(m, "||187|U/L", "||18,7|U/L");         // ALT not a number
  m = ReplaceAll(m, "||142|U/L^U/L^UCUM|", "||142||");  // AST without its unit
  mllp::Hl7Answer a = Send(m);
  EXPECT_EQ(a.code, "AE") << a.ack;
  EXPECT_NE(a.ack.find("\rERR||OBX^1^5|102^Data type error^HL70357|E||||OBX 1 LBORRES: '18,7' is not a number"),
            std::string::npos)
      << a.ack;
  EXPECT_NE(a.ack.find("\rERR||OBX^2^6|"), std::string::npos) << a.ack;
  const store::StatusCounts c = Counts();
  EXPECT_EQ(c.records[static_cast<std::size_t>(Domain::kLb)], 4);
  EXPECT_EQ(c.quarantined, 2);
}

TEST_F(Hl7SafetyTest, NotAnOruIsRejectedAndRecorded) {
  std::string training = ReplaceAll(TrialMessage(1), "|RGH-L-000731|P|", "|RGH-L-000731|T|");
  mllp::Hl7Answer a = Send(training);
  EXPECT_EQ(a.code, "AR");
  EXPECT_NE(a.ack.find("ERR||MSH^1^11|202^Unsupported processing id"), std::string::npos) << a.ack;
  EXPECT_EQ(Counts().records[static_cast<std::size_t>(Domain::kLb)], 0);
  EXPECT_EQ(Counts().quarantined, 1);  // the delivery, with its reason
  // Sent again: rejected again, recorded once.
  EXPECT_EQ(Send(training).code, "AR");
  EXPECT_EQ(Counts().batches, 2);  // the DM file and the one rejected message
}

TEST_F(Hl7SafetyTest, UnenrolledSubjectIsHeldAndAcknowledged) {
  std::string m = ReplaceAll(TrialMessage(3), "ESCC2L-01-001", "ESCC2L-99-999");
  mllp::Hl7Answer a = Send(m);
  EXPECT_EQ(a.code, "AA") << a.ack;
  EXPECT_NE(a.ack.find("|W||||OBX 1: the subject is not enrolled"), std::string::npos) << a.ack;
  EXPECT_EQ(Counts().held, 1);
}

}  // namespace
}  // namespace vigil::testing
