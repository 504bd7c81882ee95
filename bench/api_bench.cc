// HTTP API benchmark: GET /api/v1/summary with a dsmb token, measured with
// wrk against the real vigild serving a simulated trial, and against a
// minimal Boost.Beast server answering the same bytes, in the same run:
// requests per second of both, their ratio, and the p99 latency of each.
//
//   build/bench/api_bench [--subjects 1000] [--seconds 10] [--connections 16] [--threads 2]
//
// Needs wrk (Debian package) on PATH.
#include <algorithm>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "daemon/large_buffers.h"
#include "daemon/store/reader.h"
#include "daemon/summary/summary_service.h"
#include "tests/daemon/daemon_process.h"
#include "tests/daemon/temp_dir.h"

namespace {

namespace fs = std::filesystem;
namespace beast = boost::beast;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// The baseline: a thread per connection, keep-alive, every request answered
// with `body`, nothing else (no routing, no authentication, no store).
class MinimalServer {
 public:
  explicit MinimalServer(std::string body) : body_(std::move(body)), acceptor_(io_) {
    tcp::endpoint at(asio::ip::make_address("127.0.0.1"), 0);
    acceptor_.open(at.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(at);
    acceptor_.listen();
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this] { Accept(); });
  }
  ~MinimalServer() {
    stopping_ = true;
    beast::error_code ec;
    // Wake the accept with a connection of our own.
    tcp::socket s(io_);
    s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port_)), ec);
    thread_.join();
    // Every client (wrk) has closed its connections by now.
    for (std::thread& t : sessions_) t.join();
  }
  int port() const { return port_; }

 private:
  void Accept() {
    while (!stopping_) {
      tcp::socket socket(io_);
      beast::error_code ec;
      acceptor_.accept(socket, ec);
      if (ec || stopping_) continue;
      sessions_.emplace_back([this, s = std::move(socket)]() mutable { Serve(std::move(s)); });
    }
  }
  void Serve(tcp::socket socket) {
    beast::flat_buffer buffer;
    for (;;) {
      beast::http::request<beast::http::string_body> req;
      beast::error_code ec;
      beast::http::read(socket, buffer, req, ec);
      if (ec) return;
      beast::http::response<beast::http::string_body> res{beast::http::status::ok, req.version()};
      res.set(beast::http::field::content_type, "application/json");
      res.keep_alive(req.keep_alive());
      res.body() = body_;
      res.prepare_payload();
      beast::http::write(socket, res, ec);
      if (ec || !res.keep_alive()) return;
    }
  }

  const std::string body_;
  asio::io_context io_;
  tcp::acceptor acceptor_;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
  std::vector<std::thread> sessions_;
};

struct WrkResult {
  double requests_per_s = 0, p50_ms = 0, p99_ms = 0;
  long non_2xx = 0;
};

double Millis(const std::string& number, const std::string& unit) {
  const double v = std::atof(number.c_str());
  if (unit == "us") return v / 1000;
  if (unit == "s") return v * 1000;
  return v;
}

WrkResult RunWrk(const std::string& url, const fs::path& script, int threads, int connections, int seconds) {
  const std::string command = "wrk --latency -t" + std::to_string(threads) + " -c" + std::to_string(connections) +
                              " -d" + std::to_string(seconds) + "s -s " + script.string() + " " + url;
  vigil::testing::CommandResult r = vigil::testing::RunCommand(command + " 2>&1");
  if (r.exit_code != 0) {
    std::fprintf(stderr, "wrk failed: %s\n%s\n", command.c_str(), r.out.c_str());
    std::exit(1);
  }
  WrkResult w;
  std::smatch m;
  if (std::regex_search(r.out, m, std::regex(R"(Requests/sec:\s+([0-9.]+))")))
    w.requests_per_s = std::atof(m[1].str().c_str());
  if (std::regex_search(r.out, m, std::regex(R"(\n\s+50%\s+([0-9.]+)(us|ms|s))"))) w.p50_ms = Millis(m[1], m[2]);
  if (std::regex_search(r.out, m, std::regex(R"(\n\s+99%\s+([0-9.]+)(us|ms|s))"))) w.p99_ms = Millis(m[1], m[2]);
  if (std::regex_search(r.out, m, std::regex(R"(Non-2xx or 3xx responses:\s+([0-9]+))")))
    w.non_2xx = std::atol(m[1].str().c_str());
  return w;
}

}  // namespace

