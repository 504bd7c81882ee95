#include "rules/hl7/reference_range.h"

#include <cctype>

#include "rules/records/validate.h"

namespace vigil::hl7 {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// A plain decimal as a lab writes a limit ("+" and exponents are not limits).
bool IsLimit(std::string_view s) {
  if (s.empty() || s.front() == '+') return false;
  for (char c : s) {
    if (c == 'e' || c == 'E') return false;
  }
  return IsDecimalNumber(s);
}

}  // namespace

ReferenceRange ParseReferenceRange(std::string_view text) {
  std::string_view t = Trim(text);
  ReferenceRange r;
  if (t.starts_with("<=") || t.starts_with(">=")) {
    std::string_view v = Trim(t.substr(2));
    if (IsLimit(v)) (t[0] == '<' ? r.uln : r.lln) = std::string(v);
    return r;
  }
  if (t.starts_with("<") || t.starts_with(">")) {
    std::string_view v = Trim(t.substr(1));
    if (IsLimit(v)) (t[0] == '<' ? r.uln : r.lln) = std::string(v);
    return r;
  }
  // "a-b": the separating hyphen is the first one after the first
  // character (the first may be a minus sign).
  for (std::size_t i = 1; i < t.size(); ++i) {
    if (t[i] != '-') continue;
    std::string_view lo = Trim(t.substr(0, i)), hi = Trim(t.substr(i + 1));
    if (IsLimit(lo) && IsLimit(hi)) {
      r.lln = std::string(lo);
      r.uln = std::string(hi);
      return r;
    }
  }
  return r;
}

}  // namespace vigil::hl7
