#include "tools/simulation/subject_plan.h"

#include <algorithm>
#include <cstdio>

namespace vigil::simulation {
namespace {

// The course of the disease and of treatment [P unless cited]:
// - tumours are imaged every 6 weeks, and 13.1% of subjects still on
//   treatment are found to progress at each assessment: median
//   progression-free survival 6.8 months, as CAP 02 (clinical.md §2.1);
// - survival after progression is 20-330 days (peaked near 5.8 months), for
//   a median overall survival near 12 months (§2.8: 9.3-12.3 months);
// - 2% of subjects per 6 weeks stop for other reasons (consent withdrawn);
// - 8% of cycles are delayed by a week.
constexpr int kAssessmentDays = 42;
constexpr int kProgressionPerAssessment = 131;
constexpr int kWithdrawalPerAssessment = 20;
constexpr int kDelayPerCycle = 80;
constexpr int kMalePermille = 800;  // ESCC is predominantly male
constexpr int kCycleDays = 21;
constexpr int kChemoCyclesA = 4;  // concurrent and consolidation chemotherapy with RT
constexpr int kChemoCyclesB = 6;  // investigator-chosen taxane or irinotecan
constexpr int kRtFractions = 28;  // 50.4 Gy in 1.8 Gy fractions, Monday to Friday
// AEs are collected to 30 days after the last dose; immune-related events and
// events that stop treatment at any grade to 90 days (ASCO/ESMO practice).
constexpr int kReportingDays = 30;
constexpr int kLateReportingDays = 90;
constexpr int kSafetyVisitDays = 30;
constexpr int kImprovementPermille = 500;
// What feeds from sites look like, beyond the clinical course [P; the
// frequencies are conventions for exercising the daemon's safety paths at
// small, plausible rates, not published figures; README.md lists them]:
// - a quarter of the subjects who stop for other reasons withdraw consent:
//   DM RFPENDTC is the day, and nothing is collected after it (no safety
//   visit, no later AE, lab or vital sign);
// - 6% of subjects have an AE between consent and the first dose (a
//   pre-treatment event: not treatment-emergent, not related);
// - 4% of grade 3-4 events are re-graded one grade lower by a follow-up and
//   back up by the next (an AE downgraded, then re-upgraded);
// - 3% of events never get one treatment's causality (AEREL_<TRT> left
//   empty while the others are assessed);
// - 2% of serious events have their first serious report sent with a
//   mistyped AETOXGR ("G3", "3a"), corrected in the next report.
constexpr int kConsentWithdrawnPermille = 250;
constexpr int kPreDoseAePermille = 60;
constexpr int kRegradePermille = 40;
constexpr int kUnassessedPermille = 30;
constexpr int kGradeTypoPermille = 20;
// The events a subject reports before the first dose: disease symptoms and
// the constitutional complaints of advanced ESCC.
constexpr std::string_view kPreDoseTerms[] = {"Dysphagia", "Decreased appetite", "Fatigue", "Cough", "Abdominal pain"};

struct Candidate {
  int term;
  Day onset;
  Day anchor;         // the day the onset counts from
  bool needs_course;  // the anchor (a chemotherapy cycle, radiotherapy) must have been given
  std::uint8_t grade;
  bool serious;
  int duration;
  bool resolves;
  bool forced;
};

Scaled LevelOf(Random& rng, const Measure& m, bool male) {
  const Scaled median = male ? m.median_male : m.median_female;
  if (m.id == MeasureId::kUrineProtein || IsDerived(m.id)) return 0;
  return m.skewed ? Skewed(rng, median, m.between_permille)
                  : std::max<Scaled>(1, Normal(rng, median, TimesPermille(median, m.between_permille)));
}

// The 28th weekday from `start` (itself a weekday).
Day RadiotherapyEnd(Day start) {
  Day d = start;
  for (int n = 1; n < kRtFractions;) {
    ++d;
    if (Weekday(d) < 5) ++n;
  }
  return d;
}

std::uint8_t DrawGrade(Random& rng, const AeTerm& term, int grade3plus_permille) {
  if (rng.Chance(grade3plus_permille)) {
    if (rng.Chance(term.fatal_permille)) return 5;
    return rng.Chance(term.grade4_permille) ? 4 : 3;
  }
  return rng.Chance(term.grade2_permille) ? 2 : 1;
}

bool DrawSerious(Random& rng, const AeTerm& term, int grade) {
  if (term.always_serious || grade == 5) return true;
  if (grade >= 3) return rng.Chance(term.serious_permille);
  if (grade == 2) return rng.Chance(term.serious_permille / 10);
  return false;
}

Causality Judge(Random& rng, bool related, bool words) {
  if (!words) return related ? Causality::kYes : Causality::kNo;
  if (related) {
    static constexpr Causality kRelated[] = {Causality::kRelated, Causality::kPossiblyRelated,
                                             Causality::kProbablyRelated, Causality::kDefinitelyRelated};
    return kRelated[rng.Between(0, 3)];
  }
  return rng.Chance(300) ? Causality::kUnlikelyRelated : Causality::kNotRelated;
}

// Adds a visit or widens the panels of one on the same day.
void AddVisit(std::vector<Visit>& visits, Visit v) {
  for (Visit& existing : visits) {
    if (existing.day == v.day) {
      existing.panels |= v.panels;
      return;
    }
  }
  visits.push_back(v);
}

Visit Unscheduled(Day day, Panels panels) {
  return {.day = day,
          .report_day = 0,
          .minute = 0,
          .panels = panels,
          .kind = VisitKind::kUnscheduled,
          .cycle_day = 0,
          .number = 0};
}

class Planner {
 public:
  Planner(const PlanContext& ctx, SubjectPlan& plan, unsigned forced)
      : ctx_(ctx),
        opt_(*ctx.options),
        p_(plan),
        forced_(forced),
        rng_(Random::StreamSeed(opt_.seed, static_cast<std::uint64_t>(plan.index), 1)),
        quirks_(Random::StreamSeed(opt_.seed, static_cast<std::uint64_t>(plan.index), 3)) {}

