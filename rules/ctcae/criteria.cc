#include "rules/ctcae/criteria.h"

namespace vigil::ctcae {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string AsciiUpper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string NormalizeUnitLabel(std::string_view label) {
  std::string out;
  out.reserve(label.size());
  for (std::size_t i = 0; i < label.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(label[i]);
    const unsigned char next = i + 1 < label.size() ? static_cast<unsigned char>(label[i + 1]) : 0;
    if (c == ' ' || c == '\t') continue;
    if ((c == 0xC2 && next == 0xB5) || (c == 0xCE && next == 0xBC)) {  // micro sign, Greek mu
      out.push_back('u');
      ++i;
      continue;
    }
    if (c == 0xC3 && next == 0x97) {  // multiplication sign
      out.push_back('x');
      ++i;
      continue;
    }
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c));
  }
  return out;
}

std::string_view ReferenceName(Reference r) {
  switch (r) {
    case Reference::kUln: return "ULN";
    case Reference::kLln: return "LLN";
    case Reference::kBaseline: return "baseline";
  }
  return "?";
}

const Term* Criteria::FindTerm(std::string_view name) const {
  auto it = term_index.find(AsciiLower(Trim(name)));
  return it == term_index.end() ? nullptr : &terms[it->second];
}

const Analyte* Criteria::FindAnalyte(CodeSystem system, std::string_view code) const {
  auto it = codes.find({system, AsciiUpper(Trim(code))});
  return it == codes.end() ? nullptr : &analytes[it->second];
}

}  // namespace vigil::ctcae
