#include "rules/categories/day_range.h"

#include <cstdio>

namespace vigil::categories {
namespace {

bool IsLeap(long long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(long long y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Howard Hinnant's days_from_civil / civil_from_days.
Day DaysFromCivil(long long y, int m, int d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const long long yoe = y - era * 400;
  const long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(Day z, long long& y, int& m, int& d) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = yoe + era * 400 + (m <= 2);
}

}  // namespace

std::optional<DayRange> DaysOf(const IsoDateTime& date) {
  if (date.year < 0) return std::nullopt;
  if (date.month < 1) return DayRange{DaysFromCivil(date.year, 1, 1), DaysFromCivil(date.year, 12, 31)};
  if (date.day < 1) {
    return DayRange{DaysFromCivil(date.year, date.month, 1),
                    DaysFromCivil(date.year, date.month, DaysInMonth(date.year, date.month))};
  }
  const Day d = DaysFromCivil(date.year, date.month, date.day);
  return DayRange{d, d};
}

Day Add(Day day, Period period) {
  if (day >= kOpenEnd) return kOpenEnd;
  day += period.days;
  if (period.months != 0) {
    long long y = 0;
    int m = 0, d = 0;
    CivilFromDays(day, y, m, d);
    const long long months = y * 12 + (m - 1) + period.months;
    y = months >= 0 ? months / 12 : (months - 11) / 12;
    m = static_cast<int>(months - y * 12) + 1;
    if (d > DaysInMonth(y, m)) d = DaysInMonth(y, m);
    day = DaysFromCivil(y, m, d);
  }
  return day;
}

std::string Describe(Period period) {
  const int n = period.months != 0 ? period.months : period.days;
  const char* unit = period.months != 0 ? "month" : "day";
  return std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
}

std::string FormatDate(const IsoDateTime& date) {
  if (date.year < 0) return "unknown date";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d", date.year);
  std::string out = buf;
  if (date.month < 1 && date.day < 1) return out;
  if (date.month < 1) {
    out += "--";
  } else {
    std::snprintf(buf, sizeof buf, "-%02d", date.month);
    out += buf;
  }
  if (date.day >= 1) {
    std::snprintf(buf, sizeof buf, "-%02d", date.day);
    out += buf;
  }
  return out;
}

}  // namespace vigil::categories
