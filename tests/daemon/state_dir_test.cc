// The state directory's lock and modes, and the spool's, in one process: an
// flock taken twice conflicts even within a process (two open file
// descriptions), so the second holder is simulated by a second Acquire.
#include "daemon/state_dir.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon/spool/spool_dirs.h"
#include "temp_dir.h"

namespace vigil {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

mode_t ModeOf(const fs::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st.st_mode & 07777;
}

// Runs `body` with the process umask set to `mask`.
template <typename F>
void WithUmask(mode_t mask, F body) {
  const mode_t old = ::umask(mask);
  body();
  ::umask(old);
}

TEST(StateDirLock, OneHolderAtATimeAndThePidForOperators) {
  TempDir dir;
  auto first = StateDirLock::Acquire(dir.path());
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(testing::ReadFile(StateDirLock::PathIn(dir.path())), std::to_string(::getpid()) + "\n");

  auto second = StateDirLock::Acquire(dir.path());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Status::Code::kUnavailable);
  EXPECT_EQ(second.status().message(), "state directory " + dir.path().string() + " is in use by another vigild (pid " +
                                           std::to_string(::getpid()) + ", lock file " +
                                           (dir.path() / "vigild.lock").string() + "); one daemon per state directory");

  first->reset();  // released with the descriptor
  auto third = StateDirLock::Acquire(dir.path());
  EXPECT_TRUE(third.ok()) << third.status().message();
  EXPECT_EQ(ModeOf(StateDirLock::PathIn(dir.path())) & ~kPrivateFileMode, 0u);
}

TEST(StateDirLock, AStalePidInTheFileDoesNotBlock) {
  TempDir dir;
  testing::WriteFile(StateDirLock::PathIn(dir.path()), "999999\nsomething longer from an earlier run\n");
  auto lock = StateDirLock::Acquire(dir.path());
  ASSERT_TRUE(lock.ok()) << lock.status().message();
  EXPECT_EQ(testing::ReadFile(StateDirLock::PathIn(dir.path())), std::to_string(::getpid()) + "\n");
}

TEST(CreatePrivateDirectories, NewDirectoriesAre0750UnderAnyUmaskExistingOnesKeepTheirMode) {
  TempDir dir;
  const fs::path shared = dir.path() / "shared";
  fs::create_directory(shared);
  ::chmod(shared.c_str(), 02770);  // a spool made group-writable for a producer
  WithUmask(0, [&] {
    ASSERT_TRUE(CreatePrivateDirectories(dir.path() / "a" / "b" / "c").ok());
    ASSERT_TRUE(CreatePrivateDirectories(shared).ok());
  });
  for (const fs::path& p : {dir.path() / "a", dir.path() / "a" / "b", dir.path() / "a" / "b" / "c"}) {
    EXPECT_EQ(ModeOf(p), 0750u) << p;
  }
  EXPECT_EQ(ModeOf(shared), 02770u);
  testing::WriteFile(dir.path() / "file", "x");
  EXPECT_TRUE(CreatePrivateDirectories(dir.path() / "file").ok());  // the caller finds it is not a directory
}

TEST(RestrictStateDir, TakesAwayGroupWriteAndEverythingForOthers) {
  struct Case {
    mode_t before, after;
    bool changed;
  };
  // clang-format off
  const Case cases[] = {
    {0755,  0750,  true},
    {0777,  0750,  true},
    {0750,  0750,  false},
    {0700,  0700,  false},
    {02775, 02750, true},
  };
  // clang-format on
  for (const Case& c : cases) {
    TempDir dir;
    ASSERT_EQ(::chmod(dir.path().c_str(), c.before), 0);
    auto was = RestrictStateDir(dir.path());
    ASSERT_TRUE(was.ok()) << was.status().message();
    EXPECT_EQ(ModeOf(dir.path()), c.after) << std::oct << c.before;
    EXPECT_EQ(was->has_value(), c.changed) << std::oct << c.before;
    if (c.changed) {
      EXPECT_EQ(static_cast<mode_t>(**was), c.before);
    }
  }
}

TEST(SpoolDirs, WhatTheDaemonWritesAndMovesIsNotOpenToOthers) {
  TempDir dir;
  const spool::SpoolDirs dirs(dir.path() / "spool");
  WithUmask(0, [&] {
    ASSERT_TRUE(dirs.Create().ok());
    ASSERT_TRUE(spool::WriteFileAtomically(dirs.quarantine, "x.ae.csv.reason", "bad\n", "tag").ok());
    testing::WriteFile(dirs.spool / "x.ae.csv", "a producer's file, 0666\n");
    ASSERT_TRUE(spool::MoveInto(dirs.spool / "x.ae.csv", dirs.done, "x.ae.csv", "tag").ok());
    testing::WriteFile(dirs.spool / "y.ae.csv", "already private\n");
    ::chmod((dirs.spool / "y.ae.csv").c_str(), 0600);
    ASSERT_TRUE(spool::MoveInto(dirs.spool / "y.ae.csv", dirs.done, "y.ae.csv", "tag").ok());
  });
  for (const fs::path& p : {dirs.spool, dirs.done, dirs.quarantine}) EXPECT_EQ(ModeOf(p), 0750u) << p;
  EXPECT_EQ(ModeOf(dirs.quarantine / "x.ae.csv.reason"), 0640u);
  EXPECT_EQ(ModeOf(dirs.done / "x.ae.csv"), 0640u);
  EXPECT_EQ(ModeOf(dirs.done / "y.ae.csv"), 0600u);  // never widened
}

}  // namespace
}  // namespace vigil
