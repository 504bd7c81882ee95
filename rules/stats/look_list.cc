#include "rules/stats/look_list.h"

#include <charconv>
#include <cmath>
#include <string>

#include "rules/stats/stopping_boundary.h"

namespace vigil::stats {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> SplitItems(std::string_view text) {
  std::vector<std::string_view> items;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == ',' || text[i] == ';') {
      items.push_back(Trim(text.substr(start, i - start)));
      start = i + 1;
    }
  }
  return items;
}

std::optional<int> ToInt(std::string_view s) {
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

Status BadItem(std::string_view flag, std::string_view item, std::string_view want) {
  return Status::Invalid(std::string(flag) + ": \"" + std::string(item) + "\" is not " + std::string(want));
}

}  // namespace

Result<std::vector<int>> ParseLooks(std::string_view text) {
  text = Trim(text);
  std::vector<int> looks;
  if (std::size_t dots = text.find(".."); dots != std::string_view::npos) {
    std::optional<int> from = ToInt(Trim(text.substr(0, dots)));
    std::optional<int> to = ToInt(Trim(text.substr(dots + 2)));
    if (!from || !to || *from < 1 || *to < *from) {
      return BadItem("--looks", text, "a range FROM..TO with 1 <= FROM <= TO");
    }
    for (int n = *from; n <= *to; ++n) looks.push_back(n);
    return looks;
  }
  for (std::string_view item : SplitItems(text)) {
    std::optional<int> n = ToInt(item);
    if (!n) return BadItem("--looks", item, "a patient count");
    looks.push_back(*n);
  }
  if (Status s = CheckLooks(looks, "--looks"); !s.ok()) return s;
  return looks;
}

Result<std::vector<std::optional<int>>> ParseStopAt(std::string_view text) {
  std::vector<std::optional<int>> out;
  for (std::string_view item : SplitItems(Trim(text))) {
    if (item == "NA") {
      out.emplace_back(std::nullopt);
      continue;
    }
    std::optional<int> x = ToInt(item);
    if (!x || *x < 0) return BadItem("--stop-at", item, "a count >= 0 or NA");
    out.emplace_back(*x);
  }
  return out;
}

Result<std::vector<double>> ParseProbabilities(std::string_view text, std::string_view flag) {
  std::vector<double> out;
  for (std::string_view item : SplitItems(Trim(text))) {
    double v = 0.0;
    auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), v);
    if (item.empty() || ec != std::errc() || end != item.data() + item.size() || !std::isfinite(v) || v < 0.0 ||
        v > 1.0) {
      return BadItem(flag, item, "a probability between 0 and 1");
    }
    out.push_back(v);
  }
  return out;
}

Result<ToxPriority> ParseToxPriority(std::string_view text) {
  if (text == "null") return ToxPriority::kNull;
  if (text == "alt") return ToxPriority::kAlt;
  return BadItem("--priority", text, "null or alt");
}

Result<ToxBoundarySide> ParseToxBoundarySide(std::string_view text) {
  if (text == "lo") return ToxBoundarySide::kLow;
  if (text == "hi") return ToxBoundarySide::kHigh;
  return BadItem("--side", text, "lo or hi");
}

}  // namespace vigil::stats
