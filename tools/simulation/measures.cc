#include "tools/simulation/measures.h"

#include <array>

namespace vigil::simulation {
namespace {

consteval Scaled S(double x) { return ToScaled(x); }

using M = MeasureId;
using namespace panel;

// LOINC codes are given where the code names the unit family reported
// (and as the daemon's code map lists them); tests without one are sent by
// LBTESTCD alone. Reference ranges are those a Chinese hospital laboratory reports (SI
// units, as in the example feeds); levels are those of second-line ESCC
// patients (mild anaemia, low albumin and lymphocytes are common at entry).
// Spreads are conventional biological variation [P].
// clang-format off
constexpr Measure kMeasures[] = {
  // id          dom          code       loinc     unit      specimen        panel        dec  lo_m      hi_m      lo_f      hi_f      med_m     med_f   betw within skew floor     ceiling  ceilULN
  {M::kHgb,      Domain::kLb, "HGB",     "718-7",  "g/L",    "WHOLE BLOOD", kCbc,         0, S(130),   S(175),   S(115),   S(150),   S(136),   S(124),  70,  35, false, S(101),   S(185),  0},
  {M::kRbc,      Domain::kLb, "RBC",     "789-8",  "10^12/L","WHOLE BLOOD", kCbc,         2, S(4.3),   S(5.8),   S(3.8),   S(5.1),   0,        0,        0,   0, false, 0,        0,       0},
  {M::kHct,      Domain::kLb, "HCT",     "4544-3", "%",      "WHOLE BLOOD", kCbc,         1, S(40),    S(50),    S(35),    S(45),    0,        0,        0,   0, false, 0,        0,       0},
  {M::kMcv,      Domain::kLb, "MCV",     "787-2",  "fL",     "WHOLE BLOOD", kCbc,         1, S(82),    S(100),   S(82),    S(100),   S(91),    S(90),   40,  10, false, S(70),    S(110),  0},
  {M::kMch,      Domain::kLb, "MCH",     "785-6",  "pg",     "WHOLE BLOOD", kCbc,         1, S(27),    S(34),    S(27),    S(34),    S(30.5),  S(30),   45,  10, false, S(24),    S(37),   0},
  {M::kMchc,     Domain::kLb, "MCHC",    "786-4",  "g/L",    "WHOLE BLOOD", kCbc,         0, S(316),   S(354),   S(316),   S(354),   0,        0,        0,   0, false, 0,        0,       0},
  {M::kRdw,      Domain::kLb, "RDW",     "788-0",  "%",      "WHOLE BLOOD", kCbc,         1, S(11.5),  S(14.5),  S(11.5),  S(14.5),  S(13.2),  S(13.4), 70,  30, false, S(10.5),  S(19),   0},
  {M::kWbc,      Domain::kLb, "WBC",     "6690-2", "10^9/L", "WHOLE BLOOD", kCbc,         2, S(3.5),   S(9.5),   S(3.5),   S(9.5),   S(6.2),   S(5.8), 220, 110, true,  S(3.05),  S(15),   0},
  {M::kNeut,     Domain::kLb, "NEUT",    "751-8",  "10^9/L", "WHOLE BLOOD", kCbc,         2, S(1.8),   S(6.3),   S(1.8),   S(6.3),   S(3.9),   S(3.6), 250, 140, true,  S(1.55),  S(12),   0},
  {M::kLym,      Domain::kLb, "LYM",     "731-0",  "10^9/L", "WHOLE BLOOD", kCbc,         2, S(1.1),   S(3.2),   S(1.1),   S(3.2),   S(1.35),  S(1.4), 250, 110, true,  S(0.82),  S(3.9),  0},
  {M::kMono,     Domain::kLb, "MONO",    "742-7",  "10^9/L", "WHOLE BLOOD", kCbc,         2, S(0.1),   S(0.6),   S(0.1),   S(0.6),   S(0.42),  S(0.38),250, 150, true,  S(0.05),  S(1.2),  0},
  {M::kEos,      Domain::kLb, "EOS",     "711-2",  "10^9/L", "WHOLE BLOOD", kCbc,         2, S(0.02),  S(0.52),  S(0.02),  S(0.52),  S(0.12),  S(0.12),450, 250, true,  S(0.01),  S(1.5),  0},
  {M::kBaso,     Domain::kLb, "BASO",    "704-7",  "10^9/L", "WHOLE BLOOD", kCbc,         2, S(0),     S(0.06),  S(0),     S(0.06),  S(0.03),  S(0.03), 400, 250, true,  S(0.01),  S(0.1),  0},
  {M::kNeutPct,  Domain::kLb, "NEUTLE",  "770-8",  "%",      "WHOLE BLOOD", kCbc,         1, S(40),    S(75),    S(40),    S(75),    0,        0,        0,   0, false, 0,        0,       0},
  {M::kLymPct,   Domain::kLb, "LYMLE",   "736-9",  "%",      "WHOLE BLOOD", kCbc,         1, S(20),    S(50),    S(20),    S(50),    0,        0,        0,   0, false, 0,        0,       0},
  {M::kMonoPct,  Domain::kLb, "MONOLE",  "5905-5", "%",      "WHOLE BLOOD", kCbc,         1, S(3),     S(10),    S(3),     S(10),    0,        0,        0,   0, false, 0,        0,       0},
  {M::kEosPct,   Domain::kLb, "EOSLE",   "713-8",  "%",      "WHOLE BLOOD", kCbc,         1, S(0.4),   S(8),     S(0.4),   S(8),     0,        0,        0,   0, false, 0,        0,       0},
  {M::kBasoPct,  Domain::kLb, "BASOLE",  "706-2",  "%",      "WHOLE BLOOD", kCbc,         1, S(0),     S(1),     S(0),     S(1),     0,        0,        0,   0, false, 0,        0,       0},
  {M::kPlat,     Domain::kLb, "PLAT",    "777-3",  "10^9/L", "WHOLE BLOOD", kCbc,         0, S(125),   S(350),   S(125),   S(350),   S(225),   S(240), 230, 100, true,  S(80),    S(600),  0},
  {M::kMpv,      Domain::kLb, "MPV",     "32623-1","fL",     "WHOLE BLOOD", kCbc,         1, S(7.4),   S(12.5),  S(7.4),   S(12.5),  S(10),    S(10),   80,  40, false, S(7),     S(13.5), 0},
  {M::kAlt,      Domain::kLb, "ALT",     "1742-6", "U/L",    "SERUM",       kChemistry,   0, S(9),     S(50),    S(7),     S(40),    S(19),    S(16),  400, 180, true,  S(4),     0,       2500},
  {M::kAst,      Domain::kLb, "AST",     "1920-8", "U/L",    "SERUM",       kChemistry,   0, S(15),    S(40),    S(13),    S(35),    S(22),    S(20),  300, 150, true,  S(8),     0,       2500},
  {M::kAlp,      Domain::kLb, "ALP",     "6768-6", "U/L",    "SERUM",       kChemistry,   0, S(45),    S(125),   S(35),    S(100),   S(85),    S(75),  250,  80, true,  S(25),    0,       1900},
  {M::kGgt,      Domain::kLb, "GGT",     "2324-2", "U/L",    "SERUM",       kChemistry,   0, S(10),    S(60),    S(7),     S(45),    S(28),    S(20),  450, 150, true,  S(5),     0,       2300},
  {M::kBili,     Domain::kLb, "BILI",    "1975-2", "umol/L", "SERUM",       kChemistry,   1, S(3.4),   S(20.5),  S(3.4),   S(20.5),  S(9.5),   S(8.5), 350, 180, true,  S(2),     0,       1400},
  {M::kBilDir,   Domain::kLb, "BILDIR",  "",       "umol/L", "SERUM",       kChemistry,   1, S(0),     S(6.8),   S(0),     S(6.8),   0,        0,        0,   0, false, 0,        0,       0},
  {M::kCreat,    Domain::kLb, "CREAT",   "2160-0", "umol/L", "SERUM",       kChemistry,   0, S(57),    S(111),   S(41),    S(81),    S(76),    S(58),  180,  70, true,  S(30),    0,       1400},
  {M::kUrea,     Domain::kLb, "UREA",    "",       "mmol/L", "SERUM",       kChemistry,   2, S(3.1),   S(8.0),   S(2.6),   S(7.5),   S(5.2),   S(4.8), 250, 150, true,  S(1.5),   S(12),   0},
  {M::kAlb,      Domain::kLb, "ALB",     "1751-7", "g/L",    "SERUM",       kChemistry,   1, S(40),    S(55),    S(40),    S(55),    S(39),    S(38.5), 70,  40, false, S(30.5),  S(52),   0},
  {M::kGlobulin, Domain::kLb, "GLOBUL",  "2336-6", "g/L",    "SERUM",       kChemistry,   1, S(20),    S(40),    S(20),    S(40),    S(29),    S(29),  120,  50, false, S(18),    S(48),   0},
  {M::kSodium,   Domain::kLb, "SODIUM",  "2951-2", "mmol/L", "SERUM",       kChemistry,   0, S(137),   S(147),   S(137),   S(147),   S(139.5), S(139.5),15,  10, false, S(131),   S(149),  0},
  {M::kK,        Domain::kLb, "K",       "2823-3", "mmol/L", "SERUM",       kChemistry,   2, S(3.5),   S(5.3),   S(3.5),   S(5.3),   S(4.1),   S(4.05), 50,  40, false, S(3.4),   S(5.3),  0},
  {M::kCl,       Domain::kLb, "CL",      "2075-0", "mmol/L", "SERUM",       kChemistry,   0, S(99),    S(110),   S(99),    S(110),   S(104),   S(104),  20,  12, false, S(94),    S(114),  0},
  {M::kBicarb,   Domain::kLb, "BICARB",  "1963-8", "mmol/L", "SERUM",       kChemistry,   0, S(22),    S(29),    S(22),    S(29),    S(25),    S(25),   50,  40, false, S(19),    S(32),   0},
  {M::kCa,       Domain::kLb, "CA",      "17861-6","mmol/L", "SERUM",       kChemistry,   2, S(2.11),  S(2.52),  S(2.11),  S(2.52),  S(2.28),  S(2.27), 30,  25, false, S(1.95),  S(2.7),  0},
  {M::kMg,       Domain::kLb, "MG",      "19123-9","mmol/L", "SERUM",       kChemistry,   2, S(0.75),  S(1.02),  S(0.75),  S(1.02),  S(0.86),  S(0.85), 60,  50, false, S(0.7),   S(1.1),  0},
  {M::kGluc,     Domain::kLb, "GLUC",    "2345-7", "mmol/L", "SERUM",       kChemistry,   1, S(3.9),   S(6.1),   S(3.9),   S(6.1),   S(5.4),   S(5.3), 120, 120, true,  S(4.0),   S(11),   0},
  {M::kLdh,      Domain::kLb, "LDH",     "2532-0", "U/L",    "SERUM",       kChemistry,   0, S(120),   S(250),   S(120),   S(250),   S(200),   S(195), 300, 120, true,  S(80),    S(800),  0},
  {M::kUrate,    Domain::kLb, "URATE",   "3084-1", "umol/L", "SERUM",       kChemistry,   0, S(208),   S(428),   S(155),   S(357),   S(300),   S(240), 150,  80, false, S(120),   0,       1000},
  {M::kPhos,     Domain::kLb, "PHOS",    ""      , "mmol/L", "SERUM",       kChemistry,   2, S(0.85),  S(1.51),  S(0.85),  S(1.51),  S(1.12),  S(1.15),120,  80, false, S(0.7),   S(1.8),  0},
  {M::kLipase,   Domain::kLb, "LIPASE",  "3040-3", "U/L",    "SERUM",       kPancreas,    0, S(13),    S(60),    S(13),    S(60),    S(30),    S(30),  350, 150, true,  S(5),     0,       1400},
  {M::kAmylase,  Domain::kLb, "AMYLASE", "1798-8", "U/L",    "SERUM",       kPancreas,    0, S(35),    S(135),   S(35),    S(135),   S(65),    S(65),  300, 120, true,  S(20),    0,       1400},
  {M::kCk,       Domain::kLb, "CK",      "2157-6", "U/L",    "SERUM",       kCardiac,     0, S(50),    S(310),   S(40),    S(200),   S(80),    S(65),  450, 200, true,  S(15),    0,       2300},
  {M::kTroponin, Domain::kLb, "TROPONI", ""       ,"ng/L",   "SERUM",       kCardiac,     1, S(0),     S(26),    S(0),     S(16),    S(4),     S(3),   500, 250, true,  S(0.5),   S(14),   0},
  {M::kTsh,      Domain::kLb, "TSH",     "3016-3", "mIU/L",  "SERUM",       kThyroid,     2, S(0.27),  S(4.2),   S(0.27),  S(4.2),   S(1.7),   S(1.9), 450, 150, true,  S(0.3),   S(5.5),  0},
  {M::kT4,       Domain::kLb, "T4FR",    ""      , "pmol/L", "SERUM",       kThyroid,     1, S(12),    S(22),    S(12),    S(22),    S(16),    S(15.5),100,  60, false, S(11.5),  S(23),   0},
  {M::kCortisol, Domain::kLb, "CORTISOL",""      , "nmol/L", "SERUM",       kAdrenal,     0, S(133),   S(537),   S(133),   S(537),   S(330),   S(320), 300, 200, true,  S(150),   S(650),  0},
  {M::kInr,      Domain::kLb, "INR",     "6301-6", "ratio",  "PLASMA",      kCoagulation, 2, S(0.8),   S(1.2),   S(0.8),   S(1.2),   S(1.0),   S(1.0),  50,  40, false, S(0.85),  S(1.2),  0},
  {M::kAptt,     Domain::kLb, "APTT",    "3173-2", "s",      "PLASMA",      kCoagulation, 1, S(25),    S(37),    S(25),    S(37),    S(30),    S(30),   70,  50, false, S(22),    S(40),   0},
  {M::kFibrinogen,Domain::kLb,"FIBRINO", "3255-7", "g/L",    "PLASMA",      kCoagulation, 2, S(2),     S(4),     S(2),     S(4),     S(3.3),   S(3.3), 150, 100, false, S(2.05),  S(5.5),  0},
  // Urine protein by test strip: the value is the number of plus signs.
  {M::kUrineProtein,   Domain::kLb, "PROT", "20454-5", "dipstick", "URINE", kUrine,     0, 0, 0, 0, 0,                    0,        0,        0,   0, false, 0,        0,       0},
  // 24-hour urine protein, sent by LOINC alone as laboratory interfaces do.
  {M::kUrineProtein24h,Domain::kLb, "",     "2889-4",  "g/24h",    "URINE", kUrine24h,  2, S(0),     S(0.15),  S(0),     S(0.15),  S(0.08),  S(0.08),400, 200, true,  S(0.02),  S(0.14), 0},
  {M::kSysBp,    Domain::kVs, "SYSBP",   "",       "mmHg",   "",            kVitals,      0, 0, 0, 0, 0,                            S(123),   S(119),  70,  50, false, S(90),    S(158),  0},
  {M::kDiaBp,    Domain::kVs, "DIABP",   "",       "mmHg",   "",            kVitals,      0, 0, 0, 0, 0,                            S(76),    S(74),   80,  60, false, S(55),    S(98),   0},
  {M::kQtcf,     Domain::kEg, "QTCF",    "",       "ms",     "",            kEcg,         0, 0, 0, 0, 0,                            S(415),   S(425),  35,  20, false, S(360),   S(478),  0},
};
// clang-format on
static_assert(std::size(kMeasures) == static_cast<std::size_t>(kMeasureCount));
constexpr bool InIdOrder() {
  for (std::size_t i = 0; i < std::size(kMeasures); ++i) {
    if (static_cast<std::size_t>(kMeasures[i].id) != i) return false;
  }
  return true;
}
static_assert(InIdOrder(), "kMeasures must be listed in MeasureId order");

struct LinkRow {
  LabLink link;
  int grade;
  int count;
  std::array<LinkedBand, 4> bands;
};

consteval Band Abs(double lo, double hi) { return {BandKind::kAbsolute, S(lo), S(hi)}; }
consteval Band Uln(double lo, double hi) { return {BandKind::kTimesUln, S(lo), S(hi)}; }

// CTCAE v5.0 grade bands (reference/ctcae_lab.md §2-3), each drawn strictly
// inside its grade so that the daemon grades the value as the AE's grade.
// Where one AE shows in several measurements (neutropenia in the white count
// too), the companions are drawn where they plausibly sit.
// clang-format off
constexpr LinkRow kLinks[] = {
  {LabLink::kLiver, 1, 2, {{{M::kAlt, Uln(1.3, 2.8)}, {M::kAst, Uln(1.2, 2.5)}}}},
  {LabLink::kLiver, 2, 2, {{{M::kAlt, Uln(3.2, 4.8)}, {M::kAst, Uln(3.1, 4.6)}}}},
  {LabLink::kLiver, 3, 2, {{{M::kAlt, Uln(5.5, 14)},  {M::kAst, Uln(5.2, 10)}}}},
  {LabLink::kLiver, 4, 2, {{{M::kAlt, Uln(21, 32)},   {M::kAst, Uln(20.5, 28)}}}},
  // Hy's law (FDA DILI guidance 2009; clinical.md §3(a) A10): ALT and AST
  // above 3 x ULN with total bilirubin above 2 x ULN, ALP below 2 x ULN.
  {LabLink::kHysLaw, 3, 4, {{{M::kAlt, Uln(4, 9)},    {M::kAst, Uln(3.5, 8)},  {M::kBili, Uln(2.3, 4.5)}, {M::kAlp, Uln(1.0, 1.7)}}}},
  {LabLink::kHysLaw, 4, 4, {{{M::kAlt, Uln(10, 19)},  {M::kAst, Uln(8, 16)},   {M::kBili, Uln(4, 8)},     {M::kAlp, Uln(1.1, 1.8)}}}},
  {LabLink::kBilirubin, 1, 1, {{{M::kBili, Uln(1.1, 1.45)}}}},
  {LabLink::kBilirubin, 2, 1, {{{M::kBili, Uln(1.6, 2.9)}}}},
  {LabLink::kBilirubin, 3, 1, {{{M::kBili, Uln(3.2, 8)}}}},
  {LabLink::kBilirubin, 4, 1, {{{M::kBili, Uln(10.5, 14)}}}},
  {LabLink::kGgt, 1, 1, {{{M::kGgt, Uln(1.2, 2.4)}}}},
  {LabLink::kGgt, 2, 1, {{{M::kGgt, Uln(2.6, 4.8)}}}},
  {LabLink::kGgt, 3, 1, {{{M::kGgt, Uln(5.5, 15)}}}},
  {LabLink::kAlp, 1, 1, {{{M::kAlp, Uln(1.2, 2.4)}}}},
  {LabLink::kAlp, 2, 1, {{{M::kAlp, Uln(2.6, 4.8)}}}},
  {LabLink::kAlp, 3, 1, {{{M::kAlp, Uln(5.5, 15)}}}},
  {LabLink::kNeutropenia, 1, 2, {{{M::kNeut, Abs(1.55, 1.75)}, {M::kWbc, Abs(3.1, 3.45)}}}},
  {LabLink::kNeutropenia, 2, 2, {{{M::kNeut, Abs(1.05, 1.45)}, {M::kWbc, Abs(2.3, 3.3)}}}},
  {LabLink::kNeutropenia, 3, 2, {{{M::kNeut, Abs(0.55, 0.95)}, {M::kWbc, Abs(1.5, 2.6)}}}},
  {LabLink::kNeutropenia, 4, 2, {{{M::kNeut, Abs(0.1, 0.45)},  {M::kWbc, Abs(0.7, 1.4)}}}},
  {LabLink::kLeukopenia, 1, 1, {{{M::kWbc, Abs(3.05, 3.45)}}}},
  {LabLink::kLeukopenia, 2, 1, {{{M::kWbc, Abs(2.05, 2.9)}}}},
  {LabLink::kLeukopenia, 3, 1, {{{M::kWbc, Abs(1.05, 1.9)}}}},
  {LabLink::kLeukopenia, 4, 1, {{{M::kWbc, Abs(0.4, 0.9)}}}},
  {LabLink::kLymphopenia, 1, 1, {{{M::kLym, Abs(0.82, 1.05)}}}},
  {LabLink::kLymphopenia, 2, 1, {{{M::kLym, Abs(0.52, 0.78)}}}},
  {LabLink::kLymphopenia, 3, 1, {{{M::kLym, Abs(0.22, 0.48)}}}},
  {LabLink::kLymphopenia, 4, 1, {{{M::kLym, Abs(0.08, 0.18)}}}},
  {LabLink::kThrombocytopenia, 1, 1, {{{M::kPlat, Abs(80, 120)}}}},
  {LabLink::kThrombocytopenia, 2, 1, {{{M::kPlat, Abs(52, 73)}}}},
  {LabLink::kThrombocytopenia, 3, 1, {{{M::kPlat, Abs(27, 48)}}}},
  {LabLink::kThrombocytopenia, 4, 1, {{{M::kPlat, Abs(6, 23)}}}},
  {LabLink::kAnemia, 1, 1, {{{M::kHgb, Abs(101, 112)}}}},
  {LabLink::kAnemia, 2, 1, {{{M::kHgb, Abs(81, 98)}}}},
  {LabLink::kAnemia, 3, 1, {{{M::kHgb, Abs(62, 78)}}}},
  {LabLink::kCreatinine, 1, 1, {{{M::kCreat, Uln(1.1, 1.45)}}}},
  {LabLink::kCreatinine, 2, 1, {{{M::kCreat, Uln(1.6, 2.8)}}}},
  {LabLink::kCreatinine, 3, 1, {{{M::kCreat, Uln(3.2, 5.5)}}}},
  {LabLink::kCreatinine, 4, 1, {{{M::kCreat, Uln(6.5, 8)}}}},
  // Thyroid tests have no CTCAE lab term: clinically typical values.
  {LabLink::kHypothyroid, 1, 2, {{{M::kTsh, Abs(5.5, 9.5)},   {M::kT4, Abs(12, 14)}}}},
  {LabLink::kHypothyroid, 2, 2, {{{M::kTsh, Abs(11, 45)},     {M::kT4, Abs(6.5, 11.5)}}}},
  {LabLink::kHypothyroid, 3, 2, {{{M::kTsh, Abs(40, 90)},     {M::kT4, Abs(3, 7)}}}},
  {LabLink::kHyperthyroid, 1, 2, {{{M::kTsh, Abs(0.01, 0.09)}, {M::kT4, Abs(23, 30)}}}},
  {LabLink::kHyperthyroid, 2, 2, {{{M::kTsh, Abs(0.01, 0.05)}, {M::kT4, Abs(28, 48)}}}},
  {LabLink::kHyperthyroid, 3, 2, {{{M::kTsh, Abs(0.01, 0.03)}, {M::kT4, Abs(45, 70)}}}},
  {LabLink::kLipase, 1, 2, {{{M::kLipase, Uln(1.1, 1.45)}, {M::kAmylase, Uln(1.05, 1.4)}}}},
  {LabLink::kLipase, 2, 2, {{{M::kLipase, Uln(1.55, 1.95)}, {M::kAmylase, Uln(1.1, 1.45)}}}},
  {LabLink::kLipase, 3, 2, {{{M::kLipase, Uln(2.2, 4.5)}, {M::kAmylase, Uln(1.55, 1.95)}}}},
  {LabLink::kLipase, 4, 2, {{{M::kLipase, Uln(5.5, 8)},   {M::kAmylase, Uln(2.2, 4.5)}}}},
  {LabLink::kHyponatremia, 1, 1, {{{M::kSodium, Abs(131, 134)}}}},
  {LabLink::kHyponatremia, 2, 1, {{{M::kSodium, Abs(126, 129)}}}},
  {LabLink::kHyponatremia, 3, 1, {{{M::kSodium, Abs(121, 124)}}}},
  {LabLink::kHyponatremia, 4, 1, {{{M::kSodium, Abs(114, 119)}}}},
  {LabLink::kHypokalemia, 1, 1, {{{M::kK, Abs(3.1, 3.4)}}}},
  {LabLink::kHypokalemia, 3, 1, {{{M::kK, Abs(2.55, 2.95)}}}},
  {LabLink::kHypokalemia, 4, 1, {{{M::kK, Abs(2.2, 2.45)}}}},
  {LabLink::kHypoalbuminemia, 1, 1, {{{M::kAlb, Abs(30.5, 34.5)}}}},
  {LabLink::kHypoalbuminemia, 2, 1, {{{M::kAlb, Abs(22, 29)}}}},
  {LabLink::kHypoalbuminemia, 3, 1, {{{M::kAlb, Abs(16, 19.5)}}}},
  {LabLink::kHypomagnesemia, 1, 1, {{{M::kMg, Abs(0.52, 0.72)}}}},
  {LabLink::kHypomagnesemia, 2, 1, {{{M::kMg, Abs(0.41, 0.49)}}}},
  {LabLink::kHypomagnesemia, 3, 1, {{{M::kMg, Abs(0.31, 0.39)}}}},
  {LabLink::kHypomagnesemia, 4, 1, {{{M::kMg, Abs(0.2, 0.28)}}}},
  // Immune diabetes: CTCAE v5.0 does not grade glucose values; typical levels.
  {LabLink::kHyperglycemia, 1, 1, {{{M::kGluc, Abs(8, 11)}}}},
  {LabLink::kHyperglycemia, 2, 1, {{{M::kGluc, Abs(12, 18)}}}},
  {LabLink::kHyperglycemia, 3, 1, {{{M::kGluc, Abs(16, 28)}}}},
  {LabLink::kHyperglycemia, 4, 1, {{{M::kGluc, Abs(28, 35)}}}},
  // Adrenal insufficiency: morning cortisol below 138 nmol/L (clinical.md §3(d)).
  {LabLink::kAdrenal, 1, 2, {{{M::kCortisol, Abs(90, 130)}, {M::kSodium, Abs(134, 137)}}}},
  {LabLink::kAdrenal, 2, 2, {{{M::kCortisol, Abs(45, 120)}, {M::kSodium, Abs(131, 135)}}}},
  {LabLink::kAdrenal, 3, 2, {{{M::kCortisol, Abs(20, 80)},  {M::kSodium, Abs(126, 132)}}}},
  // Myocarditis: troponin above the 99th-percentile URL, CK often raised.
  {LabLink::kMyocarditis, 1, 2, {{{M::kTroponin, Abs(30, 120)},    {M::kCk, Uln(1.2, 2)}}}},
  {LabLink::kMyocarditis, 2, 2, {{{M::kTroponin, Abs(100, 800)},   {M::kCk, Uln(1.5, 4)}}}},
  {LabLink::kMyocarditis, 3, 2, {{{M::kTroponin, Abs(500, 5000)},  {M::kCk, Uln(3, 8)}}}},
  {LabLink::kMyocarditis, 4, 2, {{{M::kTroponin, Abs(3000, 15000)},{M::kCk, Uln(6, 12)}}}},
  {LabLink::kProteinuria, 1, 2, {{{M::kUrineProtein, Abs(1, 1)}, {M::kUrineProtein24h, Abs(0.3, 0.9)}}}},
  {LabLink::kProteinuria, 2, 2, {{{M::kUrineProtein, Abs(2, 3)}, {M::kUrineProtein24h, Abs(1.1, 3.3)}}}},
  {LabLink::kProteinuria, 3, 2, {{{M::kUrineProtein, Abs(4, 4)}, {M::kUrineProtein24h, Abs(3.6, 5.5)}}}},
  // Hypertension is the worse of the systolic and diastolic grades.
  {LabLink::kHypertension, 1, 2, {{{M::kSysBp, Abs(122, 138)}, {M::kDiaBp, Abs(76, 88)}}}},
  {LabLink::kHypertension, 2, 2, {{{M::kSysBp, Abs(141, 158)}, {M::kDiaBp, Abs(85, 98)}}}},
  {LabLink::kHypertension, 3, 2, {{{M::kSysBp, Abs(161, 185)}, {M::kDiaBp, Abs(95, 112)}}}},
  {LabLink::kHypertension, 4, 2, {{{M::kSysBp, Abs(185, 215)}, {M::kDiaBp, Abs(115, 130)}}}},
  {LabLink::kQtc, 1, 1, {{{M::kQtcf, Abs(452, 478)}}}},
  {LabLink::kQtc, 2, 1, {{{M::kQtcf, Abs(482, 499)}}}},
  {LabLink::kQtc, 3, 1, {{{M::kQtcf, Abs(505, 540)}}}},
};
// clang-format on

}  // namespace

bool IsDerived(MeasureId id) {
  switch (id) {
    case M::kRbc:
    case M::kHct:
    case M::kMchc:
    case M::kNeutPct:
    case M::kLymPct:
    case M::kMonoPct:
    case M::kEosPct:
    case M::kBasoPct:
    case M::kBilDir: return true;
    default: return false;
  }
}

std::span<const Measure> Measures() { return kMeasures; }

const Measure& MeasureOf(MeasureId id) { return kMeasures[static_cast<int>(id)]; }

std::span<const LinkedBand> BandsFor(LabLink link, int grade) {
  const LinkRow* best = nullptr;
  for (const LinkRow& row : kLinks) {
    if (row.link != link) continue;
    if (row.grade <= grade && (!best || row.grade > best->grade)) best = &row;
    if (!best && row.grade > grade) best = &row;  // below the lowest grade defined: use the lowest
  }
  if (!best) return {};
  return {best->bands.data(), static_cast<std::size_t>(best->count)};
}

Panels PanelsFor(LabLink link) {
  switch (link) {
    case LabLink::kNone: return 0;
    case LabLink::kNeutropenia:
    case LabLink::kLeukopenia:
    case LabLink::kLymphopenia:
    case LabLink::kThrombocytopenia:
    case LabLink::kAnemia: return kCbc;
    case LabLink::kHypothyroid:
    case LabLink::kHyperthyroid: return kThyroid;
    case LabLink::kLipase: return kPancreas;
    case LabLink::kAdrenal: return kAdrenal | kChemistry;
    case LabLink::kMyocarditis: return kCardiac | kEcg;
    case LabLink::kProteinuria: return kUrine;
    case LabLink::kHypertension: return kVitals;
    case LabLink::kQtc: return kEcg;
    default: return kChemistry;
  }
}

}  // namespace vigil::simulation
