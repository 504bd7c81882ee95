#include "daemon/mllp/mllp_listener.h"

#include <spdlog/spdlog.h>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <charconv>
#include <ctime>
#include <deque>
#include <fstream>

#include "daemon/mllp/mllp_framer.h"
#include "notifiers/log_text.h"
#include "rules/hl7/ack.h"

namespace vigil::mllp {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

// MSH-7 of an ACK written without a message to answer (UTC).
std::string Hl7TimeNow() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d%H%M%S+0000", &tm);
  return buf;
}

}  // namespace

Result<std::pair<std::string, unsigned short>> ParseListenAddress(std::string_view text) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) {
    return Status::Invalid("'" + std::string(text) + "' is not ADDR:PORT");
  }
  std::string address(text.substr(0, colon));
  const std::string_view port_text = text.substr(colon + 1);
  if (address.size() >= 2 && address.front() == '[' && address.back() == ']') {
    address = address.substr(1, address.size() - 2);
  }
  if (address.empty()) address = "0.0.0.0";
  unsigned port = 0;
  auto [p, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || p != port_text.data() + port_text.size() || port > 65535 || port_text.empty()) {
    return Status::Invalid("'" + std::string(text) + "': the port must be a number from 0 to 65535");
  }
  boost::system::error_code bad;
  asio::ip::make_address(address, bad);
  if (bad) return Status::Invalid("'" + std::string(text) + "': '" + address + "' is not an IP address");
  return std::pair<std::string, unsigned short>(address, static_cast<unsigned short>(port));
}

class MllpListener::Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(MllpListener& owner, tcp::socket socket, std::uint64_t id)
      : owner_(owner),
        socket_(std::move(socket)),
        idle_(socket_.get_executor()),
        delay_(socket_.get_executor()),
        framer_(owner.options_.max_message_bytes),
        id_(id) {
    boost::system::error_code ec;
    const auto remote = socket_.remote_endpoint(ec);
    peer_ = ec ? "?" : remote.address().to_string() + ":" + std::to_string(remote.port());
  }

  void Start() {
    spdlog::info("mllp: connection {} from {}", id_, peer_);
    ArmIdle();
    Read();
  }

  void Close(std::string_view why) {
    if (closed_) return;
    closed_ = true;
    if (auto left = framer_.Finish()) {
      spdlog::warn("mllp: connection {}: {} bytes of an unfinished frame discarded", id_, left->discarded);
    }
    spdlog::info("mllp: connection {} closed ({})", id_, why);
    boost::system::error_code ec;
    idle_.cancel();
    delay_.cancel();
    socket_.shutdown(tcp::socket::shutdown_both, ec);
    socket_.close(ec);
    owner_.connections_.erase(id_);
  }

 private:
  void ArmIdle() {
    idle_.expires_after(owner_.options_.idle_timeout);
    idle_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
      if (!ec) self->Close("idle timeout");
    });
  }

  void Read() {
    if (closed_) return;
    socket_.async_read_some(asio::buffer(buffer_),
                            [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
                              if (self->closed_) return;
                              if (ec) {
                                self->Close(ec == asio::error::eof ? "closed by the sender" : ec.message());
                                return;
                              }
                              self->ArmIdle();
                              for (FrameEvent& e : self->framer_.Feed(std::string_view(self->buffer_.data(), n))) {
                                self->events_.push_back(std::move(e));
                              }
                              self->Next();
                            });
  }

  // Handles the events read, one message at a time; reads again when none
  // is left.
  void Next() {
    while (!closed_ && !events_.empty()) {
      FrameEvent e = std::move(events_.front());
      events_.pop_front();
      switch (e.kind) {
        case FrameEvent::Kind::kDiscarded:
          spdlog::warn("mllp: connection {}: {} bytes outside a frame discarded", id_, e.discarded);
          continue;
        case FrameEvent::Kind::kOversized: {
          const hl7::Issue issue{.where = {"MSH", 1, 0},
                                 .code = hl7::ErrorCode::kApplicationInternalError,
                                 .reason = "the message exceeds " + std::to_string(owner_.options_.max_message_bytes) +
                                           " bytes (feeds.mllp.max_message_bytes): not read",
                                 .severity = 'E'};
          spdlog::warn("mllp: connection {}: {}; answered AR, closing", id_, issue.reason);
          const std::string ack =
              hl7::BuildAck({}, hl7::AckCode::kReject, std::span(&issue, 1), "ACK-OVERSIZED", Hl7TimeNow());
          Write(ack, /*close_after=*/true);
          return;
        }
        case FrameEvent::Kind::kMessage: {
          Hl7Answer answer = owner_.intake_.Handle(e.message);
          if (answer.action == Hl7Answer::Action::kClose) {
            spdlog::error("mllp: connection {}: {}", id_, LogText(answer.summary, kLogMessageMax));
            Close("no acknowledgement: the message is to be sent again");
            return;
          }
          spdlog::info("mllp: {}; answered {}", LogText(answer.summary, kLogMessageMax), answer.code);
          if (owner_.options_.ack_delay.count() > 0 && answer.committed) {
            delay_.expires_after(owner_.options_.ack_delay);
            delay_.async_wait([self = shared_from_this(), ack = std::move(answer.ack)](boost::system::error_code ec) {
              if (!ec && !self->closed_) self->Write(ack, false);
            });
            return;
          }
          Write(answer.ack, false);
          return;
        }
      }
    }
    if (!closed_) Read();
  }

  void Write(const std::string& ack, bool close_after) {
    out_.clear();
    out_.push_back(kStartBlock);
    out_ += ack;
    out_.push_back(kEndBlock);
    out_.push_back(kCarriageReturn);
    asio::async_write(socket_, asio::buffer(out_),
                      [self = shared_from_this(), close_after](boost::system::error_code ec, std::size_t) {
                        if (self->closed_) return;
                        if (ec) {
                          self->Close("the acknowledgement could not be written: " + ec.message());
                          return;
                        }
                        if (close_after) {
                          self->Close("message too large");
                          return;
                        }
                        self->Next();
                      });
  }

  MllpListener& owner_;
  tcp::socket socket_;
  asio::steady_timer idle_;
  asio::steady_timer delay_;
  MllpFramer framer_;
  std::uint64_t id_;
  std::string peer_;
  std::array<char, 64 * 1024> buffer_{};
  std::deque<FrameEvent> events_;
  std::string out_;
  bool closed_ = false;
};

