#include "tools/simulation/subject_records.h"

#include <algorithm>
#include <climits>
#include <cstdio>

#include "rules/csv/csv.h"

namespace vigil::simulation {
namespace {

using M = MeasureId;

// Of lab visits, the share with one value sent wrong and corrected in a
// later transfer [P]: a haemolysed potassium, or a decimal slip.
constexpr int kCorrectionPermille = 40;

std::string Site(int site) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", site);
  return buf;
}

std::string VisitName(const Visit& v) {
  switch (v.kind) {
    case VisitKind::kScreening: return "SCREENING";
    case VisitKind::kEndOfTreatment: return "END OF TREATMENT";
    case VisitKind::kUnscheduled: return "UNSCHEDULED " + std::to_string(v.number);
    case VisitKind::kCycle: return "CYCLE " + std::to_string(v.number) + " DAY " + std::to_string(v.cycle_day);
  }
  return "";
}

std::string_view CausalityText(Causality c) {
  switch (c) {
    case Causality::kNotApplicable: return "";
    case Causality::kRelated: return "RELATED";
    case Causality::kPossiblyRelated: return "POSSIBLY RELATED";
    case Causality::kProbablyRelated: return "PROBABLY RELATED";
    case Causality::kDefinitelyRelated: return "DEFINITELY RELATED";
    case Causality::kNotRelated: return "NOT RELATED";
    case Causality::kUnlikelyRelated: return "UNLIKELY RELATED";
    case Causality::kYes: return "Y";
    case Causality::kNo: return "N";
  }
  return "";
}

bool IsRelated(Causality c) {
  return c == Causality::kRelated || c == Causality::kPossiblyRelated || c == Causality::kProbablyRelated ||
         c == Causality::kDefinitelyRelated || c == Causality::kYes;
}

std::string_view OutcomeText(AeOutcome o) {
  switch (o) {
    case AeOutcome::kNotRecovered: return "NOT RECOVERED/NOT RESOLVED";
    case AeOutcome::kRecovered: return "RECOVERED/RESOLVED";
    case AeOutcome::kRecoveredWithSequelae: return "RECOVERED/RESOLVED WITH SEQUELAE";
    case AeOutcome::kFatal: return "FATAL";
  }
  return "";
}

std::string_view ActionText(AeAction a) {
  switch (a) {
    case AeAction::kNotChanged: return "DOSE NOT CHANGED";
    case AeAction::kInterrupted: return "DRUG INTERRUPTED";
    case AeAction::kReduced: return "DOSE REDUCED";
    case AeAction::kWithdrawn: return "DRUG WITHDRAWN";
    case AeAction::kNotApplicable: return "NOT APPLICABLE";
  }
  return "";
}

const char* YesNo(bool b) { return b ? "Y" : "N"; }

std::string DipstickText(Scaled value, bool trace) {
  const std::int64_t plus = value / kScale;
  if (plus <= 0) return trace ? "TRACE" : "NEGATIVE";
  return std::to_string(plus) + "+";
}

// One liver or kidney panel in sixteen comes from a laboratory interface that
// sends LBLOINC without LBTESTCD (the minute of the draw decides, for
// reproducibility without a random draw). The daemon maps these LOINC codes
// (rules/ctcae/v5.0/codes.json).
bool LoincOnly(MeasureId id, const Visit& v) {
  switch (id) {
    case M::kAlt:
    case M::kAst:
    case M::kAlp:
    case M::kGgt:
    case M::kBili:
    case M::kCreat: return v.minute % 16 == 3;
    default: return false;
  }
}

}  // namespace

const std::vector<std::string>& DomainRows::Header(Domain d) {
  static const std::array<std::vector<std::string>, 6> kHeaders = {{
      {"STUDYID", "USUBJID", "SITEID", "ARMCD", "ARM", "AGE", "SEX", "RFICDTC", "RFXSTDTC", "RFXENDTC", "DTHFL",
       "DTHDTC", "RFPENDTC"},
      {"STUDYID", "USUBJID", "EXSEQ", "EXTRT", "EXDOSE", "EXDOSU", "EXROUTE", "EXSTDTC", "EXENDTC", "EXADJ"},
      {"STUDYID",     "USUBJID",  "AESPID",  "AETERM",  "AEDECOD",  "AEBODSYS",          "AETOXGR",
       "AESER",       "AESDTH",   "AESLIFE", "AESHOSP", "AESDISAB", "AESCONG",           "AESMIE",
       "AESTDTC",     "AEENDTC",  "AEOUT",   "AEACN",   "AEREL",    "AEREL_ADEBRELIMAB", "AEREL_APATINIB",
       "AEREL_CHEMO", "AEREL_RT", "AEIRAE",  "AEEXPECT"},
      {"STUDYID", "USUBJID", "LBSPID", "LBTESTCD", "LBLOINC", "LBORRES", "LBSTRESN", "LBSTRESU", "LBSTNRLO", "LBSTNRHI",
       "LBSPEC", "LBBLFL", "VISIT", "LBDTC"},
      {"STUDYID", "USUBJID", "VSSPID", "VSTESTCD", "VSSTRESN", "VSSTRESU", "VSPOS", "VSBLFL", "VISIT", "VSDTC"},
      {"STUDYID", "USUBJID", "EGSPID", "EGTESTCD", "EGSTRESN", "EGSTRESU", "EGBLFL", "VISIT", "EGDTC"},
  }};
  return kHeaders[static_cast<int>(d)];
}

