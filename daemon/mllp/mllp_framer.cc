#include "daemon/mllp/mllp_framer.h"

namespace vigil::mllp {

void MllpFramer::FlushDiscarded(std::vector<FrameEvent>& out) {
  if (discarded_ == 0) return;
  out.push_back({.kind = FrameEvent::Kind::kDiscarded, .message = {}, .discarded = discarded_});
  discarded_ = 0;
}

std::vector<FrameEvent> MllpFramer::Feed(std::string_view bytes) {
  std::vector<FrameEvent> out;
  std::size_t i = 0;
  while (i < bytes.size()) {
    switch (state_) {
      case State::kAfterEnd:
        state_ = State::kOutside;
        if (bytes[i] == kCarriageReturn) {
          ++i;
          continue;
        }
        [[fallthrough]];
      case State::kOutside: {
        const std::size_t vt = bytes.find(kStartBlock, i);
        if (vt == std::string_view::npos) {
          discarded_ += bytes.size() - i;
          i = bytes.size();
          break;
        }
        discarded_ += vt - i;
        FlushDiscarded(out);
        state_ = State::kInside;
        buffer_.clear();
        i = vt + 1;
        break;
      }
      case State::kInside: {
        const std::size_t end = bytes.find_first_of(std::string_view("\x0b\x1c", 2), i);
        const std::size_t stop = end == std::string_view::npos ? bytes.size() : end;
        if (buffer_.size() + (stop - i) > max_) {
          out.push_back({.kind = FrameEvent::Kind::kOversized, .message = {}, .discarded = 0});
          buffer_.clear();
          state_ = State::kOversized;
          i = stop;
          break;
        }
        buffer_.append(bytes.substr(i, stop - i));
        i = stop;
        if (end == std::string_view::npos) break;
        if (bytes[end] == kStartBlock) {
          // A frame cut short by the next one: its bytes are discarded.
          discarded_ += buffer_.size() + 1;
          FlushDiscarded(out);
          buffer_.clear();
          ++i;
          break;
        }
        out.push_back({.kind = FrameEvent::Kind::kMessage, .message = std::move(buffer_), .discarded = 0});
        buffer_.clear();
        state_ = State::kAfterEnd;
        ++i;
        break;
      }
      case State::kOversized: {
        const std::size_t end = bytes.find(kEndBlock, i);
        if (end == std::string_view::npos) {
          i = bytes.size();
          break;
        }
        state_ = State::kAfterEnd;
        i = end + 1;
        break;
      }
    }
  }
  if (state_ == State::kOutside || state_ == State::kAfterEnd) {
    // A run of stray bytes is reported when it ends or, at the latest, with
    // each read, so a sender of nothing but noise is seen.
    FlushDiscarded(out);
  }
  return out;
}

std::optional<FrameEvent> MllpFramer::Finish() {
  std::size_t left = discarded_;
  if (state_ == State::kInside) left += buffer_.size() + 1;
  buffer_.clear();
  discarded_ = 0;
  state_ = State::kOutside;
  if (left == 0) return std::nullopt;
  return FrameEvent{.kind = FrameEvent::Kind::kDiscarded, .message = {}, .discarded = left};
}

}  // namespace vigil::mllp
