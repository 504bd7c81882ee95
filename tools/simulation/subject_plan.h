// One simulated subject's course, decided up front: dates, dosing, adverse
// events with every report of them, visits, and the lab effects of events.
// Measurement values are drawn later, visit by visit (subject_records.h), so a
// plan stays small while a trial of a thousand subjects streams out.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "tools/simulation/ae_catalogue.h"
#include "tools/simulation/calendar.h"
#include "tools/simulation/measures.h"
#include "tools/simulation/simulation.h"

namespace vigil::simulation {

// Rare patterns a subject is made to have (Options::ensure_rare_patterns).
namespace forced {
inline constexpr unsigned kFistula = 1 << 0;
inline constexpr unsigned kPneumonitis = 1 << 1;
inline constexpr unsigned kFatal = 1 << 2;
inline constexpr unsigned kHysLaw = 1 << 3;
}  // namespace forced

enum class VisitKind : std::uint8_t { kScreening, kCycle, kUnscheduled, kEndOfTreatment };

struct Visit {
  Day day = 0;
  Day report_day = 0;
  std::int16_t minute = 0;  // time of the draw
  Panels panels = 0;
  VisitKind kind = VisitKind::kCycle;
  std::uint8_t cycle_day = 0;  // 1, 8, 15 (kCycle)
  std::uint16_t number = 0;    // cycle (kCycle) or unscheduled visit number
};
// "SCR", "C2D8", "U03", "EOT": the visit part of LBSPID/VSSPID/EGSPID.
std::string VisitLabel(const Visit& v);

// While active, a measurement is drawn in `band` instead of around the
// subject's own level.
struct LabEffect {
  MeasureId measure;
  Day from, to;  // inclusive
  Band band;
};

enum class AeOutcome : std::uint8_t { kNotRecovered, kRecovered, kRecoveredWithSequelae, kFatal };
enum class AeAction : std::uint8_t { kNotChanged, kInterrupted, kReduced, kWithdrawn, kNotApplicable };

// One report of an event: the first, or a follow-up that supersedes it.
struct AeVersion {
  Day report_day = 0;
  std::uint8_t grade = 1;
  bool serious = false, life_threatening = false, hospitalised = false, death = false;
  bool causality_assessed = true;
  Day end_day = -1;  // AEENDTC, -1 while ongoing
  AeOutcome outcome = AeOutcome::kNotRecovered;
  AeAction action = AeAction::kNotChanged;
  // AETOXGR as a site mistyped it ("G3", "3a"); empty: the grade. The daemon
  // quarantines such a report; the next report of the event corrects it.
  std::string grade_typo;
};

// Causality as the site words it, per treatment (AEREL_<TRT>).
enum class Causality : std::uint8_t {
  kNotApplicable,  // the treatment is not given in this cohort: empty
  kRelated,
  kPossiblyRelated,
  kProbablyRelated,
  kDefinitelyRelated,
  kNotRelated,
  kUnlikelyRelated,
  kYes,
  kNo
};

struct AdverseEvent {
  int term = 0;  // index in AeCatalogue()
  int spid = 0;  // AESPID
  Day onset = 0;
  std::uint8_t worst_grade = 1;
  bool immune = false, expected = true;
  std::array<Causality, kTreatmentCount> causality{};
  // A treatment (bit index) whose AEREL_<TRT> the site never fills in, though
  // it assesses the others; -1: none.
  int unassessed = -1;
  std::vector<AeVersion> versions;
};

struct Exposure {
  int seq = 0;        // EXSEQ
  int treatment = 0;  // bit index (TreatmentId)
  Scaled dose = 0;
  Day start = 0, end = -1;  // end -1: not known yet (radiotherapy under way)
  bool reduced = false;     // EXADJ: dose reduced for an adverse event
  Day report_day = 0;
};

struct DmVersion {
  Day report_day = 0;
  bool dosed = false, treatment_ended = false, dead = false;
  bool withdrawn = false;  // RFPENDTC: the subject withdrew consent; nothing is collected after it
};

struct SubjectPlan {
  int index = 0;
  std::string usubjid;
  int site = 1;
  bool cohort_a = true;
  bool male = true;
  int age = 60;
  int lab_lag = 1;                  // days from a draw to its report
  bool words_for_causality = true;  // the site writes RELATED/NOT RELATED, else Y/N

  Day consent = 0, first_dose = 0, treatment_end = 0, follow_up_end = 0;
  Day death = -1;                  // -1: alive at the end of follow-up
  Day withdrawal = -1;             // consent withdrawn (DM RFPENDTC) and follow-up ended; -1: not
  Day rt_start = -1, rt_end = -1;  // cohort A
  std::vector<Day> cycles;         // day 1 of each cycle given
  int chemo_cycles = 0;            // the first this many cycles include chemotherapy

  std::array<Scaled, kMeasureCount> level{};  // the subject's own level of each measurement
  std::vector<Visit> visits;                  // by day
  std::vector<LabEffect> effects;
  std::vector<AdverseEvent> events;  // by AESPID
  std::vector<Exposure> exposures;   // by report day (a follow-up repeats its EXSEQ)
  std::vector<DmVersion> dm;         // by report day

  bool hys_law = false, fistula = false, pneumonitis = false;

  Scaled Uln(MeasureId m) const;
  Scaled Lln(MeasureId m) const;
};

struct PlanContext {
  const Options* options = nullptr;
  Day period_origin = 0;  // day 0 of the file batches: follow-ups go to a later batch
  int batch_days = 7;

  // The first day of the batch after the one `day` falls in.
  Day NextBatch(Day day) const;
};

// Plans subject `index` (0-based in enrolment order).
SubjectPlan PlanSubject(const PlanContext& context, int index, std::string usubjid, int site, bool cohort_a,
                        Day consent, unsigned forced_patterns);

}  // namespace vigil::simulation
