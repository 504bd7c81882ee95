#include "rules/categories/term_key.h"

#include <array>
#include <utility>

namespace vigil::categories {
namespace {

// British -> American spellings, applied in order to the lower-case text.
// Substring rewrites: "haem" covers haemorrhage, haematuria, haemolysis,
// haemoptysis, haemophagocytic; "aemi" covers anaemia, leukaemia, -kalaemia,
// ischaemia, uraemic.
// clang-format off
constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kSpellings = {{
    {"oesophag", "esophag"},
    {"haem", "hem"},
    {"aemi", "emi"},
    {"oedem", "edem"},
    {"rrhoea", "rrhea"},
    {"pnoea", "pnea"},
    {"aesthe", "esthe"},
    {"coeli", "celi"},
    {"oestr", "estr"},
    {"faec", "fec"},
    {"melaena", "melena"},
    {"leuco", "leuko"},
    {"paed", "ped"},
    {"tumour", "tumor"},
    {"colour", "color"},
    {"iour", "ior"},
    {"isation", "ization"},
    {"ising", "izing"},
    {"ised", "ized"},
    {"trophin", "tropin"},
}};
// clang-format on

void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  std::size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
}

bool IsSeparator(char c) { return c == '-' || c == ',' || c == '_' || c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string Trim(std::string_view s, std::string_view chars) {
  const auto first = s.find_first_not_of(chars);
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(chars);
  return std::string(s.substr(first, last - first + 1));
}

}  // namespace

std::string TermKey(std::string_view text) {
  std::string lower;
  lower.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    // UTF-8: é è ë É È (C3 A9/A8/AB/89/88) -> e; en and em dash (E2 80 93/94) -> space.
    if (c == 0xC3 && i + 1 < text.size()) {
      const auto n = static_cast<unsigned char>(text[i + 1]);
      if (n == 0xA9 || n == 0xA8 || n == 0xAB || n == 0x89 || n == 0x88) {
        lower.push_back('e');
        ++i;
        continue;
      }
    }
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
      const auto n = static_cast<unsigned char>(text[i + 2]);
      if (n == 0x93 || n == 0x94) {
        lower.push_back(' ');
        i += 2;
        continue;
      }
    }
    lower.push_back(c < 0x80 && c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c));
  }
  std::string key;
  key.reserve(lower.size());
  for (char c : lower) {
    if (IsSeparator(c)) {
      if (!key.empty() && key.back() != ' ') key.push_back(' ');
    } else {
      key.push_back(c);
    }
  }
  if (!key.empty() && key.back() == ' ') key.pop_back();
  for (const auto& [from, to] : kSpellings) ReplaceAll(key, from, to);
  return key;
}

std::optional<OtherSpecify> SplitOtherSpecify(std::string_view key) {
  constexpr std::string_view kMarker = "other specify";
  const auto pos = key.find(kMarker);
  if (pos == std::string_view::npos) return std::nullopt;
  OtherSpecify out;
  out.soc_key = Trim(key.substr(0, pos + kMarker.size()), " ");
  std::string rest = Trim(key.substr(pos + kMarker.size()), " :;()");
  out.free_text_key = rest;
  return out;
}

}  // namespace vigil::categories
