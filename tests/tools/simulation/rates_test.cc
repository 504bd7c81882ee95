// Over 500 subjects the simulated trial shows the rates it is configured
// with (tools/simulation/ae_catalogue.cc, from reference/clinical.md §2),
// within a bounded tolerance, and every rare pattern a safety monitor
// exists for.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "tools/simulation/ae_catalogue.h"
#include "trial_files.h"

namespace vigil::simulation {
namespace {

using testing::DomainOfName;
using testing::ParseSpoolFile;
using testing::ToDouble;

struct Lab {
  double value = 0, lo = 0, hi = 0;
};

struct Cohorts {
  std::map<std::string, std::string> arm;                   // USUBJID -> A/B
  std::map<std::string, Record> ae;                         // USUBJID/AESPID -> last version
  std::map<std::string, std::map<std::string, Lab>> draws;  // USUBJID@LBDTC -> test -> value
  std::map<std::string, double> max_sbp, max_dbp;
  Summary summary;

  int Subjects(const std::string& arm_code) const {
    int n = 0;
    for (const auto& [s, a] : arm) n += arm_code.empty() || a == arm_code;
    return n;
  }
  // Subjects of the arm ("" both) with an AE matching `match`.
  template <typename F>
  int With(const std::string& arm_code, F match) const {
    std::set<std::string> subjects;
    for (const auto& [key, r] : ae) {
      const std::string s(r.usubjid());
      if ((arm_code.empty() || arm.at(s) == arm_code) && match(r)) subjects.insert(s);
    }
    return static_cast<int>(subjects.size());
  }
  int WithTerm(const std::string& arm_code, const std::string& decod, int min_grade = 1) const {
    return With(arm_code, [&](const Record& r) {
      return r.Get("AEDECOD") == decod && std::stoi(std::string(r.Get("AETOXGR"))) >= min_grade;
    });
  }
};

const Cohorts& FiveHundred() {
  static const Cohorts c = [] {
    Cohorts c;
    Options o;
    o.subjects = 500;
    o.seed = 2026;
    auto summary = Generate(o, [&](SpoolFile&& f) {
      const Domain d = *DomainOfName(f.name);
      for (const Record& r : ParseSpoolFile(f).records) {
        const std::string s(r.usubjid());
        switch (d) {
          case Domain::kDm: c.arm[s] = std::string(r.Get("ARMCD")); break;
          case Domain::kAe: c.ae[s + "/" + std::string(r.Get("AESPID"))] = r; break;
          case Domain::kLb:
            if (r.Has("LBSTNRHI")) {
              c.draws[s + "@" + std::string(r.Get("LBDTC"))][std::string(r.Get("LBTESTCD"))] = {
                  ToDouble(r.Get("LBSTRESN")), ToDouble(r.Get("LBSTNRLO")), ToDouble(r.Get("LBSTNRHI"))};
            }
            break;
          case Domain::kVs: {
            auto& m = r.Get("VSTESTCD") == "SYSBP" ? c.max_sbp : c.max_dbp;
            m[s] = std::max(m[s], ToDouble(r.Get("VSSTRESN")));
            break;
          }
          default: break;
        }
      }
    });
    EXPECT_TRUE(summary.ok());
    if (summary.ok()) c.summary = *summary;
    return c;
  }();
  return c;
}

int Configured(const std::string& decod, bool cohort_a) {
  const int i = AeTermIndex(decod);
  EXPECT_GE(i, 0) << decod;
  const AeTerm& t = AeCatalogue()[static_cast<std::size_t>(i)];
  return (cohort_a ? t.a : t.b).incidence_permille;
}

// |observed - expected| within four binomial standard errors plus two points:
// loose enough for one fixed seed, tight enough to catch a wrong rate. Late
// events are cut short by progression and death, so they may fall further
// below (`shortfall`).
void ExpectRate(const char* what, int events, int n, double expected, double shortfall = 0) {
  const double observed = static_cast<double>(events) / n;
  const double tolerance = 4 * std::sqrt(expected * (1 - expected) / n) + 0.02;
  EXPECT_LE(observed, expected + tolerance) << what << ": " << events << "/" << n;
  EXPECT_GE(observed, expected - tolerance - shortfall) << what << ": " << events << "/" << n;
  ::testing::Test::RecordProperty(what, std::to_string(observed) + " (expected " + std::to_string(expected) + ")");
}

TEST(SimulationRates, CohortsAreHalfAndHalf) {
  EXPECT_EQ(FiveHundred().Subjects("A"), 250);
  EXPECT_EQ(FiveHundred().Subjects("B"), 250);
}

TEST(SimulationRates, ApatinibEventsOccurAtTheirPublishedRates) {
  const Cohorts& c = FiveHundred();
  // clinical.md §2.4: hypertension 31.8-50%, proteinuria 20.5%, hand-foot 27.2-30.4%.
  for (const char* term : {"Hypertension", "Proteinuria", "Palmar-plantar erythrodysaesthesia syndrome"}) {
    ExpectRate(term, c.WithTerm("", term), 500, Configured(term, true) / 1000.0);
  }
}

TEST(SimulationRates, RadiotherapyEventsBelongToCohortA) {
  const Cohorts& c = FiveHundred();
  // §2.6: oesophagitis 51.5% with thoracic RT; grade >= 3 lymphopenia about 60%.
  ExpectRate("radiation oesophagitis, A", c.WithTerm("A", "Radiation oesophagitis"), 250,
             Configured("Radiation oesophagitis", true) / 1000.0);
  EXPECT_EQ(c.WithTerm("B", "Radiation oesophagitis"), 0);
  const AeTerm& lymphopenia = AeCatalogue()[static_cast<std::size_t>(AeTermIndex("Lymphocyte count decreased"))];
  ExpectRate("grade >= 3 lymphopenia, A", c.WithTerm("A", "Lymphocyte count decreased", 3), 250,
             lymphopenia.a.incidence_permille * lymphopenia.a.grade3plus_permille / 1e6);
  EXPECT_GE(c.WithTerm("A", "Lymphocyte count decreased", 3), 0.368 * 250);
}

TEST(SimulationRates, FistulaAndPneumonitisAreMoreFrequentInCohortA) {
  const Cohorts& c = FiveHundred();
  const int fistula_a = c.WithTerm("A", "Oesophageal fistula"), fistula_b = c.WithTerm("B", "Oesophageal fistula");
  // §2.5: 10.4-11.1% after CRT; §2.4: apatinib alone 5%.
  ExpectRate("fistula, A", fistula_a, 250, Configured("Oesophageal fistula", true) / 1000.0, 0.04);
  ExpectRate("fistula, B", fistula_b, 250, Configured("Oesophageal fistula", false) / 1000.0, 0.02);
  EXPECT_GT(fistula_a, fistula_b);
  // §2.6: PACIFIC any-grade pneumonitis 33.9% after RT, against about 5% without.
  const int pneumonitis_a = c.WithTerm("A", "Pneumonitis"), pneumonitis_b = c.WithTerm("B", "Pneumonitis");
  ExpectRate("pneumonitis, A", pneumonitis_a, 250, Configured("Pneumonitis", true) / 1000.0, 0.06);
  EXPECT_GT(pneumonitis_a, 2 * pneumonitis_b);
  EXPECT_GE(c.WithTerm("A", "Pneumonitis", 3), 1);
}

TEST(SimulationRates, OverallSafetyProfileMatchesTheAnchors) {
  const Cohorts& c = FiveHundred();
  auto grade = [](const Record& r) { return std::stoi(std::string(r.Get("AETOXGR"))); };
  // §2.1 CAP 02: AEs in 85%; §2.6: any-grade trAE 89%.
  EXPECT_GE(c.With("", [](const Record&) { return true; }), 0.85 * 500);
  // §2.1/§3(b) R7: grade >= 3 in 44% (CAP 02) to 77% (RESCUE); chemotherapy
  // arms 40-64% (§2.2). Cohort A adds chemoradiotherapy and its lymphopenia.
  const int g3 = c.With("", [&](const Record& r) { return grade(r) >= 3; });
  const int g3_a = c.With("A", [&](const Record& r) { return grade(r) >= 3; });
  const int g3_b = g3 - g3_a;
  EXPECT_GE(g3_b, 0.40 * 250);
  EXPECT_LE(g3_b, 0.70 * 250);
  EXPECT_GE(g3_a, g3_b);
  EXPECT_LE(g3_a, 0.90 * 250);
  // §2.1 RESCUE: serious TRAE 28.9%.
  const int serious = c.With("", [](const Record& r) { return r.Get("AESER") == "Y"; });
  EXPECT_GE(serious, 0.15 * 500);
  EXPECT_LE(serious, 0.45 * 500);
  // §2.7 and §2.2: treatment-related death 1.1% (RESCUE) to 3-4% (ESCORT).
  const int fatal = c.With("", [&](const Record& r) { return grade(r) == 5; });
  EXPECT_GE(fatal, 2);
  EXPECT_LE(fatal, 0.06 * 500);
  RecordProperty("grade3plus", g3);
  RecordProperty("serious", serious);
  RecordProperty("fatal", fatal);
}

TEST(SimulationRates, HysLawPatternIsInTheLabs) {
  // FDA DILI guidance: ALT > 3 x ULN and total bilirubin > 2 x ULN with ALP < 2 x ULN, one draw.
  std::set<std::string> subjects;
  for (const auto& [draw, tests] : FiveHundred().draws) {
    if (!tests.contains("ALT") || !tests.contains("BILI") || !tests.contains("ALP")) continue;
    const Lab &alt = tests.at("ALT"), &bili = tests.at("BILI"), &alp = tests.at("ALP");
    if (alt.value > 3 * alt.hi && bili.value > 2 * bili.hi && alp.value < 2 * alp.hi) {
      subjects.insert(draw.substr(0, draw.find('@')));
    }
  }
  EXPECT_GE(subjects.size(), 1u);
  // The planted cases; another may arise where liver events happen to overlap.
  EXPECT_NEAR(static_cast<int>(subjects.size()), FiveHundred().summary.hys_law_subjects, 1);
}

TEST(SimulationRates, SevereHypertensionShowsInTheBloodPressures) {
  const Cohorts& c = FiveHundred();
  int checked = 0;
  for (const auto& [key, r] : c.ae) {
    if (r.Get("AEDECOD") != "Hypertension" || std::stoi(std::string(r.Get("AETOXGR"))) < 3) continue;
    const std::string s(r.usubjid());
    ++checked;
    EXPECT_TRUE(c.max_sbp.at(s) >= 160 || c.max_dbp.at(s) >= 100) << s;
  }
  EXPECT_GE(checked, 5);
}

TEST(SimulationRates, SummaryCountsAgreeWithTheFiles) {
  const Cohorts& c = FiveHundred();
  EXPECT_EQ(c.summary.subjects, 500);
  EXPECT_EQ(c.summary.ae_events, static_cast<int>(c.ae.size()));
  EXPECT_EQ(c.summary.fistula_subjects,
            c.WithTerm("A", "Oesophageal fistula") + c.WithTerm("B", "Oesophageal fistula"));
}

}  // namespace
}  // namespace vigil::simulation
