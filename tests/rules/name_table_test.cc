// Names of closed sets (rules/name_table.h): each set read both ways from
// one table, exact spelling only.
#include "rules/name_table.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "rules/categories/category.h"
#include "rules/clocks/deadlines.h"
#include "rules/records/domain.h"
#include "rules/safety/alert_kind.h"
#include "rules/stopping/stopping_rule.h"

namespace vigil {
namespace {

enum class Colour { kRed, kGreen, kBlue };
constexpr auto kColours = NameTable<Colour>({{Colour::kRed, "red"}, {Colour::kGreen, "green"}});

TEST(NameTable, ReadsBothWaysAndOnlyTheExactSpelling) {
  static_assert(kColours.size() == 2);
  static_assert(kColours.Name(Colour::kGreen) == "green");
  static_assert(*kColours.Parse("red") == Colour::kRed);
  EXPECT_EQ(kColours.Parse("Red"), std::nullopt);
  EXPECT_EQ(kColours.Parse("red "), std::nullopt);
  EXPECT_EQ(kColours.Parse(""), std::nullopt);
  // A value the table does not name.
  EXPECT_EQ(kColours.Name(Colour::kBlue), "invalid");
  EXPECT_EQ(kColours.Name(Colour::kBlue, "?"), "?");
}

TEST(NameTable, JoinsItsNamesInTableOrder) {
  EXPECT_EQ(kColours.Joined(), "red, green");
  EXPECT_EQ(kColours.Joined("|"), "red|green");
  EXPECT_EQ(categories::KnownCategoryNames(),
            "immune_related, adebrelimab_related, apatinib_related, chemotherapy_related, radiotherapy_related");
}

// Every value of each closed set has a name of its own that parses back.
template <typename E, typename Values, typename NameFn, typename ParseFn>
void ExpectRoundTrip(const Values& values, NameFn name, ParseFn parse) {
  std::set<std::string> seen;
  for (E v : values) {
    const std::string n(name(v));
    EXPECT_NE(n, "invalid");
    EXPECT_TRUE(seen.insert(n).second) << n << " names two values";
    EXPECT_EQ(parse(n), v) << n;
  }
}

TEST(NameTable, EveryValueOfTheProjectsSetsRoundTrips) {
  ExpectRoundTrip<Domain>(kAllDomains, DomainName, ParseDomain);
  ExpectRoundTrip<categories::Category>(categories::kAllCategories, categories::CategoryName,
                                        categories::ParseCategory);
  ExpectRoundTrip<safety::AlertKind>(safety::kAllAlertKinds, safety::AlertKindName, safety::ParseAlertKind);
  ExpectRoundTrip<safety::Severity>(safety::kAllSeverities, safety::SeverityName, safety::ParseSeverity);
  std::vector<clocks::ClockKind> clock_kinds;
  for (const auto& [kind, name] : clocks::kClockKinds.entries()) clock_kinds.push_back(kind);
  EXPECT_EQ(clock_kinds.size(), 4u);
  ExpectRoundTrip<clocks::ClockKind>(clock_kinds, clocks::ClockKindName, clocks::ParseClockKind);
  ExpectRoundTrip<stopping::MethodType>(
      std::initializer_list<stopping::MethodType>{stopping::MethodType::kBayesian, stopping::MethodType::kToxbdry,
                                                  stopping::MethodType::kSprt, stopping::MethodType::kCount},
      stopping::MethodName, stopping::ParseMethodType);
  // The product's names (product.md, "Alerts").
  EXPECT_EQ(safety::AlertKindName(safety::AlertKind::kSaeClock), "sae_clock");
  EXPECT_EQ(safety::AlertKindName(safety::AlertKind::kStoppingRule), "stopping_rule");
}

}  // namespace
}  // namespace vigil
