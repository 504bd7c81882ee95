// Real peers for tests, on loopback: a webhook receiver (HTTP) and an SMTP
// server, each a small Python script (tests/peers/*.py) run by Debian's
// interpreter in its own temporary directory, where it records what it
// received. Tests talk to them as Vigil's channels do and read back what
// arrived; nothing is mocked.
//
// A peer that cannot start (python3-aiosmtpd or openssl missing) throws
// std::runtime_error naming scripts/setup.sh: the test fails, it is never
// skipped. Processes are killed and directories removed in the destructors.
// Not thread-safe: one test thread drives a peer.
//
// Needs VIGIL_SOURCE_DIR (set for every test executable by
// tests/CMakeLists.txt) to find the scripts.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#ifndef VIGIL_SOURCE_DIR
#error "peers.h needs VIGIL_SOURCE_DIR: the source tree holding tests/peers"
#endif

namespace vigil::testing {

// One peer script as a child process in its own temporary directory. The
// script writes the port it listens on to DIR/port once it accepts
// connections.
class PeerProcess {
 public:
  static constexpr const char* kInterpreter = "/usr/bin/python3";

  explicit PeerProcess(std::string script) : script_(std::string(VIGIL_SOURCE_DIR) + "/tests/peers/" + script) {
    std::string tmpl = (std::filesystem::temp_directory_path() / "vigil-peer-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("peer: cannot create a temporary directory");
    dir_ = tmpl;
  }
  ~PeerProcess() {
    Kill();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  PeerProcess(const PeerProcess&) = delete;
  PeerProcess& operator=(const PeerProcess&) = delete;

  const std::filesystem::path& dir() const { return dir_; }
  int port() const { return port_; }

  // Runs `interpreter script dir args...` and waits until it has written
  // its port; throws, with the script's output and the way to fix it, when
  // it exits or stays silent instead.
  void Spawn(const std::vector<std::string>& args) {
    Kill();
    std::filesystem::remove(dir_ / "port");
    std::vector<std::string> argv_text = {kInterpreter, script_, dir_.string()};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    const std::string log = (dir_ / "peer.log").string();

    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("peer: fork failed");
    if (pid_ == 0) {
      // Only async-signal-safe calls between fork and exec: the test
      // process may have other threads.
      const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      if (fd >= 0) {
        ::dup2(fd, 1);
        ::dup2(fd, 2);
      }
      ::close_range(3, ~0U, 0);  // no connection of the test leaks into the peer
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }

    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < deadline) {
      std::ifstream in(dir_ / "port");
      int port = 0;
      if (in >> port && port > 0) {
        port_ = port;
        return;
      }
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        throw std::runtime_error(Unstartable("exited with status " + std::to_string(WEXITSTATUS(status))));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    Kill();
    throw std::runtime_error(Unstartable("wrote no port within 15 s"));
  }

  // Kills the process: its port refuses connections until Spawn again.
  void Kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  bool running() const { return pid_ > 0; }

  // Writes `text` to DIR/name so that the script never reads half of it.
  void WriteFile(const std::string& name, const std::string& text) const {
    const auto tmp = dir_ / ("." + name + ".tmp");
    {
      std::ofstream out(tmp, std::ios::binary);
      out << text;
    }
    std::filesystem::rename(tmp, dir_ / name);
  }

  // DIR/name's JSON lines, in order; a line still being written is left out.
  std::vector<nlohmann::json> ReadLines(const std::string& name) const {
    std::vector<nlohmann::json> lines;
    std::ifstream in(dir_ / name, std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
      nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
      if (!j.is_discarded()) lines.push_back(std::move(j));
    }
    return lines;
  }

 private:
  std::string Unstartable(const std::string& what) const {
    std::ifstream in(dir_ / "peer.log");
    std::stringstream output;
    output << in.rdbuf();
    return "test peer " + script_ + " (" + kInterpreter + ") " + what +
           "; are its packages installed? Run scripts/setup.sh. Its output:\n" + output.str();
  }

  std::string script_;
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

// Writes DIR/cert.pem and DIR/key.pem: a self-signed certificate for
// 127.0.0.1 and localhost, made by the openssl CLI; cert.pem is also the CA
// file a client trusts it with.
inline void MakeTestCertificate(const std::filesystem::path& dir) {
  const std::string d = dir.string();
  const std::string command =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2"
      " -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1"
      " -keyout '" +
      d + "/key.pem' -out '" + d + "/cert.pem' >'" + d + "/openssl.log' 2>&1";
  if (std::system(command.c_str()) != 0 || !std::filesystem::exists(dir / "cert.pem")) {
    std::ifstream in(dir / "openssl.log");
    std::stringstream output;
    output << in.rdbuf();
    throw std::runtime_error("test peer: the openssl CLI could not make a certificate; run scripts/setup.sh. " +
                             output.str());
  }
}

// Waits until `count()` reaches n; polls, as the peer writes to a file.
template <typename Count>
bool WaitForCount(Count count, std::size_t n, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (count() >= n) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

// A webhook receiver (tests/peers/http_receiver.py): HTTP/1.1 with
// keep-alive on 127.0.0.1, recording every request and answering with the
// status the test sets (200 until then).
class HttpReceiver {
 public:
  // kHttps: TLS with a self-signed certificate for 127.0.0.1 (cert_file()).
  enum class Scheme { kHttp, kHttps };

  struct Request {
    std::string method, path;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
    double received_at = 0;  // the receiver's time.time()
    int client_port = 0;     // the sender's port: equal for requests on one connection
  };

  // Starts on a port the OS picks.
  explicit HttpReceiver(Scheme scheme = Scheme::kHttp) : process_("http_receiver.py"), scheme_(scheme) {
    if (scheme_ == Scheme::kHttps) MakeTestCertificate(process_.dir());
    process_.Spawn(Args(0));
  }

  int port() const { return process_.port(); }
  // "http://127.0.0.1:<port>/hook" ("https://..." for kHttps).
  std::string Url(const std::string& path = "/hook") const {
    return std::string(scheme_ == Scheme::kHttps ? "https" : "http") + "://127.0.0.1:" + std::to_string(port()) + path;
  }
  // The certificate an HTTPS receiver presents ("" for HTTP): a client's CA file.
  std::string cert_file() const { return scheme_ == Scheme::kHttps ? (process_.dir() / "cert.pem").string() : ""; }

  // The status of every later answer (read by the receiver on each request).
  void AnswerWith(int status) { process_.WriteFile("status", std::to_string(status)); }
  // How long every later answer waits after the request was recorded.
  void DelayAnswers(std::chrono::milliseconds delay) { process_.WriteFile("delay_ms", std::to_string(delay.count())); }

  // What has arrived so far, oldest first.
  std::vector<Request> Requests() const {
    std::vector<Request> out;
    for (const nlohmann::json& j : process_.ReadLines("requests.jsonl")) {
      Request r{.method = j.value("method", ""),
                .path = j.value("path", ""),
                .headers = {},
                .body = j.value("body", ""),
                .received_at = j.value("received_at", 0.0),
                .client_port = j.value("client_port", 0)};
      if (j.contains("headers")) {
        for (const auto& [name, value] : j["headers"].items()) r.headers[name] = value.get<std::string>();
      }
      out.push_back(std::move(r));
    }
    return out;
  }

  // True once at least n requests have arrived; false after `timeout`.
  bool WaitForRequests(std::size_t n, std::chrono::milliseconds timeout) const {
    return WaitForCount([this] { return process_.ReadLines("requests.jsonl").size(); }, n, timeout);
  }

  // Kills the receiver: connections to its port are refused until Start().
  void Stop() { process_.Kill(); }
  // Starts it again on the same port, keeping what it recorded.
  void Start() { process_.Spawn(Args(port())); }

 private:
  std::vector<std::string> Args(int port) const {
    std::vector<std::string> args;
    if (port > 0) args.push_back(std::to_string(port));
    if (scheme_ == Scheme::kHttps) {
      args.insert(args.end(), {"--tls-cert", (process_.dir() / "cert.pem").string(), "--tls-key",
                               (process_.dir() / "key.pem").string()});
    }
    return args;
  }

  PeerProcess process_;
  Scheme scheme_;
};

// An SMTP server (tests/peers/smtp_sink.py, aiosmtpd) on 127.0.0.1,
// recording every message that reaches the end of DATA and answering it
// with "250 OK" or the reply the test sets.
class SmtpServer {
 public:
  struct Options {
    // Offer STARTTLS with a self-signed certificate for 127.0.0.1 and
    // localhost, made by the openssl CLI (cert_file() is its CA file), and
    // refuse mail before it.
    bool starttls = false;
    // TLS from the first byte (smtps://) with such a certificate instead.
    bool implicit_tls = false;
    // Require AUTH (PLAIN or LOGIN) with these; "" = no authentication.
    std::string user, password;

    static Options StartTls() {
      Options o;
      o.starttls = true;
      return o;
    }
    static Options ImplicitTls() {
      Options o;
      o.implicit_tls = true;
      return o;
    }
    static Options Login(std::string user, std::string password) {
      Options o;
      o.user = std::move(user);
      o.password = std::move(password);
      return o;
    }
  };

  struct Message {
    std::string mail_from;
    std::vector<std::string> rcpt_tos;
    std::string data;   // the message as received (dot-stuffing undone)
    std::string reply;  // what the server answered at the end of DATA
  };

  SmtpServer() : SmtpServer(Options{}) {}
  explicit SmtpServer(Options options) : process_("smtp_sink.py"), options_(std::move(options)) {
    if (options_.starttls || options_.implicit_tls) MakeTestCertificate(process_.dir());
    process_.Spawn(Args(0));
  }

  int port() const { return process_.port(); }
  // "smtp://127.0.0.1:<port>", "smtps://..." with implicit TLS.
  std::string Url() const {
    return std::string(options_.implicit_tls ? "smtps" : "smtp") + "://127.0.0.1:" + std::to_string(port());
  }
  // The certificate the server presents ("" without TLS): a client's CA file.
  std::string cert_file() const {
    return options_.starttls || options_.implicit_tls ? (process_.dir() / "cert.pem").string() : "";
  }

  // The reply to every later message, e.g. "451 4.3.0 try later" or
  // "550 5.1.1 no such user"; ReplyOk() goes back to "250 OK".
  void Reply(const std::string& line) { process_.WriteFile("reply", line + "\n"); }
  void ReplyOk() { std::filesystem::remove(process_.dir() / "reply"); }

  // Every message that reached the end of DATA, oldest first, whatever it
  // was answered.
  std::vector<Message> Messages() const {
    std::vector<Message> out;
    for (const nlohmann::json& j : process_.ReadLines("messages.jsonl")) {
      out.push_back({.mail_from = j.value("mail_from", ""),
                     .rcpt_tos = j.value("rcpt_tos", std::vector<std::string>{}),
                     .data = j.value("data", ""),
                     .reply = j.value("reply", "")});
    }
    return out;
  }

  bool WaitForMessages(std::size_t n, std::chrono::milliseconds timeout) const {
    return WaitForCount([this] { return process_.ReadLines("messages.jsonl").size(); }, n, timeout);
  }

  // Kills the server: connections are refused until Start().
  void Stop() { process_.Kill(); }
  // Starts it again on the same port, keeping what it recorded.
  void Start() { process_.Spawn(Args(port())); }

 private:
  std::vector<std::string> Args(int port) const {
    std::vector<std::string> args;
    if (port > 0) args.insert(args.end(), {"--port", std::to_string(port)});
    if (options_.implicit_tls) args.push_back("--implicit-tls");
    if (options_.starttls || options_.implicit_tls) {
      args.insert(args.end(), {"--tls-cert", (process_.dir() / "cert.pem").string(), "--tls-key",
                               (process_.dir() / "key.pem").string()});
    }
    if (!options_.user.empty()) args.insert(args.end(), {"--auth", options_.user + ":" + options_.password});
    return args;
  }

  PeerProcess process_;
  Options options_;
};

}  // namespace vigil::testing