  void Run() {
    Demographics();
    Course();
    DrawEvents();
    SettleCourse();
    ScheduleVisits();
    PlaceEvents();
    SiteReporting();
    FinishVisits();
    Exposures();
    Demography();
  }

 private:
  bool Forced(unsigned pattern) const { return (forced_ & pattern) != 0; }

  void Demographics() {
    p_.male = rng_.Chance(kMalePermille);
    p_.age = std::clamp(63 + static_cast<int>((rng_.NormalQ32() * 8) >> 32), 38, 84);
    // Body surface area, m^2 x 100, for chemotherapy doses.
    bsa_ = std::clamp(static_cast<int>((p_.male ? 170 : 150) + ((rng_.NormalQ32() * 11) >> 32)), 125, 215);
    // Each site has its own laboratory turnaround and causality wording.
    p_.lab_lag = 1 + p_.site % 3;
    p_.words_for_causality = p_.site % 3 != 0;
    for (const Measure& m : Measures()) p_.level[static_cast<int>(m.id)] = LevelOf(rng_, m, p_.male);
  }

  void Course() {
    screening_ = p_.consent + rng_.Between(1, 5);
    p_.first_dose = screening_ + rng_.Between(3, 14);
    p_.follow_up_end = p_.first_dose + opt_.follow_up_weeks * 7 - 1;
    cap_ = p_.follow_up_end - kSafetyVisitDays;
    stop_ = cap_;
    if (forced_ == 0) {
      for (int k = 1;; ++k) {
        const Day assessment = p_.first_dose + kAssessmentDays * k + rng_.Between(-3, 3);
        if (assessment > cap_) break;
        if (rng_.Chance(kProgressionPerAssessment)) {
          progression_ = assessment;
          stop_ = progression_;
          pd_death_ = progression_ + rng_.Peaked(20, 330);
          break;
        }
        if (rng_.Chance(kWithdrawalPerAssessment)) {
          stop_ = std::max(p_.first_dose, assessment - rng_.Between(1, kAssessmentDays - 1));
          if (quirks_.Chance(kConsentWithdrawnPermille)) {
            p_.withdrawal = stop_;
            p_.follow_up_end = stop_;
          }
          break;
        }
      }
    }
    if (p_.cohort_a) {
      p_.rt_start = p_.first_dose + rng_.Between(5, 10);
      while (Weekday(p_.rt_start) >= 5) ++p_.rt_start;
      p_.rt_end = RadiotherapyEnd(p_.rt_start);
    }
    for (Day d = p_.first_dose; d <= stop_;) {
      cycles_.push_back(d);
      d += kCycleDays + (rng_.Chance(kDelayPerCycle) ? 7 : 0);
    }
    chemo_max_ = p_.cohort_a ? kChemoCyclesA : kChemoCyclesB;
  }

  int ChemoCycles() const { return std::min(static_cast<int>(cycles_.size()), chemo_max_); }

  // The forced pattern a term stands for, or 0.
  unsigned ForcedPatternOf(const AeTerm& term) const {
    if (Forced(forced::kFistula) && term.decod == "Oesophageal fistula") return forced::kFistula;
    if (Forced(forced::kPneumonitis) && term.decod == "Pneumonitis") return forced::kPneumonitis;
    if (Forced(forced::kHysLaw) && term.link == LabLink::kHysLaw) return forced::kHysLaw;
    if (Forced(forced::kFatal) && term.decod == (p_.cohort_a ? "Oesophageal haemorrhage" : "Haemoptysis")) {
      return forced::kFatal;
    }
    return 0;
  }

