// The conditions a term group or an overlap rule may put on a category (the
// data's "when" object), and how they are decided for one event.
//
// Every condition is three-valued: yes, no, or "not ruled out" (kMaybe) when
// what it needs is unknown: no grade, no onset date, a partial date, no
// record of the treatment in EX, an exposure without an end date. A category
// is assigned when its condition is yes OR not ruled out: ambiguity adds a
// label and never removes one (clinical.md §1.5 point 3: never let ambiguity
// suppress an alert). The reason then says what could not be ruled out.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rules/categories/day_range.h"
#include "rules/categories/event.h"

namespace vigil::categories {

enum class Truth { kNo, kMaybe, kYes };

// The course of a treatment, from its first EX start to its last EX end,
// extended by `after_end`: "RT start to RT end + 6 months".
struct TreatmentWindow {
  std::string treatment;
  Period after_end;
};

// An EX record of `treatment` overlapping the `days` days before the onset
// (onset day included): "irinotecan given within the prior 14 days".
struct DoseRecency {
  std::string treatment;
  int days = 0;
};

// JSON keys in brackets. Every member given must hold (a missing one always
// does); an empty Condition always holds.
struct Condition {
  std::optional<int> grade_at_least;                   // ["grade_at_least"] AETOXGR >= n
  std::optional<int> grade_at_most;                    // ["grade_at_most"] AETOXGR <= n
  std::optional<std::string> cohort_receives;          // ["cohort_receives"] treatment id
  std::optional<TreatmentWindow> onset_in_window;      // ["onset_in_window"]
  std::optional<TreatmentWindow> onset_not_in_window;  // ["onset_not_in_window"]
  std::optional<DoseRecency> dosed_within;             // ["dosed_within"]
  std::optional<DoseRecency> not_dosed_within;         // ["not_dosed_within"]
  std::string where;  // "file: /json/pointer" of the "when" object, for messages; "" when absent

  bool empty() const;
  // The treatment ids named, each with its JSON Pointer below `where`
  // ("/dosed_within/treatment").
  std::vector<std::pair<std::string, std::string>> TreatmentRefs() const;
};

// A decided condition: the truth, and one fact per member in a person's
// words ("grade 3", "CHEMO given 2026-03-02, within 14 days before onset").
struct Verdict {
  Truth truth = Truth::kYes;
  std::vector<std::string> facts;
};

Verdict Evaluate(const Condition& condition, const AdverseEvent& event, const SubjectContext& subject);

// The earliest start among the subject's EX records of `treatment`; nullopt
// when none has a known start.
std::optional<IsoDateTime> FirstStart(const SubjectContext& subject, const std::string& treatment);

// Whether the onset is before `date`: kMaybe when either is unknown or the
// partial dates overlap.
Truth OnsetBefore(const AdverseEvent& event, const std::optional<IsoDateTime>& date);

}  // namespace vigil::categories
