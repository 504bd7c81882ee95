// Entries of the spool that are not deliveries, through the real daemon: a
// symbolic link (to a private file outside the spool, to a FIFO, dangling),
// a FIFO, a hard-linked file, a file name that is not UTF-8 and a directory.
// Before: a link was followed (the outside file ingested, and its mode
// changed through the link), a FIFO, a dangling link and a hard link were
// ignored forever without a word, a name that is not UTF-8 was ingested.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "daemon_fixture.h"

namespace vigil::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kDm = "STUDYID,USUBJID,ARMCD,RFXSTDTC\nESCC2L,S1,A,2026-03-01\n";
const std::string kSecretDm = "STUDYID,USUBJID,ARMCD,RFXSTDTC\nESCC2L,SECRET-SUBJECT-7,A,2026-03-01\n";

// Whether a directory entry is there, of any kind (a dangling link too).
bool EntryExists(const fs::path& p) {
  struct stat st {};
  return ::lstat(p.c_str(), &st) == 0;
}

mode_t EntryType(const fs::path& p) {
  struct stat st {};
  return ::lstat(p.c_str(), &st) == 0 ? (st.st_mode & S_IFMT) : 0;
}

mode_t Mode(const fs::path& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0;
}

// Whether a regular file anywhere below `dir` (links not followed) holds
// `text`.
bool AnyRegularFileHolds(const fs::path& dir, const std::string& text) {
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.symlink_status().type() == fs::file_type::regular &&
        ReadFileText(e.path().string()).find(text) != std::string::npos) {
      return true;
    }
  }
  return false;
}

class SpoolEntries : public DaemonFixture {
 protected:
  fs::path Spool() const { return state_ / "spool"; }
  fs::path Quarantined(const std::string& name) const { return state_ / "spool" / "quarantine" / name; }
  std::string Reason(const std::string& name) const { return ReadFileText(Quarantined(name + ".reason").string()); }
  json Status() { return json::parse(Vigilctl(state_, "status --format json").out); }

  // Waits until the entry `name` has left the spool (the daemon alive).
  bool WaitGone(const std::string& name, std::chrono::seconds timeout = std::chrono::seconds(20)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (EntryExists(Spool() / name)) {
      if (std::chrono::steady_clock::now() >= deadline || !daemon_->Alive()) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
  }

  // Makes `entry` outside the spool with `make`, then renames it in, as a
  // producer delivers.
  template <typename Make>
  void RenameIn(const std::string& name, Make make) {
    const fs::path outside = dir_.path() / ("staging-" + name);
    make(outside);
    fs::rename(outside, Spool() / name);
  }
};

TEST_F(SpoolEntries, ALinkToAPrivateFileOutsideTheSpoolIsNeitherIngestedNorCopied) {
  const fs::path secret = dir_.path() / "private.dm.csv";
  WriteFile(secret, kSecretDm);
  fs::permissions(secret, fs::perms::owner_read | fs::perms::owner_write);  // 0600
  const fs::path shared = dir_.path() / "shared.dm.csv";
  WriteFile(shared, kSecretDm);
  fs::permissions(shared, static_cast<fs::perms>(0644));
  RenameIn("s.dm.csv", [&](const fs::path& p) { fs::create_symlink(secret, p); });
  RenameIn("t.dm.csv", [&](const fs::path& p) { fs::create_symlink(shared, p); });
  ASSERT_TRUE(WaitGone("s.dm.csv"));
  ASSERT_TRUE(WaitGone("t.dm.csv"));

  // The link itself was moved, its target neither read nor copied.
  EXPECT_EQ(EntryType(Quarantined("s.dm.csv")), static_cast<mode_t>(S_IFLNK));
  EXPECT_EQ(fs::read_symlink(Quarantined("s.dm.csv")), secret);
  const std::string reason = Reason("s.dm.csv");
  EXPECT_NE(reason.find("not a regular file but a symbolic link (to '" + secret.string() + "')"), std::string::npos)
      << reason;
  EXPECT_FALSE(AnyRegularFileHolds(Spool(), "SECRET-SUBJECT-7"));
  EXPECT_EQ(Vigilctl(state_, "quarantine --format json").out.find("SECRET-SUBJECT-7"), std::string::npos);
  EXPECT_EQ(Status()["records"]["dm"], 0);
  // The targets are untouched: content, and modes (none brought down
  // through the link).
  EXPECT_EQ(ReadFileText(secret.string()), kSecretDm);
  EXPECT_EQ(Mode(secret), 0600u);
  EXPECT_EQ(Mode(shared), 0644u);
  // Recorded like any rejected delivery.
  const std::string listed = Vigilctl(state_, "quarantine").out;
  EXPECT_NE(listed.find("s.dm.csv"), std::string::npos) << listed;
  EXPECT_NE(listed.find("t.dm.csv"), std::string::npos) << listed;
}

TEST_F(SpoolEntries, AFifoDoesNotHangTheDaemonAndIsQuarantined) {
  const fs::path outside_fifo = dir_.path() / "outside.fifo";
  ASSERT_EQ(::mkfifo(outside_fifo.c_str(), 0600), 0);
  RenameIn("p.lb.csv", [](const fs::path& p) { ASSERT_EQ(::mkfifo(p.c_str(), 0600), 0); });
  RenameIn("q.lb.csv", [&](const fs::path& p) { fs::create_symlink(outside_fifo, p); });
  // The daemon still takes deliveries.
  DeliverAndWait("1.dm.csv", kDm);
  ASSERT_TRUE(WaitGone("p.lb.csv"));
  ASSERT_TRUE(WaitGone("q.lb.csv"));
  EXPECT_EQ(EntryType(Quarantined("p.lb.csv")), static_cast<mode_t>(S_IFIFO));
  EXPECT_NE(Reason("p.lb.csv").find("not a regular file but a FIFO (named pipe)"), std::string::npos)
      << Reason("p.lb.csv");
  EXPECT_EQ(EntryType(Quarantined("q.lb.csv")), static_cast<mode_t>(S_IFLNK));
  EXPECT_NE(Reason("q.lb.csv").find("symbolic link"), std::string::npos) << Reason("q.lb.csv");
  EXPECT_EQ(Status()["records"]["dm"], 1);
  EXPECT_TRUE(daemon_->Alive());
}

TEST_F(SpoolEntries, ADanglingLinkIsQuarantined) {
  // Made in the spool itself: noticed when created, not only when renamed.
  fs::create_symlink(dir_.path() / "no-such-file.ae.csv", Spool() / "d.ae.csv");
  ASSERT_TRUE(WaitGone("d.ae.csv"));
  EXPECT_EQ(EntryType(Quarantined("d.ae.csv")), static_cast<mode_t>(S_IFLNK));
  const std::string reason = Reason("d.ae.csv");
  EXPECT_NE(reason.find("not a regular file but a dangling symbolic link"), std::string::npos) << reason;
  EXPECT_NE(reason.find("no-such-file.ae.csv"), std::string::npos) << reason;
}

TEST_F(SpoolEntries, AHardLinkedFileIsQuarantinedAndItsOtherNameUntouched) {
  const fs::path original = dir_.path() / "original.dm.csv";
  WriteFile(original, kDm);
  fs::permissions(original, static_cast<fs::perms>(0644));
  fs::create_hard_link(original, Spool() / "h.dm.csv");
  ASSERT_TRUE(WaitGone("h.dm.csv"));
  EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(Quarantined("h.dm.csv"))));
  const std::string reason = Reason("h.dm.csv");
  EXPECT_NE(reason.find("a regular file with 2 names (hard links)"), std::string::npos) << reason;
  EXPECT_EQ(Status()["records"]["dm"], 0);
  EXPECT_EQ(ReadFileText(original.string()), kDm);
  EXPECT_EQ(Mode(original), 0644u);
}

