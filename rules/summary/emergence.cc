#include "rules/summary/emergence.h"

#include <algorithm>
#include <string>

#include "rules/name_table.h"
#include "rules/records/iso_date.h"
#include "rules/summary/timeline.h"

namespace vigil::summary {
namespace {

// The date part of an ISO 8601 date-time: treatment emergence is a matter of
// days (a time of day is rarely collected for both the dose and the onset).
std::string_view DatePart(std::string_view dtc) { return dtc.substr(0, dtc.find('T')); }

}  // namespace

std::string_view EmergenceName(Emergence emergence) {
  constexpr auto kNames = NameTable<Emergence>({{Emergence::kTreatmentEmergent, "treatment_emergent"},
                                                {Emergence::kPreDose, "pre_dose"},
                                                {Emergence::kPostWindow, "post_window"},
                                                {Emergence::kUntreated, "untreated"}});
  return kNames.Name(emergence, "treatment_emergent");
}

Emergence EmergenceOf(std::string_view onset, std::string_view first_dose, std::string_view last_dose,
                      int window_days) {
  if (first_dose.empty()) return Emergence::kUntreated;
  if (CompareDates(DatePart(onset), DatePart(first_dose)) == -1) return Emergence::kPreDose;
  const std::string window_end = last_dose.empty() ? "" : AddDays(last_dose, window_days);
  if (!window_end.empty() && CompareDates(DatePart(onset), window_end) == 1) return Emergence::kPostWindow;
  return Emergence::kTreatmentEmergent;
}

std::optional<double> EarliestOnsetDay(std::string_view onset, std::string_view first_dose) {
  auto first = ParseIsoDateTime(first_dose);
  if (!first.ok() || !first->has_full_date()) return std::nullopt;
  auto o = ParseIsoDateTime(onset);
  if (!o.ok() || o->year < 0) return 0.0;
  IsoDateTime earliest{
      .year = o->year, .month = o->month < 0 ? 1 : o->month, .day = o->month < 0 || o->day < 0 ? 1 : o->day};
  const auto from = DayNumber(*first), to = DayNumber(earliest);
  if (!from || !to) return 0.0;
  return static_cast<double>(std::max(0L, *to - *from));
}

}  // namespace vigil::summary
