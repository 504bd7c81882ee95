// One connection: read a request within the limits, verify its token,
// route it, run its handler where the route says, write the response, and
// wait for the next one (keep-alive). Everything but the handlers on the
// reader pool runs on the connection's strand.
#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>

#include "daemon/http/request_target.h"
#include "daemon/http/server_shared.h"
#include "notifiers/log_text.h"

namespace vigil::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
// Beast 1.74 has its own string_view.
std::string_view Std(boost::beast::string_view s) { return {s.data(), s.size()}; }

namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

constexpr auto kLingerTime = std::chrono::seconds(1);

// A read or write that ended because the peer left or a deadline passed:
// nothing to answer and nothing worth more than a debug line.
bool PeerGone(const beast::error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::eof ||
         ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
         ec == asio::error::broken_pipe || ec == asio::ssl::error::stream_truncated;
}

Response RunHandler(const Router::Route& route, const Request& request) {
  try {
    return route.handler(request);
  } catch (const std::exception& e) {
    spdlog::error("http {} {}: handler failed: {}", route.method, route.pattern, LogText(e.what(), kLogMessageMax));
  } catch (...) {
    spdlog::error("http {} {}: handler failed", route.method, route.pattern);
  }
  return ErrorResponse(500, "internal error; the daemon's log says more");
}

template <class Stream>
class Session : public Connection, public std::enable_shared_from_this<Session<Stream>> {
 public:
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

  Session(tcp::socket&& socket, std::shared_ptr<Server::Shared> shared)
      : stream_(MakeStream(std::move(socket), *shared)), shared_(std::move(shared)), accepted_(SteadyClock::now()) {}

  ~Session() override { shared_->connections.Remove(id_); }

  void Start() {
    id_ = shared_->connections.Add(this->weak_from_this());
    asio::dispatch(stream_.get_executor(), [self = this->shared_from_this()] { self->Begin(); });
  }

