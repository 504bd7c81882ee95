// MLLP framing: split and coalesced reads, a missing CR after FS, bytes
// outside frames, oversized frames.
#include "daemon/mllp/mllp_framer.h"

#include <gtest/gtest.h>

namespace vigil::mllp {
namespace {

using Kind = FrameEvent::Kind;

std::string Frame(const std::string& m, bool cr = true) { return "\x0b" + m + "\x1c" + (cr ? "\r" : ""); }

std::vector<FrameEvent> FeedAll(MllpFramer& f, const std::vector<std::string>& reads) {
  std::vector<FrameEvent> out;
  for (const std::string& r : reads) {
    for (FrameEvent& e : f.Feed(r)) out.push_back(std::move(e));
  }
  return out;
}

TEST(MllpFramer, OneFrame) {
  MllpFramer f(1000);
  auto e = f.Feed(Frame("MSH|a\rPID|b"));
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].kind, Kind::kMessage);
  EXPECT_EQ(e[0].message, "MSH|a\rPID|b");
  EXPECT_FALSE(f.Finish());
}

TEST(MllpFramer, SplitAtEveryByte) {
  const std::string bytes = Frame("MSH|one\r") + Frame("MSH|two");
  MllpFramer f(1000);
  std::vector<std::string> reads;
  for (char c : bytes) reads.emplace_back(1, c);
  auto e = FeedAll(f, reads);
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].message, "MSH|one\r");
  EXPECT_EQ(e[1].message, "MSH|two");
}

TEST(MllpFramer, SeveralFramesInOneRead) {
  MllpFramer f(1000);
  auto e = f.Feed(Frame("A") + Frame("B") + Frame("C"));
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[2].message, "C");
}

TEST(MllpFramer, FsWithoutCrCompletesTheFrame) {
  // A sender that omits the CR after FS must still get its ACK.
  MllpFramer f(1000);
  auto e = f.Feed(Frame("A", false));
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].message, "A");
  auto next = f.Feed(Frame("B", false) + Frame("C"));
  ASSERT_EQ(next.size(), 2u);
  EXPECT_EQ(next[1].message, "C");
}

TEST(MllpFramer, CrAfterFsInTheNextReadIsNotNoise) {
  MllpFramer f(1000);
  auto e = FeedAll(f, {"\x0b"
                       "A\x1c",
                       "\r",
                       "\x0b"
                       "B\x1c\r"});
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].kind, Kind::kMessage);
  EXPECT_EQ(e[1].kind, Kind::kMessage);
}

TEST(MllpFramer, BytesOutsideAFrameAreDiscardedAndCounted) {
  MllpFramer f(1000);
  auto e = f.Feed("junk" + Frame("A") + "xy");
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].kind, Kind::kDiscarded);
  EXPECT_EQ(e[0].discarded, 4u);
  EXPECT_EQ(e[1].message, "A");
  EXPECT_EQ(e[2].kind, Kind::kDiscarded);
  EXPECT_EQ(e[2].discarded, 2u);
}

TEST(MllpFramer, AFrameCutShortByTheNextIsDiscarded) {
  MllpFramer f(1000);
  auto e = f.Feed("\x0bhalf" + Frame("whole"));
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].kind, Kind::kDiscarded);
  EXPECT_EQ(e[0].discarded, 5u);
  EXPECT_EQ(e[1].message, "whole");
}

TEST(MllpFramer, UnfinishedFrameAtTheEnd) {
  MllpFramer f(1000);
  EXPECT_TRUE(f.Feed("\x0bMSH|no end").empty());
  EXPECT_EQ(f.pending(), 10u);
  auto left = f.Finish();
  ASSERT_TRUE(left);
  EXPECT_EQ(left->kind, Kind::kDiscarded);
  EXPECT_EQ(left->discarded, 11u);
}

TEST(MllpFramer, OversizedFrameIsReportedOnceAndSkipped) {
  MllpFramer f(10);
  auto e = FeedAll(f, {"\x0b"
                       "0123456789",
                       "abc", "def\x1c\r", Frame("ok")});
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].kind, Kind::kOversized);
  EXPECT_EQ(e[1].message, "ok");
  // Exactly the maximum is fine.
  MllpFramer g(10);
  auto ok = g.Feed(Frame("0123456789"));
  ASSERT_EQ(ok.size(), 1u);
  EXPECT_EQ(ok[0].kind, Kind::kMessage);
}

}  // namespace
}  // namespace vigil::mllp
