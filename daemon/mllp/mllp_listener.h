// The MLLP listener: HL7 v2 lab results over TCP on the daemon's loop
// (product spec, "HL7 v2 over MLLP"). Each connection reads frames
// (mllp_framer.h) and handles its messages one at a time, in order: the
// message is committed (hl7_intake.h) and only then is its ACK written;
// the next message of the connection is read after that. Many connections
// are served at once; each message's commit runs on the loop, one at a
// time, like every other batch.
//
//  - A frame over `max_message_bytes` is answered AR with the reason and the
//    connection closed (the rest of the frame is not read).
//  - A connection idle for `idle_timeout` (no byte received) is closed.
//  - Past `max_connections` open connections a new one is closed at once,
//    with a log line.
//  - Bytes outside a frame are discarded with one log line per run.
//  - Stop() closes the listening socket and every connection; an ACK not
//    yet written is not sent (its message is committed: the sender's resend
//    is answered AA).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <unordered_map>

#include "daemon/mllp/hl7_intake.h"
#include "rules/status.h"

namespace vigil::mllp {

struct ListenerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 2575;  // 0: any free port (tests); the bound one is logged and written to port_file
  std::size_t max_message_bytes = 1 << 20;
  std::chrono::seconds idle_timeout{300};
  int max_connections = 64;
  std::filesystem::path port_file;  // written with the bound port once listening; none when empty
  // Test hook (VIGIL_TEST_MLLP_ACK_DELAY_MS): a pause between a message's
  // commit and its ACK, so a test can kill the daemon in that window.
  std::chrono::milliseconds ack_delay{0};
};

// "ADDR:PORT", "[v6]:PORT" or ":PORT" (all addresses of loopback are not
// assumed: ":PORT" means 0.0.0.0).
Result<std::pair<std::string, unsigned short>> ParseListenAddress(std::string_view text);

class MllpListener {
 public:
  MllpListener(boost::asio::io_context& io, ListenerOptions options, Hl7Intake& intake);
  ~MllpListener();

  // Binds and starts accepting; the error names the address.
  Status Start();
  void Stop();
  unsigned short port() const { return port_; }

 private:
  class Connection;
  void Accept();

  boost::asio::io_context& io_;
  ListenerOptions options_;
  Hl7Intake& intake_;
  boost::asio::ip::tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  std::uint64_t next_id_ = 1;
  bool stopped_ = false;
  std::unordered_map<std::uint64_t, std::weak_ptr<Connection>> connections_;
};

}  // namespace vigil::mllp
