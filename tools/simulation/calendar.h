// Simulated time: whole days counted from 1970-01-01 (proleptic Gregorian),
// and the ISO 8601 text SDTM carries.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vigil::simulation {

// Days since 1970-01-01.
using Day = int;

Day DayFromCivil(int year, int month, int day);
// "YYYY-MM-DD" as a Day; nullopt unless it is exactly that form and a real date.
std::optional<Day> ParseIsoDay(std::string_view text);
// "YYYY-MM-DD".
std::string IsoDate(Day day);
// "YYYY-MM-DDTHH:MM"; minute_of_day in [0, 1440).
std::string IsoDateTime(Day day, int minute_of_day);
// 0 = Monday ... 6 = Sunday.
int Weekday(Day day);

}  // namespace vigil::simulation