TEST_F(SpoolEntries, AFileNameThatIsNotUtf8IsQuarantinedUnderItsOwnName) {
  const std::string name = "n\xff.dm.csv";
  Deliver(Spool(), name, kDm);
  ASSERT_TRUE(WaitGone(name));
  EXPECT_TRUE(fs::is_regular_file(Quarantined(name)));
  const std::string reason = Reason(name);
  EXPECT_NE(reason.find("the file name 'n\\xff.dm.csv' is not UTF-8 (invalid byte at offset 1)"), std::string::npos)
      << reason;
  EXPECT_EQ(Status()["records"]["dm"], 0);
  const json listed = json::parse(Vigilctl(state_, "quarantine --format json").out);
  ASSERT_EQ(listed.size(), 1u) << listed.dump();
  EXPECT_EQ(listed[0]["file"], "n\\xff.dm.csv");
  // Not retried: one rejection in the log.
  const std::string log = ReadFileText(daemon_->log_path().string());
  EXPECT_EQ(log.find("rejected whole"), log.rfind("rejected whole")) << log;
}

TEST(SpoolDirectories, ADirectoryIsLoggedOnceByNameAndLeftAlone) {
  TempDir dir;
  const fs::path state = dir.path() / "state";
  const fs::path spool = state / "spool";
  fs::create_directories(spool / "before.d");
  WriteFile(spool / "before.d" / "x.dm.csv", kDm);
  DaemonProcess daemon(state);
  ASSERT_TRUE(daemon.Start());
  fs::create_directory(dir.path() / "moved.d");
  fs::rename(dir.path() / "moved.d", spool / "moved.d");
  fs::create_directory(spool / "made.d");
  // Out and back in: a second event for the same name.
  fs::rename(spool / "moved.d", dir.path() / "moved.d");
  fs::rename(dir.path() / "moved.d", spool / "moved.d");
  Deliver(spool, "1.dm.csv", kDm);
  ASSERT_TRUE(WaitForSpoolEmpty(spool, std::chrono::seconds(20), &daemon));
  EXPECT_EQ(daemon.Stop(), 0);

  const std::string log = ReadFileText(daemon.log_path().string());
  const auto count = [&](const std::string& text) {
    std::size_t n = 0;
    for (std::size_t at = log.find(text); at != std::string::npos; at = log.find(text, at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count("spool: before.d is a directory"), 1u) << log;
  EXPECT_EQ(count("spool: moved.d is a directory"), 1u) << log;
  EXPECT_EQ(count("spool: made.d is a directory"), 1u) << log;
  EXPECT_EQ(count("is a directory"), 3u) << log;  // not done/ nor quarantine/
  EXPECT_TRUE(fs::is_regular_file(spool / "before.d" / "x.dm.csv"));
  EXPECT_TRUE(fs::is_directory(spool / "moved.d"));
  EXPECT_TRUE(fs::is_directory(spool / "made.d"));
  EXPECT_TRUE(fs::is_empty(spool / "quarantine"));
}

}  // namespace
}  // namespace vigil::testing
