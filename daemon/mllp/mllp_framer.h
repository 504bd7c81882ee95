// MLLP framing (HL7 v2 Minimal Lower Layer Protocol): <VT 0x0B> message
// <FS 0x1C><CR 0x0D>. Pure: bytes in, events out, in order; no I/O.
//
//  - A frame is complete at its FS. The CR after it is expected and
//    swallowed, but a sender that omits it is not left waiting for an ACK
//    that would never come (shared reference formats.md §2.3: accept both).
//  - Frames may arrive split across reads, and several in one read.
//  - Bytes outside a frame (before a VT, or a frame cut short by the next
//    VT) are discarded and reported once per run (kDiscarded, with the
//    count), for one log line.
//  - A frame that grows past `max_message_bytes` is reported once
//    (kOversized); its bytes up to the FS are dropped. The listener answers
//    it and closes the connection.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::mllp {

inline constexpr char kStartBlock = '\x0b';
inline constexpr char kEndBlock = '\x1c';
inline constexpr char kCarriageReturn = '\x0d';

struct FrameEvent {
  enum class Kind { kMessage, kDiscarded, kOversized };
  Kind kind = Kind::kMessage;
  std::string message;        // kMessage: the bytes between VT and FS
  std::size_t discarded = 0;  // kDiscarded: how many bytes
};

class MllpFramer {
 public:
  explicit MllpFramer(std::size_t max_message_bytes) : max_(max_message_bytes) {}

  std::vector<FrameEvent> Feed(std::string_view bytes);
  // The connection ended: what was left of an unfinished frame (or of a run
  // of bytes outside one), as kDiscarded; nullopt when nothing.
  std::optional<FrameEvent> Finish();

  // Bytes held for the frame in progress.
  std::size_t pending() const { return buffer_.size(); }

 private:
  enum class State { kOutside, kInside, kAfterEnd, kOversized };
  void FlushDiscarded(std::vector<FrameEvent>& out);

  std::size_t max_;
  State state_ = State::kOutside;
  std::string buffer_;
  std::size_t discarded_ = 0;
};

}  // namespace vigil::mllp
