// Calendar days for the classifier's timing rules. SDTM dates may be partial
// ("2026-03", "2026"), so a date is the range of days it may stand for, and a
// timing rule can be certain, ruled out, or not ruled out (see condition.h).
#pragma once

#include <limits>
#include <optional>
#include <string>

#include "rules/records/iso_date.h"

namespace vigil::categories {

// Days since 1970-01-01 in the proleptic Gregorian calendar.
using Day = long long;
// An end that is not known: later than any real day.
inline constexpr Day kOpenEnd = std::numeric_limits<Day>::max() / 4;

// The days a date may stand for, both inclusive: "2026-03-14" is one day,
// "2026-03" is 1-31 March, "2026" and "2026---14" (month not collected) are
// the whole year. `last` may be kOpenEnd.
struct DayRange {
  Day first = 0;
  Day last = 0;
};

// nullopt when the year is not known. Time of day is ignored.
std::optional<DayRange> DaysOf(const IsoDateTime& date);

// A span written in the data as {"days": n} or {"months": n}; exactly one is
// non-zero. Months are calendar months: 31 August + 6 months is 28/29 February.
struct Period {
  int days = 0;
  int months = 0;
};

// `day` + `period`; kOpenEnd stays kOpenEnd.
Day Add(Day day, Period period);

// "6 months", "90 days", "1 day".
std::string Describe(Period period);

// The date as collected: "2026-03-14", "2026-03", "2026", "2026---14".
std::string FormatDate(const IsoDateTime& date);

}  // namespace vigil::categories
