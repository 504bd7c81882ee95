#include "rules/safety/hys_law.h"

#include <algorithm>
#include <array>
#include <cstdlib>

#include "rules/ctcae/criteria.h"
#include "rules/records/iso_date.h"
#include "rules/safety/finding_parts.h"
#include "rules/safety/load_values.h"

namespace vigil::safety {
namespace {

using ctcae::Decimal;

enum class Analyte { kTransaminase, kBilirubin, kAlp, kOther };

// The LBTESTCD and LOINC codes of rules/ctcae/v5.0/codes.json.
constexpr std::array<std::string_view, 6> kTransaminaseCodes = {"ALT", "AST", "1742-6", "1743-4", "1920-8", "30239-8"};
constexpr std::array<std::string_view, 3> kBilirubinCodes = {"BILI", "1975-2", "14631-6"};
constexpr std::array<std::string_view, 2> kAlpCodes = {"ALP", "6768-6"};

template <std::size_t N>
bool In(const std::array<std::string_view, N>& codes, const std::string& code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

Analyte AnalyteOf(const GradedValue& v) {
  const std::string& t = v.ctcae_term;
  if (SameCtcaeTerm(t, "Alanine aminotransferase increased") ||
      SameCtcaeTerm(t, "Aspartate aminotransferase increased")) {
    return Analyte::kTransaminase;
  }
  if (SameCtcaeTerm(t, "Blood bilirubin increased")) return Analyte::kBilirubin;
  if (SameCtcaeTerm(t, "Alkaline phosphatase increased")) return Analyte::kAlp;
  const std::string code = ctcae::AsciiUpper(v.test_code);
  if (In(kTransaminaseCodes, code)) return Analyte::kTransaminase;
  if (In(kBilirubinCodes, code)) return Analyte::kBilirubin;
  if (In(kAlpCodes, code)) return Analyte::kAlp;
  return Analyte::kOther;
}

struct Point {
  const GradedValue* v = nullptr;
  Analyte analyte = Analyte::kOther;
  long day = 0;
  std::optional<Decimal> value, uln, baseline;
};

std::optional<long> Day(std::string_view dtc) {
  const auto t = ParseIsoDateTime(dtc);
  if (!t.ok()) return std::nullopt;
  return DayNumber(*t);
}

std::string Shown(const Point& p) {
  return p.v->test_code + " " + p.v->value + (p.v->unit.empty() ? "" : " " + p.v->unit);
}

// "ALT 131 U/L > 3 × ULN 40 = 120" when the point is elevated; nullopt if
// not, or when it cannot be judged (not a number, no ULN).
std::optional<std::string> Elevated(const Point& p, const Decimal& x_uln, const std::optional<Decimal>& x_baseline) {
  if (!p.value || !p.uln) return std::nullopt;
  if (x_baseline && p.baseline && *p.baseline > *p.uln) {
    const Decimal cut = *x_baseline * *p.baseline;
    if (!(*p.value > cut)) return std::nullopt;
    return Shown(p) + " > " + x_baseline->ToString() + " \u00d7 baseline " + p.v->baseline + " = " + cut.ToString() +
           " (baseline above ULN " + p.v->uln + ")";
  }
  const Decimal cut = x_uln * *p.uln;
  if (!(*p.value > cut)) return std::nullopt;
  return Shown(p) + " > " + x_uln.ToString() + " \u00d7 ULN " + p.v->uln + " = " + cut.ToString();
}

struct Draw {
  const Point* transaminase = nullptr;
  const Point* bilirubin = nullptr;
  const Point* alp = nullptr;
  std::string reason;
};

// Closest to `day`, then earliest, then by record key: the same inputs
// always choose the same value.
const Point* Closest(std::vector<const Point*> candidates, long day) {
  if (candidates.empty()) return nullptr;
  return *std::min_element(candidates.begin(), candidates.end(), [day](const Point* a, const Point* b) {
    const long da = std::labs(a->day - day), db = std::labs(b->day - day);
    if (da != db) return da < db;
    if (a->day != b->day) return a->day < b->day;
    return a->v->record_key < b->v->record_key;
  });
}

std::optional<Draw> Qualify(const HysLawParams& params, const Point& t, const std::vector<Point>& points) {
  const auto& adjusted = params.baseline_adjusted;
  auto t_why =
      Elevated(t, params.alt_ast_x_uln, adjusted ? std::optional<Decimal>(adjusted->alt_ast_x_baseline) : std::nullopt);
  if (!t_why) return std::nullopt;
  const long window = params.window_days;
  std::vector<const Point*> bilirubins, alps;
  for (const Point& p : points) {
    if (std::labs(p.day - t.day) > window) continue;
    if (p.analyte == Analyte::kBilirubin &&
        Elevated(p, params.bilirubin_x_uln,
                 adjusted ? std::optional<Decimal>(adjusted->bilirubin_x_baseline) : std::nullopt)) {
      bilirubins.push_back(&p);
    }
    if (p.analyte == Analyte::kAlp) alps.push_back(&p);
  }
  Draw d;
  d.transaminase = &t;
  d.bilirubin = Closest(bilirubins, t.day);
  if (!d.bilirubin) return std::nullopt;
  const auto b_why = Elevated(*d.bilirubin, params.bilirubin_x_uln,
                              adjusted ? std::optional<Decimal>(adjusted->bilirubin_x_baseline) : std::nullopt);
  std::vector<const Point*> same_draw;
  for (const Point* a : alps) {
    if (a->day == t.day || a->day == d.bilirubin->day) same_draw.push_back(a);
  }
  d.alp = Closest(same_draw.empty() ? alps : same_draw, t.day);
  std::string alp_why;
  const std::string window_text = std::to_string(window) + " days";
  if (!d.alp) {
    alp_why = "no ALP within " + window_text + ": a cholestatic pattern is not ruled out";
  } else if (!d.alp->value || !d.alp->uln) {
    alp_why = "ALP " + d.alp->v->value + " without a usable ULN: a cholestatic pattern is not ruled out";
  } else {
    const Decimal cut = params.alp_x_uln_below * *d.alp->uln;
    if (*d.alp->value >= cut) return std::nullopt;  // cholestatic, not hepatocellular
    alp_why = Shown(*d.alp) + " < " + params.alp_x_uln_below.ToString() + " \u00d7 ULN " + d.alp->v->uln + " = " +
              cut.ToString();
  }
  const long gap = std::labs(d.bilirubin->day - t.day);
  d.reason = *t_why + " on " + t.v->dtc + "; " + *b_why + " on " + d.bilirubin->v->dtc +
             (gap == 0 ? " (same day)" : " (" + std::to_string(gap) + " days apart, within " + window_text + ")") +
             "; " + alp_why;
  return d;
}

void AddEvidence(Finding& f, const Point* p) {
  if (!p) return;
  Evidence e = parts::EvidenceOf(*p->v);
  if (std::find(f.evidence.begin(), f.evidence.end(), e) == f.evidence.end()) f.evidence.push_back(std::move(e));
}

}  // namespace

std::vector<Finding> HysLawFindings(const HysLawParams& params, std::span<const GradedValue> liver,
                                    std::string_view cohort) {
  std::vector<Finding> out;
  if (!params.enabled) return out;
  std::vector<Point> points;
  for (const GradedValue& v : liver) {
    // Preliminary values take no part: they neither raise a case nor, as
    // an ALP, suppress one (README.md, "Decisions").
    if (v.preliminary) continue;
    Point p;
    p.v = &v;
    p.analyte = AnalyteOf(v);
    const auto day = Day(v.dtc);
    if (p.analyte == Analyte::kOther || !day) continue;
    p.day = *day;
    p.value = parts::Number(v.value);
    p.uln = parts::Number(v.uln);
    p.baseline = parts::Number(v.baseline);
    points.push_back(std::move(p));
  }
  std::vector<Draw> draws;
  for (const Point& p : points) {
    if (p.analyte != Analyte::kTransaminase) continue;
    if (auto d = Qualify(params, p, points)) draws.push_back(std::move(*d));
  }
  std::sort(draws.begin(), draws.end(), [](const Draw& a, const Draw& b) {
    if (a.transaminase->day != b.transaminase->day) return a.transaminase->day < b.transaminase->day;
    return a.transaminase->v->record_key < b.transaminase->v->record_key;
  });
  long previous_day = 0;
  for (const Draw& d : draws) {
    const bool new_case = out.empty() || d.transaminase->day - previous_day > params.window_days;
    previous_day = d.transaminase->day;
    if (new_case) {
      const GradedValue& first = *d.transaminase->v;
      Finding f = parts::Start(AlertKind::kHysLaw, params.id, params.severity, first.usubjid, cohort,
                               first.dtc.substr(0, 10), 1);
      f.title = params.title + " (" + first.usubjid + ")";
      out.push_back(std::move(f));
    }
    Finding& f = out.back();
    f.reason += (f.reason.empty() ? "" : " | ") + d.reason;
    AddEvidence(f, d.transaminase);
    AddEvidence(f, d.bilirubin);
    AddEvidence(f, d.alp);
  }
  return out;
}

}  // namespace vigil::safety
