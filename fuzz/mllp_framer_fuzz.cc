// The MLLP framer (daemon/mllp/mllp_framer.h) as a connection feeds it:
// the stream arrives in reads of sizes derived from the input, then the
// connection ends. Input: one byte for the frame limit, two for the read
// sizes, then the stream.
//
// Properties: how the stream is split into reads changes nothing (the same
// messages, oversized frames and discarded byte total as one read of it
// all); a message holds no framing byte and is within the limit; the bytes
// held never exceed the limit.
#include <vector>

#include "daemon/mllp/mllp_framer.h"
#include "fuzz_support.h"

namespace {

using namespace vigil;
using mllp::FrameEvent;

struct Seen {
  std::vector<std::string> messages;
  std::size_t oversized = 0;
  std::size_t discarded = 0;
};

void Add(Seen& seen, const FrameEvent& e, std::size_t limit) {
  switch (e.kind) {
    case FrameEvent::Kind::kMessage:
      VIGIL_FUZZ_CHECK(e.message.size() <= limit, "a message over the limit");
      VIGIL_FUZZ_CHECK(e.message.find_first_of(std::string_view("\x0b\x1c", 2)) == std::string::npos,
                       "a framing byte inside a message");
      seen.messages.push_back(e.message);
      break;
    case FrameEvent::Kind::kOversized: ++seen.oversized; break;
    case FrameEvent::Kind::kDiscarded:
      VIGIL_FUZZ_CHECK(e.discarded > 0, "nothing reported as discarded");
      seen.discarded += e.discarded;
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  const std::size_t limit = data[0] == 0xff ? std::size_t{1} << 20 : std::size_t{data[0]} * 4;
  std::uint32_t state = (std::uint32_t{data[1]} << 8 | data[2]) * 2654435761u + 1;
  const std::string_view stream = fuzz::AsText(data + 3, size - 3);

  Seen whole, split;
  mllp::MllpFramer one(limit);
  for (const FrameEvent& e : one.Feed(stream)) Add(whole, e, limit);
  if (auto last = one.Finish()) Add(whole, *last, limit);

  mllp::MllpFramer framer(limit);
  for (std::size_t at = 0; at < stream.size();) {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    const std::size_t n = std::min<std::size_t>(stream.size() - at, state % 64);  // 0: an empty read
    for (const FrameEvent& e : framer.Feed(stream.substr(at, n))) Add(split, e, limit);
    VIGIL_FUZZ_CHECK(framer.pending() <= limit, "more bytes held than the limit");
    at += n;
  }
  if (auto last = framer.Finish()) Add(split, *last, limit);
  VIGIL_FUZZ_CHECK(framer.pending() == 0, "bytes held after the connection ended");

  VIGIL_FUZZ_CHECK(split.messages == whole.messages, "the messages depend on how the stream was read");
  VIGIL_FUZZ_CHECK(split.oversized == whole.oversized, "oversized frames depend on how the stream was read");
  VIGIL_FUZZ_CHECK(split.discarded == whole.discarded,
                   "discarded bytes depend on how the stream was read: " + std::to_string(split.discarded) + " vs " +
                       std::to_string(whole.discarded));
  return 0;
}
