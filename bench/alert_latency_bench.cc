// Alert latency: from the rename of a one-record SAE file into the spool to
// the webhook receiver's receipt of its 'raised' notification, through the
// real vigild, while lab files stream into the same spool at a steady rate
// (default ~5,000 rows/s in files of 500). The receiver runs in this process, so both ends
// are read from one monotonic clock.
//
// Baseline in the same run: the same receiver's receipt of a POST made
// directly with libcurl (a new connection each time) — the floor any
// webhook delivery on this machine stands on. Figures are reported as
// p50/p99 and as ratios to it.
//
//   build/bench/alert_latency_bench [--saes N] [--lab-rows-per-s R] [--lab-rows-per-file M]
#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/daemon/daemon_process.h"
#include "tests/daemon/temp_dir.h"

namespace {

using SteadyClock = std::chrono::steady_clock;
namespace fs = std::filesystem;

constexpr int kSubjects = 100;
std::string Subject(int i) { return "ESCC2L-01-" + std::to_string(1000 + i % kSubjects); }

// A minimal HTTP/1.1 receiver (keep-alive, Content-Length bodies) that
// notes when each request's body is complete, by the value of a key the
// caller picks out of the body.
class Receiver {
 public:
  using KeyOf = std::function<std::string(const std::string& body)>;
  explicit Receiver(KeyOf key_of) : key_of_(std::move(key_of)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(fd_, 64);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    accept_ = std::thread([this] { Accept(); });
  }
  ~Receiver() {
    stopping_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    accept_.join();
    for (auto& t : connections_) t.detach();
  }
  int port() const { return port_; }
  // When the request with `key` arrived; nullopt while it has not.
  std::optional<SteadyClock::time_point> ReceivedAt(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = received_.find(key);
    if (it == received_.end()) return std::nullopt;
    return it->second;
  }

 private:
  void Accept() {
    while (!stopping_) {
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      int one = 1;
      ::setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      connections_.emplace_back([this, c] { Serve(c); });
    }
  }
  void Serve(int c) {
    std::string buf;
    char chunk[65536];
    while (true) {
      const std::size_t head_end = buf.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        std::size_t length = 0;
        std::string head = buf.substr(0, head_end);
        std::transform(head.begin(), head.end(), head.begin(), ::tolower);
        if (auto at = head.find("content-length:"); at != std::string::npos) {
          length = std::strtoul(head.c_str() + at + 15, nullptr, 10);
        }
        if (buf.size() >= head_end + 4 + length) {
          const auto now = SteadyClock::now();
          const std::string body = buf.substr(head_end + 4, length);
          buf.erase(0, head_end + 4 + length);
          if (std::string key = key_of_(body); !key.empty()) {
            std::lock_guard lock(mutex_);
            received_.emplace(key, now);
          }
          const char* ok = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
          if (::send(c, ok, std::strlen(ok), MSG_NOSIGNAL) < 0) break;
          continue;
        }
      }
      const ssize_t n = ::recv(c, chunk, sizeof chunk, 0);
      if (n <= 0) break;
      buf.append(chunk, static_cast<std::size_t>(n));
    }
    ::close(c);
  }

  KeyOf key_of_;
  int fd_ = -1, port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread accept_;
  std::vector<std::thread> connections_;
  std::mutex mutex_;
  std::map<std::string, SteadyClock::time_point> received_;
};

// The AESPID of a raised SAE alert's evidence; "" for anything else.
std::string SaeKey(const std::string& body) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded()) return body.rfind("direct-", 0) == 0 ? body : "";  // the baseline's posts
  if (j.value("event", "") != "raised" || j["alert"].value("kind", "") != "sae") return "";
  for (const auto& e : j["alert"]["evidence"]) return e.value("record_key", "");
  return "";
}

struct Percentiles {
  double p50, p99, max;
};
Percentiles Of(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * ms.size()))]; };
  return {at(0.50), at(0.99), ms.back()};
}