std::string& DomainRows::Rows(Domain d) {
  std::string& text = text_[static_cast<int>(d)];
  if (text.empty()) csv::AppendRow(text, Header(d));
  ++records_[static_cast<int>(d)];
  return text;
}

SubjectRecords::SubjectRecords(const SubjectPlan& plan, const PlanContext& context)
    : plan_(plan),
      ctx_(context),
      rng_(Random::StreamSeed(context.options->seed, static_cast<std::uint64_t>(plan.index), 2)),
      study_(context.options->study_id),
      site_(Site(plan.site)) {
  for (std::size_t e = 0; e < plan.events.size(); ++e) {
    for (std::size_t v = 0; v < plan.events[e].versions.size(); ++v) {
      ae_reports_.push_back(
          {plan.events[e].versions[v].report_day, static_cast<std::uint16_t>(e), static_cast<std::uint16_t>(v)});
    }
  }
  std::stable_sort(ae_reports_.begin(), ae_reports_.end(),
                   [](const AeReport& a, const AeReport& b) { return a.day < b.day; });
}

Day SubjectRecords::NextReport() const {
  Day next = INT_MAX;
  if (next_dm_ < plan_.dm.size()) next = std::min(next, plan_.dm[next_dm_].report_day);
  if (next_ex_ < plan_.exposures.size()) next = std::min(next, plan_.exposures[next_ex_].report_day);
  if (next_ae_ < ae_reports_.size()) next = std::min(next, ae_reports_[next_ae_].day);
  if (next_visit_ < plan_.visits.size()) next = std::min(next, plan_.visits[next_visit_].report_day);
  for (const Correction& c : corrections_pending_) next = std::min(next, c.report_day);
  return next;
}

bool SubjectRecords::Done() const { return NextReport() == INT_MAX; }

void SubjectRecords::Render(Day to, DomainRows& out) {
  for (; next_dm_ < plan_.dm.size() && plan_.dm[next_dm_].report_day <= to; ++next_dm_) {
    WriteDm(plan_.dm[next_dm_], out);
  }
  for (; next_ex_ < plan_.exposures.size() && plan_.exposures[next_ex_].report_day <= to; ++next_ex_) {
    WriteEx(plan_.exposures[next_ex_], out);
  }
  for (auto it = corrections_pending_.begin(); it != corrections_pending_.end();) {
    if (it->report_day <= to) {
      WriteMeasurement(it->measure, it->visit, it->value, out);
      ++corrections_;
      it = corrections_pending_.erase(it);
    } else {
      ++it;
    }
  }
  for (; next_visit_ < plan_.visits.size() && plan_.visits[next_visit_].report_day <= to; ++next_visit_) {
    WriteVisit(plan_.visits[next_visit_], out);
  }
  for (; next_ae_ < ae_reports_.size() && ae_reports_[next_ae_].day <= to; ++next_ae_) {
    const AdverseEvent& e = plan_.events[ae_reports_[next_ae_].event];
    WriteAe(e, e.versions[ae_reports_[next_ae_].version], out);
  }
}

void SubjectRecords::WriteDm(const DmVersion& v, DomainRows& out) {
  static constexpr const char* kArmA = "Adebrelimab + apatinib + chemoradiotherapy";
  static constexpr const char* kArmB = "Adebrelimab + apatinib + chemotherapy";
  fields_.assign({study_, plan_.usubjid, site_, plan_.cohort_a ? "A" : "B", plan_.cohort_a ? kArmA : kArmB,
                  std::to_string(plan_.age), plan_.male ? "M" : "F", IsoDate(plan_.consent),
                  v.dosed ? IsoDate(plan_.first_dose) : "", v.treatment_ended ? IsoDate(plan_.treatment_end) : "",
                  v.dead ? "Y" : "", v.dead ? IsoDate(plan_.death) : "", v.withdrawn ? IsoDate(plan_.withdrawal) : ""});
  csv::AppendRow(out.Rows(Domain::kDm), fields_);
}

