// HL7 v2 over MLLP: messages/s and ACK latency (p50/p99; from the first
// byte of a frame written to its ACK read) through the real vigild, over
// one connection and over eight concurrent ones, each sender waiting for
// every ACK as MLLP senders do. Baseline in the same run: the spool path's
// rate for the same lab results, one LB CSV file per message (one commit
// per delivery, as an MLLP message is), renamed into the spool of another
// daemon. Each run has a fresh state directory; every result is a new record.
//
//   build/bench/mllp_bench [--messages N] [--results R] [--subjects S]
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "tests/daemon/daemon_process.h"
#include "tests/daemon/temp_dir.h"

namespace {

using SteadyClock = std::chrono::steady_clock;
namespace fs = std::filesystem;
using vigil::testing::DaemonProcess;
using vigil::testing::TempDir;

struct Test {
  const char* loinc;
  const char* code;
  const char* unit;
  const char* range;
  int base;
};
constexpr Test kTests[] = {{"1742-6", "ALT", "U/L", "7-56", 30},      {"1920-8", "AST", "U/L", "10-40", 25},
                           {"1975-2", "BILI", "mg/dL", "0.1-1.2", 1}, {"6768-6", "ALP", "U/L", "44-147", 90},
                           {"2823-3", "K", "mmol/L", "3.5-5.1", 4},   {"2160-0", "CREAT", "mg/dL", "0.6-1.1", 1},
                           {"751-8", "NEUT", "10^9/L", "1.8-7.7", 4}, {"777-3", "PLAT", "10^9/L", "150-400", 200}};

std::string Subject(int i, int subjects) { return "ESCC2L-01-" + std::to_string(1000 + i % subjects); }
std::string Value(const Test& t, int i) { return std::to_string(t.base + i % 7) + (t.base < 10 ? ".1" : ""); }
std::string Day(int i) { return "202604" + std::string(i % 28 + 1 < 10 ? "0" : "") + std::to_string(i % 28 + 1); }

std::string Message(const std::string& run, int i, int results, int subjects) {
  const std::string filler = run + "-" + std::to_string(i);
  std::string m = "MSH|^~\\&|BENCHLAB|BENCH|VIGIL|ESCC2L|20260401120000||ORU^R01^ORU_R01|" + filler + "|P|2.5.1\r";
  m += "PID|1||" + Subject(i, subjects) + "^^^ESCC2L^RI\r";
  m += "OBR|1||" + filler + "^BENCHLAB|24323-8^CMP^LN|||" + Day(i) + "0800\r";
  for (int r = 0; r < results; ++r) {
    const Test& t = kTests[r % std::size(kTests)];
    m += "OBX|" + std::to_string(r + 1) + "|NM|" + t.loinc + "^" + t.code + "^LN|" + std::to_string(r / 8 + 1) + "|" +
         Value(t, i + r) + "|" + t.unit + "|" + t.range + "||||F|||" + Day(i) + "0800\r";
  }
  return m;
}

std::string Csv(const std::string& run, int i, int results, int subjects) {
  const std::string filler = run + "-" + std::to_string(i);
  const std::string day = Day(i);
  std::string csv = "STUDYID,USUBJID,LBSPID,LBLOINC,LBORRES,LBORRESU,LBORNRLO,LBORNRHI,LBDTC,LBRESSTAT\n";
  for (int r = 0; r < results; ++r) {
    const Test& t = kTests[r % std::size(kTests)];
    const std::string range = t.range;
    const auto dash = range.find('-');
    csv += "ESCC2L," + Subject(i, subjects) + "," + filler + "/" + t.loinc + "/" + std::to_string(r / 8 + 1) + "," +
           t.loinc + "," + Value(t, i + r) + "," + t.unit + "," + range.substr(0, dash) + "," + range.substr(dash + 1) +
           "," + day.substr(0, 4) + "-" + day.substr(4, 2) + "-" + day.substr(6, 2) + "T08:00,FINAL\n";
  }
  return csv;
}

std::string Enrolment(int subjects) {
  std::string dm = "STUDYID,USUBJID,ARMCD,SITEID,RFICDTC,RFXSTDTC,AGE,SEX\n";
  for (int s = 0; s < subjects; ++s) dm += "ESCC2L," + Subject(s, subjects) + ",A,01,2026-03-01,2026-03-02,60,M\n";
  return dm;
}

struct Daemon {
  TempDir dir;
  std::unique_ptr<DaemonProcess> process;
  int port = 0;

