// The stored form read without a JSON document: what it accepts (members it
// does not know, a later version's elements, any member order) and what it
// refuses, with the reason.
#include <gtest/gtest.h>

#include "rules/summary/timeline.h"

namespace vigil::summary {
namespace {

using nlohmann::json;

SubjectTimeline Example() {
  SubjectTimeline t{.usubjid = "S1", .cohort = "A", .first_dose = "2026-01-01", .last_dose = "2026-03-01"};
  TimelineEvent rash{.fact = {.pt = "Rash",
                              .soc = "Skin",
                              .grade = 2,
                              .related = true,
                              .term = "skin rash",
                              .action = "DOSE REDUCED",
                              .action_by_treatment = {{"APATINIB", "DOSE REDUCED"}},
                              .categories = {"immune_related", "apatinib_related"},
                              .onset_day = 31},
                     .onset = "2026-02-01",
                     .end = "2026-02-10"};
  rash.input.decod = "Rash";
  rash.input.grade = 2;
  rash.input.causality = {{"APATINIB", Causality::kRelated}};
  t.adverse_events = {rash};
  t.exposures = {{.treatment = "APATINIB", .start = "2026-01-01", .end = "", .dose = 250, .dose_unit = "mg"}};
  return t;
}

std::string Why(const json& stored) {
  auto t = TimelineFromJson(stored.dump());
  EXPECT_FALSE(t.ok()) << stored.dump();
  return t.ok() ? "" : t.status().message();
}

TEST(TimelineStored, EveryValueComesBackWhateverTheMemberOrder) {
  const json stored = TimelineToJson(Example());
  // nlohmann writes members in name order; a row written in another order
  // reads the same.
  std::string reversed = "{";
  std::vector<std::string> members;
  for (const auto& [name, value] : stored.items()) members.push_back(json(name).dump() + ":" + value.dump());
  for (auto it = members.rbegin(); it != members.rend(); ++it) reversed += (reversed.size() > 1 ? "," : "") + *it;
  reversed += "}";
  for (const std::string& text : {stored.dump(), reversed}) {
    auto back = TimelineFromJson(text);
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_EQ(TimelineToJson(*back), stored);
    const TimelineEvent& e = back->adverse_events.at(0);
    EXPECT_EQ(e.fact.categories, (std::vector<std::string>{"immune_related", "apatinib_related"}));
    EXPECT_EQ(e.fact.action_by_treatment.at("APATINIB"), "DOSE REDUCED");
    EXPECT_EQ(e.fact.onset_day, 31);
    EXPECT_TRUE(e.fact.related);
    EXPECT_FALSE(e.fact.serious);
    EXPECT_EQ(e.input.term, "skin rash");
    EXPECT_EQ(e.input.bodsys, "Skin");
    EXPECT_EQ(back->exposures.at(0).dose, 250);
    EXPECT_EQ(back->exposures.at(0).end, "");
  }
}

TEST(TimelineStored, WhatALaterVersionAddsIsPassedOver) {
  json stored = TimelineToJson(Example());
  stored["a_later_member"] = {{"nested", {1, 2, {{"deeper", true}}}}};
  stored["a_later_list"] = {1, "two", nullptr};
  stored["a_later_flag"] = false;
  stored["adverse_events"][0].push_back({{"more", 1}});
  stored["adverse_events"][0].push_back("and more");
  stored["adverse_events"][0][11].push_back("a later input element");
  stored["exposures"][0].push_back(7);
  auto back = TimelineFromJson(stored.dump());
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(TimelineToJson(*back), TimelineToJson(Example()));
}

TEST(TimelineStored, AMissingOrMistypedValueIsNamed) {
  const json good = TimelineToJson(Example());
  json missing = good;
  missing.erase("usubjid");
  EXPECT_NE(Why(missing).find("member 'usubjid' missing"), std::string::npos);
  json no_events = good;
  no_events.erase("adverse_events");
  EXPECT_NE(Why(no_events).find("member 'adverse_events' missing"), std::string::npos);
  json mistyped = good;
  mistyped["dm_death"] = "no";
  EXPECT_NE(Why(mistyped).find("wrong type"), std::string::npos);
  json grade_text = good;
  grade_text["adverse_events"][0][2] = "2";
  EXPECT_NE(Why(grade_text).find("wrong type"), std::string::npos);
  json causality_text = good;
  causality_text["adverse_events"][0][11][2]["APATINIB"] = "Y";
  EXPECT_NE(Why(causality_text).find("wrong type"), std::string::npos);
  json short_event = good;
  short_event["adverse_events"][0].erase(9);
  short_event["adverse_events"][0].erase(9);
  short_event["adverse_events"][0].erase(9);  // 9 elements: neither format 2 nor later
  EXPECT_NE(Why(short_event).find("too few elements"), std::string::npos);
  json short_exposure = good;
  short_exposure["exposures"][0].erase(4);
  EXPECT_NE(Why(short_exposure).find("too few elements"), std::string::npos);
  json short_input = good;
  short_input["adverse_events"][0][11].erase(4);
  EXPECT_NE(Why(short_input).find("too few elements"), std::string::npos);
  json events_object = good;
  events_object["adverse_events"] = json::object();
  EXPECT_NE(Why(events_object).find("unexpected container"), std::string::npos);
  EXPECT_NE(Why(json::array()).find("not an object"), std::string::npos);
  EXPECT_NE(Why(json("text")).find("not an object"), std::string::npos);
  auto truncated = TimelineFromJson(good.dump().substr(0, 40));
  ASSERT_FALSE(truncated.ok());
  EXPECT_NE(truncated.status().message().find("stored subject timeline is not readable"), std::string::npos);
  auto trailing = TimelineFromJson(good.dump() + " {}");
  EXPECT_FALSE(trailing.ok());
}

}  // namespace
}  // namespace vigil::summary