void SubjectRecords::WriteEx(const Exposure& x, DomainRows& out) {
  static constexpr const char* kRoute[] = {"INTRAVENOUS", "ORAL", "INTRAVENOUS", ""};
  const bool rt = x.treatment == 3;
  fields_.assign({study_, plan_.usubjid, std::to_string(x.seq), std::string(TreatmentId(x.treatment)),
                  FormatScaled(x.dose, rt ? 1 : 0), rt ? "Gy" : "mg", kRoute[x.treatment], IsoDate(x.start),
                  x.end >= 0 ? IsoDate(x.end) : "", x.reduced ? "ADVERSE EVENT" : ""});
  csv::AppendRow(out.Rows(Domain::kEx), fields_);
}

void SubjectRecords::WriteAe(const AdverseEvent& e, const AeVersion& v, DomainRows& out) {
  const AeTerm& term = AeCatalogue()[static_cast<std::size_t>(e.term)];
  std::string rel;
  if (v.causality_assessed) {
    bool any = false;
    for (int bit = 0; bit < kTreatmentCount; ++bit) {
      any = any || (bit != e.unassessed && IsRelated(e.causality[static_cast<std::size_t>(bit)]));
    }
    rel = plan_.words_for_causality ? (any ? "RELATED" : "NOT RELATED") : (any ? "Y" : "N");
  }
  fields_.assign({study_, plan_.usubjid, std::to_string(e.spid), std::string(term.verbatim), std::string(term.decod),
                  std::string(term.soc), v.grade_typo.empty() ? std::to_string(v.grade) : v.grade_typo,
                  YesNo(v.serious), YesNo(v.death), YesNo(v.life_threatening), YesNo(v.hospitalised), "N", "N", "N",
                  IsoDate(e.onset), v.end_day >= 0 ? IsoDate(v.end_day) : "", std::string(OutcomeText(v.outcome)),
                  std::string(ActionText(v.action)), rel});
  for (int bit = 0; bit < kTreatmentCount; ++bit) {
    const bool assessed = v.causality_assessed && bit != e.unassessed;
    fields_.emplace_back(assessed ? CausalityText(e.causality[static_cast<std::size_t>(bit)]) : "");
  }
  fields_.emplace_back(YesNo(e.immune));
  fields_.emplace_back(YesNo(e.expected));
  csv::AppendRow(out.Rows(Domain::kAe), fields_);
}

int SubjectRecords::TrendPermille(MeasureId id, Day day) const {
  if (day < plan_.first_dose) return 1000;
  // The cycle the day falls in, and whether it carried chemotherapy.
  const auto it = std::upper_bound(plan_.cycles.begin(), plan_.cycles.end(), day);
  const int cycle = static_cast<int>(it - plan_.cycles.begin()) - 1;
  const bool chemo = cycle >= 0 && cycle < plan_.chemo_cycles;
  const int since = cycle >= 0 ? day - plan_.cycles[static_cast<std::size_t>(cycle)] : 0;
  const bool nadir = chemo && since >= 5 && since <= 12;  // myelosuppression nadir, days 7-14
  switch (id) {
    case M::kNeut: return nadir ? 650 : (chemo && since > 12 && since <= 16 ? 900 : 1000);
    case M::kWbc: return nadir ? 720 : 1000;
    case M::kPlat: return nadir ? 850 : 1000;
    case M::kHgb: return 1000 - 15 * std::min(cycle + 1, plan_.chemo_cycles);
    case M::kLym: return plan_.rt_start >= 0 && day >= plan_.rt_start && day <= plan_.rt_end + 60 ? 600 : 1000;
    case M::kSysBp:
    case M::kDiaBp: return day <= plan_.treatment_end ? 1040 : 1000;  // VEGFR inhibition
    case M::kAlb: return 980;
    default: return 1000;
  }
}

const LabEffect* SubjectRecords::ActiveEffect(MeasureId id, Day day) const {
  const LabEffect* found = nullptr;
  for (const LabEffect& e : plan_.effects) {
    if (e.measure == id && day >= e.from && day <= e.to && (!found || e.from >= found->from)) found = &e;
  }
  return found;
}