  void DrawEvents() {
    const auto catalogue = AeCatalogue();
    for (int t = 0; t < static_cast<int>(catalogue.size()); ++t) {
      const AeTerm& term = catalogue[t];
      const CohortRate& rate = p_.cohort_a ? term.a : term.b;
      if (rate.incidence_permille == 0) continue;
      if (const unsigned pattern = ForcedPatternOf(term); pattern != 0) {
        AddForced(t, pattern);
        continue;
      }
      if (!rng_.Chance(rate.incidence_permille)) continue;
      const std::size_t before = candidates_.size();
      DrawEpisodes(t, term, rate);
      if (candidates_.size() > before && !term.companion.empty() && rng_.Chance(term.companion_permille)) {
        // Reported with the same onset and grade (AST with ALT).
        const Candidate first = candidates_[before];
        const int companion = AeTermIndex(term.companion);
        if (companion >= 0) {
          Candidate c = first;
          c.term = companion;
          c.serious = DrawSerious(rng_, catalogue[companion], c.grade);
          candidates_.push_back(c);
        }
      }
    }
    // Forced subjects keep their one catastrophic event: no other is fatal.
    if (forced_ != 0) {
      for (Candidate& c : candidates_) {
        if (c.grade == 5 && !c.forced) c.grade = 4;
      }
    }
  }

  void AddForced(int t, unsigned pattern) {
    const AeTerm& term = AeCatalogue()[t];
    Candidate c{.term = t,
                .onset = 0,
                .anchor = p_.first_dose,
                .needs_course = false,
                .grade = 3,
                .serious = true,
                .duration = rng_.Peaked(term.duration_lo, term.duration_hi),
                .resolves = false,
                .forced = true};
    const Day latest = p_.first_dose + std::max(14, (cap_ - p_.first_dose) / 2);
    switch (pattern) {
      case forced::kFistula: c.onset = p_.first_dose + rng_.Peaked(60, 150); break;
      case forced::kPneumonitis:
        c.onset = p_.rt_end >= 0 ? p_.rt_end + rng_.Peaked(30, 90) : p_.first_dose + rng_.Peaked(60, 120);
        break;
      case forced::kFatal:
        c.onset = p_.first_dose + rng_.Peaked(90, 150);
        c.grade = 5;
        break;
      case forced::kHysLaw: c.onset = p_.first_dose + rng_.Peaked(35, 80); break;
    }
    c.onset = std::min(c.onset, latest);
    c.resolves = c.grade < 5 && rng_.Chance(term.resolve_permille);
    candidates_.push_back(c);
  }

  void DrawEpisodes(int t, const AeTerm& term, const CohortRate& rate) {
    int chemo_cycle = 0;
    Day anchor = p_.first_dose;
    bool needs_course = false;
    switch (rate.anchor) {
      case Anchor::kFirstDose: break;
      case Anchor::kRtStart:
      case Anchor::kRtEnd:
        if (p_.rt_start < 0) return;
        anchor = rate.anchor == Anchor::kRtStart ? p_.rt_start : p_.rt_end;
        needs_course = true;
        break;
      case Anchor::kChemoCycle:
        if (ChemoCycles() == 0) return;
        chemo_cycle = rng_.Between(0, std::min(2, ChemoCycles() - 1));
        anchor = cycles_[static_cast<std::size_t>(chemo_cycle)];
        needs_course = true;
        break;
    }
    Day onset = anchor + rng_.Peaked(rate.onset_lo, rate.onset_hi);
    for (int episode = 1;; ++episode) {
      Candidate c{.term = t,
                  .onset = onset,
                  .anchor = anchor,
                  .needs_course = needs_course,
                  .grade = DrawGrade(rng_, term, rate.grade3plus_permille),
                  .serious = false,
                  .duration = rng_.Peaked(term.duration_lo, term.duration_hi),
                  .resolves = false,
                  .forced = false};
      c.serious = DrawSerious(rng_, term, c.grade);
      c.resolves = c.grade < 5 && rng_.Chance(term.resolve_permille);
      candidates_.push_back(c);
      if (episode >= term.max_episodes || !c.resolves || c.grade == 5 || !rng_.Chance(term.repeat_permille)) break;
      if (rate.anchor == Anchor::kChemoCycle) {
        if (++chemo_cycle >= ChemoCycles()) break;
        anchor = cycles_[static_cast<std::size_t>(chemo_cycle)];
        onset = anchor + rng_.Peaked(rate.onset_lo, rate.onset_hi);
      } else {
        anchor = onset + c.duration;
        onset = anchor + rng_.Peaked(7, 60);
      }
    }
  }

