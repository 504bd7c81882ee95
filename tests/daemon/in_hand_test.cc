#include "daemon/spool/in_hand.h"

#include <gtest/gtest.h>

#include "temp_dir.h"

namespace vigil::spool {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

TEST(InHandLog, CountsAttemptsAcrossRunsUntilOneEnds) {
  TempDir dir;
  const fs::path log_path = dir.path() / ".in-hand";
  WriteFile(dir.path() / "a.lb.csv", "x");
  {
    InHandLog log(log_path);
    ASSERT_TRUE(log.Load(dir.path()).ok());
    EXPECT_EQ(log.Attempts("a.lb.csv"), 0);
    ASSERT_TRUE(log.Begin("a.lb.csv").ok());
    // The run ends here without Finish: the daemon was killed.
  }
  InHandLog next(log_path);
  ASSERT_TRUE(next.Load(dir.path()).ok());
  EXPECT_EQ(next.Attempts("a.lb.csv"), 1);
  ASSERT_TRUE(next.Begin("a.lb.csv").ok());
  EXPECT_EQ(next.Attempts("a.lb.csv"), 2);
  ASSERT_TRUE(next.Finish("a.lb.csv").ok());
  EXPECT_EQ(next.Attempts("a.lb.csv"), 0);
  EXPECT_FALSE(fs::exists(log_path));
}

TEST(InHandLog, EntriesForFilesNoLongerInTheSpoolAreDropped) {
  TempDir dir;
  WriteFile(dir.path() / "here.ae.csv", "x");
  WriteFile(dir.path() / ".in-hand", R"({"files":{"here.ae.csv":2,"gone.ae.csv":3}})");
  InHandLog log(dir.path() / ".in-hand");
  ASSERT_TRUE(log.Load(dir.path()).ok());
  EXPECT_EQ(log.Attempts("here.ae.csv"), 2);
  EXPECT_EQ(log.Attempts("gone.ae.csv"), 0);
}

TEST(InHandLog, AnUnreadableLogIsSaidAndStartsEmpty) {
  TempDir dir;
  WriteFile(dir.path() / ".in-hand", "{not json");
  InHandLog log(dir.path() / ".in-hand");
  const Status s = log.Load(dir.path());
  EXPECT_EQ(s.code(), Status::Code::kCorrupt);
  EXPECT_EQ(log.Attempts("x.ae.csv"), 0);
  ASSERT_TRUE(log.Begin("x.ae.csv").ok());
  EXPECT_EQ(ReadFile(dir.path() / ".in-hand"), "{\"files\":{\"x.ae.csv\":1}}\n");
}

}  // namespace
}  // namespace vigil::spool