Scaled SubjectRecords::BandValue(const Band& band, MeasureId id) {
  const Scaled k = UniformScaled(rng_, band.lo, band.hi);
  switch (band.kind) {
    case BandKind::kAbsolute: return k;
    case BandKind::kTimesUln: return plan_.Uln(id) * k / kScale;
    case BandKind::kTimesLln: return plan_.Lln(id) * k / kScale;
  }
  return k;
}

Scaled SubjectRecords::Draw(const Measure& m, const Visit& v, bool& in_effect) {
  const Scaled base = plan_.level[static_cast<int>(m.id)] * TrendPermille(m.id, v.day) / 1000;
  Scaled x =
      m.skewed ? Skewed(rng_, base, m.within_permille) : Normal(rng_, base, TimesPermille(base, m.within_permille));
  x = std::max(x, m.floor);
  if (m.ceiling > 0) x = std::min(x, m.ceiling);
  if (m.ceiling_uln_permille > 0) x = std::min(x, TimesPermille(plan_.Uln(m.id), m.ceiling_uln_permille));
  in_effect = false;
  if (const LabEffect* e = ActiveEffect(m.id, v.day)) {
    x = BandValue(e->band, m.id);
    in_effect = true;
  }
  return RoundScaled(x, m.decimals);
}

void SubjectRecords::WriteVisit(const Visit& v, DomainRows& out) {
  std::array<Scaled, kMeasureCount> value{};
  std::array<bool, kMeasureCount> drawn{}, effect{};
  for (const Measure& m : Measures()) {
    if ((m.panel & v.panels) == 0) continue;
    const int i = static_cast<int>(m.id);
    drawn[i] = true;
    if (IsDerived(m.id)) continue;
    bool in_effect = false;
    value[i] = Draw(m, v, in_effect);
    effect[i] = in_effect;
  }
  auto at = [&](MeasureId id) -> Scaled& { return value[static_cast<int>(id)]; };
  auto fixed = [&](MeasureId id) { return effect[static_cast<int>(id)]; };
  // The white count holds its differential.
  if (drawn[static_cast<int>(M::kWbc)]) {
    const MeasureId parts[] = {M::kNeut, M::kLym, M::kMono, M::kEos, M::kBaso};
    Scaled sum = 0, free_sum = 0;
    for (MeasureId p : parts) {
      sum += at(p);
      if (!fixed(p)) free_sum += at(p);
    }
    if (!fixed(M::kWbc)) {
      at(M::kWbc) = std::max(at(M::kWbc), RoundScaled(sum * 103 / 100 + 100, 2));
    } else if (const Scaled room = at(M::kWbc) * 97 / 100; sum > room) {
      // A low white count drawn for an event holds its parts: the parts no
      // event fixed shrink first, then all of them.
      const Scaled fixed_sum = sum - free_sum;
      for (MeasureId p : parts) {
        if (fixed_sum < room) {
          if (!fixed(p)) at(p) = RoundScaled(at(p) * (room - fixed_sum) / free_sum, 2);
        } else {
          at(p) = fixed(p) ? RoundScaled(at(p) * room * 9 / 10 / fixed_sum, 2)
                           : RoundScaled(at(p) * room / 10 / free_sum, 2);
        }
        at(p) = std::max<Scaled>(at(p), 100);
      }
    }
  }
  Derive(value, effect, drawn);
  if (drawn[static_cast<int>(M::kSysBp)] && at(M::kDiaBp) > at(M::kSysBp) - ToScaled(25)) {
    at(M::kDiaBp) = at(M::kSysBp) - ToScaled(25);
  }
  // One value sent wrong, corrected in a later transfer.
  if ((v.panels & (panel::kCbc | panel::kChemistry)) && rng_.Chance(kCorrectionPermille)) {
    const bool haemolysed = (v.panels & panel::kChemistry) && rng_.Chance(500);
    MeasureId wrong = M::kK;
    if (!haemolysed) {
      std::vector<MeasureId> candidates;
      for (const Measure& m : Measures()) {
        if (drawn[static_cast<int>(m.id)] && m.domain == Domain::kLb && m.id != M::kUrineProtein && !IsDerived(m.id)) {
          candidates.push_back(m.id);
        }
      }
      wrong = candidates[static_cast<std::size_t>(rng_.Between(0, static_cast<int>(candidates.size()) - 1))];
    }
    const Measure& m = MeasureOf(wrong);
    const Scaled sent =
        haemolysed ? RoundScaled(UniformScaled(rng_, ToScaled(5.6), ToScaled(6.6)), m.decimals) : at(wrong) * 10;
    if (sent != at(wrong)) {
      corrections_pending_.push_back(
          {std::max(v.report_day + rng_.Between(2, 10), ctx_.NextBatch(v.report_day)), wrong, v, at(wrong)});
      at(wrong) = sent;
    }
  }
  for (const Measure& m : Measures()) {
    if (drawn[static_cast<int>(m.id)]) WriteMeasurement(m.id, v, value[static_cast<int>(m.id)], out);
  }
}