  // Walks the events in time: one that stops treatment or kills shortens the
  // course, and events the shorter course no longer reaches are dropped.
  void SettleCourse() {
    std::stable_sort(candidates_.begin(), candidates_.end(), [](const Candidate& a, const Candidate& b) {
      return a.onset != b.onset ? a.onset < b.onset : a.term < b.term;
    });
    const auto catalogue = AeCatalogue();
    Day ae_death = -1;
    for (const Candidate& c : candidates_) {
      const AeTerm& term = catalogue[c.term];
      if (ae_death >= 0 && c.onset >= ae_death) continue;
      if (pd_death_ >= 0 && c.onset >= pd_death_) continue;
      if (c.onset > p_.follow_up_end) continue;
      if (!c.forced) {
        const bool late = term.category == AeCategory::kImmune || term.always_serious || term.stop_grade == 1;
        // Late effects of radiotherapy (pneumonitis 1-6 months after it) are
        // collected for as long as the subject is followed.
        const bool after_rt = (p_.cohort_a ? term.a : term.b).anchor == Anchor::kRtEnd;
        if (!after_rt && c.onset > stop_ + (late ? kLateReportingDays : kReportingDays)) continue;
        if (c.needs_course && c.anchor > stop_) continue;
      }
      accepted_.push_back(c);
      if (term.stop_grade > 0 && c.grade >= term.stop_grade && c.onset <= stop_) stop_ = c.onset;
      if (c.grade == 5) {
        ae_death = std::min(c.onset + rng_.Between(0, 14), p_.follow_up_end);
        stop_ = std::min(stop_, c.onset);
      }
      if (term.reduce_apatinib && c.grade >= 3 && c.onset <= stop_) reductions_.push_back(c.onset);
    }
    Day death = ae_death;
    if (pd_death_ >= 0 && pd_death_ <= p_.follow_up_end) death = death < 0 ? pd_death_ : std::min(death, pd_death_);
    p_.death = death;
    if (death >= 0) p_.follow_up_end = std::min(p_.follow_up_end, death);
    stop_ = std::max(stop_, p_.first_dose);
    p_.treatment_end = stop_;
    while (!cycles_.empty() && cycles_.back() > stop_) cycles_.pop_back();
    p_.cycles = cycles_;
    p_.chemo_cycles = ChemoCycles();
    if (p_.rt_start >= 0) {
      if (p_.rt_start > stop_) {
        p_.rt_start = p_.rt_end = -1;
      } else if (p_.rt_end > stop_) {
        p_.rt_end = stop_;
        while (Weekday(p_.rt_end) >= 5) --p_.rt_end;
      }
    }
  }

  bool OnStudy(Day d) const { return d <= p_.follow_up_end && (p_.death < 0 || d < p_.death); }

  // Clinical practice (clinical.md §3(d)): a full panel at screening; blood
  // counts and chemistry weekly; pancreas enzymes, urine protein each cycle;
  // thyroid and coagulation every other cycle; troponin and ECG at each of
  // the first four infusions, then every fourth cycle; a safety visit 30 days
  // after the last dose.
  void ScheduleVisits() {
    using namespace panel;
    constexpr Panels kAll =
        kCbc | kChemistry | kCoagulation | kThyroid | kPancreas | kCardiac | kUrine | kAdrenal | kVitals | kEcg;
    visits_.push_back({.day = screening_,
                       .report_day = 0,
                       .minute = 0,
                       .panels = kAll,
                       .kind = VisitKind::kScreening,
                       .cycle_day = 0,
                       .number = 0});
    for (std::size_t i = 0; i < cycles_.size(); ++i) {
      const int c = static_cast<int>(i) + 1;
      const Day d1 = cycles_[i];
      const Day next = i + 1 < cycles_.size() ? cycles_[i + 1] : stop_ + 1;
      Panels day1 = kVitals | kEcg;
      if (c > 1) {
        day1 = kCbc | kChemistry | kPancreas | kUrine | kVitals;
        if (c % 2 == 1) day1 |= kThyroid | kCoagulation;
        if (c <= 4 || c % 4 == 1) day1 |= kCardiac | kEcg;
      }
      visits_.push_back({.day = d1,
                         .report_day = 0,
                         .minute = 0,
                         .panels = day1,
                         .kind = VisitKind::kCycle,
                         .cycle_day = 1,
                         .number = static_cast<std::uint16_t>(c)});
      for (int cd : {8, 15}) {
        const Day d = d1 + cd - 1;
        if (d >= next || d > stop_) break;
        visits_.push_back({.day = d,
                           .report_day = 0,
                           .minute = 0,
                           .panels = kCbc | kChemistry | kVitals,
                           .kind = VisitKind::kCycle,
                           .cycle_day = static_cast<std::uint8_t>(cd),
                           .number = static_cast<std::uint16_t>(c)});
      }
    }
    const Day eot = stop_ + kSafetyVisitDays;
    visits_.push_back({.day = eot,
                       .report_day = 0,
                       .minute = 0,
                       .panels = kCbc | kChemistry | kCoagulation | kThyroid | kUrine | kVitals | kEcg,
                       .kind = VisitKind::kEndOfTreatment,
                       .cycle_day = 0,
                       .number = 0});
    std::erase_if(visits_, [&](const Visit& v) { return !OnStudy(v.day); });
  }

