#include "rules/ctcae/decimal.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace vigil::ctcae {
namespace {

constexpr int kMaxExponent = 1000;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// -1, 0 or 1 as |a| is below, equal to or above |b|; digit strings normalised.
int CompareMagnitude(const std::string& a_digits, int a_exp, const std::string& b_digits, int b_exp) {
  if (a_digits.empty() || b_digits.empty()) {
    if (a_digits.empty() && b_digits.empty()) return 0;
    return a_digits.empty() ? -1 : 1;
  }
  // Position of the leading digit: the larger one is the larger magnitude.
  const long a_lead = static_cast<long>(a_digits.size()) + a_exp;
  const long b_lead = static_cast<long>(b_digits.size()) + b_exp;
  if (a_lead != b_lead) return a_lead < b_lead ? -1 : 1;
  // Same leading position: digit-by-digit; a missing trailing digit is a zero,
  // and normalised strings have no trailing zeros, so a proper prefix is smaller.
  const int c = a_digits.compare(b_digits);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

// Both magnitudes written with the same (smallest) exponent, as digit vectors
// least significant first.
struct Aligned {
  std::vector<int> a, b;
  int exponent;
};

Aligned Align(const std::string& a_digits, int a_exp, const std::string& b_digits, int b_exp) {
  const int e = std::min(a_digits.empty() ? b_exp : a_exp, b_digits.empty() ? a_exp : b_exp);
  auto expand = [e](const std::string& digits, int exp) {
    std::vector<int> out(static_cast<std::size_t>(exp - e), 0);
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) out.push_back(*it - '0');
    return out;
  };
  return {expand(a_digits, a_exp), expand(b_digits, b_exp), e};
}

std::string ToDigits(const std::vector<int>& least_first) {
  std::string out;
  out.reserve(least_first.size());
  for (auto it = least_first.rbegin(); it != least_first.rend(); ++it) out.push_back(static_cast<char>('0' + *it));
  return out;
}

}  // namespace

Decimal::Decimal(bool negative, std::string digits, int exponent)
    : negative_(negative), digits_(std::move(digits)), exponent_(exponent) {
  // Normalise: strip leading zeros, fold trailing zeros into the exponent.
  const auto first = digits_.find_first_not_of('0');
  if (first == std::string::npos) {
    digits_.clear();
    negative_ = false;
    exponent_ = 0;
    return;
  }
  digits_.erase(0, first);
  const auto last = digits_.find_last_not_of('0');
  exponent_ += static_cast<int>(digits_.size() - last - 1);
  digits_.erase(last + 1);
}

std::optional<Decimal> Decimal::Parse(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  std::string digits;
  int fraction_digits = 0;
  bool seen_point = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (IsDigit(c)) {
      digits.push_back(c);
      if (seen_point) ++fraction_digits;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (digits.empty()) return std::nullopt;
  long exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) exp_negative = text[i++] == '-';
    const std::size_t start = i;
    for (; i < text.size() && IsDigit(text[i]); ++i) {
      exponent = exponent * 10 + (text[i] - '0');
      if (exponent > 10 * kMaxExponent) return std::nullopt;
    }
    if (i == start) return std::nullopt;
    if (exp_negative) exponent = -exponent;
  }
  if (i != text.size()) return std::nullopt;
  if (digits.size() > static_cast<std::size_t>(kMaxExponent)) return std::nullopt;
  Decimal d(negative, std::move(digits), static_cast<int>(exponent - fraction_digits));
  if (!d.is_zero()) {
    const long lead = static_cast<long>(d.digits_.size()) + d.exponent_;
    if (lead > kMaxExponent || d.exponent_ < -kMaxExponent) return std::nullopt;
  }
  return d;
}

std::optional<Decimal> Decimal::FromDouble(double value) {
  if (!std::isfinite(value)) return std::nullopt;
  char buf[64];
  // Without a precision argument to_chars writes the shortest text that reads
  // back as the same double.
  const auto res = std::to_chars(buf, buf + sizeof buf, value);
  if (res.ec != std::errc()) return std::nullopt;
  return Parse(std::string_view(buf, static_cast<std::size_t>(res.ptr - buf)));
}

