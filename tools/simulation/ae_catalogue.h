// The adverse events the simulated trial produces, with the rates, timing and
// attribution each is drawn with. The rates are the published anchors of
// reference/clinical.md §2 where it has one (each term says which), else a
// clinical convention marked [P].
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "tools/simulation/measures.h"

namespace vigil::simulation {

// Study treatments as a bit set, in the order of the AEREL_<TRT> columns.
using Treatments = std::uint8_t;
namespace treatment {
inline constexpr Treatments kAdebrelimab = 1 << 0;
inline constexpr Treatments kApatinib = 1 << 1;
inline constexpr Treatments kChemo = 1 << 2;
inline constexpr Treatments kRt = 1 << 3;
inline constexpr Treatments kAll = kAdebrelimab | kApatinib | kChemo | kRt;
}  // namespace treatment
// "ADEBRELIMAB", "APATINIB", "CHEMO", "RT" (the product spec's ids), by bit index.
std::string_view TreatmentId(int bit);
inline constexpr int kTreatmentCount = 4;

// Where an event's onset window is counted from.
enum class Anchor : std::uint8_t {
  kFirstDose,   // first dose of any study treatment
  kRtStart,     // first radiotherapy fraction (cohort A)
  kRtEnd,       // last radiotherapy fraction (cohort A)
  kChemoCycle,  // day 1 of a chemotherapy cycle; later episodes follow later chemotherapy cycles
};

enum class AeCategory : std::uint8_t { kNonspecific, kApatinib, kImmune, kChemotherapy, kRadiotherapy };

struct CohortRate {
  int incidence_permille;  // subjects with at least one episode; 0: not in this cohort
  Anchor anchor;
  int onset_lo, onset_hi;   // onset window, days from the anchor (peaked at its middle)
  int grade3plus_permille;  // share of episodes whose worst grade is 3 or more
};

struct AeTerm {
  std::string_view verbatim;  // AETERM, as investigators write it
  std::string_view decod;     // AEDECOD, MedDRA preferred term (MedDRA spelling)
  std::string_view soc;       // AEBODSYS, MedDRA system organ class
  AeCategory category;
  CohortRate a, b;
  int grade2_permille;           // share of the episodes below grade 3 that reach grade 2
  int grade4_permille;           // share of grade >= 3 that are life-threatening (grade 4)
  int fatal_permille;            // share of grade >= 3 that are fatal (grade 5)
  int serious_permille;          // share of grade >= 3 that are serious (hospitalisation); grade 2: a tenth
  int duration_lo, duration_hi;  // days from onset to resolution
  int resolve_permille;          // share that resolve within follow-up (the rest stay ongoing)
  int repeat_permille;           // chance of each further episode ...
  int max_episodes;              // ... up to this many in all
  LabLink link;                  // the measurements the event shows in
  Treatments related;            // treatments the investigator usually judges related
  Treatments possible;           // treatments judged related about half the time
  int immune_permille;           // share the investigator calls immune-related (AEIRAE = Y)
  int stop_grade;                // study treatment stops at this grade or worse (0: never)
  bool reduce_apatinib;          // apatinib is reduced one dose level after a grade >= 3 episode
  bool always_serious;           // serious at any grade (fistula: hospitalisation)
  std::string_view companion;    // AEDECOD of a term reported with it (ALT with AST), or empty
  int companion_permille;
  std::string_view source;  // where the rate comes from
};

std::span<const AeTerm> AeCatalogue();
// The index of the term with this AEDECOD in AeCatalogue(), or -1.
int AeTermIndex(std::string_view decod);

}  // namespace vigil::simulation
