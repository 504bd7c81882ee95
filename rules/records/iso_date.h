// ISO 8601 dates and date-times as SDTM carries them (--DTC variables).
//
// SDTM keeps the precision that was collected, so a value may be partial:
// "2026", "2026-03", "2026-03-14", "2026-03-14T07", "2026-03-14T07:15",
// "2026-03-14T07:15:30" (fractional seconds and a zone suffix allowed), and a
// missing inner component written as a hyphen: "2026---14" (day known, month
// not), "2026-03-14T-:15". Values are never completed or imputed here.
#pragma once

#include <optional>
#include <string_view>

#include "rules/status.h"

namespace vigil {

struct IsoDateTime {
  // -1 where the component was not collected.
  int year = -1, month = -1, day = -1, hour = -1, minute = -1, second = -1;

  bool has_full_date() const { return year >= 0 && month >= 0 && day >= 0; }
};

// Parses and range-checks (month 1-12, a day that exists in that month and
// year, hour 0-23, minute and second 0-59, a zone offset within 14:00 of
// UTC). The message says what is wrong: a basic-format date (20260301, which
// SDTM does not use) is named as such, with its extended form, and so is a
// year of more than four digits (99999-01-01) and an offset out of range
// (+25:00).
Result<IsoDateTime> ParseIsoDateTime(std::string_view text);

}  // namespace vigil

namespace vigil {

// Orders two date-times as far as both are known: components are compared
// from the year down and the comparison stops at the first component either
// lacks, so "2026-03-01" and "2026-03-01T08:00" are equal (-1, 0, 1).
// Partial SDTM dates are never completed to decide an order.
int CompareAtCommonPrecision(const IsoDateTime& a, const IsoDateTime& b);

// The same for two texts; nullopt when either is not an ISO 8601 date.
std::optional<int> CompareDates(std::string_view a, std::string_view b);

}  // namespace vigil

namespace vigil {

// Days since 1970-01-01 of a date with year, month and day known; nullopt
// for a partial date (which is never imputed here).
std::optional<long> DayNumber(const IsoDateTime& t);

// Days from `from` to `to` (both full dates, read as ISO 8601 text), or
// nullopt when either is partial or not a date.
std::optional<long> DaysBetween(std::string_view from, std::string_view to);

// Whether an event began before the first dose: both are full dates and the
// onset's day is before the first dose's day. A missing, partial or
// unreadable date, or an onset on the day of the first dose, is never
// "before": a pre-dose reading withholds SUSAR clocks, dose flags and
// stopping-rule counts, so it is taken only when certain. The one
// definition for the safety plan, the stopping rules and the clocks.
bool OnsetBeforeFirstDose(std::string_view onset, std::string_view first_dose);

}  // namespace vigil
