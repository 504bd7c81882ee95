#include "rules/ctcae/calcium.h"

#include "rules/ctcae/criteria.h"
#include "rules/ctcae/decimal.h"

namespace vigil::ctcae {
namespace {

Result<Decimal> Read(const Number& n, std::string_view what) {
  auto d = Decimal::Parse(n.text());
  if (!d) return Status::Invalid(std::string(what) + " is missing or not a number: '" + n.text() + "'");
  if (d->is_negative()) return Status::Invalid(std::string(what) + " is negative: '" + n.text() + "'");
  return *d;
}

}  // namespace

Result<std::string> AlbuminCorrectedCalcium(const Number& calcium, std::string_view calcium_unit, const Number& albumin,
                                            std::string_view albumin_unit) {
  const std::string cu = NormalizeUnitLabel(calcium_unit);
  const std::string au = NormalizeUnitLabel(albumin_unit);
  Decimal factor, normal_albumin;
  if (cu == "mg/dl" && au == "g/dl") {
    factor = *Decimal::Parse("0.8");
    normal_albumin = *Decimal::Parse("4.0");
  } else if (cu == "mmol/l" && au == "g/l") {
    factor = *Decimal::Parse("0.02");
    normal_albumin = *Decimal::Parse("40");
  } else {
    return Status::Invalid(
        "albumin correction needs calcium in mg/dL with albumin in g/dL, or calcium in mmol/L "
        "with albumin in g/L; got '" +
        std::string(calcium_unit) + "' and '" + std::string(albumin_unit) + "'");
  }
  auto ca = Read(calcium, "calcium");
  if (!ca.ok()) return ca.status();
  auto alb = Read(albumin, "albumin");
  if (!alb.ok()) return alb.status();
  return (*ca + factor * (normal_albumin - *alb)).ToString();
}

}  // namespace vigil::ctcae
