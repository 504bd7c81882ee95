// The default classifier as a clinician would check it: one row per clinical
// statement of clinical.md §1.5 (and the term lists of §1.1-1.4 it rests on),
// with the event, the subject's cohort and what the investigator said, and
// the categories expected with the basis of each.
//
// Subjects and their dosing: trial_fixture.h (cohort A: RT 2026-01-12 to
// 2026-02-20, last CHEMO 2026-02-16; cohort B: no RT, last CHEMO 2026-03-09;
// first dose 2026-01-05 for both).
//
// Expected: "category [basis]" in category order, where basis is
// "rule <id>" (overlap rule), "list <group>" (term list), "AEREL"
// (investigator causality) or "AEIRAE" (investigator irAE flag);
// ", secondary" when the reference ranks it below another category;
// "{non-specific}" for §1.5's non-specific terms; "none".
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "trial_fixture.h"

namespace vigil::categories {
namespace {

using testing::CohortA;
using testing::CohortB;
using testing::Date;
using testing::Defaults;
using testing::Describe;
using testing::SetCausality;

struct Row {
  const char* why;             // the statement checked
  const char* covers = "";     // the §1.5 overlap rule id the row exercises, if any
  const char* cohort = "B";    // "A" (chemoradiotherapy) or "B" (chemotherapy)
  const char* decod = "";      // AEDECOD
  const char* term = "";       // AETERM
  const char* bodsys = "";     // AEBODSYS
  int grade = 0;               // AETOXGR; 0 = not reported
  const char* onset = "";      // AESTDTC; "" = not reported
  const char* causality = "";  // "APATINIB=N CHEMO=Y", "AEREL=N"
  const char* irae = "";       // AEIRAE
  const char* expect = "none";
};

// clang-format off
const Row kRows[] = {
    // §1.5 Pneumonitis: Cohort B -> irAE. Cohort A within RT start to RT end + 6 months -> irAE + RT.
    {.why = "Pneumonitis in cohort B is immune-related", .covers = "pneumonitis", .cohort = "B",
     .decod = "Pneumonitis", .grade = 2, .onset = "2026-03-10",
     .expect = "immune_related [rule pneumonitis], adebrelimab_related [not assessed]"},
    {.why = "Pneumonitis in cohort A during the 6 months after RT: irAE + RT, RT secondary (no in-field flag)",
     .covers = "pneumonitis", .cohort = "A", .decod = "Pneumonitis", .grade = 2, .onset = "2026-04-01",
     .expect = "immune_related [rule pneumonitis], adebrelimab_related [not assessed], "
                "radiotherapy_related [rule pneumonitis, secondary]"},
    {.why = "Pneumonitis in cohort A on the last day of RT end + 6 months is still in the window",
     .covers = "pneumonitis", .cohort = "A", .decod = "Pneumonitis", .grade = 1, .onset = "2026-08-20",
     .expect = "immune_related [rule pneumonitis], adebrelimab_related [not assessed], "
                "radiotherapy_related [rule pneumonitis, secondary]"},
    {.why = "Pneumonitis in cohort A more than 6 months after RT is immune-related only", .covers = "pneumonitis",
     .cohort = "A", .decod = "Pneumonitis", .grade = 2, .onset = "2026-08-21",
     .expect = "immune_related [rule pneumonitis], adebrelimab_related [not assessed]"},
    {.why = "Pneumonitis in cohort A before RT started is immune-related only", .covers = "pneumonitis",
     .cohort = "A", .decod = "Pneumonitis", .grade = 2, .onset = "2026-01-08",
     .expect = "immune_related [rule pneumonitis], adebrelimab_related [not assessed]"},
    {.why = "Interstitial lung disease is read as pneumonitis", .covers = "pneumonitis", .cohort = "A",
     .decod = "Interstitial lung disease", .grade = 3, .onset = "2026-03-01",
     .expect = "immune_related [rule pneumonitis], adebrelimab_related [not assessed], "
                "radiotherapy_related [rule pneumonitis, secondary]"},
    {.why = "A partial onset (August 2026) that may fall inside the window keeps the RT label", .covers = "pneumonitis",
     .cohort = "A", .decod = "Pneumonitis", .grade = 2, .onset = "2026-08",
     .expect = "immune_related [rule pneumonitis], adebrelimab_related [not assessed], "
                "radiotherapy_related [rule pneumonitis, secondary]"},
    {.why = "An unknown onset cannot rule the RT window out", .covers = "pneumonitis", .cohort = "A",
     .decod = "Pneumonitis", .grade = 2,
     .expect = "immune_related [rule pneumonitis], adebrelimab_related [not assessed], "
                "radiotherapy_related [rule pneumonitis, secondary]"},
    {.why = "Radiation pneumonitis (MedDRA PT) names its cause", .cohort = "A", .decod = "Radiation pneumonitis",
     .grade = 2, .onset = "2026-04-01",
     .expect = "adebrelimab_related [not assessed], radiotherapy_related [list Radiation pneumonitis]"},
    {.why = "Radiation pneumonitis in cohort B (no RT on study) has no category", .cohort = "B",
     .decod = "Radiation pneumonitis", .grade = 2, .onset = "2026-04-01",
     .expect = "adebrelimab_related [not assessed]"},
    {.why = "Immune-mediated pneumonitis names its cause", .cohort = "A", .decod = "Immune-mediated pneumonitis",
     .grade = 2, .onset = "2026-04-01",
     .expect = "immune_related [list Pneumonitis], adebrelimab_related [not assessed]"},

    // §1.5 Diarrhea: irinotecan (chemo) in prior 14 days -> chemo; otherwise grade 1 -> apatinib; grade >=2 -> irAE.
    {.why = "Grade 1 diarrhoea with no chemotherapy in the prior 14 days is apatinib-related", .covers = "diarrhea",
     .cohort = "B", .decod = "Diarrhea", .grade = 1, .onset = "2026-03-05",
     .expect = "adebrelimab_related [not assessed], apatinib_related [rule diarrhea]"},
    {.why = "Grade 1 diarrhoea 3 days after chemotherapy is chemotherapy-related", .covers = "diarrhea",
     .cohort = "B", .decod = "Diarrhea", .grade = 1, .onset = "2026-03-12",
     .expect = "adebrelimab_related [not assessed], chemotherapy_related [rule diarrhea]"},
    {.why = "Chemotherapy exactly 14 days before the onset still counts", .covers = "diarrhea", .cohort = "B",
     .decod = "Diarrhea", .grade = 1, .onset = "2026-03-23",
     .expect = "adebrelimab_related [not assessed], chemotherapy_related [rule diarrhea]"},
    {.why = "Chemotherapy 15 days before the onset does not", .covers = "diarrhea", .cohort = "B",
     .decod = "Diarrhea", .grade = 1, .onset = "2026-03-24",
     .expect = "adebrelimab_related [not assessed], apatinib_related [rule diarrhea]"},
    {.why = "Grade 2 diarrhoea away from chemotherapy is an irAE (safety-first)", .covers = "diarrhea",
     .cohort = "B", .decod = "Diarrhea", .grade = 2, .onset = "2026-03-05",
     .expect = "immune_related [rule diarrhea], adebrelimab_related [not assessed]"},
    {.why = "Grade 3 diarrhoea after chemotherapy is chemotherapy- and immune-related", .covers = "diarrhea",
     .cohort = "B", .decod = "Diarrhea", .grade = 3, .onset = "2026-03-12",
     .expect = "immune_related [rule diarrhea], adebrelimab_related [not assessed], "
                "chemotherapy_related [rule diarrhea]"},
    {.why = "British spelling and upper case: DIARRHOEA", .covers = "diarrhea", .cohort = "B",
     .decod = "DIARRHOEA", .grade = 1, .onset = "2026-03-05",
     .expect = "adebrelimab_related [not assessed], apatinib_related [rule diarrhea]"},
    {.why = "Diarrhoea without a grade keeps both the grade 1 and the grade >=2 readings", .covers = "diarrhea",
     .cohort = "B", .decod = "Diarrhea", .onset = "2026-03-05",
     .expect = "immune_related [rule diarrhea], adebrelimab_related [not assessed], apatinib_related [rule diarrhea]"},
    {.why = "Colitis is immune-related by its term", .cohort = "B", .decod = "Colitis", .grade = 2,
     .onset = "2026-03-05", .expect = "immune_related [list Colitis / diarrhoea], adebrelimab_related [not assessed]"},

    // §1.5 ALT/AST/bilirubin: grade 1 -> unclassified lab; grade >=2 -> irAE primary, apatinib secondary.
    {.why = "Grade 1 ALT increase is an unclassified lab finding", .covers = "liver-tests", .cohort = "B",
     .decod = "Alanine aminotransferase increased", .grade = 1, .onset = "2026-03-05",
     .expect = "adebrelimab_related [not assessed]"},
    {.why = "Grade 2 ALT increase: irAE primary, apatinib secondary", .covers = "liver-tests", .cohort = "B",
     .decod = "Alanine aminotransferase increased", .grade = 2, .onset = "2026-03-05",
     .expect = "immune_related [rule liver-tests], adebrelimab_related [not assessed], "
                "apatinib_related [rule liver-tests, secondary]"},
    {.why = "Matching ignores case", .covers = "liver-tests", .cohort = "A",
     .decod = "blood BILIRUBIN increased", .grade = 3, .onset = "2026-03-05",
     .expect = "immune_related [rule liver-tests], adebrelimab_related [not assessed], "
                "apatinib_related [rule liver-tests, secondary]"},
    {.why = "Alkaline phosphatase is not in the liver-test rule: the hepatitis list applies at any grade",
     .cohort = "B", .decod = "Alkaline phosphatase increased", .grade = 1, .onset = "2026-03-05",
     .expect = "immune_related [list Hepatitis], adebrelimab_related [not assessed]"},

    // §1.5 Thyroid: irAE; apatinib secondary.
    {.why = "Hypothyroidism: irAE, apatinib secondary", .covers = "thyroid", .cohort = "B",
     .decod = "Hypothyroidism", .grade = 2, .onset = "2026-03-05",
     .expect = "immune_related [rule thyroid], adebrelimab_related [not assessed], apatinib_related [rule thyroid, "
                "secondary]"},
    {.why = "Hyperthyroidism: irAE, apatinib secondary", .covers = "thyroid", .cohort = "A",
     .decod = "Hyperthyroidism", .grade = 1, .onset = "2026-03-05",
     .expect = "immune_related [rule thyroid], adebrelimab_related [not assessed], apatinib_related [rule thyroid, "
                "secondary]"},

    // §1.5 Esophagitis / dysphagia: cohort A within the RT window -> RT; otherwise chemo.
    {.why = "Oesophagitis during RT is radiotherapy-related", .covers = "esophagitis-dysphagia", .cohort = "A",
     .decod = "Esophagitis", .grade = 2, .onset = "2026-02-01",
     .expect = "adebrelimab_related [not assessed], radiotherapy_related [rule esophagitis-dysphagia]"},
    {.why = "Dysphagia 90 days after the end of RT is still radiotherapy-related", .covers = "esophagitis-dysphagia",
     .cohort = "A", .decod = "Dysphagia", .grade = 2, .onset = "2026-05-21",
     .expect = "adebrelimab_related [not assessed], radiotherapy_related [rule esophagitis-dysphagia]"},
    {.why = "Oesophagitis 91 days after RT falls back to chemotherapy (mucositis)", .covers = "esophagitis-dysphagia",
     .cohort = "A", .decod = "Oesophagitis", .grade = 2, .onset = "2026-05-22",
     .expect = "adebrelimab_related [not assessed], chemotherapy_related [rule esophagitis-dysphagia]"},
    {.why = "Oesophagitis before RT started is chemotherapy-related", .covers = "esophagitis-dysphagia",
     .cohort = "A", .decod = "Esophagitis", .grade = 1, .onset = "2026-01-09",
     .expect = "adebrelimab_related [not assessed], chemotherapy_related [rule esophagitis-dysphagia]"},
    {.why = "Oesophagitis in cohort B (no RT) is chemotherapy-related", .covers = "esophagitis-dysphagia",
     .cohort = "B", .decod = "Oesophagitis", .grade = 2, .onset = "2026-02-01",
     .expect = "adebrelimab_related [not assessed], chemotherapy_related [rule esophagitis-dysphagia]"},
    {.why = "Radiation oesophagitis (MedDRA PT) names its cause", .cohort = "A", .decod = "Radiation oesophagitis",
     .grade = 2, .onset = "2026-02-01",
     .expect = "adebrelimab_related [not assessed], radiotherapy_related [list Radiation oesophagitis]"},

    // §1.5 Cytopenias / febrile neutropenia -> chemo (cohort A: chemo + RT).
    {.why = "Neutropenia in cohort B is chemotherapy-related", .covers = "cytopenias", .cohort = "B",
     .decod = "Neutrophil count decreased", .grade = 3, .onset = "2026-02-01",
     .expect = "adebrelimab_related [not assessed], chemotherapy_related [rule cytopenias]"},
    {.why = "Neutropenia in cohort A is chemotherapy- and radiotherapy-related", .covers = "cytopenias",
     .cohort = "A", .decod = "Neutrophil count decreased", .grade = 3, .onset = "2026-02-01",
     .expect = "adebrelimab_related [not assessed], chemotherapy_related [rule cytopenias], "
                "radiotherapy_related [rule cytopenias]"},
    {.why = "Febrile neutropenia in cohort A: chemo + RT", .covers = "cytopenias", .cohort = "A",
     .decod = "Febrile neutropenia", .grade = 3, .onset = "2026-02-01",
     .expect = "adebrelimab_related [not assessed], chemotherapy_related [rule cytopenias], "
                "radiotherapy_related [rule cytopenias]"},
    {.why = "Anaemia (British spelling) in cohort B: chemo, not irAE", .covers = "cytopenias", .cohort = "B",
     .decod = "Anaemia", .grade = 2, .onset = "2026-02-01",
     .expect = "adebrelimab_related [not assessed], chemotherapy_related [rule cytopenias]"},

    // §1.5 Isolated grade >=3 thrombocytopenia with no chemo in the prior 21 days -> add irAE.
    {.why = "Grade 3 thrombocytopenia 17 days after chemotherapy: chemo only", .covers = "thrombocytopenia",
     .cohort = "B", .decod = "Platelet count decreased", .grade = 3, .onset = "2026-03-05",
     .expect = "adebrelimab_related [not assessed], chemotherapy_related [rule thrombocytopenia]"},
    {.why = "Grade 3 thrombocytopenia 53 days after the last chemotherapy: add irAE", .covers = "thrombocytopenia",
     .cohort = "B", .decod = "Platelet count decreased", .grade = 3, .onset = "2026-05-01",
     .expect = "immune_related [rule thrombocytopenia], adebrelimab_related [not assessed], "
                "chemotherapy_related [rule thrombocytopenia]"},
    {.why = "Grade 2 thrombocytopenia away from chemotherapy: no irAE", .covers = "thrombocytopenia",
     .cohort = "B", .decod = "Platelet count decreased", .grade = 2, .onset = "2026-05-01",
     .expect = "adebrelimab_related [not assessed], chemotherapy_related [rule thrombocytopenia]"},
    {.why = "Grade 4 thrombocytopenia in cohort A away from chemotherapy: chemo, RT and irAE",
     .covers = "thrombocytopenia", .cohort = "A", .decod = "Platelet count decreased", .grade = 4,
     .onset = "2026-05-01",
     .expect = "immune_related [rule thrombocytopenia], adebrelimab_related [not assessed], "
                "chemotherapy_related [rule thrombocytopenia], radiotherapy_related [rule thrombocytopenia]"},
    {.why = "Haemolysis is immune-related whatever the chemotherapy timing", .cohort = "B", .decod = "Haemolysis",
     .grade = 3, .onset = "2026-03-10",
     .expect = "immune_related [list Hematologic], adebrelimab_related [not assessed]"},

    // §1.5 Lipase / amylase -> irAE + apatinib; pancreatitis -> irAE.
    {.why = "Lipase increased: irAE + apatinib", .covers = "pancreatic-enzymes", .cohort = "B",
     .decod = "Lipase increased", .grade = 3, .onset = "2026-03-05",
     .expect = "immune_related [rule pancreatic-enzymes], adebrelimab_related [not assessed], "
                "apatinib_related [rule pancreatic-enzymes]"},
    {.why = "Serum amylase increased: irAE + apatinib", .covers = "pancreatic-enzymes", .cohort = "A",
     .decod = "Serum amylase increased", .grade = 2, .onset = "2026-03-05",
     .expect = "immune_related [rule pancreatic-enzymes], adebrelimab_related [not assessed], "
                "apatinib_related [rule pancreatic-enzymes]"},
    {.why = "Pancreatitis is immune-related", .cohort = "B", .decod = "Pancreatitis", .grade = 2,
     .onset = "2026-03-05", .expect = "immune_related [list Pancreas], adebrelimab_related [not assessed]"},

    // §1.5 Fistula / perforation: cohort A -> apatinib + RT; cohort B -> apatinib.
    {.why = "Oesophageal fistula in cohort A: apatinib + RT", .cohort = "A", .decod = "Esophageal fistula",
     .grade = 3, .onset = "2026-04-01",
     .expect = "adebrelimab_related [not assessed], apatinib_related [list Fistula / perforation], "
                "radiotherapy_related [list Fistula / perforation / bleeding]"},
    {.why = "Oesophageal fistula in cohort B: apatinib", .cohort = "B", .decod = "Esophageal fistula", .grade = 3,
     .onset = "2026-04-01",
     .expect = "adebrelimab_related [not assessed], apatinib_related [list Fistula / perforation]"},
    {.why = "Tracheo-oesophageal fistula (MedDRA PT) in cohort A: apatinib + RT", .cohort = "A",
     .decod = "Tracheo-oesophageal fistula", .grade = 4, .onset = "2026-04-01",
     .expect = "adebrelimab_related [not assessed], apatinib_related [list Fistula / perforation], "
                "radiotherapy_related [list Fistula / perforation / bleeding]"},
    {.why = "Gastric perforation is outside the thoracic field: apatinib only", .cohort = "A",
     .decod = "Gastric perforation", .grade = 3, .onset = "2026-04-01",
     .expect = "adebrelimab_related [not assessed], apatinib_related [list Fistula / perforation]"},
    {.why = "Colonic perforation: apatinib, irAE (colitis complication) secondary", .covers = "colonic-perforation",
     .cohort = "B", .decod = "Colonic perforation", .grade = 3, .onset = "2026-04-01",
     .expect = "immune_related [rule colonic-perforation, secondary], adebrelimab_related [not assessed], "
                "apatinib_related [rule colonic-perforation]"},
    {.why = "Oesophageal haemorrhage in cohort A: apatinib + RT (§1.4 fistula/perforation/bleeding)", .cohort = "A",
     .decod = "Oesophageal haemorrhage", .grade = 3, .onset = "2026-04-01",
     .expect = "adebrelimab_related [not assessed], apatinib_related [list Haemorrhage], "
                "radiotherapy_related [list Fistula / perforation / bleeding]"},

    // §1.5 Hypertension, PPE/HFSR, QTc, haemorrhage, thromboembolism, wound complication -> apatinib.
    {.why = "Hypertension is apatinib-related", .cohort = "B", .decod = "Hypertension", .grade = 3,
     .onset = "2026-01-20", .expect = "adebrelimab_related [not assessed], apatinib_related [list Hypertension]"},
    {.why = "Hand-foot skin reaction, British PT spelling", .cohort = "B",
     .decod = "Palmar-plantar erythrodysaesthesia syndrome", .grade = 2, .onset = "2026-02-01",
     .expect = "adebrelimab_related [not assessed], apatinib_related [list Hand-foot skin reaction]"},
    {.why = "QTc prolongation is apatinib-related", .cohort = "A",
     .decod = "Electrocardiogram QT corrected interval prolonged", .grade = 2, .onset = "2026-02-01",
     .expect = "adebrelimab_related [not assessed], apatinib_related [list QTc]"},
    {.why = "Pulmonary embolism is apatinib-related", .cohort = "B", .decod = "Pulmonary embolism", .grade = 3,
     .onset = "2026-02-01", .expect = "adebrelimab_related [not assessed], apatinib_related [list Thromboembolism]"},
    {.why = "Haemoptysis is apatinib-related", .cohort = "B", .decod = "Haemoptysis", .grade = 2,
     .onset = "2026-02-01", .expect = "adebrelimab_related [not assessed], apatinib_related [list Haemorrhage]"},
    {.why = "Wound dehiscence is apatinib-related", .cohort = "B", .decod = "Wound dehiscence", .grade = 2,
     .onset = "2026-02-01", .expect = "adebrelimab_related [not assessed], apatinib_related [list Wound healing]"},

    // §1.5 Proteinuria -> apatinib; nephrotic syndrome -> add irAE (nephritis).
    {.why = "Proteinuria is apatinib-related", .cohort = "B", .decod = "Proteinuria", .grade = 2,
     .onset = "2026-02-01",
     .expect = "adebrelimab_related [not assessed], apatinib_related [list Proteinuria / renal]"},
    {.why = "Nephrotic syndrome: apatinib + irAE (nephritis)", .cohort = "B", .decod = "Nephrotic syndrome",
     .grade = 3, .onset = "2026-02-01",
     .expect = "immune_related [list Nephritis], adebrelimab_related [not assessed], "
                "apatinib_related [list Proteinuria / renal]"},

    // §1.5 Neuropathy -> chemo; GBS, myasthenia, myositis, myocarditis -> irAE always.
    {.why = "Peripheral sensory neuropathy is chemotherapy-related", .cohort = "B",
     .decod = "Peripheral sensory neuropathy", .grade = 2, .onset = "2026-03-01",
     .expect = "adebrelimab_related [not assessed], chemotherapy_related [list Neuropathy (taxanes)]"},
    {.why = "Guillain-Barré syndrome (accented) is immune-related", .cohort = "A",
     .decod = "Guillain-Barré syndrome", .grade = 3, .onset = "2026-03-01",
     .expect = "immune_related [list Neurologic], adebrelimab_related [not assessed]"},
    {.why = "Myasthenia gravis is immune-related", .cohort = "B", .decod = "Myasthenia gravis", .grade = 2,
     .onset = "2026-03-01", .expect = "immune_related [list Neurologic], adebrelimab_related [not assessed]"},
    {.why = "Myositis is immune-related", .cohort = "B", .decod = "Myositis", .grade = 2, .onset = "2026-03-01",
     .expect = "immune_related [list Myositis / rheumatologic], adebrelimab_related [not assessed]"},
    {.why = "Myocarditis is immune-related", .cohort = "A", .decod = "Myocarditis", .grade = 1,
     .onset = "2026-03-01",
     .expect = "immune_related [list Myocarditis & cardiac], adebrelimab_related [not assessed]"},

    // §1.5 Fatigue, anorexia, nausea, weight loss: non-specific / multi.
    {.why = "Fatigue: every list holding it, marked non-specific", .cohort = "B", .decod = "Fatigue", .grade = 2,
     .onset = "2026-02-01",
     .expect = "adebrelimab_related [not assessed], apatinib_related [list Constitutional / GI], "
                "chemotherapy_related [list Constitutional] {non-specific}"},
    {.why = "Nausea: chemotherapy, non-specific", .cohort = "B", .decod = "Nausea", .grade = 1,
     .onset = "2026-02-01",
     .expect = "adebrelimab_related [not assessed], chemotherapy_related [list Emesis] {non-specific}"},
    {.why = "Weight loss: apatinib, non-specific", .cohort = "A", .decod = "Weight loss", .grade = 1,
     .onset = "2026-02-01",
     .expect = "adebrelimab_related [not assessed], apatinib_related [list Constitutional / GI] {non-specific}"},

    // §1.3 platinum rows apply only with chemoradiotherapy (cohorts with RT).
    {.why = "Creatinine increased in cohort A: nephritis (irAE) and platinum (chemo)", .cohort = "A",
     .decod = "Creatinine increased", .grade = 2, .onset = "2026-02-01",
     .expect = "immune_related [list Nephritis], adebrelimab_related [not assessed], "
                "chemotherapy_related [list Platinum (with chemoradiotherapy)]"},
    {.why = "Creatinine increased in cohort B (no platinum): nephritis only", .cohort = "B",
     .decod = "Creatinine increased", .grade = 2, .onset = "2026-02-01",
     .expect = "immune_related [list Nephritis], adebrelimab_related [not assessed]"},

    // §1.5 step 1: the investigator's causality per agent comes first.
    {.why = "Hypertension the investigator calls NOT related to apatinib has no category", .cohort = "B",
     .decod = "Hypertension", .grade = 3, .onset = "2026-01-20", .causality = "APATINIB=N"},
    {.why = "... and is chemotherapy-related if the investigator says so", .cohort = "B", .decod = "Hypertension",
     .grade = 3, .onset = "2026-01-20", .causality = "APATINIB=N CHEMO=Y",
     .expect = "chemotherapy_related [AEREL]"},
    {.why = "Hypertension related to apatinib per the investigator", .cohort = "B", .decod = "Hypertension",
     .grade = 3, .onset = "2026-01-20", .causality = "APATINIB=Y", .expect = "apatinib_related [AEREL]"},
    {.why = "Grade 1 ALT the investigator relates to adebrelimab is adebrelimab-related; the grade rule "
            "still says it is no irAE",
     .covers = "liver-tests", .cohort = "B", .decod = "Alanine aminotransferase increased", .grade = 1,
     .onset = "2026-03-05", .causality = "ADEBRELIMAB=Y", .expect = "adebrelimab_related [AEREL]"},
    {.why = "Grade 2 ALT not related to adebrelimab: apatinib alone, no longer secondary", .covers = "liver-tests",
     .cohort = "B", .decod = "Alanine aminotransferase increased", .grade = 2, .onset = "2026-03-05",
     .causality = "ADEBRELIMAB=N", .expect = "apatinib_related [rule liver-tests]"},
    {.why = "Unassessed agents still get the term rules: pneumonitis not related to adebrelimab in the RT window",
     .covers = "pneumonitis", .cohort = "A", .decod = "Pneumonitis", .grade = 2, .onset = "2026-04-01",
     .causality = "ADEBRELIMAB=N", .expect = "radiotherapy_related [rule pneumonitis]"},
    {.why = "Causality for RT in cohort B (no RT) is set aside", .cohort = "B", .decod = "Hypertension",
     .grade = 2, .onset = "2026-02-01", .causality = "RT=Y", .expect = "apatinib_related [list Hypertension]"},
    {.why = "An unlisted term with a per-agent causality takes the investigator's word", .cohort = "B",
     .decod = "Toothache", .grade = 1, .onset = "2026-02-01", .causality = "CHEMO=Y",
     .expect = "chemotherapy_related [AEREL]"},
    {.why = "Overall AEREL not related: the term lists are not applied", .cohort = "B", .decod = "Hypertension",
     .grade = 2, .onset = "2026-02-01", .causality = "AEREL=N"},

    // §1.5 step 1: the irAE flag makes irAE the primary category.
    {.why = "AEIRAE = Y: irAE primary, the causality-related agent secondary", .cohort = "B",
     .decod = "Pneumonitis", .grade = 2, .onset = "2026-03-10", .causality = "APATINIB=Y", .irae = "Y",
     .expect = "immune_related [AEIRAE], apatinib_related [AEREL, secondary]"},
    {.why = "AEIRAE = Y on a term no list holds", .cohort = "B", .decod = "Toothache", .grade = 1,
     .onset = "2026-02-01", .irae = "Y", .expect = "immune_related [AEIRAE], adebrelimab_related [not assessed]"},
    {.why = "AEIRAE = Y makes the term-list categories secondary", .covers = "pancreatic-enzymes", .cohort = "B",
     .decod = "Lipase increased", .grade = 3, .onset = "2026-03-05", .irae = "Y",
     .expect = "immune_related [AEIRAE], adebrelimab_related [not assessed], "
                "apatinib_related [rule pancreatic-enzymes, secondary]"},
    {.why = "AEIRAE = N refuses irAE: pneumonitis in cohort B then has no category", .covers = "pneumonitis",
     .cohort = "B", .decod = "Pneumonitis", .grade = 2, .onset = "2026-03-10", .irae = "N",
     .expect = "adebrelimab_related [not assessed]"},
    {.why = "AEIRAE = Y outranks AEREL_ADEBRELIMAB = N", .cohort = "B", .decod = "Colitis", .grade = 3,
     .onset = "2026-03-10", .causality = "ADEBRELIMAB=N", .irae = "Y", .expect = "immune_related [AEIRAE]"},

    // immune_related (is the event immune-mediated?) and adebrelimab_related
    // (is it related to the drug?) are distinct questions.
    {.why = "A fatigue related to adebrelimab is adebrelimab-related, not an irAE", .cohort = "B",
     .decod = "Fatigue", .grade = 2, .onset = "2026-03-10", .causality = "ADEBRELIMAB=Y",
     .expect = "adebrelimab_related [AEREL], apatinib_related [list Constitutional / GI], "
               "chemotherapy_related [list Constitutional] {non-specific}"},
    {.why = "A colitis related to adebrelimab is both: an irAE by its term, adebrelimab-related by causality",
     .cohort = "B", .decod = "Colitis", .grade = 3, .onset = "2026-03-10", .causality = "ADEBRELIMAB=Y",
     .expect = "immune_related [list Colitis / diarrhoea], adebrelimab_related [AEREL]"},
    {.why = "Related to adebrelimab but not immune-mediated per the investigator (AEIRAE = N)", .cohort = "B",
     .decod = "Colitis", .grade = 3, .onset = "2026-03-10", .causality = "ADEBRELIMAB=Y", .irae = "N",
     .expect = "adebrelimab_related [AEREL]"},
    {.why = "AEIRAE = Y with adebrelimab not assessed: an irAE, and adebrelimab-related by default", .cohort = "B",
     .decod = "Toothache", .grade = 2, .onset = "2026-03-10", .irae = "Y",
     .expect = "immune_related [AEIRAE], adebrelimab_related [not assessed]"},
    {.why = "Only AEREL (overall) = related: counts as related to adebrelimab; the term lists name the rest",
     .cohort = "B", .decod = "Hypertension", .grade = 2, .onset = "2026-02-01", .causality = "AEREL=Y",
     .expect = "adebrelimab_related [AEREL], apatinib_related [list Hypertension]"},
    {.why = "Per-drug causality given for apatinib only: adebrelimab's empty one means not applicable",
     .cohort = "B", .decod = "Rash maculo-papular", .grade = 2, .onset = "2026-02-01", .causality = "APATINIB=N",
     .expect = "immune_related [list Skin]"},

    // Not treatment-emergent.
    {.why = "Onset before the first dose: no term-list category", .cohort = "B", .decod = "Hypertension",
     .grade = 2, .onset = "2025-12-20"},
    {.why = "Onset before the first dose, but the investigator relates it: kept", .cohort = "B",
     .decod = "Hypertension", .grade = 2, .onset = "2025-12-20", .causality = "APATINIB=Y",
     .expect = "apatinib_related [AEREL]"},

    // Terms: unknown terms, AETERM, "Other, specify".
    {.why = "A term no list holds has no category", .cohort = "A", .decod = "Toothache", .grade = 1,
     .onset = "2026-02-01", .expect = "adebrelimab_related [not assessed]"},
    {.why = "AETERM is used when AEDECOD matches nothing", .cohort = "B", .decod = "Hypertension aggravated",
     .term = "hypertension", .grade = 2, .onset = "2026-02-01",
     .expect = "adebrelimab_related [not assessed], apatinib_related [list Hypertension]"},
    {.why = "AEDECOD is preferred over AETERM", .cohort = "B", .decod = "Myocarditis", .term = "Hypertension",
     .grade = 2, .onset = "2026-02-01",
     .expect = "immune_related [list Myocarditis & cardiac], adebrelimab_related [not assessed]"},
    {.why = "Other, specify with free text the lists know: thyroiditis", .cohort = "B",
     .term = "Endocrine disorders - Other, specify: autoimmune thyroiditis", .grade = 2, .onset = "2026-03-01",
     .expect = "immune_related [list Endocrine: hyperthyroidism / thyroiditis], adebrelimab_related [not assessed]"},
    {.why = "Other, specify with unknown free text falls back to the SOC entry", .cohort = "B",
     .term = "Nervous system disorders - Other, specify (limbic syndrome)", .grade = 2, .onset = "2026-03-01",
     .expect = "immune_related [list Neurologic], adebrelimab_related [not assessed]"},
    {.why = "A bare Other, specify is completed with AEBODSYS", .cohort = "B", .term = "Other, specify: scleritis",
     .bodsys = "Eye disorders", .grade = 2, .onset = "2026-03-01",
     .expect = "immune_related [list Ocular], adebrelimab_related [not assessed]"},
    {.why = "RCCEP (skin Other, specify) is not an adebrelimab irAE", .cohort = "B",
     .term = "Skin and subcutaneous tissue disorders - Other, specify: RCCEP", .grade = 1, .onset = "2026-03-01",
     .expect = "adebrelimab_related [not assessed]"},
};
// clang-format on

AdverseEvent EventOf(const Row& r) {
  AdverseEvent e;
  e.decod = r.decod;
  e.term = r.term;
  e.bodsys = r.bodsys;
  if (r.grade > 0) e.grade = r.grade;
  e.onset = Date(r.onset);
  SetCausality(e, r.causality);
  e.irae = ParseIraeFlag(r.irae);
  return e;
}

TEST(CategoriesClassifierTable, EveryRowGivesTheExpectedCategories) {
  for (const Row& r : kRows) {
    const SubjectContext s = std::string_view(r.cohort) == "A" ? CohortA() : CohortB();
    const Classification c = Classify(Defaults(), EventOf(r), s);
    std::string notes;
    for (const auto& n : c.notes) notes += "\n    note: " + n;
    for (const auto& a : c.categories) notes += "\n    " + std::string(CategoryName(a.category)) + ": " + a.reason;
    EXPECT_EQ(Describe(c), r.expect) << r.why << " (cohort " << r.cohort << ", " << r.decod << r.term << ")" << notes;
  }
}

// Every §1.5 overlap rule of the defaults is exercised by some row above, and
// every row names a rule that exists.
TEST(CategoriesClassifierTable, EveryOverlapRuleHasRows) {
  std::set<std::string> covered;
  for (const Row& r : kRows) {
    if (*r.covers) covered.insert(r.covers);
  }
  std::set<std::string> rules;
  for (const OverlapRule& rule : Defaults().overlap_rules()) {
    rules.insert(rule.id);
    EXPECT_TRUE(covered.contains(rule.id)) << "overlap rule \"" << rule.id << "\" has no row";
  }
  for (const auto& id : covered) EXPECT_TRUE(rules.contains(id)) << "rows cover unknown rule \"" << id << "\"";
  EXPECT_EQ(rules.size(), 9u);
}

}  // namespace
}  // namespace vigil::categories