double Ms(SteadyClock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

std::vector<double> DirectPosts(Receiver& receiver, int n) {
  std::vector<double> out;
  CURL* curl = curl_easy_init();
  for (int i = 0; i < n; ++i) {
    const std::string body = "direct-" + std::to_string(i);
    curl_easy_reset(curl);
    curl_easy_setopt(curl, CURLOPT_URL, ("http://127.0.0.1:" + std::to_string(receiver.port()) + "/").c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_FORBID_REUSE, 1L);
    const auto start = SteadyClock::now();
    curl_easy_perform(curl);
    if (auto at = receiver.ReceivedAt(body)) out.push_back(Ms(*at - start));
  }
  curl_easy_cleanup(curl);
  return out;
}

void Write(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

}  // namespace

int main(int argc, char** argv) {
  int saes = 200;
  int lab_rate = 5000;
  int lab_rows = 500;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--lab-rows-per-file")) lab_rows = std::max(1, std::atoi(argv[i + 1]));
    if (!std::strcmp(argv[i], "--saes")) saes = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--lab-rows-per-s")) lab_rate = std::atoi(argv[i + 1]);
  }
  curl_global_init(CURL_GLOBAL_DEFAULT);
  Receiver receiver(SaeKey);
  vigil::testing::TempDir dir;
  const fs::path state = dir.path() / "state";
  const fs::path staging = dir.path() / "staging";
  fs::create_directories(staging);

  // The example trial, every alert to one webhook.
  std::ifstream example(std::string(VIGIL_SOURCE_DIR) + "/config/example/escc2l.json");
  std::stringstream text;
  text << example.rdbuf();
  nlohmann::json config = nlohmann::json::parse(text.str(), nullptr, true, /*ignore_comments=*/true);
  config["notifiers"] = {
      {"receivers",
       {{{"name", "bench"},
         {"webhooks", {{{"url", "http://127.0.0.1:" + std::to_string(receiver.port()) + "/hook"}}}}}}},
      {"route", {{"receiver", "bench"}, {"repeat_interval_minutes", 0}}}};
  Write(dir.path() / "config.json", config.dump());

  vigil::testing::DaemonProcess daemon(state, {"--config", (dir.path() / "config.json").string()});
  if (!daemon.Start()) {
    std::fprintf(stderr, "vigild did not start\n");
    return 1;
  }
  std::string dm = "STUDYID,USUBJID,ARMCD,RFXSTDTC\n";
  for (int i = 0; i < kSubjects; ++i) dm += "ESCC2L," + Subject(i) + "," + (i % 2 ? "B" : "A") + ",2026-03-01\n";
  vigil::testing::Deliver(state / "spool", "00-enrol.dm.csv", dm);
  if (!vigil::testing::WaitForSpoolEmpty(state / "spool", std::chrono::seconds(60), &daemon)) return 1;

  // Labs: files of 500 rows at lab_rate rows/s, renamed in on schedule.
  std::atomic<bool> done{false};
  std::atomic<long> lab_rows_sent{0};
  std::thread labs([&] {
    const int kRows = lab_rows;
    const auto period = std::chrono::microseconds(1'000'000LL * kRows / std::max(1, lab_rate));
    auto next = SteadyClock::now();
    for (int k = 0; !done; ++k) {
      // Each file a later collection time (10 minutes apart), as a lab's
      // transfers come: every series grows at its end.
      const int minutes = k * 10;
      char dtc[32];
      std::snprintf(dtc, sizeof dtc, "2026-05-%02dT%02d:%02d", 1 + minutes / 1440, minutes % 1440 / 60, minutes % 60);
      std::string csv = "STUDYID,USUBJID,LBSPID,LBTESTCD,LBSTRESN,LBSTRESU,LBSTNRLO,LBSTNRHI,LBDTC\n";
      for (int i = 0; i < kRows; ++i) {
        csv += "ESCC2L," + Subject(i) + ",L" + std::to_string(k) + "-" + std::to_string(i) + ",ALT," +
               std::to_string(10 + i % 25) + ",U/L,7,40," + dtc + "\n";
      }
      const std::string name = "labs-" + std::to_string(k) + ".lb.csv";
      Write(staging / name, csv);
      fs::rename(staging / name, state / "spool" / name);
      lab_rows_sent += kRows;
      next += period;
      std::this_thread::sleep_until(next);
    }
  });

  // SAEs one at a time, each waited for (or given up after 10 s).
  std::vector<double> latency, commit, delivery;
  int lost = 0;
  const auto bench_start = SteadyClock::now();
  for (int i = 0; i < saes; ++i) {
    const std::string key = "SAE" + std::to_string(i);
    const std::string name = "sae-" + std::to_string(i) + ".ae.csv";
    Write(staging / name,
          "STUDYID,USUBJID,AESPID,AETERM,AEDECOD,AEBODSYS,AETOXGR,AESER,AESHOSP,AESTDTC,AEREL_APATINIB\n"
          "ESCC2L," +
              Subject(i) + "," + key + ",Pneumonia,Pneumonia,Infections and infestations,3,Y,Y,2026-04-02,N\n");
    const auto start = SteadyClock::now();
    fs::rename(staging / name, state / "spool" / name);
    std::optional<SteadyClock::time_point> at, committed;
    while (!(at = receiver.ReceivedAt(key)) && SteadyClock::now() - start < std::chrono::seconds(10)) {
      // The file leaves the top of the spool once its batch has committed.
      if (!committed && !fs::exists(state / "spool" / name)) committed = SteadyClock::now();
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    if (at) {
      latency.push_back(Ms(*at - start));
      if (!committed) committed = at;  // the receipt came before the move was seen
      commit.push_back(Ms(*committed - start));
      delivery.push_back(Ms(*at - *committed));
    } else {
      ++lost;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const double seconds = std::chrono::duration<double>(SteadyClock::now() - bench_start).count();
  done = true;
  labs.join();
  const std::vector<double> direct = DirectPosts(receiver, 200);
  daemon.Stop();
  if (latency.empty() || direct.empty()) {
    std::fprintf(stderr, "no measurement (lost %d)\n", lost);
    return 1;
  }
  const Percentiles a = Of(latency), b = Of(direct);
  std::printf("alert latency benchmark: %d SAE files, labs streaming at %.0f rows/s in files of %d (%ld rows)\n", saes,
              lab_rows_sent / seconds, lab_rows, lab_rows_sent.load());
  std::printf("  baseline  direct POST to the receiver (libcurl)     : p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms\n",
              b.p50, b.p99, b.max);
  std::printf("  vigild    SAE file rename -> webhook receipt        : p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms\n",
              a.p50, a.p99, a.max);
  const Percentiles c = Of(commit), d = Of(delivery);
  std::printf("    of which rename -> batch committed (file moved)     : p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms\n",
              c.p50, c.p99, c.max);
  std::printf("    of which committed -> webhook receipt             : p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms\n",
              d.p50, d.p99, d.max);
  std::printf("  ratio     vigild / baseline                         : p50 %7.1f x   p99 %7.1f x\n", a.p50 / b.p50,
              a.p99 / b.p99);
  std::printf("  not received within 10 s                            : %d\n", lost);
  std::printf("  goal      p99 <= 50 ms                              : %s\n", a.p99 <= 50 ? "met" : "missed");
  return lost == 0 ? 0 : 1;
}
