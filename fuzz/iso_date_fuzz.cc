// Dates and times from outside: SDTM --DTC values (rules/records/iso_date.h),
// instants of the regulatory clocks (rules/clocks/timestamp.h) and HL7
// timestamps (rules/hl7/timestamp.h). Input: one text, or two separated by
// a line end for the comparisons.
//
// Properties: an instant's text read back from its formatted form is the
// same instant; an HL7 timestamp's ISO form is a --DTC value the validator
// takes; comparisons are antisymmetric; a date that parses has its
// components in range.
#include "fuzz_support.h"
#include "rules/clocks/timestamp.h"
#include "rules/hl7/timestamp.h"
#include "rules/records/iso_date.h"

namespace {

using namespace vigil;

void CheckOne(std::string_view text) {
  if (auto t = ParseIsoDateTime(text); t.ok()) {
    // A hyphen stands for a component not collected, the year too (SDTM's
    // "--12-15"), so -1 is a year.
    VIGIL_FUZZ_CHECK(t->year >= -1 && t->year <= 9999, "year out of range");
    VIGIL_FUZZ_CHECK(t->month == -1 || (t->month >= 1 && t->month <= 12), "month out of range");
    VIGIL_FUZZ_CHECK(t->day == -1 || (t->day >= 1 && t->day <= 31), "day out of range");
    VIGIL_FUZZ_CHECK(t->hour == -1 || (t->hour >= 0 && t->hour <= 23), "hour out of range");
    VIGIL_FUZZ_CHECK(t->minute == -1 || (t->minute >= 0 && t->minute <= 59), "minute out of range");
    VIGIL_FUZZ_CHECK(t->second == -1 || (t->second >= 0 && t->second <= 59), "second out of range");
    if (t->has_full_date()) VIGIL_FUZZ_CHECK(DayNumber(*t).has_value(), "a full date without a day number");
    VIGIL_FUZZ_CHECK(CompareAtCommonPrecision(*t, *t) == 0, "a date unequal to itself");
  } else {
    VIGIL_FUZZ_CHECK(!t.status().message().empty(), "a date refused without a reason");
  }

  if (auto epoch = clocks::ParseTimestamp(text); epoch.ok()) {
    const std::string formatted = clocks::FormatTimestamp(*epoch);
    auto again = clocks::ParseTimestamp(formatted);
    VIGIL_FUZZ_CHECK(again.ok() && *again == *epoch, "instant " + formatted + " does not read back");
  }

  if (auto iso = hl7::TimestampToIso(text); iso.ok()) {
    auto parsed = ParseIsoDateTime(*iso);
    VIGIL_FUZZ_CHECK(parsed.ok(), "HL7 timestamp mapped to '" + *iso +
                                      "', which is not a --DTC value: " + parsed.status().message());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::AsText(data, size);
  CheckOne(input);
  const std::size_t end = input.find('\n');
  if (end == std::string_view::npos) return 0;
  const std::string_view a = input.substr(0, end), b = input.substr(end + 1);
  CheckOne(a);
  CheckOne(b);
  const std::optional<int> ab = CompareDates(a, b), ba = CompareDates(b, a);
  VIGIL_FUZZ_CHECK(ab.has_value() == ba.has_value(), "comparable one way only");
  if (ab) VIGIL_FUZZ_CHECK(*ab == -*ba, "comparison not antisymmetric");
  const std::optional<long> days = DaysBetween(a, b), back = DaysBetween(b, a);
  VIGIL_FUZZ_CHECK(days.has_value() == back.has_value(), "days counted one way only");
  if (days) VIGIL_FUZZ_CHECK(*days == -*back, "days between not antisymmetric");
  if (OnsetBeforeFirstDose(a, b)) VIGIL_FUZZ_CHECK(days && *days > 0, "before the first dose, but not a day before");
  return 0;
}
