#include "rules/hl7/timestamp.h"

#include <cctype>

#include "rules/records/iso_date.h"

namespace vigil::hl7 {
namespace {

bool Digits(std::string_view s) {
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

Result<std::string> TimestampToIso(std::string_view ts) {
  const std::string quoted = "'" + std::string(ts) + "'";
  std::string_view rest = ts;
  std::string offset;
  if (std::size_t z = rest.find_first_of("+-"); z != std::string_view::npos) {
    const std::string_view zone = rest.substr(z + 1);
    if (zone.size() != 4 || !Digits(zone)) {
      return Status::Invalid(quoted + " is not an HL7 timestamp: the zone offset must be +HHMM or -HHMM");
    }
    offset = std::string(1, rest[z]) + std::string(zone.substr(0, 2)) + ":" + std::string(zone.substr(2));
    rest = rest.substr(0, z);
  }
  std::string_view fraction;
  if (std::size_t dot = rest.find('.'); dot != std::string_view::npos) {
    fraction = rest.substr(dot + 1);
    rest = rest.substr(0, dot);
    if (fraction.empty() || fraction.size() > 4 || !Digits(fraction) || rest.size() != 14) {
      return Status::Invalid(quoted +
                             " is not an HL7 timestamp: a fraction of a second needs all of "
                             "YYYYMMDDHHMMSS and 1 to 4 digits");
    }
  }
  const std::size_t n = rest.size();
  if (!Digits(rest) || (n != 4 && n != 6 && n != 8 && n != 10 && n != 12 && n != 14)) {
    return Status::Invalid(quoted + " is not an HL7 timestamp (YYYY[MM[DD[HH[MM[SS[.SSSS]]]]]][+/-ZZZZ])");
  }
  std::string iso(rest.substr(0, 4));
  if (n >= 6) iso += "-" + std::string(rest.substr(4, 2));
  if (n >= 8) iso += "-" + std::string(rest.substr(6, 2));
  if (n >= 10) iso += "T" + std::string(rest.substr(8, 2));
  if (n >= 12) iso += ":" + std::string(rest.substr(10, 2));
  if (n >= 14) iso += ":" + std::string(rest.substr(12, 2));
  if (!fraction.empty()) iso += "." + std::string(fraction);
  // An offset is meaningful only with a time of day.
  if (n >= 10) iso += offset;
  if (auto parsed = ParseIsoDateTime(iso); !parsed.ok()) {
    return Status::Invalid(quoted + " is not a valid date and time: " + parsed.status().message());
  }
  return iso;
}

}  // namespace vigil::hl7
