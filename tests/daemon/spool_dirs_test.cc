#include "daemon/spool/spool_dirs.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "temp_dir.h"

namespace vigil::spool {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::WriteFile;

// Each quarantined delivery gets a name no other entry or reason has.
TEST(QuarantineName, NeverTakesAnotherDeliverysPlaceOrReason) {
  TempDir dir;
  const fs::path q = dir.path();
  EXPECT_EQ(QuarantineName(q, "x.lb.csv", "abc"), "x.lb.csv");
  WriteFile(q / "x.lb.csv", "first");
  WriteFile(q / "x.lb.csv.reason", "why first");
  EXPECT_EQ(QuarantineName(q, "x.lb.csv", "abc"), "x.lb.csv.abc");
  WriteFile(q / "x.lb.csv.abc.reason", "why second");  // a reason alone still takes the name
  EXPECT_EQ(QuarantineName(q, "x.lb.csv", "abc"), "x.lb.csv.abc.2");
  // A dangling link is an entry too.
  fs::create_symlink(q / "nowhere", q / "x.lb.csv.abc.2");
  EXPECT_EQ(QuarantineName(q, "x.lb.csv", "abc"), "x.lb.csv.abc.3");
}

TEST(QuarantineName, ACopyWithTheSameBytesIsTakenAgain) {
  TempDir dir;
  const fs::path q = dir.path();
  WriteFile(q / "y.ae.csv", "rows");
  const std::string same = "rows", other = "other rows";
  EXPECT_EQ(QuarantineName(q, "y.ae.csv", "t", &same), "y.ae.csv");
  EXPECT_EQ(QuarantineName(q, "y.ae.csv", "t", &other), "y.ae.csv.t");
  // Never read through a FIFO (it would block) or a link.
  ASSERT_EQ(::mkfifo((q / "z.ae.csv").c_str(), 0600), 0);
  EXPECT_EQ(QuarantineName(q, "z.ae.csv", "t", &same), "z.ae.csv.t");
  fs::create_symlink(q / "y.ae.csv", q / "w.ae.csv");
  EXPECT_EQ(QuarantineName(q, "w.ae.csv", "t", &same), "w.ae.csv.t");
}

TEST(MoveEntryInto, MovesALinkWithoutTouchingItsTarget) {
  TempDir dir;
  const fs::path target = dir.path() / "target";
  WriteFile(target, "content");
  fs::permissions(target, static_cast<fs::perms>(0644));
  fs::create_directory(dir.path() / "q");
  fs::create_symlink(target, dir.path() / "link");
  ASSERT_TRUE(MoveEntryInto(dir.path() / "link", dir.path() / "q" / "link").ok());
  EXPECT_TRUE(fs::is_symlink(dir.path() / "q" / "link"));
  EXPECT_EQ(fs::status(target).permissions(), static_cast<fs::perms>(0644));
}

TEST(MoveEntryInto, BringsARegularFileDownTo0640) {
  TempDir dir;
  WriteFile(dir.path() / "f", "x");
  fs::permissions(dir.path() / "f", static_cast<fs::perms>(0666));
  fs::create_directory(dir.path() / "q");
  ASSERT_TRUE(MoveEntryInto(dir.path() / "f", dir.path() / "q" / "f").ok());
  EXPECT_EQ(fs::status(dir.path() / "q" / "f").permissions(), static_cast<fs::perms>(0640));
}

}  // namespace
}  // namespace vigil::spool