Decimal Decimal::FromInt(long long value) {
  const bool negative = value < 0;
  std::string digits = std::to_string(value);
  if (negative) digits.erase(0, 1);
  return Decimal(negative, std::move(digits), 0);
}

bool Decimal::BeyondDouble() const {
  // Exact for any spelling: the digits as written, rounded once by strtod.
  return !std::isfinite(std::strtod(ToString().c_str(), nullptr));
}

Decimal Decimal::ScaledByPowerOfTen(int power) const {
  if (is_zero()) return *this;
  return Decimal(negative_, digits_, exponent_ + power);
}

std::string Decimal::ToString() const {
  if (is_zero()) return "0";
  std::string out = negative_ ? "-" : "";
  const long n = static_cast<long>(digits_.size());
  if (exponent_ >= 0) {
    out += digits_;
    out.append(static_cast<std::size_t>(exponent_), '0');
  } else if (-exponent_ < n) {
    out += digits_.substr(0, static_cast<std::size_t>(n + exponent_));
    out += '.';
    out += digits_.substr(static_cast<std::size_t>(n + exponent_));
  } else {
    out += "0.";
    out.append(static_cast<std::size_t>(-exponent_ - n), '0');
    out += digits_;
  }
  return out;
}

Decimal operator+(const Decimal& a, const Decimal& b) {
  if (a.is_zero()) return b;
  if (b.is_zero()) return a;
  Aligned al = Align(a.digits_, a.exponent_, b.digits_, b.exponent_);
  const std::size_t n = std::max(al.a.size(), al.b.size());
  al.a.resize(n, 0);
  al.b.resize(n, 0);
  std::vector<int> out(n + 1, 0);
  if (a.negative_ == b.negative_) {
    int carry = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const int s = al.a[i] + al.b[i] + carry;
      out[i] = s % 10;
      carry = s / 10;
    }
    out[n] = carry;
    return Decimal(a.negative_, ToDigits(out), al.exponent);
  }
  // Opposite signs: subtract the smaller magnitude from the larger one.
  const int cmp = CompareMagnitude(a.digits_, a.exponent_, b.digits_, b.exponent_);
  if (cmp == 0) return Decimal();
  const std::vector<int>& big = cmp > 0 ? al.a : al.b;
  const std::vector<int>& small = cmp > 0 ? al.b : al.a;
  int borrow = 0;
  for (std::size_t i = 0; i < n; ++i) {
    int d = big[i] - small[i] - borrow;
    borrow = d < 0 ? 1 : 0;
    out[i] = d + 10 * borrow;
  }
  return Decimal(cmp > 0 ? a.negative_ : b.negative_, ToDigits(out), al.exponent);
}

Decimal operator-(const Decimal& a, const Decimal& b) {
  Decimal negated = b;
  if (!negated.is_zero()) negated.negative_ = !negated.negative_;
  return a + negated;
}

Decimal operator*(const Decimal& a, const Decimal& b) {
  if (a.is_zero() || b.is_zero()) return Decimal();
  const std::size_t na = a.digits_.size(), nb = b.digits_.size();
  std::vector<int> out(na + nb, 0);
  for (std::size_t i = 0; i < na; ++i) {
    const int da = a.digits_[na - 1 - i] - '0';
    int carry = 0;
    for (std::size_t j = 0; j < nb; ++j) {
      const int s = out[i + j] + da * (b.digits_[nb - 1 - j] - '0') + carry;
      out[i + j] = s % 10;
      carry = s / 10;
    }
    for (std::size_t k = i + nb; carry != 0; ++k) {
      const int s = out[k] + carry;
      out[k] = s % 10;
      carry = s / 10;
    }
  }
  return Decimal(a.negative_ != b.negative_, ToDigits(out), a.exponent_ + b.exponent_);
}

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
  if (a.negative_ != b.negative_) return a.negative_ ? std::strong_ordering::less : std::strong_ordering::greater;
  int c = CompareMagnitude(a.digits_, a.exponent_, b.digits_, b.exponent_);
  if (a.negative_) c = -c;
  return c < 0 ? std::strong_ordering::less : (c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal);
}

}  // namespace vigil::ctcae