  // A lab-detected event starts on the day a visit shows it: the next visit
  // within a week that draws what it shows in, else an unscheduled one.
  Day PlaceOnVisit(const Candidate& c, Panels needed) {
    if (c.grade < 5) {
      for (const Visit& v : visits_) {
        if (v.day >= c.onset && v.day <= c.onset + 7 && (v.panels & needed) == needed) return v.day;
      }
    }
    AddVisit(visits_, Unscheduled(c.onset, needed));
    return c.onset;
  }

  void PlaceEvents() {
    const auto catalogue = AeCatalogue();
    for (Candidate c : accepted_) {
      const AeTerm& term = catalogue[c.term];
      Panels needed = PanelsFor(term.link);
      if (term.link == LabLink::kHypertension) needed |= panel::kVitals;
      if (needed != 0) c.onset = PlaceOnVisit(c, needed);
      AdverseEvent e = MakeEvent(c, term);
      if (term.link != LabLink::kNone) AddEffects(e, term, needed);
      if (term.decod == "Oesophageal fistula") p_.fistula = true;
      if (term.decod == "Pneumonitis") p_.pneumonitis = true;
      if (term.link == LabLink::kHysLaw) p_.hys_law = true;
      p_.events.push_back(std::move(e));
    }
    std::stable_sort(p_.events.begin(), p_.events.end(),
                     [](const AdverseEvent& a, const AdverseEvent& b) { return a.onset < b.onset; });
    for (std::size_t i = 0; i < p_.events.size(); ++i) p_.events[i].spid = static_cast<int>(i) + 1;
  }

  AeAction ActionAt(const AeTerm& term, Day day, int grade) const {
    if (day > stop_) return AeAction::kNotApplicable;
    if (grade == 5 || (term.stop_grade > 0 && grade >= term.stop_grade)) return AeAction::kWithdrawn;
    if (grade >= 3) return term.reduce_apatinib ? AeAction::kReduced : AeAction::kInterrupted;
    return AeAction::kNotChanged;
  }

  AdverseEvent MakeEvent(const Candidate& c, const AeTerm& term) {
    AdverseEvent e;
    e.term = c.term;
    e.onset = c.onset;
    e.worst_grade = c.grade;
    e.immune = rng_.Chance(term.immune_permille);
    e.expected = !rng_.Chance(60);
    for (int bit = 0; bit < kTreatmentCount; ++bit) {
      const Treatments t = static_cast<Treatments>(1 << bit);
      if (t == treatment::kRt && !p_.cohort_a) continue;  // not given in cohort B: left empty
      const bool related = (term.related & t) != 0 || ((term.possible & t) != 0 && rng_.Chance(500));
      e.causality[static_cast<std::size_t>(bit)] = Judge(rng_, related, p_.words_for_causality);
    }

    // The first report may be of a milder grade, worsening later.
    std::uint8_t first_grade = c.grade;
    if (c.grade == 5) {
      first_grade = rng_.Chance(500) ? 3 : 4;
    } else if (c.grade >= 2 && c.duration > 3 && rng_.Chance(450)) {
      first_grade = static_cast<std::uint8_t>(c.grade - 1);
    }
    const Day end = c.grade == 5 ? p_.death : c.onset + c.duration;
    improve_day_ = -1;
    worsen_day_ = first_grade < c.grade && c.grade < 5 ? c.onset + rng_.Between(2, std::min(10, c.duration - 1)) : -1;
    const bool resolves = c.resolves && c.grade < 5 && OnStudy(end);
    end_day_ = resolves ? end : (c.grade == 5 ? p_.death : p_.follow_up_end);

    AeVersion v;
    v.grade = first_grade;
    v.serious = c.serious && (first_grade == c.grade || term.always_serious);
    v.hospitalised = v.serious;
    v.life_threatening = first_grade == 4;
    v.causality_assessed = rng_.Chance(750);
    v.action = ActionAt(term, c.onset, first_grade);
    v.report_day = c.onset + (v.serious ? rng_.Between(0, 1) : rng_.Between(1, 10));
    e.versions.push_back(v);

    if (worsen_day_ >= 0) {
      v.grade = c.grade;
      v.serious = c.serious;
      v.hospitalised = c.serious;
      v.life_threatening = c.grade == 4;
      v.causality_assessed = true;
      v.action = ActionAt(term, worsen_day_, c.grade);
      v.report_day = Later(worsen_day_ + (c.serious ? rng_.Between(0, 1) : rng_.Between(1, 7)), v.report_day);
      e.versions.push_back(v);
    }
    if (c.grade == 5) {
      v.grade = 5;
      v.serious = v.hospitalised = v.death = true;
      v.life_threatening = false;
      v.causality_assessed = true;
      v.end_day = p_.death;
      v.outcome = AeOutcome::kFatal;
      v.action = ActionAt(term, c.onset, 5);
      v.report_day = Later(p_.death + rng_.Between(0, 1), v.report_day);
      e.versions.push_back(v);
    } else if (resolves) {
      // Grade 2 or worse often improves to grade 1 before it resolves. The
      // labs show it; the AE record keeps its worst grade (SDTM collapsed
      // form), so no report lowers AETOXGR.
      if (c.grade >= 2 && c.duration >= 10 && rng_.Chance(kImprovementPermille)) {
        improve_day_ = end - rng_.Between(2, c.duration / 3);
        if (improve_day_ <= std::max(c.onset, worsen_day_) + 1) improve_day_ = -1;
      }
      v.causality_assessed = true;
      v.end_day = end;
      v.outcome = term.decod == "Oesophageal fistula" || term.decod == "Peripheral sensory neuropathy"
                      ? AeOutcome::kRecoveredWithSequelae
                      : AeOutcome::kRecovered;
      v.report_day = Later(end + rng_.Between(3, 21), v.report_day);
      e.versions.push_back(v);
    } else if (!v.causality_assessed) {
      v.causality_assessed = true;
      v.report_day = Later(c.onset + rng_.Between(14, 28), v.report_day);
      e.versions.push_back(v);
    }
    first_grade_ = first_grade;
    return e;
  }