// Red cell count = Hb / MCH; haematocrit = RBC x MCV; MCHC = Hb / Hct;
// differential percentages = count / white count; direct bilirubin is about
// a quarter of the total, over half in hepatocellular injury.
void SubjectRecords::Derive(std::array<Scaled, kMeasureCount>& value, const std::array<bool, kMeasureCount>& effect,
                            const std::array<bool, kMeasureCount>& drawn) {
  auto at = [&](MeasureId id) -> Scaled& { return value[static_cast<int>(id)]; };
  auto has = [&](MeasureId id) { return drawn[static_cast<int>(id)]; };
  if (has(M::kHgb) && at(M::kMch) > 0 && at(M::kMcv) > 0) {
    at(M::kRbc) = RoundScaled(at(M::kHgb) * kScale / at(M::kMch), 2);
    at(M::kHct) = RoundScaled(at(M::kRbc) * at(M::kMcv) / kScale / 10, 1);
    if (at(M::kHct) > 0) at(M::kMchc) = RoundScaled(at(M::kHgb) * 100 * kScale / at(M::kHct), 0);
  }
  if (has(M::kWbc) && at(M::kWbc) > 0) {
    const std::pair<MeasureId, MeasureId> pct[] = {{M::kNeutPct, M::kNeut},
                                                   {M::kLymPct, M::kLym},
                                                   {M::kMonoPct, M::kMono},
                                                   {M::kEosPct, M::kEos},
                                                   {M::kBasoPct, M::kBaso}};
    for (const auto& [p, count] : pct) at(p) = RoundScaled(at(count) * 100 * kScale / at(M::kWbc), 1);
  }
  if (has(M::kBili)) {
    const int share = effect[static_cast<int>(M::kBili)] ? 600 : 250 + rng_.Between(0, 100);
    at(M::kBilDir) = RoundScaled(std::max<Scaled>(1000, TimesPermille(at(M::kBili), share)), 1);
  }
}

void SubjectRecords::WriteMeasurement(MeasureId id, const Visit& v, Scaled value, DomainRows& out) {
  const Measure& m = MeasureOf(id);
  const std::string label = VisitLabel(v);
  const bool baseline = v.kind == VisitKind::kScreening;
  const std::string dtc = IsoDateTime(v.day, v.minute);
  const std::string result = FormatScaled(value, m.decimals);
  switch (m.domain) {
    case Domain::kLb: {
      const Scaled lo = plan_.Lln(id), hi = plan_.Uln(id);
      const bool ranged = lo != 0 || hi != 0;
      const bool dipstick = id == M::kUrineProtein;
      fields_.assign({study_, plan_.usubjid, std::string(m.code.empty() ? "PROT24" : m.code) + "-" + label,
                      LoincOnly(id, v) ? "" : std::string(m.code), std::string(m.loinc),
                      // One negative strip in eight reads "trace" (the minute decides, for reproducibility).
                      dipstick ? DipstickText(value, (v.minute & 7) == 0) : "", result, std::string(m.unit),
                      ranged ? FormatScaled(lo, m.decimals) : "", ranged ? FormatScaled(hi, m.decimals) : "",
                      std::string(m.specimen), baseline ? "Y" : "", VisitName(v), dtc});
      csv::AppendRow(out.Rows(Domain::kLb), fields_);
      break;
    }
    case Domain::kVs:
      fields_.assign({study_, plan_.usubjid, std::string(m.code) + "-" + label, std::string(m.code), result,
                      std::string(m.unit), "SITTING", baseline ? "Y" : "", VisitName(v),
                      IsoDateTime(v.day, v.minute + 5)});
      csv::AppendRow(out.Rows(Domain::kVs), fields_);
      break;
    case Domain::kEg:
      fields_.assign({study_, plan_.usubjid, std::string(m.code) + "-" + label, std::string(m.code), result,
                      std::string(m.unit), baseline ? "Y" : "", VisitName(v), IsoDateTime(v.day, v.minute + 15)});
      csv::AppendRow(out.Rows(Domain::kEg), fields_);
      break;
    default: break;
  }
}

}  // namespace vigil::simulation
