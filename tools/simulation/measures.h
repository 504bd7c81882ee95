// What the simulated sites measure: lab tests (LB), blood pressure (VS) and
// QTc (EG), with their units, reference ranges and how values spread, and the
// CTCAE v5.0 bands a measurement is drawn in while an adverse event of the
// matching term is active (reference/ctcae_lab.md §2-3).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "rules/records/domain.h"
#include "tools/simulation/random.h"

namespace vigil::simulation {

// Groups of measurements taken together at a visit (a bit set).
using Panels = std::uint16_t;
namespace panel {
inline constexpr Panels kCbc = 1 << 0;          // haemoglobin, white cells with differential, platelets
inline constexpr Panels kChemistry = 1 << 1;    // liver, kidney, electrolytes, glucose, LDH, albumin
inline constexpr Panels kCoagulation = 1 << 2;  // INR, aPTT, fibrinogen
inline constexpr Panels kThyroid = 1 << 3;      // TSH, free T4
inline constexpr Panels kPancreas = 1 << 4;     // lipase, amylase
inline constexpr Panels kCardiac = 1 << 5;      // CK, troponin I
inline constexpr Panels kUrine = 1 << 6;        // urine protein by dipstick
inline constexpr Panels kUrine24h = 1 << 7;     // 24-hour urine protein
inline constexpr Panels kAdrenal = 1 << 8;      // morning cortisol
inline constexpr Panels kVitals = 1 << 9;       // systolic and diastolic blood pressure
inline constexpr Panels kEcg = 1 << 10;         // QTcF
}  // namespace panel

// In the order a laboratory report lists them (and the files do).
enum class MeasureId : std::uint8_t {
  kHgb,
  kRbc,
  kHct,
  kMcv,
  kMch,
  kMchc,
  kRdw,
  kWbc,
  kNeut,
  kLym,
  kMono,
  kEos,
  kBaso,
  kNeutPct,
  kLymPct,
  kMonoPct,
  kEosPct,
  kBasoPct,
  kPlat,
  kMpv,
  kAlt,
  kAst,
  kAlp,
  kGgt,
  kBili,
  kBilDir,
  kCreat,
  kUrea,
  kAlb,
  kGlobulin,
  kSodium,
  kK,
  kCl,
  kBicarb,
  kCa,
  kMg,
  kGluc,
  kLdh,
  kUrate,
  kPhos,
  kLipase,
  kAmylase,
  kCk,
  kTroponin,
  kTsh,
  kT4,
  kCortisol,
  kInr,
  kAptt,
  kFibrinogen,
  kUrineProtein,
  kUrineProtein24h,
  kSysBp,
  kDiaBp,
  kQtcf,
  kCount
};
inline constexpr int kMeasureCount = static_cast<int>(MeasureId::kCount);

struct Measure {
  MeasureId id;
  Domain domain;           // kLb, kVs or kEg
  std::string_view code;   // LBTESTCD / VSTESTCD / EGTESTCD; empty when the lab sends only LOINC
  std::string_view loinc;  // LBLOINC (LB only)
  std::string_view unit;
  std::string_view specimen;  // LBSPEC (LB only)
  Panels panel;
  int decimals;
  Scaled lo_male, hi_male, lo_female, hi_female;  // reference range; all 0: none is reported
  Scaled median_male, median_female;              // population median of subjects' own levels
  int between_permille;                           // spread of subjects' levels (sd, or log-sd when skewed)
  int within_permille;                            // visit-to-visit spread around a subject's level
  bool skewed;                                    // log-normal rather than normal
  Scaled floor, ceiling;                          // a value with no active adverse event stays within these ...
  int ceiling_uln_permille;                       // ... and at or below this multiple of ULN (0: no such bound)
};

// Measurements computed from others of the same draw rather than drawn:
// red cell count and indices from haemoglobin, differential percentages from
// the counts, direct from total bilirubin.
bool IsDerived(MeasureId id);

// Every measurement, indexed by MeasureId.
std::span<const Measure> Measures();
const Measure& MeasureOf(MeasureId id);

// How a value is drawn while an adverse event is active.
enum class BandKind : std::uint8_t { kAbsolute, kTimesUln, kTimesLln };
struct Band {
  BandKind kind;
  Scaled lo, hi;  // the value (kAbsolute) or the multiple of ULN/LLN, inclusive
};

// The measurements an adverse event shows in, by kind of event.
enum class LabLink : std::uint8_t {
  kNone,
  kLiver,
  kHysLaw,
  kBilirubin,
  kGgt,
  kAlp,
  kNeutropenia,
  kLeukopenia,
  kLymphopenia,
  kThrombocytopenia,
  kAnemia,
  kCreatinine,
  kHypothyroid,
  kHyperthyroid,
  kLipase,
  kHyponatremia,
  kHypokalemia,
  kHypoalbuminemia,
  kHypomagnesemia,
  kHyperglycemia,
  kAdrenal,
  kMyocarditis,
  kProteinuria,
  kHypertension,
  kQtc
};

struct LinkedBand {
  MeasureId measure;
  Band band;
};

// The bands of `link` at CTCAE `grade` (the highest grade defined at or
// below it: grade 5 draws as grade 4); empty for kNone.
std::span<const LinkedBand> BandsFor(LabLink link, int grade);

// The panels that must be drawn to see `link`.
Panels PanelsFor(LabLink link);

}  // namespace vigil::simulation