  // How sites report, drawn from a stream of its own so that the clinical
  // course above is the same with or without it: pre-dose events,
  // re-grading, causality never assessed, mistyped grades.
  void SiteReporting() {
    for (AdverseEvent& e : p_.events) {
      if (e.worst_grade >= 3 && e.worst_grade <= 4 && quirks_.Chance(kRegradePermille)) Regrade(e);
      if (quirks_.Chance(kUnassessedPermille)) {
        std::vector<int> assessed;
        for (int bit = 0; bit < kTreatmentCount; ++bit) {
          if (e.causality[static_cast<std::size_t>(bit)] != Causality::kNotApplicable) assessed.push_back(bit);
        }
        if (!assessed.empty())
          e.unassessed = assessed[static_cast<std::size_t>(quirks_.Between(0, static_cast<int>(assessed.size()) - 1))];
      }
      const auto serious =
          std::find_if(e.versions.begin(), e.versions.end(), [](const AeVersion& v) { return v.serious; });
      if (serious != e.versions.end() && serious->grade < 5 && quirks_.Chance(kGradeTypoPermille)) {
        AeVersion typo = *serious;
        typo.grade_typo = quirks_.Chance(500) ? "G" + std::to_string(typo.grade) : std::to_string(typo.grade) + "a";
        e.versions.insert(serious, typo);  // the correct report follows it
        Retime(e);
      }
    }
    if (p_.first_dose - p_.consent >= 2 && quirks_.Chance(kPreDoseAePermille)) {
      const int pick = quirks_.Between(0, static_cast<int>(std::size(kPreDoseTerms)) - 1);
      const int t = AeTermIndex(kPreDoseTerms[static_cast<std::size_t>(pick)]);
      if (t >= 0) p_.events.push_back(PreDoseEvent(t));
    }
  }

  // A follow-up lowers the worst grade by one; the next restores it.
  void Regrade(AdverseEvent& e) {
    const auto worst = std::find_if(e.versions.begin(), e.versions.end(),
                                    [&](const AeVersion& v) { return v.grade == e.worst_grade; });
    if (worst == e.versions.end()) return;
    AeVersion lower = *worst, back = *worst;
    lower.grade = static_cast<std::uint8_t>(worst->grade - 1);
    lower.life_threatening = lower.grade == 4;
    const std::size_t at = static_cast<std::size_t>(worst - e.versions.begin()) + 1;
    e.versions.insert(e.versions.begin() + static_cast<std::ptrdiff_t>(at), {lower, back});
    Retime(e);
  }

  // Each report in a later batch than the one before it.
  void Retime(AdverseEvent& e) const {
    for (std::size_t i = 1; i < e.versions.size(); ++i) {
      e.versions[i].report_day = Later(e.versions[i].report_day, e.versions[i - 1].report_day);
    }
  }