  explicit Daemon(int subjects) {
    process = std::make_unique<DaemonProcess>(dir.path(), std::vector<std::string>{"--mllp", "127.0.0.1:0"});
    process->set_log_path(dir.path() / "vigild.log");
    if (!process->Start(std::chrono::seconds(30))) {
      std::fprintf(stderr, "vigild did not start: %s\n",
                   vigil::testing::ReadFileText((dir.path() / "vigild.log").string()).c_str());
      std::exit(1);
    }
    port = std::stoi(vigil::testing::ReadFileText((dir.path() / "mllp.port").string()));
    vigil::testing::Deliver(dir.path() / "spool", "00-enrolment.dm.csv", Enrolment(subjects));
    vigil::testing::WaitForSpoolEmpty(dir.path() / "spool", std::chrono::seconds(60), process.get());
  }
};

int Connect(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    std::perror("connect");
    std::exit(1);
  }
  return fd;
}

// Sends each message and waits for its ACK; returns the latencies (ms),
// counting the ACKs that are not AA.
std::vector<double> SendAll(int port, const std::vector<std::string>& messages, int* not_aa) {
  std::vector<double> latencies;
  int fd = Connect(port);
  std::string reply;
  char buf[8192];
  for (const std::string& m : messages) {
    const std::string frame = "\x0b" + m + "\x1c\r";
    const auto t0 = SteadyClock::now();
    if (::send(fd, frame.data(), frame.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(frame.size())) std::exit(1);
    reply.clear();
    while (reply.find("\x1c\r") == std::string::npos) {
      const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) {
        std::fprintf(stderr, "connection closed before the ACK\n");
        std::exit(1);
      }
      reply.append(buf, static_cast<std::size_t>(n));
    }
    latencies.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count());
    if (reply.find("\rMSA|AA|") == std::string::npos) ++*not_aa;
  }
  ::close(fd);
  return latencies;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t i = std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5));
  return v[i];
}

void RunMllp(int connections, int messages, int results, int subjects) {
  Daemon d(subjects);
  const std::string run = "M" + std::to_string(connections);
  std::vector<std::vector<std::string>> per(static_cast<std::size_t>(connections));
  for (int i = 0; i < messages; ++i) {
    per[static_cast<std::size_t>(i % connections)].push_back(Message(run, i, results, subjects));
  }
  std::vector<std::vector<double>> lat(per.size());
  std::vector<int> bad(per.size(), 0);
  const auto t0 = SteadyClock::now();
  std::vector<std::thread> threads;
  for (std::size_t c = 0; c < per.size(); ++c) {
    threads.emplace_back([&, c] { lat[c] = SendAll(d.port, per[c], &bad[c]); });
  }
  for (auto& t : threads) t.join();
  const double s = std::chrono::duration<double>(SteadyClock::now() - t0).count();
  std::vector<double> all;
  int not_aa = 0;
  for (std::size_t c = 0; c < per.size(); ++c) {
    all.insert(all.end(), lat[c].begin(), lat[c].end());
    not_aa += bad[c];
  }
  std::printf(
      "mllp, %d connection%s: %d messages (%d results) in %.2f s = %.0f messages/s, %.0f results/s; "
      "ACK latency p50 %.2f ms, p99 %.2f ms; not AA: %d\n",
      connections, connections == 1 ? "" : "s", messages, messages * results, s, messages / s, messages * results / s,
      Percentile(all, 0.5), Percentile(all, 0.99), not_aa);
  d.process->Stop();
}

void RunSpool(int messages, int results, int subjects) {
  Daemon d(subjects);
  const fs::path spool = d.dir.path() / "spool";
  const fs::path staging = d.dir.path() / "staging";
  fs::create_directories(staging);
  std::vector<std::string> names;
  for (int i = 0; i < messages; ++i) {
    char name[64];
    std::snprintf(name, sizeof name, "lab-%06d.lb.csv", i);
    vigil::testing::WriteFile(staging / name, Csv("S", i, results, subjects));
    names.emplace_back(name);
  }
  const auto t0 = SteadyClock::now();
  for (const std::string& n : names) fs::rename(staging / n, spool / n);
  if (!vigil::testing::WaitForSpoolEmpty(spool, std::chrono::minutes(30), d.process.get())) {
    std::fprintf(stderr, "the spool did not empty\n");
    std::exit(1);
  }
  const double s = std::chrono::duration<double>(SteadyClock::now() - t0).count();
  std::printf("spool baseline: %d files (%d results, one file per message) in %.2f s = %.0f files/s, %.0f results/s\n",
              messages, messages * results, s, messages / s, messages * results / s);
  d.process->Stop();
}

}  // namespace

int main(int argc, char** argv) {
  int messages = 2000, results = 6, subjects = 50;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const int value = std::atoi(argv[i + 1]);
    if (flag == "--messages")
      messages = value;
    else if (flag == "--results")
      results = value;
    else if (flag == "--subjects")
      subjects = value;
    else {
      std::fprintf(stderr, "usage: mllp_bench [--messages N] [--results R] [--subjects S]\n");
      return 2;
    }
  }
  std::printf("%d ORU^R01 messages of %d results each, %d subjects\n", messages, results, subjects);
  RunMllp(1, messages, results, subjects);
  RunMllp(8, messages, results, subjects);
  RunSpool(messages, results, subjects);
  return 0;
}
