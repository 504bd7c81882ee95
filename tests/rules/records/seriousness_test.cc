// ICH E2A seriousness, one definition for alerts, clocks and summaries: a
// table a clinician can read.
#include "rules/records/seriousness.h"

#include <gtest/gtest.h>

namespace vigil {
namespace {

Record Ae(std::vector<Field> fields) {
  Record r;
  r.domain = Domain::kAe;
  r.fields = std::move(fields);
  return r;
}

struct Case {
  const char* what;
  std::vector<Field> fields;
  bool serious, fatal, life_threatening, inconsistent;
};

TEST(Seriousness, Table) {
  const Case cases[] = {
      {"AESER = Y", {{"AESER", "Y"}}, true, false, false, false},
      {"AESER = N, nothing else", {{"AESER", "N"}}, false, false, false, false},
      {"nothing at all", {}, false, false, false, false},
      {"AESER = N, AESHOSP = Y: serious, inconsistent", {{"AESER", "N"}, {"AESHOSP", "Y"}}, true, false, false, true},
      {"AESER blank, AESMIE = y", {{"AESMIE", " y "}}, true, false, false, true},
      {"AESDISAB = Y", {{"AESER", "N"}, {"AESDISAB", "Y"}}, true, false, false, true},
      {"AESCONG = Y", {{"AESER", "Y"}, {"AESCONG", "Y"}}, true, false, false, false},
      {"AESLIFE = Y", {{"AESER", "Y"}, {"AESLIFE", "Y"}}, true, false, true, false},
      {"AESDTH = Y", {{"AESER", "Y"}, {"AESDTH", "Y"}}, true, true, false, false},
      {"AEOUT = FATAL under AESER = N", {{"AESER", "N"}, {"AEOUT", "fatal"}}, true, true, false, true},
      {"AETOXGR 5 under AESER = N", {{"AESER", "N"}, {"AETOXGR", "5"}}, true, true, false, true},
      {"AETOXGR 4 is life-threatening, not by itself serious",
       {{"AESER", "N"}, {"AETOXGR", "4"}},
       false,
       false,
       true,
       false},
      {"AESHOSP = N", {{"AESER", "N"}, {"AESHOSP", "N"}}, false, false, false, false},
  };
  for (const Case& c : cases) {
    const Seriousness s = ReadSeriousness(Ae(c.fields));
    EXPECT_EQ(s.serious, c.serious) << c.what;
    EXPECT_EQ(s.fatal, c.fatal) << c.what;
    EXPECT_EQ(s.life_threatening, c.life_threatening) << c.what;
    EXPECT_EQ(s.inconsistent, c.inconsistent) << c.what;
  }
}

TEST(Seriousness, InconsistencyNamesTheCriteria) {
  const Record r = Ae({{"AESER", "N"}, {"AESHOSP", "Y"}, {"AEOUT", "FATAL"}});
  EXPECT_EQ(ReadSeriousness(r).InconsistencyText(r), "AESER = N, but AESHOSP = Y, AEOUT = FATAL: counted as serious");
  const Record consistent = Ae({{"AESER", "Y"}, {"AESHOSP", "Y"}});
  EXPECT_EQ(ReadSeriousness(consistent).InconsistencyText(consistent), "");
}

}  // namespace
}  // namespace vigil