  // An event between consent and the first dose: not related to any study
  // treatment (none was given), mild, reported once or also when it ends.
  AdverseEvent PreDoseEvent(int t) {
    AdverseEvent e;
    e.term = t;
    e.spid = static_cast<int>(p_.events.size()) + 1;
    e.onset = quirks_.Between(p_.consent + 1, p_.first_dose - 1);
    e.worst_grade = quirks_.Chance(300) ? 2 : 1;
    e.immune = false;
    e.expected = true;
    for (int bit = 0; bit < kTreatmentCount; ++bit) {
      if (static_cast<Treatments>(1 << bit) == treatment::kRt && !p_.cohort_a) continue;
      e.causality[static_cast<std::size_t>(bit)] = Judge(quirks_, false, p_.words_for_causality);
    }
    AeVersion v;
    v.grade = e.worst_grade;
    v.report_day = e.onset + quirks_.Between(1, 10);
    e.versions.push_back(v);
    if (quirks_.Chance(500)) {
      v.end_day = e.onset + quirks_.Between(3, 20);
      v.outcome = AeOutcome::kRecovered;
      v.report_day = Later(v.end_day + quirks_.Between(3, 14), v.report_day);
      if (OnStudy(v.end_day)) e.versions.push_back(v);
    }
    return e;
  }

  // A follow-up goes at the earliest to the batch after the one before it.
  Day Later(Day wanted, Day previous_report) const { return std::max(wanted, ctx_.NextBatch(previous_report)); }

  void AddEffects(const AdverseEvent& e, const AeTerm& term, Panels needed) {
    const int worst = std::min<int>(e.worst_grade, 4);
    auto add = [&](Day from, Day to, int grade) {
      if (to < from) return;
      for (const LinkedBand& b : BandsFor(term.link, grade)) p_.effects.push_back({b.measure, from, to, b.band});
    };
    const Day worst_until = improve_day_ >= 0 ? improve_day_ - 1 : end_day_;
    if (worsen_day_ >= 0) {
      add(e.onset, worsen_day_ - 1, first_grade_);
      add(worsen_day_, worst_until, worst);
    } else {
      add(e.onset, worst_until, std::min<int>(first_grade_, 4));
    }
    if (improve_day_ >= 0) add(improve_day_, end_day_, 1);
    // Confirmation: a grade 3 finding is repeated within days; proteinuria
    // of 2+ or more is quantified in a 24-hour urine (clinical.md §3(c)).
    if (worst >= 3) {
      const Day repeat = e.onset + rng_.Between(3, 5);
      if (OnStudy(repeat)) AddVisit(visits_, Unscheduled(repeat, needed));
    }
    if (term.link == LabLink::kProteinuria && worst >= 2) {
      const Day urine = e.onset + rng_.Between(3, 7);
      if (OnStudy(urine)) AddVisit(visits_, Unscheduled(urine, panel::kUrine24h));
    }
  }

  void FinishVisits() {
    std::stable_sort(visits_.begin(), visits_.end(), [](const Visit& a, const Visit& b) { return a.day < b.day; });
    std::uint16_t unscheduled = 0;
    for (Visit& v : visits_) {
      if (v.kind == VisitKind::kUnscheduled) v.number = ++unscheduled;
      v.minute = static_cast<std::int16_t>(7 * 60 + rng_.Between(0, 179));
      v.report_day = v.day + p_.lab_lag;
    }
    p_.visits = std::move(visits_);
  }

