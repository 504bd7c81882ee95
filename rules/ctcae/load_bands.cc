#include <algorithm>
#include <set>

#include "rules/ctcae/load_sections.h"
#include "rules/text/join.h"

namespace vigil::ctcae::load {
namespace {

std::optional<Comparison> ParseComparison(std::string_view s) {
  if (s == ">") return Comparison::kAbove;
  if (s == ">=") return Comparison::kAtOrAbove;
  if (s == "<") return Comparison::kBelow;
  if (s == "<=") return Comparison::kAtOrBelow;
  return std::nullopt;
}

std::optional<Reference> ParseReference(std::string_view s) {
  if (s == "ULN") return Reference::kUln;
  if (s == "LLN") return Reference::kLln;
  if (s == "baseline") return Reference::kBaseline;
  return std::nullopt;
}

bool IsHigh(Comparison c) { return c == Comparison::kAbove || c == Comparison::kAtOrAbove; }

// {"g/L": "100", "g/dL": "10.0"}: exactly one non-negative decimal per unit.
std::optional<PerUnit> LoadPerUnit(const Node& node, const std::vector<std::string>& units) {
  if (!node.json().is_object()) {
    node.Error("expected an object of unit -> decimal, e.g. {\"g/L\": \"100\"}");
    return std::nullopt;
  }
  PerUnit out;
  bool ok = true;
  for (const auto& [unit, value] : node.json().items()) {
    const Node v = node.Member(unit);
    if (std::find(units.begin(), units.end(), unit) == units.end()) {
      v.Error("unit \"" + unit + "\" is not one of the units this criterion is given in (" + text::Join(units) + ")");
      ok = false;
      continue;
    }
    auto d = DecimalValue(v);
    if (!d) {
      ok = false;
    } else if (d->is_negative()) {
      v.Error("must not be negative");
      ok = false;
    } else {
      out.emplace(unit, *d);
    }
  }
  for (const auto& u : units) {
    if (ok && !out.contains(u)) {
      node.Error("no value for unit \"" + u + "\"");
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<Test> LoadTest(const Node& n, const BandContext& ctx, bool& uses_baseline) {
  Test test;
  auto op = n.String("value", true);
  if (!op) return std::nullopt;
  auto cmp = ParseComparison(*op);
  if (!cmp) {
    n.Member("value").Error("expected one of \">\", \">=\", \"<\", \"<=\"");
    return std::nullopt;
  }
  if (IsHigh(*cmp) != (ctx.direction == Direction::kHigh)) {
    n.Member("value").Error(ctx.direction == Direction::kHigh ? "a high-direction term tests \">\" or \">=\""
                                                              : "a low-direction term tests \"<\" or \"<=\"");
    return std::nullopt;
  }
  test.comparison = *cmp;
  const bool has_cut = n.Find("cut") != nullptr;
  const bool has_of = n.Find("of") != nullptr;
  if (has_cut == has_of) {
    n.Error(has_cut ? "give \"cut\" (an absolute cut point) or \"of\" (relative to ULN, LLN or baseline), not both"
                    : "missing \"cut\" (an absolute cut point) or \"of\" (relative to ULN, LLN or baseline)");
    return std::nullopt;
  }
  if (has_cut) {
    if (n.Find("times") || n.Find("plus")) {
      n.Error("\"times\" and \"plus\" go with \"of\", not with an absolute \"cut\"");
      return std::nullopt;
    }
    if (ctx.units.empty()) {
      n.Member("cut").Error("an absolute cut point needs the term's \"units\"");
      return std::nullopt;
    }
    auto cut = LoadPerUnit(n.Member("cut"), ctx.units);
    if (!cut) return std::nullopt;
    test.cut.absolute = std::move(*cut);
    return test;
  }
  auto of = n.String("of", true);
  if (!of) return std::nullopt;
  auto ref = ParseReference(*of);
  if (!ref) {
    n.Member("of").Error("expected \"ULN\", \"LLN\" or \"baseline\"");
    return std::nullopt;
  }
  test.cut.reference = *ref;
  if (*ref == Reference::kBaseline) uses_baseline = true;
  if (n.Find("times")) {
    auto times = DecimalValue(n.Member("times"));
    if (!times) return std::nullopt;
    if (*times <= Decimal()) {
      n.Member("times").Error("must be above 0");
      return std::nullopt;
    }
    test.cut.times = *times;
  }
  if (n.Find("plus")) {
    if (ctx.units.empty()) {
      n.Member("plus").Error("an increment in a unit needs the term's \"units\"");
      return std::nullopt;
    }
    auto plus = LoadPerUnit(n.Member("plus"), ctx.units);
    if (!plus) return std::nullopt;
    test.cut.plus = std::move(*plus);
  }
  return test;
}

// -1/0/1 comparing two single-test cut points of the same kind; nullopt when
// they are not comparable (different kinds or references).
std::optional<int> CompareCuts(const CutPoint& a, const CutPoint& b, const std::string& unit) {
  auto sign = [](std::strong_ordering o) { return o < 0 ? -1 : (o > 0 ? 1 : 0); };
  auto in_unit = [&unit](const PerUnit& a_map, const PerUnit& b_map) -> std::optional<int> {
    auto x = a_map.find(unit), y = b_map.find(unit);
    if (x == a_map.end() || y == b_map.end()) return std::nullopt;
    return x->second < y->second ? -1 : (y->second < x->second ? 1 : 0);
  };
  if (!a.absolute.empty() && !b.absolute.empty()) return in_unit(a.absolute, b.absolute);
  if (a.reference && a.reference == b.reference) {
    if (a.plus.empty() && b.plus.empty()) return sign(a.times <=> b.times);
    if (a.times == b.times && !a.plus.empty() && !b.plus.empty()) return in_unit(a.plus, b.plus);
  }
  return std::nullopt;
}

// Bands are tried from the top, so for a high term each cut point must be at
// or below the one above it (mirrored for low terms). An equal cut point with
// the same comparison could never apply.
void CheckOrder(const Node& array, const std::vector<Band>& bands, const std::vector<std::size_t>& index,
                const BandContext& ctx) {
  for (std::size_t i = 1; i < bands.size(); ++i) {
    const Band& above = bands[i - 1];
    const Band& band = bands[i];
    const Node where = array.Element(index[i]);
    if (band.grade > above.grade) {
      where.Error("bands must go from the highest grade down: grade " + std::to_string(band.grade) +
                  " comes after grade " + std::to_string(above.grade));
      continue;
    }
    if (above.any_of.size() != 1 || band.any_of.size() != 1) continue;
    const Test& a = above.any_of[0];
    const Test& b = band.any_of[0];
    const std::vector<std::string> units = ctx.units.empty() ? std::vector<std::string>{""} : ctx.units;
    for (const auto& unit : units) {
      auto c = CompareCuts(a.cut, b.cut, unit);
      if (!c) break;
      const bool wrong = ctx.direction == Direction::kHigh ? *c < 0 : *c > 0;
      const std::string in_unit = unit.empty() ? "" : " (" + unit + ")";
      if (wrong) {
        where.Error("cut points out of order" + in_unit + ": this grade " + std::to_string(band.grade) + " band is " +
                    (ctx.direction == Direction::kHigh ? "above" : "below") + " the grade " +
                    std::to_string(above.grade) + " band before it");
        break;
      }
      if (*c == 0 && a.comparison == b.comparison) {
        where.Error("same cut point and comparison as the band before it" + in_unit + ": this band can never apply");
        break;
      }
    }
  }
}

}  // namespace

std::vector<Band> LoadBands(const Node& array, const BandContext& ctx, bool& uses_baseline) {
  std::vector<Band> bands;
  std::vector<std::size_t> index;
  if (!array.json().is_array() || array.json().empty()) {
    array.Error("expected a non-empty array of bands");
    return bands;
  }
  for (std::size_t i = 0; i < array.json().size(); ++i) {
    const Node n = array.Element(i);
    if (!n.IsObjectWithKeys({"grade", "value", "cut", "of", "times", "plus", "any", "worst_case", "note"})) continue;
    Band band;
    auto grade = n.Integer("grade", true);
    if (!grade) continue;
    if (*grade < 1 || *grade > 4) {
      n.Member("grade").Error(*grade == 5 ? "grade 5 (death) is never lab-derived"
                                          : "a band gives grade 1, 2, 3 or 4 (grade 0 is what no band gives)");
      continue;
    }
    band.grade = static_cast<int>(*grade);
    if (auto wc = n.String("worst_case", false)) band.worst_case = *wc;
    if (const Json* any = n.Find("any")) {
      if (n.Find("value") || n.Find("cut") || n.Find("of") || n.Find("times") || n.Find("plus")) {
        n.Error("a band has either \"any\" (a list of tests) or one test, not both");
        continue;
      }
      const Node list = n.Member("any");
      if (!any->is_array() || any->size() < 2) {
        list.Error("expected an array of at least two tests");
        continue;
      }
      bool ok = true;
      for (std::size_t j = 0; j < any->size(); ++j) {
        const Node t = list.Element(j);
        if (!t.IsObjectWithKeys({"value", "cut", "of", "times", "plus", "note"})) {
          ok = false;
          continue;
        }
        auto test = LoadTest(t, ctx, uses_baseline);
        if (test) {
          band.any_of.push_back(std::move(*test));
        } else {
          ok = false;
        }
      }
      if (!ok) continue;
    } else {
      auto test = LoadTest(n, ctx, uses_baseline);
      if (!test) continue;
      band.any_of.push_back(std::move(*test));
    }
    bands.push_back(std::move(band));
    index.push_back(i);
  }
  CheckOrder(array, bands, index, ctx);
  return bands;
}

}  // namespace vigil::ctcae::load