  void Evict() override {
    asio::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
      if (self->phase_ == Phase::kWaiting || self->phase_ == Phase::kReadingHeader) {
        spdlog::debug("http: connection closed to make room for a new one");
        self->CloseNow();
      } else {
        self->shared_->connections.Spare(self->id_);
      }
    });
  }

  void StopGracefully() override {
    asio::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
      self->stop_requested_ = true;
      if (self->phase_ == Phase::kWaiting) self->CloseNow();
      // Otherwise the request in hand is answered with Connection: close.
    });
  }

 private:
  enum class Phase { kWaiting, kReadingHeader, kReadingBody, kHandling, kWriting, kClosing, kClosed };

  static Stream MakeStream(tcp::socket&& socket, Server::Shared& shared) {
    if constexpr (kTls) {
      return Stream(std::move(socket), *shared.tls);
    } else {
      return Stream(std::move(socket));
    }
  }

  beast::tcp_stream& Lowest() { return beast::get_lowest_layer(stream_); }

  void Begin() {
    if constexpr (kTls) {
      Lowest().expires_at(accepted_ + shared_->options.header_timeout);
      stream_.async_handshake(asio::ssl::stream_base::server, [self = this->shared_from_this()](beast::error_code ec) {
        if (ec) {
          if (!PeerGone(ec)) spdlog::debug("http: TLS handshake failed: {}", ec.message());
          self->CloseNow();
          return;
        }
        self->WaitForRequest();
      });
    } else {
      WaitForRequest();
    }
  }

  // Between requests: the first byte of the next one starts its header
  // deadline. A new connection has header_timeout from its start; a
  // kept-alive one idle_timeout to begin its next request.
  void WaitForRequest() {
    phase_ = Phase::kWaiting;
    shared_->connections.SetWaiting(id_, true);
    if (stop_requested_) return CloseNow();
    if (buffer_.size() > 0) return ReadHeader(SteadyClock::now());  // pipelined
    const auto deadline = first_request_ ? accepted_ + shared_->options.header_timeout
                                         : SteadyClock::now() + shared_->options.idle_timeout;
    Lowest().expires_at(deadline);
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                              if (ec) {
                                if (!PeerGone(ec)) spdlog::debug("http: read: {}", ec.message());
                                return self->CloseNow();
                              }
                              self->buffer_.commit(n);
                              self->ReadHeader(self->first_request_ ? self->accepted_ : SteadyClock::now());
                            });
  }

  void ReadHeader(SteadyClock::time_point began) {
    phase_ = Phase::kReadingHeader;
    started_ = SteadyClock::now();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(shared_->options.max_header_bytes));
    parser_->body_limit(shared_->options.max_body_bytes);
    Lowest().expires_at(began + shared_->options.header_timeout);
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    if (ec) return OnReadError(ec, "header");
    phase_ = Phase::kReadingBody;
    shared_->connections.SetWaiting(id_, false);
    const auto& header = parser_->get();
    if (!parser_->is_done() && beast::iequals(header[bhttp::field::expect], "100-continue")) {
      // curl and others wait for this before sending a large body.
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      Lowest().expires_after(shared_->options.idle_timeout);
      asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                        [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                          if (ec) return self->CloseNow();
                          self->ReadBody();
                        });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    Lowest().expires_after(shared_->options.idle_timeout);
    bhttp::async_read(stream_, buffer_, *parser_, [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->OnReadError(ec, "body");
      self->Handle(self->parser_->release());
    });
  }

  void OnReadError(beast::error_code ec, std::string_view part) {
    if (ec == bhttp::error::header_limit) {
      return Refuse(
          431, "the request's header is larger than " + std::to_string(shared_->options.max_header_bytes) + " bytes");
    }
    if (ec == bhttp::error::body_limit) {
      return Refuse(413,
                    "the request's body is larger than " + std::to_string(shared_->options.max_body_bytes) + " bytes");
    }
    if (PeerGone(ec)) {
      if (ec == beast::error::timeout) {
        spdlog::info("http: connection closed: its request's {} did not arrive in time", part);
      }
      return CloseNow();
    }
    Refuse(400, "malformed request: " + ec.message());
  }

  // A request that cannot be read on: answered and the connection closed.
  void Refuse(int status, std::string message) {
    method_ = "-";
    route_ = "malformed";
    token_name_ = "-";
    keep_alive_ = false;
    Respond(ErrorResponse(status, message));
  }

  void Handle(bhttp::request<bhttp::string_body> message) {
    phase_ = Phase::kHandling;
    Request request;
    request.method = std::string(Std(message.method_string()));
    method_ = LogText(request.method, 16);
    keep_alive_ = message.keep_alive();
    version_ = message.version();
    token_name_ = "-";
    route_ = "unmatched";
    if (Status s = ParseTarget(Std(message.target()), request); !s.ok()) {
      route_ = "malformed";
      return Respond(ErrorResponse(400, "bad request target: " + s.message()));
    }
    for (const auto& field : message) AddHeader(request, Std(field.name_string()), Std(field.value()));
    request.body = std::move(message.body());
    if (const std::string_view authorization = request.Header("authorization"); !authorization.empty()) {
      auto caller = shared_->auth.Verify(authorization);
      if (!caller.ok()) {
        spdlog::error("http: tokens cannot be read: {}", LogText(caller.status().message(), kLogMessageMax));
        return Respond(ErrorResponse(503, "the token store cannot be read now; try again"));
      }
      request.caller = std::move(*caller);
      if (request.caller) token_name_ = request.caller->token_name;
    }
    const Router& router = shared_->router;
    route_ = router.RouteName(request);
    if (std::optional<Response> refused = router.Refusal(request)) return Respond(std::move(*refused));
    const Router::Route* route = router.Find(request);
    if (route->runs == Runs::kOnLoop) return Respond(RunHandler(*route, request));
    // The work guard keeps the loop running while the handler is away: the
    // session has no I/O pending meanwhile.
    asio::post(shared_->pool, [self = this->shared_from_this(), route, request = std::move(request),
                               work = asio::make_work_guard(shared_->io)]() mutable {
      Response response = RunHandler(*route, request);
      asio::post(self->stream_.get_executor(),
                 [self, response = std::move(response)]() mutable { self->Respond(std::move(response)); });
    });
  }

  void Respond(Response response) {
    phase_ = Phase::kWriting;
    response_.emplace();
    response_->version(version_);
    response_->result(static_cast<unsigned>(response.status));
    response_->set(bhttp::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) response_->set(name, value);
    response_->body() = std::move(response.body);
    response_->keep_alive(keep_alive_ && !stop_requested_);
    response_->prepare_payload();
    Lowest().expires_after(shared_->options.idle_timeout);
    bhttp::async_write(stream_, *response_,
                       [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->OnWritten(ec); });
  }

  void OnWritten(beast::error_code ec) {
    const int status = static_cast<int>(response_->result_int());
    const double seconds = std::chrono::duration<double>(SteadyClock::now() - started_).count();
    // An unmatched request's method is the client's word: logged, but never
    // a metric's label (unbounded).
    spdlog::info("http {}{} {} {:.2f}ms {}{}", route_ == "unmatched" ? method_ + " " : "", route_, status,
                 seconds * 1000, token_name_, ec ? " (response not delivered: " + ec.message() + ")" : "");
    if (shared_->observer) shared_->observer(route_, status, seconds);
    const bool keep = response_->keep_alive();
    response_.reset();
    if (ec) return CloseNow();
    if (!keep) return Linger();
    first_request_ = false;
    WaitForRequest();
  }

  // Closes so that the client reads the response: TLS says goodbye; plain
  // TCP stops sending and reads what the client still sends (a body the
  // server refused) for a moment, so the kernel does not answer it with a
  // reset that would discard the response.
  void Linger() {
    phase_ = Phase::kClosing;
    Lowest().expires_after(kLingerTime);
    if constexpr (kTls) {
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) { self->CloseNow(); });
    } else {
      beast::error_code ignored;
      Lowest().socket().shutdown(tcp::socket::shutdown_send, ignored);
      Drain();
    }
  }

  void Drain() {
    Lowest().async_read_some(asio::buffer(drain_),
                             [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                               if (ec) return self->CloseNow();
                               self->Drain();
                             });
  }

  void CloseNow() {
    if (phase_ == Phase::kClosed) return;
    phase_ = Phase::kClosed;
    Lowest().close();
  }

  Stream stream_;
  std::shared_ptr<Server::Shared> shared_;
  std::uint64_t id_ = 0;
  const SteadyClock::time_point accepted_;
  SteadyClock::time_point started_;
  Phase phase_ = Phase::kWaiting;
  bool first_request_ = true;
  bool stop_requested_ = false;
  bool keep_alive_ = true;
  unsigned version_ = 11;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::optional<bhttp::response<bhttp::string_body>> response_;
  std::string method_, route_, token_name_;
  char drain_[4096];
};

}  // namespace

void StartSession(tcp::socket socket, const std::shared_ptr<Server::Shared>& shared) {
  if (shared->tls) {
    std::make_shared<Session<TlsStream>>(std::move(socket), shared)->Start();
  } else {
    std::make_shared<Session<PlainStream>>(std::move(socket), shared)->Start();
  }
}

}  // namespace vigil::http