  void Exposures() {
    std::vector<Exposure> items;
    std::sort(reductions_.begin(), reductions_.end());
    const int chemo_per_m2 = p_.cohort_a ? 135 : 75;  // paclitaxel with RT; docetaxel (ICC)
    const Scaled chemo_dose = ToScaled(5.0) * ((chemo_per_m2 * bsa_ / 100 + 2) / 5);
    int reduced_before = 0;
    for (std::size_t i = 0; i < cycles_.size(); ++i) {
      const Day d1 = cycles_[i];
      const Day end = i + 1 < cycles_.size() ? std::min(cycles_[i + 1] - 1, stop_) : stop_;
      const int reductions =
          static_cast<int>(std::count_if(reductions_.begin(), reductions_.end(), [&](Day r) { return r < d1; }));
      const int level = std::min(reductions, 1);
      items.push_back({.seq = 0,
                       .treatment = 0,
                       .dose = ToScaled(1200),
                       .start = d1,
                       .end = d1,
                       .reduced = false,
                       .report_day = d1 + rng_.Between(1, 4)});
      items.push_back({.seq = 0,
                       .treatment = 1,
                       .dose = level == 0 ? ToScaled(250) : ToScaled(125),
                       .start = d1,
                       .end = end,
                       .reduced = level > reduced_before,
                       .report_day = end + rng_.Between(1, 4)});
      reduced_before = level;
      if (static_cast<int>(i) < p_.chemo_cycles) {
        items.push_back({.seq = 0,
                         .treatment = 2,
                         .dose = chemo_dose,
                         .start = d1,
                         .end = d1,
                         .reduced = false,
                         .report_day = d1 + rng_.Between(1, 4)});
      }
    }
    if (p_.rt_start >= 0) {
      items.push_back({.seq = 0,
                       .treatment = 3,
                       .dose = ToScaled(1.8),
                       .start = p_.rt_start,
                       .end = -1,
                       .reduced = false,
                       .report_day = p_.rt_start + rng_.Between(1, 4)});
    }
    std::stable_sort(items.begin(), items.end(), [](const Exposure& a, const Exposure& b) {
      return a.start != b.start ? a.start < b.start : a.treatment < b.treatment;
    });
    for (std::size_t i = 0; i < items.size(); ++i) items[i].seq = static_cast<int>(i) + 1;
    // Radiotherapy is reported when it starts and again, with its end, when it ends.
    for (const Exposure& x : std::vector<Exposure>(items)) {
      if (x.treatment != 3) continue;
      Exposure done = x;
      done.end = p_.rt_end;
      done.report_day = Later(p_.rt_end + rng_.Between(1, 4), x.report_day);
      items.push_back(done);
    }
    std::stable_sort(items.begin(), items.end(),
                     [](const Exposure& a, const Exposure& b) { return a.report_day < b.report_day; });
    p_.exposures = std::move(items);
  }

  void Demography() {
    DmVersion v{.report_day = p_.consent + rng_.Between(0, 1), .dosed = false, .treatment_ended = false, .dead = false};
    p_.dm.push_back(v);
    v.dosed = true;
    v.report_day = Later(p_.first_dose + rng_.Between(1, 5), v.report_day);
    p_.dm.push_back(v);
    v.treatment_ended = true;
    v.withdrawn = p_.withdrawal >= 0;
    v.report_day = Later(stop_ + rng_.Between(7, 21), v.report_day);
    p_.dm.push_back(v);
    if (p_.death >= 0) {
      v.dead = true;
      v.report_day = Later(p_.death + rng_.Between(1, 10), v.report_day);
      p_.dm.push_back(v);
    }
  }

  const PlanContext& ctx_;
  const Options& opt_;
  SubjectPlan& p_;
  const unsigned forced_;
  Random rng_;
  Random quirks_;  // SiteReporting and consent withdrawal

  int bsa_ = 170;
  Day screening_ = 0, cap_ = 0, stop_ = 0, progression_ = -1, pd_death_ = -1;
  std::vector<Day> cycles_;
  int chemo_max_ = 0;
  std::vector<Candidate> candidates_, accepted_;
  std::vector<Day> reductions_;
  std::vector<Visit> visits_;
  // Of the event MakeEvent last built, for AddEffects.
  Day worsen_day_ = -1, improve_day_ = -1, end_day_ = 0;
  std::uint8_t first_grade_ = 1;
};

}  // namespace

std::string VisitLabel(const Visit& v) {
  char buf[24];
  switch (v.kind) {
    case VisitKind::kScreening: return "SCR";
    case VisitKind::kEndOfTreatment: return "EOT";
    case VisitKind::kUnscheduled: std::snprintf(buf, sizeof buf, "U%02d", v.number); return buf;
    case VisitKind::kCycle: std::snprintf(buf, sizeof buf, "C%dD%d", v.number, v.cycle_day); return buf;
  }
  return "";
}

Scaled SubjectPlan::Uln(MeasureId m) const {
  const Measure& x = MeasureOf(m);
  return male ? x.hi_male : x.hi_female;
}

Scaled SubjectPlan::Lln(MeasureId m) const {
  const Measure& x = MeasureOf(m);
  return male ? x.lo_male : x.lo_female;
}

Day PlanContext::NextBatch(Day day) const {
  const int offset = day - period_origin;
  const int batch = offset >= 0 ? offset / batch_days : -((-offset + batch_days - 1) / batch_days);
  return period_origin + (batch + 1) * batch_days;
}

SubjectPlan PlanSubject(const PlanContext& context, int index, std::string usubjid, int site, bool cohort_a,
                        Day consent, unsigned forced_patterns) {
  SubjectPlan plan;
  plan.index = index;
  plan.usubjid = std::move(usubjid);
  plan.site = site;
  plan.cohort_a = cohort_a;
  plan.consent = consent;
  Planner(context, plan, forced_patterns).Run();
  return plan;
}

}  // namespace vigil::simulation