int main(int argc, char** argv) {
  // The baseline copies its body per request as vigild does: the same
  // allocator policy for both (daemon/large_buffers.h).
  vigil::KeepLargeBuffersInHeap();
  int subjects = 1000, seconds = 10, connections = 16, threads = 2;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--subjects")) subjects = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--seconds")) seconds = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--connections")) connections = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--threads")) threads = std::atoi(argv[i + 1]);
  }
  vigil::testing::TempDir dir;
  const fs::path out = dir.path() / "simulated", state = dir.path() / "state";
  auto sim = vigil::testing::Vigilctl(
      state, "simulate --subjects " + std::to_string(subjects) + " --seed 1 --out " + out.string());
  if (sim.exit_code != 0) return 1;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(out)) files.push_back(e.path());
  std::sort(files.begin(), files.end());

  // Port 0: vigild writes the port it listens on to STATE/http.port.
  vigil::testing::DaemonProcess daemon(state, {"--http", "127.0.0.1:0"});
  if (!daemon.Start()) return 1;
  const int port = std::atoi(vigil::testing::ReadFileText((state / "http.port").string()).c_str());
  if (port <= 0) {
    std::fprintf(stderr, "no port in %s\n", (state / "http.port").c_str());
    return 1;
  }
  auto token = vigil::testing::Vigilctl(state, "token create --role dsmb --name bench");
  if (token.exit_code != 0 || token.out.empty()) {
    std::fprintf(stderr, "vigilctl token create failed\n");
    return 1;
  }
  const std::string bearer = token.out.substr(0, token.out.find_first_of("\r\n"));
  for (const fs::path& f : files) fs::rename(f, state / "spool" / f.filename());
  if (!vigil::testing::WaitForSpoolEmpty(state / "spool", std::chrono::hours(2), &daemon)) return 1;
  // Measured once the daemon has cached the current summary (a second after
  // the spool falls quiet), as a dashboard would find it.
  for (int i = 0; i < 600; ++i) {
    auto r = vigil::store::Reader::Open((state / "vigil.db").string());
    if (r.ok()) {
      auto cached = (*r)->CachedSummary(vigil::kCurrentSummary);
      if (cached.ok() && *cached) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }

  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/api/v1/summary";
  const fs::path body_file = dir.path() / "summary.json";
  auto fetched = vigil::testing::RunCommand("curl -sf -o " + body_file.string() + " -H 'Authorization: Bearer " +
                                            bearer + "' " + url);
  const std::string body = vigil::testing::ReadFile(body_file);
  if (fetched.exit_code != 0 || body.empty()) {
    std::fprintf(stderr, "GET %s failed\n", url.c_str());
    return 1;
  }
  const fs::path script = dir.path() / "auth.lua";
  std::ofstream(script) << "wrk.headers[\"Authorization\"] = \"Bearer " << bearer << "\"\n";

  MinimalServer baseline(body);
  const std::string baseline_url = "http://127.0.0.1:" + std::to_string(baseline.port()) + "/api/v1/summary";
  // Warm both up, then measure each in turn.
  (void)RunWrk(url, script, threads, connections, 1);
  (void)RunWrk(baseline_url, script, threads, connections, 1);
  const WrkResult vigild = RunWrk(url, script, threads, connections, seconds);
  const WrkResult minimal = RunWrk(baseline_url, script, threads, connections, seconds);
  daemon.Stop();

  std::printf("API benchmark: GET /api/v1/summary (%zu bytes), %d simulated subjects, wrk -t%d -c%d -d%ds\n",
              body.size(), subjects, threads, connections, seconds);
  std::printf("  vigild          : %10.0f requests/s   p50 %7.2f ms   p99 %7.2f ms   non-2xx %ld\n",
              vigild.requests_per_s, vigild.p50_ms, vigild.p99_ms, vigild.non_2xx);
  std::printf("  minimal Beast   : %10.0f requests/s   p50 %7.2f ms   p99 %7.2f ms\n", minimal.requests_per_s,
              minimal.p50_ms, minimal.p99_ms);
  const double ratio = minimal.requests_per_s > 0 ? 100 * vigild.requests_per_s / minimal.requests_per_s : 0;
  std::printf("  ratio           : %10.1f %% of the minimal server (goal >= 50 %%); vigild p99 goal <= 20 ms: %s\n",
              ratio, vigild.p99_ms <= 20 ? "met" : "missed");
  return vigild.non_2xx == 0 ? 0 : 1;
}