MllpListener::MllpListener(asio::io_context& io, ListenerOptions options, Hl7Intake& intake)
    : io_(io), options_(std::move(options)), intake_(intake), acceptor_(io) {}

MllpListener::~MllpListener() = default;

Status MllpListener::Start() {
  const std::string where = options_.address + ":" + std::to_string(options_.port);
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(options_.address, ec);
  if (ec) return Status::Invalid("mllp: '" + options_.address + "' is not an IP address");
  const tcp::endpoint endpoint(address, options_.port);
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return Status::Unavailable("mllp: cannot listen on " + where + ": " + ec.message());
  port_ = acceptor_.local_endpoint().port();
  spdlog::info("mllp: listening on {}:{} (max message {} bytes, idle timeout {} s, max {} connections)",
               options_.address, port_, options_.max_message_bytes, options_.idle_timeout.count(),
               options_.max_connections);
  if (!options_.port_file.empty()) {
    const std::filesystem::path tmp = options_.port_file.string() + ".tmp";
    {
      std::ofstream out(tmp, std::ios::trunc);
      out << port_ << "\n";
      if (!out) return Status::Unavailable("mllp: cannot write " + tmp.string());
    }
    std::error_code fec;
    std::filesystem::rename(tmp, options_.port_file, fec);
    if (fec) return Status::Unavailable("mllp: cannot write " + options_.port_file.string() + ": " + fec.message());
  }
  Accept();
  return Status::Ok();
}

void MllpListener::Stop() {
  if (stopped_) return;
  stopped_ = true;
  boost::system::error_code ec;
  acceptor_.close(ec);
  // Close() erases from the map: take the connections out first.
  auto open = std::move(connections_);
  connections_.clear();
  for (auto& [id, weak] : open) {
    if (auto c = weak.lock()) c->Close("the daemon is stopping");
  }
}

void MllpListener::Accept() {
  acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
    if (stopped_) return;
    if (ec) {
      if (ec == asio::error::operation_aborted) return;
      spdlog::warn("mllp: accept: {}", ec.message());
    } else if (connections_.size() >= static_cast<std::size_t>(options_.max_connections)) {
      spdlog::warn("mllp: {} connections open (feeds.mllp.max_connections): a new one is closed", connections_.size());
      boost::system::error_code ignored;
      socket.close(ignored);
    } else {
      auto c = std::make_shared<Connection>(*this, std::move(socket), next_id_);
      connections_[next_id_++] = c;
      c->Start();
    }
    Accept();
  });
}

}  // namespace vigil::mllp
