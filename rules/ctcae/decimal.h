// Decimal: an exact decimal number, the arithmetic of CTCAE grading.
//
// Why not double: lab results and CTCAE cut points are decimals (1.65 mg/dL,
// "1.5 x ULN"), and most decimals have no exact binary form. In doubles
// 1.5 * 1.1 = 1.6500000000000001 and 1.5 * 0.7 = 1.0499999999999998, so a value
// lying exactly on a cut point lands in the wrong grade. CTCAE says a value on
// a cut point gets the milder grade, so the comparison must be exact.
//
// How: a Decimal is a sign, its significant digits as text and a power of ten
// (value = digits x 10^exponent). Products, sums and comparisons work digit by
// digit, like on paper, so every result is exact whatever its length; there is
// no rounding anywhere. Values are normalised (no leading or trailing zeros,
// zero has no sign), so equal numbers compare equal whatever their spelling
// ("1.50" == "1.5" == "15e-1").
//
// Thread-safety: a value type; const methods may be called concurrently.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace vigil::ctcae {

class Decimal {
 public:
  Decimal() = default;  // zero

  // Parses plain or scientific decimal notation: "12", "-0.50", "+.5", "5.",
  // "1.5e3". Surrounding ASCII spaces are ignored. Returns nullopt for anything
  // else (empty text, "1,5", "<0.2", "inf", "nan", hex) and for exponents whose
  // magnitude exceeds 1000, which no measurement needs and which bounds the work.
  static std::optional<Decimal> Parse(std::string_view text);

  // The shortest decimal that reads back as `value` (so 1.65 stays 1.65, the
  // number a person wrote). nullopt for NaN and infinities.
  static std::optional<Decimal> FromDouble(double value);

  static Decimal FromInt(long long value);

  bool is_zero() const { return digits_.empty(); }
  bool is_negative() const { return negative_; }
  // True when the value has no fractional part.
  bool is_integer() const { return digits_.empty() || exponent_ >= 0; }

  // Whether no double holds the value: its magnitude rounds to infinity
  // (1e309). The daemon refuses such a number where it reads one (a JSON
  // number, LBSTRESN), since its tables hold doubles; grading refuses it too,
  // so `vigilctl grade` and the daemon agree.
  bool BeyondDouble() const;

  // The value times 10^power; exact (only the exponent moves).
  Decimal ScaledByPowerOfTen(int power) const;

  // Plain positional notation: "1.65", "0.0005", "1200", "-3", "0".
  std::string ToString() const;

  friend Decimal operator+(const Decimal& a, const Decimal& b);
  friend Decimal operator-(const Decimal& a, const Decimal& b);
  friend Decimal operator*(const Decimal& a, const Decimal& b);
  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b);
  friend bool operator==(const Decimal& a, const Decimal& b) = default;

 private:
  Decimal(bool negative, std::string digits, int exponent);

  bool negative_ = false;
  std::string digits_;  // '0'-'9', most significant first; empty means zero
  int exponent_ = 0;
};

}  // namespace vigil::ctcae
