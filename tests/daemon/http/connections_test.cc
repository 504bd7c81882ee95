// The connection registry: at the cap, the connection that has waited
// longest for a request is the one closed; one with a request in hand
// never is.
#include "daemon/http/connections.h"

#include <gtest/gtest.h>

#include <thread>

namespace vigil::http {
namespace {

struct RecordingConnection : Connection {
  int evicted = 0;
  void Evict() override { ++evicted; }
  void StopGracefully() override {}
};

TEST(Connections, TheLongestWaitingIsEvictedAndNeverTwice) {
  Connections registry;
  auto a = std::make_shared<RecordingConnection>();
  auto b = std::make_shared<RecordingConnection>();
  auto c = std::make_shared<RecordingConnection>();
  const auto ia = registry.Add(a);
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  const auto ib = registry.Add(b);
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  registry.Add(c);
  EXPECT_EQ(registry.size(), 3u);

  registry.SetWaiting(ia, false);  // a has a request in hand
  EXPECT_TRUE(registry.EvictLongestWaiting());
  EXPECT_EQ(a->evicted, 0);
  EXPECT_EQ(b->evicted, 1);
  EXPECT_EQ(registry.size(), 2u);  // b no longer counts
  EXPECT_TRUE(registry.EvictLongestWaiting());
  EXPECT_EQ(c->evicted, 1);
  EXPECT_FALSE(registry.EvictLongestWaiting());  // only a is left, busy
  EXPECT_EQ(a->evicted, 0);

  // b had completed a request meanwhile and stays: counted again.
  registry.Spare(ib);
  EXPECT_EQ(registry.size(), 2u);
  registry.Remove(ib);
  EXPECT_EQ(registry.size(), 1u);

  // Waiting again after its request: a's wait starts now.
  registry.SetWaiting(ia, true);
  EXPECT_TRUE(registry.EvictLongestWaiting());
  EXPECT_EQ(a->evicted, 1);
}

TEST(Connections, AConnectionBeingDestroyedFreesItsSlot) {
  Connections registry;
  auto gone = std::make_shared<RecordingConnection>();
  const auto id = registry.Add(gone);
  gone.reset();
  EXPECT_TRUE(registry.EvictLongestWaiting());
  EXPECT_EQ(registry.size(), 0u);
  registry.Remove(id);
  EXPECT_EQ(registry.size(), 0u);
}

}  // namespace
}  // namespace vigil::http
